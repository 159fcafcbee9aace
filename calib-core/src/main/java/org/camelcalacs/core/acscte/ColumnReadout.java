package org.camelcalacs.core.acscte;

/**
 * Per-column kernels of the pixel-based CTE model (port of ctegen2/ctegen2.c: simulatePixelReadout_v1_2,
 * simulateColumnReadout, inverseCTEBlur, forwardModel, correctCROverSubtraction, populateTrapPixelMap; spec §5.2
 * "acscte"). The arithmetic follows the C code operation by operation (double precision for the charge, float for
 * the trap densities), so results agree to the last bit except for the sign of exact zeros.
 *
 * <p>Speed: the reference visits every pixel for every trap. Outside a trail, a pixel below the trap's charge level
 * changes nothing (the C adds {@code 0 + 0 - 0}) and the trapped charge is dead (it is replaced at the next
 * capture), so this port jumps from the end of a trail straight to the next pixel at or above the level, skipping
 * whole blocks of {@value #BLOCK} pixels whose (upper-bound) maximum is below it. The trap-density ratio test is
 * precomputed per column as a factor that is exactly 1.0 where the C code does not multiply.
 *
 * <p>One instance is scratch space for one thread; it is not thread-safe.
 */
public final class ColumnReadout {
    /** Rows per block of the skip index. */
    static final int BLOCK = 32;
    private static final int BLOCK_SHIFT = 5;
    /** The reference's floor for the column maximum when picking the highest trap to follow. */
    static final double MIN_MAX_PIXEL = 10.0;
    /** The FIXROCR loop runs the column at most this many times (do ... while (++NREDO < 5)). */
    static final int MAX_PASSES = 5;
    /** correctCROverSubtraction scales the traps of an over-subtracted trail by this factor. */
    static final double CR_TRAP_SCALE = 0.75;

    private final int nRows;
    final double[] observed;
    final double[] model;
    private final double[] temp;
    final float[] traps;
    private final double[] ratio;
    /** traps as double, and shifted by one row (trapsPrev[i] = traps[i-1]), for the capture-run loop. */
    private final double[] trapsD;
    private final double[] trapsPrev;
    private final double[] blockMax;

    public ColumnReadout(int nRows) {
        this.nRows = nRows;
        observed = new double[nRows];
        model = new double[nRows];
        temp = new double[nRows];
        traps = new float[nRows];
        ratio = new double[nRows];
        trapsD = new double[nRows];
        trapsPrev = new double[nRows];
        blockMax = new double[(nRows + BLOCK - 1) / BLOCK];
    }

    /**
     * Trap densities of one column (populateTrapPixelMap): {@code cte_i(row) * (row+1)/2048 * PCTEFRAC}, cte_i
     * interpolated linearly between the SCLBYCOL values at rows 512, 1024, 1536, 2048. A column with no SCLBYCOL row
     * has no traps.
     *
     * @param scale the four SENS values of the column, or null
     */
    public static void trapColumn(float[] traps, int nRows, double[] scale, double scaleFrac) {
        if (scale == null) {
            java.util.Arrays.fill(traps, 0, nRows, 0f);
            return;
        }
        for (int j = 0; j < nRows; j++) {
            double ro = j / 512.0;
            if (ro > 2.999) {
                ro = 2.999;
            } else if (ro < 0) {
                ro = 0;
            }
            int io = (int) Math.floor(ro);
            double cteJ = (j + 1) / 2048.0;
            double cteI = scale[io] + (scale[io + 1] - scale[io]) * (ro - io);
            traps[j] = (float) (cteI * cteJ * scaleFrac);
        }
    }

    /** Fills {@link #traps} for a column and prepares the ratio factors. */
    void setTraps(double[] scale, double scaleFrac) {
        trapColumn(traps, nRows, scale, scaleFrac);
        updateRatios();
    }

    /** ratio[i] = traps[i]/traps[i-1] where the density decreases, exactly 1.0 elsewhere. */
    void updateRatios() {
        ratio[0] = 1.0;
        for (int i = 1; i < nRows; i++) {
            double a = traps[i];
            double b = traps[i - 1];
            ratio[i] = a < b ? a / b : 1.0;
        }
        for (int i = 0; i < nRows; i++) {
            trapsD[i] = traps[i];
        }
        trapsPrev[0] = 0;
        System.arraycopy(trapsD, 0, trapsPrev, 1, nRows - 1);
    }

    /** simulateColumnReadout: {@code nPar} passes of the one-transfer readout simulation over the column. */
    void simulate(double[] col, CteModel m) {
        for (int shift = 1; shift <= m.nPar(); shift++) {
            readoutPass(col, m);
        }
    }

    /** One pass of simulatePixelReadout_v1_2: every trap, highest charge level first, walks up the column. */
    void readoutPass(double[] col, CteModel m) {
        final int n = nRows;
        final int nTraps = m.nTraps();
        if (nTraps == 0) {
            return;
        }
        final double[] q = m.qlev();
        double maxPixel = MIN_MAX_PIXEL;
        for (int i = 0; i < n; i++) {
            maxPixel = col[i] > maxPixel ? col[i] : maxPixel;
        }
        // Highest trap not above the column maximum; if every trap is above it the C keeps the last trap index
        // (harmless: then no pixel reaches any level and nothing changes).
        int wMax = nTraps - 1;
        for (int w = nTraps - 1; w >= 0; w--) {
            if (q[w] <= maxPixel) {
                wMax = w;
                break;
            }
        }
        final double[] bm = blockMax;
        for (int b = 0, i = 0; b < bm.length; b++) {
            double mx = Double.NEGATIVE_INFINITY;
            int end = Math.min(n, i + BLOCK);
            for (; i < end; i++) {
                if (col[i] > mx) {
                    mx = col[i];
                }
            }
            bm[b] = mx;
        }
        final float[] tr = traps;
        final double[] ra = ratio;
        final float[] rp = m.rprof();
        final float[] cp = m.cprof();
        final int len = m.trailLength();
        final int stride = m.profileLength();
        final double[] dq = m.dpdewPerTransfer();
        for (int w = wMax; w >= 0; w--) {
            final double level = q[w];
            final double perDensity = dq[w];
            final int off = w * stride - 1;
            int i = 0;
            while (true) {
                // Outside a trail: find the next pixel at or above the level.
                while (i < n) {
                    if ((i & (BLOCK - 1)) == 0 && bm[i >> BLOCK_SHIFT] < level) {
                        i += BLOCK;
                        continue;
                    }
                    if (col[i] >= level) {
                        break;
                    }
                    i++;
                }
                if (i >= n) {
                    break;
                }
                // Capture outside a trail: nothing is released, the trap fills.
                double trapped = perDensity * tr[i];
                col[i] += 0.0 - trapped;
                int nT = 0;
                i++;
                // Inside a trail: release along the profile, re-capture at pixels at or above the level.
                while (i < n && nT < len) {
                    double pixel = col[i];
                    if (nT == 0 && pixel >= level) {
                        // A run of pixels at or above the level right after a capture: each releases the first
                        // profile step of the charge the previous pixel captured, then captures again. The same
                        // operations as below, without the branches.
                        int k = i + 1;
                        while (k < n && col[k] >= level) {
                            k++;
                        }
                        captureRun(col, i, k, perDensity, rp[off + 1], cp[off + 1]);
                        for (int mm = i; mm < k; mm++) {
                            double v = col[mm];
                            int b = mm >> BLOCK_SHIFT;
                            if (v > bm[b]) {
                                bm[b] = v;
                            }
                        }
                        trapped = perDensity * trapsD[k - 1];
                        i = k;
                        continue;
                    }
                    trapped *= ra[i];
                    double v;
                    if (pixel >= level) {
                        ++nT;
                        double add = rp[off + nT] * trapped;
                        double extra = cp[off + nT] * trapped;
                        trapped = perDensity * tr[i];
                        v = pixel + (add + extra - trapped);
                        nT = 0;
                    } else {
                        ++nT;
                        double add = rp[off + nT] * trapped;
                        v = pixel + (add + 0.0 - 0.0);
                    }
                    col[i] = v;
                    int b = i >> BLOCK_SHIFT;
                    if (v > bm[b]) {
                        bm[b] = v;
                    }
                    i++;
                }
            }
        }
    }

    /**
     * Pixels [from, to) all at or above the trap level, pixel from-1 having just captured: trapped = DPDE_W/NPAR
     * x density of the previous pixel, scaled by the density ratio; release r1 and c1 times it; capture again.
     */
    private void captureRun(double[] col, int from, int to, double perDensity, double r1, double c1) {
        final double[] prev = trapsPrev;
        final double[] cur = trapsD;
        final double[] ra = ratio;
        for (int m = from; m < to; m++) {
            double t = perDensity * prev[m] * ra[m];
            col[m] = col[m] + (r1 * t + c1 * t - perDensity * cur[m]);
        }
    }

    /**
     * inverseCTEBlur for one column: {@link #observed} (the smoothed column) in, {@link #model} (the corrected
     * column) out. PCTENFOR-1 damped iterations then one undamped one; with FIXROCR the column is rerun (at most
     * {@value #MAX_PASSES} passes in all) while correctCROverSubtraction lowers the traps of over-subtracted trails.
     *
     * @param rnAmp2 the amp's read noise squared (damping {@code δ·δ²/(δ²+RN²)})
     */
    void invert(CteModel m, double rnAmp2) {
        final int n = nRows;
        final double[] obs = observed;
        final double[] mod = model;
        final double[] tmp = temp;
        int nRedo = 0;
        boolean redo;
        do {
            System.arraycopy(obs, 0, mod, 0, n);
            for (int it = 1; it <= m.nForward() - 1; it++) {
                System.arraycopy(mod, 0, tmp, 0, n);
                simulate(mod, m);
                for (int i = 0; i < n; i++) {
                    double delta = mod[i] - obs[i];
                    double delta2 = delta * delta;
                    delta *= delta2 / (delta2 + rnAmp2);
                    mod[i] = tmp[i] - delta;
                }
            }
            System.arraycopy(mod, 0, tmp, 0, n);
            simulate(mod, m);
            for (int i = 0; i < n; i++) {
                mod[i] = tmp[i] - (mod[i] - obs[i]);
            }
            redo = m.fixRocr() && correctCrOverSubtraction(traps, mod, obs, n, m.threshold());
            if (redo) {
                updateRatios();
            }
        } while (redo && ++nRedo < MAX_PASSES);
    }

    /** forwardModel for one column: {@link #observed} in, one readout simulation, {@link #model} out. */
    void forward(CteModel m) {
        System.arraycopy(observed, 0, model, 0, nRows);
        simulate(model, m);
    }

    /**
     * correctCROverSubtraction: finds over-subtracted trails (one pixel below the threshold, two summing below
     * -12 or three below -15, in both the model and model minus observed), then scales by 0.75 the traps from the
     * most over-corrected pixel of the 10 below up to that pixel.
     *
     * @return true if the column must be run again
     */
    static boolean correctCrOverSubtraction(float[] traps, double[] model, double[] observed, int nRows,
                                            double threshold) {
        boolean redo = false;
        for (int i = 10; i < nRows - 2; i++) {
            if ((threshold > model[i] && threshold > (model[i] - observed[i]))
                    || ((model[i] + model[i + 1]) < -12.
                    && (model[i] + model[i + 1] - observed[i] - observed[i + 1] < -12.))
                    || ((model[i] + model[i + 1] + model[i + 2]) < -15.
                    && ((model[i] + model[i + 1] + model[i + 2] - observed[i] - observed[i + 1]
                    - observed[i + 2]) < -15.))) {
                redo = true;
                int iMax = i;
                for (int ii = i - 10; ii <= i; ii++) {
                    if ((model[ii] - observed[ii]) > (model[iMax] - observed[iMax])) {
                        iMax = ii;
                    }
                }
                for (int ii = iMax; ii <= i; ii++) {
                    traps[ii] = (float) (traps[ii] * CR_TRAP_SCALE);
                }
            }
        }
        return redo;
    }
}
