package org.camelcalacs.core.acscte;

/**
 * Read-noise smoothing before the CTE inversion (port of cteSmoothImage and find_dadjFast, ctegen2/ctegen2.c;
 * spec §5.2 "acscte" step 1): builds the smoothest image consistent with the observed one plus read noise, in
 * up to {@value #MAX_ITERATIONS} small steps, stopping once the RMS of (observed − smoothed) over pixels with
 * |value| > 0.1 reaches the read noise.
 *
 * <p>Images are column-major ({@code [column * nRows + row]}). Each step computes the adjustment of every column
 * from the previous step (first phase), then applies it (second phase), in column-parallel passes. The RMS sum is
 * accumulated per column and the column sums are added in column order, so the result is the same for any thread
 * count. (The reference adds per-thread partial sums in thread-arrival order; that sum only decides when to stop,
 * and the difference is a rounding error far below its 1e-5 tolerance.)
 */
public final class ReadNoiseSmoothing {
    /** The reference's iteration cap. */
    static final int MAX_ITERATIONS = 100;
    /** Read noise below which no smoothing is done ("rnsig < 0.1"). */
    static final double MIN_READ_NOISE = 0.1;
    /** Pixels with |observed| and |smoothed| both at or below this are left out of the RMS. */
    static final double RMS_FLOOR = 0.1;
    /** Convergence tolerance of the reference (an epsilon on rn − rms). */
    static final double TOLERANCE = 0.00001;
    /** Fraction of each step's adjustment that is applied. */
    static final double STEP = 0.75;
    /** Clip of the neighbour terms, in units of the read noise. */
    static final double RN_FRACTION = 0.33;

    private ReadNoiseSmoothing() {
    }

    /**
     * Smooths {@code in} into {@code out}.
     *
     * @param adj scratch of the same size
     * @return the number of iterations run (0 if the read noise is below 0.1)
     */
    static int smooth(float[] in, float[] out, float[] adj, int nRows, int nCols, double readNoise, ColumnPool pool) {
        return smooth(in, out, nRows, nCols, readNoise, pool, new Scratch(nRows * nCols));
    }

    /**
     * Double-precision mirrors of the observed and smoothed images, one array per column (the values the
     * reference converts to double pixel by pixel, converted once), the adjustment, and per-worker temporaries.
     * Column arrays indexed only by row let the JIT vectorise the loops.
     */
    static final class Scratch {
        double[][] in = new double[0][];
        double[][] out = new double[0][];
        double[][] t1 = new double[0][];
        double[][] t2 = new double[0][];
        double[][] haloL = new double[0][];
        double[][] haloR = new double[0][];
        double[][] adjA = new double[0][];
        double[][] adjB = new double[0][];
        float[][] inF = new float[0][];
        float[][] adjF = new float[0][];
        double[][] diff = new double[0][];

        Scratch(int n) {
        }

        void ensure(int nRows, int nCols, int workers) {
            if (in.length < nCols || (in.length > 0 && in[0].length != nRows)) {
                in = new double[nCols][nRows];
                out = new double[nCols][nRows];
                inF = new float[nCols][nRows];
            }
            if (t1.length < workers || (t1.length > 0 && t1[0].length != nRows)) {
                t1 = new double[workers][nRows];
                t2 = new double[workers][nRows];
                haloL = new double[workers][nRows];
                haloR = new double[workers][nRows];
                adjA = new double[workers][nRows];
                adjB = new double[workers][nRows];
                adjF = new float[workers][nRows];
                diff = new double[workers][nRows];
            }
        }
    }

    static int smooth(float[] in, float[] out, int nRows, int nCols, double readNoise, ColumnPool pool,
                      Scratch sc) {
        System.arraycopy(in, 0, out, 0, nRows * nCols);
        if (readNoise < MIN_READ_NOISE) {
            return 0;
        }
        sc.ensure(nRows, nCols, pool.threads());
        final double[][] inD = sc.in;
        final double[][] outD = sc.out;
        pool.forStatic(nCols, (w, from, to) -> {
            for (int c = from; c < to; c++) {
                double[] a = inD[c];
                double[] b = outD[c];
                float[] f = sc.inF[c];
                int base = c * nRows;
                for (int j = 0; j < nRows; j++) {
                    a[j] = in[base + j];
                    b[j] = in[base + j];
                    f[j] = in[base + j];
                }
            }
        });
        final double[] colSum = new double[nCols];
        final double[] colCount = new double[nCols];
        int iter;
        for (iter = 0; iter < MAX_ITERATIONS; iter++) {
            // Each worker keeps the old values of the neighbour columns just outside its range...
            pool.forStatic(nCols, (w, from, to) -> {
                if (from > 0) {
                    System.arraycopy(outD[from - 1], 0, sc.haloL[w], 0, nRows);
                }
                if (to < nCols) {
                    System.arraycopy(outD[to], 0, sc.haloR[w], 0, nRows);
                }
            });
            // ...then sweeps its columns: the adjustment of column c needs the old columns c-1..c+1, so column
            // c-1 is updated right after it (same arithmetic as the reference's two full passes).
            pool.forStatic(nCols, (w, from, to) -> sweep(inD, outD, nRows, nCols, from, to, readNoise, sc, w,
                    colSum, colCount));
            double rms = 0;
            double nrms = 0;
            for (int c = 0; c < nCols; c++) {
                rms += colSum[c];
                nrms += colCount[c];
            }
            rms = Math.sqrt(rms / nrms);
            if ((readNoise - rms) < TOLERANCE) {
                iter++;
                break;
            }
        }
        final int iterations = iter;
        pool.forStatic(nCols, (w, from, to) -> {
            for (int c = from; c < to; c++) {
                double[] b = outD[c];
                int base = c * nRows;
                for (int j = 0; j < nRows; j++) {
                    out[base + j] = (float) b[j];
                }
            }
        });
        return iterations;
    }

    private static void sweep(double[][] inD, double[][] outD, int nRows, int nCols, int from, int to, double rn,
                              Scratch sc, int w, double[] colSum, double[] colCount) {
        double[] prevAdj = sc.adjA[w];
        double[] curAdj = sc.adjB[w];
        for (int c = from; c < to; c++) {
            double[] oL = c == 0 ? null : (c - 1 < from ? sc.haloL[w] : outD[c - 1]);
            double[] oR = c == nCols - 1 ? null : (c + 1 >= to ? sc.haloR[w] : outD[c + 1]);
            adjustColumn(c == 0 ? null : inD[c - 1], inD[c], c == nCols - 1 ? null : inD[c + 1], oL, outD[c], oR,
                    curAdj, nRows, nCols, c, rn, sc.t1[w], sc.t2[w]);
            if (c > from) {
                applyColumn(inD[c - 1], sc.inF[c - 1], outD[c - 1], prevAdj, sc.adjF[w], sc.diff[w], nRows, c - 1,
                        colSum, colCount);
            }
            double[] t = prevAdj;
            prevAdj = curAdj;
            curAdj = t;
        }
        if (to > from) {
            applyColumn(inD[to - 1], sc.inF[to - 1], outD[to - 1], prevAdj, sc.adjF[w], sc.diff[w], nRows, to - 1,
                    colSum, colCount);
        }
    }

    /**
     * Second phase for one column: apply 0.75 of the adjustment (rounded to float first, as the reference stores
     * it in a float image; the smoothed value is a float too), accumulate the squared residuals.
     */
    static void applyColumn(double[] in, float[] inF, double[] out, double[] adj, float[] adjF, double[] diff,
                            int nRows, int c, double[] colSum, double[] colCount) {
        // three simple passes (float conversions in separate loops run much faster than interleaved)
        for (int j = 0; j < nRows; j++) {
            adjF[j] = (float) adj[j];
        }
        for (int j = 0; j < nRows; j++) {
            float o = (float) (out[j] + adjF[j] * STEP);
            out[j] = o;
            diff[j] = inF[j] - o;
        }
        double s = 0;
        double cnt = 0;
        for (int j = 0; j < nRows; j++) {
            if (Math.abs(in[j]) > RMS_FLOOR || Math.abs(out[j]) > RMS_FLOOR) {
                double t = diff[j];
                s += t * t;
                cnt++;
            }
        }
        colSum[c] = s;
        colCount[c] = cnt;
    }

    /**
     * First phase for one column: the adjustment of every pixel (find_dadjFast). The interior rows of interior
     * columns are computed in a few simple passes that the JIT vectorises; each pass keeps the reference's order
     * of operations (the 3x3 sum is one left-to-right chain, the four terms are added in order).
     */
    static void adjustColumn(double[] iL, double[] iM, double[] iR, double[] oL, double[] oM, double[] oR,
                             double[] adj, int nRows, int nCols, int c, double rn, double[] t1, double[] t2) {
        // Edge columns use their inner neighbour's window and skip the 3x3 term (the reference's imid reset).
        if (c == 0 || c == nCols - 1 || nRows < 3) {
            boolean middle = c != 0 && c != nCols - 1;
            for (int j = 0; j < nRows; j++) {
                adj[j] = dadj(iL, iM, iR, oL, oM, oR, middle, j, nRows, rn);
            }
            return;
        }
        adj[0] = dadj(iL, iM, iR, oL, oM, oR, true, 0, nRows, rn);
        adj[nRows - 1] = dadj(iL, iM, iR, oL, oM, oR, true, nRows - 1, nRows, rn);
        final int n = nRows - 1;
        final double lim = rn * RN_FRACTION;
        final double nlim = rn * -RN_FRACTION;
        final double rn2 = rn * rn;
        final double rn2x4 = 4.0 * rn2;
        final double rn2x18 = 18.0 * rn2;
        final double w1num = 4 * rn2;
        // 3x3 sum of (observed - smoothed): one left-to-right chain, centre column first
        chainAll(iL, iM, iR, oL, oM, oR, t1, n);
        // dval0 term
        for (int j = 1; j < n; j++) {
            double d0 = iM[j] - oM[j];
            adj[j] = Math.max(-1.0, Math.min(1.0, d0)) * (d0 * d0 / (d0 * d0 + rn2x4)) * 0.25;
        }
        // dval9 term
        for (int j = 1; j < n; j++) {
            double d9 = t1[j];
            adj[j] = adj[j] + Math.max(nlim, Math.min(lim, d9)) * (d9 * d9 / (d9 * d9 + rn2x18)) * 0.25;
        }
        // dmod1 term (pixel below)
        below(oM, t2, n);
        for (int j = 1; j < n; j++) {
            double d1 = t2[j];
            adj[j] = adj[j] + Math.max(nlim, Math.min(lim, d1)) * (w1num / (d1 * d1 + rn2x4)) * 0.25;
        }
        // dmod2 term (pixel above)
        above(oM, t2, n);
        for (int j = 1; j < n; j++) {
            double d2 = t2[j];
            adj[j] = adj[j] + Math.max(nlim, Math.min(lim, d2)) * (w1num / (d2 * d2 + rn2x4)) * 0.25;
        }
    }

    private static void chainAll(double[] iL, double[] iM, double[] iR, double[] oL, double[] oM, double[] oR,
                                 double[] t, int n) {
        for (int j = 1; j < n; j++) {
            t[j] = (iM[j - 1] - oM[j - 1] + iM[j] - oM[j] + iM[j + 1] - oM[j + 1]
                    + iL[j - 1] - oL[j - 1] + iL[j] - oL[j] + iL[j + 1] - oL[j + 1]
                    + iR[j - 1] - oR[j - 1] + iR[j] - oR[j] + iR[j + 1] - oR[j + 1]) / 9.0;
        }
    }




    private static void below(double[] o, double[] t, int n) {
        for (int j = 1; j < n; j++) {
            t[j] = o[j - 1] - o[j];
        }
    }

    private static void above(double[] o, double[] t, int n) {
        for (int j = 1; j < n; j++) {
            t[j] = o[j + 1] - o[j];
        }
    }

    /** find_dadjFast on float column-major images (the literal reading, for tests). */
    static double dadj(float[] in, float[] out, int imid, int local, int j, int nRows, double rn) {
        double[][] ci = new double[3][nRows];
        double[][] co = new double[3][nRows];
        for (int k = 0; k < 3; k++) {
            int col = imid - 1 + k;
            for (int r = 0; r < nRows; r++) {
                ci[k][r] = in[col * nRows + r];
                co[k][r] = out[col * nRows + r];
            }
        }
        if (local == 1) {
            return dadj(ci[0], ci[1], ci[2], co[0], co[1], co[2], true, j, nRows, rn);
        }
        return dadj(null, ci[local], null, null, co[local], null, false, j, nRows, rn);
    }

    /**
     * find_dadjFast for one pixel, written as the reference does it (used at the image edges).
     *
     * @param middle the pixel's column has both neighbours (the 3x3 term is used); else L/R are not read
     */
    static double dadj(double[] iL, double[] iM, double[] iR, double[] oL, double[] oM, double[] oR, boolean middle,
                       int j, int nRows, double rn) {
        double mval = oM[j];
        double dval0 = iM[j] - mval;
        double dval0u = dval0;
        if (dval0u > 1) {
            dval0u = 1;
        } else if (dval0u < -1) {
            dval0u = -1;
        }
        double dval9 = 0.0;
        if (middle && j < nRows - 1 && j > 0) {
            dval9 = iM[j - 1] - oM[j - 1] + iM[j] - oM[j] + iM[j + 1] - oM[j + 1]
                    + iL[j - 1] - oL[j - 1] + iL[j] - oL[j] + iL[j + 1] - oL[j + 1]
                    + iR[j - 1] - oR[j - 1] + iR[j] - oR[j] + iR[j + 1] - oR[j + 1];
            dval9 = dval9 / 9.0;
        }
        double dval9u = clip(dval9, rn);
        double dmod1 = j > 0 ? oM[j - 1] - mval : 0;
        double dmod2 = j < nRows - 1 ? oM[j + 1] - mval : 0;
        double dmod1u = clip(dmod1, rn);
        double dmod2u = clip(dmod2, rn);
        double rn2 = rn * rn;
        double w0 = dval0 * dval0 / (dval0 * dval0 + 4.0 * rn2);
        double w9 = dval9 * dval9 / (dval9 * dval9 + 18.0 * rn2);
        double w1 = 4 * rn2 / (dmod1 * dmod1 + 4.0 * rn2);
        double w2 = 4 * rn2 / (dmod2 * dmod2 + 4.0 * rn2);
        return dval0u * w0 * 0.25 + dval9u * w9 * 0.25 + dmod1u * w1 * 0.25 + dmod2u * w2 * 0.25;
    }

    private static double clip(double v, double rn) {
        if (v > rn * RN_FRACTION) {
            return rn * RN_FRACTION;
        } else if (v < rn * -RN_FRACTION) {
            return rn * -RN_FRACTION;
        }
        return v;
    }
}
