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
        System.arraycopy(in, 0, out, 0, nRows * nCols);
        if (readNoise < MIN_READ_NOISE) {
            return 0;
        }
        final double[] colSum = new double[nCols];
        final double[] colCount = new double[nCols];
        int iter;
        for (iter = 0; iter < MAX_ITERATIONS; iter++) {
            pool.forStatic(nCols, (w, from, to) -> {
                for (int c = from; c < to; c++) {
                    adjustColumn(in, out, adj, nRows, nCols, c, readNoise);
                }
            });
            pool.forStatic(nCols, (w, from, to) -> {
                for (int c = from; c < to; c++) {
                    applyColumn(in, out, adj, nRows, c, colSum, colCount);
                }
            });
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
        return iter;
    }

    /** Second phase for one column: apply 0.75 of the adjustment, accumulate the squared residuals. */
    static void applyColumn(float[] in, float[] out, float[] adj, int nRows, int c, double[] colSum,
                            double[] colCount) {
        int base = c * nRows;
        double s = 0;
        double cnt = 0;
        for (int j = 0; j < nRows; j++) {
            int k = base + j;
            float o = (float) (out[k] + adj[k] * STEP);
            out[k] = o;
            float diff = in[k] - o;
            if (Math.abs(in[k]) > RMS_FLOOR || Math.abs(o) > RMS_FLOOR) {
                double t = diff;
                s += t * t;
                cnt++;
            }
        }
        colSum[c] = s;
        colCount[c] = cnt;
    }

    /** First phase for one column: the adjustment of every pixel (find_dadjFast). */
    static void adjustColumn(float[] in, float[] out, float[] adj, int nRows, int nCols, int c, double rn) {
        // Edge columns use their inner neighbour's window and skip the 3x3 term (the reference's imid reset).
        int imid = c == 0 ? 1 : (c == nCols - 1 ? nCols - 2 : c);
        int local = 1 + c - imid;
        int base = c * nRows;
        if (local != 1 || nRows < 3) {
            for (int j = 0; j < nRows; j++) {
                adj[base + j] = (float) dadj(in, out, imid, local, j, nRows, rn);
            }
            return;
        }
        adj[base] = (float) dadj(in, out, imid, 1, 0, nRows, rn);
        adj[base + nRows - 1] = (float) dadj(in, out, imid, 1, nRows - 1, nRows, rn);
        final int cl = base - nRows;
        final int cr = base + nRows;
        final double lim = rn * RN_FRACTION;
        final double nlim = rn * -RN_FRACTION;
        final double rn2 = rn * rn;
        final double rn2x4 = 4.0 * rn2;
        final double rn2x18 = 18.0 * rn2;
        final double w1num = 4 * rn2;
        for (int j = 1; j < nRows - 1; j++) {
            final int k = base + j;
            final double mval = out[k];
            final double dval0 = (double) in[k] - mval;
            final double dval0u = Math.max(-1.0, Math.min(1.0, dval0));
            double dval9 = (double) in[k - 1] - (double) out[k - 1]
                    + (double) in[k] - (double) out[k]
                    + (double) in[k + 1] - (double) out[k + 1]
                    + (double) in[cl + j - 1] - (double) out[cl + j - 1]
                    + (double) in[cl + j] - (double) out[cl + j]
                    + (double) in[cl + j + 1] - (double) out[cl + j + 1]
                    + (double) in[cr + j - 1] - (double) out[cr + j - 1]
                    + (double) in[cr + j] - (double) out[cr + j]
                    + (double) in[cr + j + 1] - (double) out[cr + j + 1];
            dval9 = dval9 / 9.0;
            final double dval9u = Math.max(nlim, Math.min(lim, dval9));
            final double dmod1 = (double) out[k - 1] - mval;
            final double dmod2 = (double) out[k + 1] - mval;
            final double dmod1u = Math.max(nlim, Math.min(lim, dmod1));
            final double dmod2u = Math.max(nlim, Math.min(lim, dmod2));
            final double w0 = dval0 * dval0 / (dval0 * dval0 + rn2x4);
            final double w9 = dval9 * dval9 / (dval9 * dval9 + rn2x18);
            final double w1 = w1num / (dmod1 * dmod1 + rn2x4);
            final double w2 = w1num / (dmod2 * dmod2 + rn2x4);
            adj[k] = (float) (dval0u * w0 * 0.25 + dval9u * w9 * 0.25 + dmod1u * w1 * 0.25 + dmod2u * w2 * 0.25);
        }
    }

    /**
     * find_dadjFast for one pixel, written as the reference does it (used at the image edges).
     *
     * @param imid  the middle column of the 3-column window
     * @param local position of the pixel's column in the window (0, 1, 2)
     */
    static double dadj(float[] in, float[] out, int imid, int local, int j, int nRows, double rn) {
        int b0 = (imid - 1) * nRows;
        int bi = b0 + local * nRows;
        double mval = out[bi + j];
        double dval0 = (double) in[bi + j] - mval;
        double dval0u = dval0;
        if (dval0u > 1) {
            dval0u = 1;
        } else if (dval0u < -1) {
            dval0u = -1;
        }
        double dval9 = 0.0;
        if (local == 1 && j < nRows - 1 && j > 0) {
            int bl = b0;
            int br = b0 + 2 * nRows;
            dval9 = (double) in[bi + j - 1] - (double) out[bi + j - 1]
                    + (double) in[bi + j] - (double) out[bi + j]
                    + (double) in[bi + j + 1] - (double) out[bi + j + 1]
                    + (double) in[bl + j - 1] - (double) out[bl + j - 1]
                    + (double) in[bl + j] - (double) out[bl + j]
                    + (double) in[bl + j + 1] - (double) out[bl + j + 1]
                    + (double) in[br + j - 1] - (double) out[br + j - 1]
                    + (double) in[br + j] - (double) out[br + j]
                    + (double) in[br + j + 1] - (double) out[br + j + 1];
            dval9 = dval9 / 9.0;
        }
        double dval9u = clip(dval9, rn);
        double dmod1 = j > 0 ? (double) out[bi + j - 1] - mval : 0;
        double dmod2 = j < nRows - 1 ? (double) out[bi + j + 1] - mval : 0;
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
