package org.camelcalacs.core.acsccd.blev;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Post-SM4 WFC full-frame stripe removal and bias-level subtraction from the prescan: {@code doDestripe} and its
 * helpers in blev_funcs_postsm4.c (spec §5.2 BLEVCORR (b), §6, §9.1).
 * <p>
 * On the four amp-oriented arrays (2068 rows × 2072 columns, amp at the lower left, {@link AmpQuadrant}), all in
 * double:
 * <ol>
 *   <li>per amp, subtract from each of the 24 prescan columns its 4×5σ-clipped mean, computed after removing each
 *       row's mean over prescan columns 12..23 and skipping rows with any of columns 24..29 ≥ 50000;</li>
 *   <li>per amp, flag bad rows: row 0 always; |row mean − amp mean| &gt; 100 with the C integer {@code abs}; or any
 *       of columns 24..29 &gt; 70000;</li>
 *   <li>per amp, the bias level = mean of the good-row prescan pixels clipped at 6 × mean absolute deviation
 *       (at least 6, at most 10 passes) is subtracted from the whole amp; MEANBLEV per chip = mean of its two
 *       amps' levels;</li>
 *   <li>per row, the stripe = mean over amps (with prescan row σ &lt; 15 and a good row; at least 2 amps) of the
 *       prescan row mean; it is interpolated along the readout ({@code row + (col − 11.5)/(cols + 146)}) and
 *       subtracted from all four amps.</li>
 * </ol>
 */
public final class Destripe {
    /** Number of prescan ("bias") columns of each amp ({@code NBIAS_COLS}). */
    public static final int NBIAS_COLS = 24;
    /** Number of virtual-overscan rows ({@code NOSCN_ROWS}). */
    public static final int NOSCN_ROWS = 20;
    /** First column of the 12 used for the per-row reference mean in the column-mean step (0-based). */
    static final int ROW_REF_FIRST_COL = 12;
    /** Columns 24..29 (the first science columns) are tested for saturation. */
    static final int SAT_TEST_FIRST_COL = 24;
    static final int SAT_TEST_LAST_COL = 29;
    /** Rows with any tested column at or above this are skipped in the column means (strict {@code < 50000}). */
    static final double COLMEAN_SAT_LIMIT = 50000;
    /** Rows with any tested column above this are bad rows. */
    static final double GOODROW_SAT_LIMIT = 70000;
    /** Bad-row limit on |row mean − amp mean|, applied after C integer truncation. */
    static final int GOODROW_DEV_LIMIT = 100;
    /** Sigma level and iteration count of the column-mean clipping ({@code calc_mean_std}). */
    static final double COLMEAN_SIGMA = 5.0;
    static final int COLMEAN_CLIP_ITERATIONS = 4;
    /** Clipping level (× mean absolute deviation) of the bias-level mean. */
    static final double BIAS_CLIP_LEVEL = 6.0;
    /** Prescan row σ at or above which an amp row is not used for the stripe. */
    static final double STRIPE_STD_LIMIT = 15;
    /** Minimum number of usable amps for a row stripe. */
    static final int STRIPE_MIN_AMPS = 2;
    /** Readout offset of the stripe interpolation: {@code (col − 11.5)/(cols + 146)}. */
    static final double INTERP_COL_OFFSET = 11.5;
    static final int INTERP_GAP_PIX = 146;

    private Destripe() {
    }

    /**
     * Result of the destripe.
     *
     * @param biasLevels   bias level subtracted per amp (electrons), index A=0, B=1, C=2, D=3; add them to the bias
     *                     shift's {@link BiasShift.Result#blevContribution()} for BIASLEVA..D
     * @param meanBlevChip1 MEANBLEV for the chip-1 SCI header (imset 2): {@code (float)((A + B)/2)}
     * @param meanBlevChip2 MEANBLEV for the chip-2 SCI header (imset 1): {@code (float)((C + D)/2)}
     * @param rowsFixed    rows whose stripe was removed (same for all amps)
     * @param rowsSkipped  rows with fewer than 2 usable amps (stripe 0)
     * @param goodRowCounts good rows per amp after {@code find_good_rows} (before the σ test), A..D
     */
    public record Result(double[] biasLevels, float meanBlevChip1, float meanBlevChip2, int rowsFixed,
                         int rowsSkipped, int[] goodRowCounts) {
        /** The trailer lines the reference prints ("     bias level of %.6g electrons was subtracted for AMP X."). */
        public List<String> trailerLines() {
            List<String> l = new ArrayList<>(4);
            for (Amp a : Amp.values()) {
                l.add(String.format(Locale.ROOT, "     bias level of %s electrons was subtracted for AMP %c.",
                        formatG6(biasLevels[a.ordinal()]), a.letter()));
            }
            return l;
        }

        /** The two HISTORY lines the reference adds to the primary header, in order. */
        public List<String> historyLines() {
            return List.of("DESTRIPE: number of rows fixed per amp: " + rowsFixed,
                    "DESTRIPE: number of rows skipped per amp: " + rowsSkipped);
        }
    }

    /**
     * Destripes and bias-subtracts a post-SM4 full frame in place (BLEVCORR path (b), last step; always run for a
     * post-SM4 full frame whose two chips matched an OSCNTAB row, with or without the bias shift).
     * <p>
     * Caller contract: {@code chip2Sci} = SCI of imset 1 (EXTVER 1, CCDCHIP 2, amps C/D), {@code chip1Sci} = SCI of
     * imset 2 (EXTVER 2, CCDCHIP 1, amps A/B); UNTRIMMED ({@code nx}=4144, {@code ny}=2068), in ELECTRONS (gain
     * applied), after {@link BiasShift#fullFrame} and {@link Crosstalk#correct} when those apply. The caller then
     * writes MEANBLEV to both SCI headers, the {@link Result#historyLines()} to the primary header, and
     * BIASLEVA..D = (float)(bias-shift contribution + {@code biasLevels}) when BIASLEVA exists and the value ≠ 0.
     */
    public static Result apply(float[] chip2Sci, float[] chip1Sci, int nx, int ny) {
        return apply(chip2Sci, chip1Sci, nx, ny, 1);
    }

    /**
     * As {@link #apply(float[], float[], int, int)}, with the per-amp work on up to {@code threads} threads
     * (each amp's sums are computed by one thread in the reference's order: bit-identical for any count).
     */
    public static Result apply(float[] chip2Sci, float[] chip1Sci, int nx, int ny, int threads) {
        return apply(chip2Sci, chip1Sci, nx, ny, threads, new double[4][]);
    }

    /** As {@link #apply(float[], float[], int, int, int)} with the per-amp work arrays taken from {@code scratch}. */
    static Result apply(float[] chip2Sci, float[] chip1Sci, int nx, int ny, int threads, double[][] scratch) {
        if (chip2Sci.length != nx * ny || chip1Sci.length != nx * ny) {
            throw new IllegalArgumentException("chip arrays must be " + nx + "x" + ny);
        }
        int rows = ny;
        int cols = nx / 2;
        if (cols < SAT_TEST_LAST_COL + 1 || rows <= NOSCN_ROWS + 1) {
            throw new IllegalArgumentException("destripe needs full-frame amp arrays; got " + cols + "x" + rows);
        }
        Amp[] amps = Amp.values();
        double[][] ampData = new double[4][];
        boolean[][] goodRows = new boolean[4][rows];
        int[] goodCounts = new int[4];
        double[] levels = new double[4];
        AmpTasks.run(4, threads, k -> {
            Amp a = amps[k];
            double[] d = AmpQuadrant.extract(a.chip() == 1 ? chip1Sci : chip2Sci, nx, ny, a, cols,
                    AmpQuadrant.scratch(scratch[k], cols, rows));
            ampData[k] = d;
            double[] colMeans = new double[NBIAS_COLS];
            biasColumnMeans(rows, cols, d, colMeans, null);
            subtractBiasColumnMeans(rows, cols, colMeans, d);
            goodCounts[k] = findGoodRows(rows, cols, d, goodRows[k]);
            double mean = clippedBiasMean(rows, cols, d, goodRows[k]).mean();
            // the level is subtracted from the whole amp; the stripe means below need only the prescan columns,
            // so the science columns get it in the final fused pass (same operations in the same order)
            for (int i = 0; i < rows; i++) {
                int base = cols * i;
                for (int j = 0; j < NBIAS_COLS; j++) {
                    d[base + j] -= mean;
                }
            }
            levels[k] = mean;
        });
        float meanChip1 = (float) ((levels[0] + levels[1]) / 2.);
        float meanChip2 = (float) ((levels[2] + levels[3]) / 2.);
        double[] rowMeans = new double[rows];
        int[] fixedSkipped = stripeRowMeans(rows, cols, goodRows, ampData, rowMeans);
        AmpTasks.run(4, threads, k -> {
            Amp a = amps[k];
            subtractLevelAndStripesInto(rows, cols, rowMeans, ampData[k], levels[k], a,
                    a.chip() == 1 ? chip1Sci : chip2Sci, nx, ny);
            ampData[k] = null;
        });
        return new Result(levels, meanChip1, meanChip2, fixedSkipped[0], fixedSkipped[1], goodCounts);
    }

    /**
     * {@code bias_col_mean_std}: for each prescan column, the clipped mean (and σ) of the column after removing
     * each row's mean over columns 12..23, skipping rows where any of columns 24..29 is ≥ 50000.
     *
     * @param colStds may be null
     */
    static void biasColumnMeans(int rows, int cols, double[] a, double[] colMeans, double[] colStds) {
        double[] minusRowMean = new double[rows * NBIAS_COLS];
        for (int i = 0; i < rows; i++) {
            double sum = 0.0;
            for (int j = ROW_REF_FIRST_COL; j < NBIAS_COLS; j++) {
                sum += a[cols * i + j];
            }
            double mean = sum / 12.0;
            for (int j = 0; j < NBIAS_COLS; j++) {
                minusRowMean[NBIAS_COLS * i + j] = a[cols * i + j] - mean;
            }
        }
        double[] col = new double[rows];
        double[] ms = new double[2];
        for (int j = 0; j < NBIAS_COLS; j++) {
            int n = 0;
            for (int i = 0; i < rows; i++) {
                if (belowAll(a, cols * i, COLMEAN_SAT_LIMIT)) {
                    col[n++] = minusRowMean[NBIAS_COLS * i + j];
                }
            }
            clippedMeanStd(n, col, COLMEAN_SIGMA, ms);
            colMeans[j] = ms[0];
            if (colStds != null) {
                colStds[j] = ms[1];
            }
        }
    }

    private static boolean belowAll(double[] a, int rowBase, double limit) {
        for (int c = SAT_TEST_FIRST_COL; c <= SAT_TEST_LAST_COL; c++) {
            if (!(a[rowBase + c] < limit)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code calc_mean_std}: mean and sample σ, then {@value #COLMEAN_CLIP_ITERATIONS} passes keeping
     * {@code |x − mean| <= sig·σ}. Quirk kept: within a pass the squared deviations are taken about the PREVIOUS
     * pass's mean, not the new one.
     *
     * @param out receives {mean, std}
     */
    static void clippedMeanStd(int len, double[] x, double sig, double[] out) {
        double sumMean = 0.0;
        for (int i = 0; i < len; i++) {
            sumMean += x[i];
        }
        double mean = sumMean / (double) len;
        double sumStd = 0.0;
        for (int i = 0; i < len; i++) {
            double d = x[i] - mean;
            sumStd += d * d;
        }
        double std = Math.sqrt(sumStd / (double) (len - 1));
        for (int it = 0; it < COLMEAN_CLIP_ITERATIONS; it++) {
            int nused = 0;
            sumMean = 0.0;
            sumStd = 0.0;
            for (int i = 0; i < len; i++) {
                if (Math.abs(x[i] - mean) <= sig * std) {
                    sumMean += x[i];
                    double d = x[i] - mean; // deviation about the previous pass's mean (reference quirk)
                    sumStd += d * d;
                    nused++;
                }
            }
            mean = sumMean / (double) nused;
            std = Math.sqrt(sumStd / (double) (nused - 1));
        }
        out[0] = mean;
        out[1] = std;
    }

    /** {@code sub_bias_col_means}: subtracts each prescan column's mean from that column, all rows. */
    static void subtractBiasColumnMeans(int rows, int cols, double[] colMeans, double[] a) {
        for (int j = 0; j < NBIAS_COLS; j++) {
            for (int i = 0; i < rows; i++) {
                a[cols * i + j] = a[cols * i + j] - colMeans[j];
            }
        }
    }

    /**
     * {@code find_good_rows}: marks each amp row usable or not and returns the number of good rows. Row 0 is never
     * good. A row is bad if {@code cIntAbs(rowMean − ampMean) > 100} or any of columns 24..29 is &gt; 70000, where
     * rowMean is the row's science mean minus the mean prescan level of this row and the previous one, and ampMean
     * the mean science level (excluding the 20 virtual-overscan rows) above the prescan mean.
     */
    static int findGoodRows(int rows, int cols, double[] a, boolean[] good) {
        int dataRows = rows - NOSCN_ROWS;
        double sum = 0.0;
        for (int i = 0; i < dataRows; i++) {
            for (int j = 0; j < NBIAS_COLS; j++) {
                sum += a[cols * i + j];
            }
        }
        double biasMean = sum / (double) (dataRows * NBIAS_COLS);
        sum = 0.0;
        for (int i = 0; i < dataRows; i++) {
            for (int j = NBIAS_COLS; j < cols; j++) {
                sum += (a[cols * i + j] - biasMean);
            }
        }
        double ampMean = sum / (double) ((cols - NBIAS_COLS) * dataRows);
        good[0] = false;
        int nGood = 0;
        for (int i = 1; i < rows; i++) {
            sum = 0.0;
            for (int j = 0; j < NBIAS_COLS; j++) {
                sum += a[cols * i + j] + a[cols * (i - 1) + j];
            }
            double rowRef = sum / (double) (2 * NBIAS_COLS);
            sum = 0.0;
            for (int j = NBIAS_COLS; j < cols; j++) {
                sum += a[cols * i + j] - rowRef;
            }
            double rowMean = sum / (double) (cols - NBIAS_COLS);
            boolean bad = cIntAbsExceeds(rowMean - ampMean, GOODROW_DEV_LIMIT);
            for (int c = SAT_TEST_FIRST_COL; !bad && c <= SAT_TEST_LAST_COL; c++) {
                bad = a[cols * i + c] > GOODROW_SAT_LIMIT;
            }
            good[i] = !bad;
            if (!bad) {
                nGood++;
            }
        }
        return nGood;
    }

    /**
     * The reference calls the C {@code int abs(int)} on a double (quirk): the value is truncated toward zero before
     * the comparison, so e.g. a deviation of 100.9 is NOT above 100. Out-of-int-range or NaN values (undefined
     * behaviour in C) count as exceeding.
     */
    static boolean cIntAbsExceeds(double value, int limit) {
        if (Double.isNaN(value) || value >= 2147483648.0 || value <= -2147483649.0) {
            return true;
        }
        int truncated = (int) value;
        return Math.abs(truncated) > limit;
    }

    /** Clipped mean and σ of the good-row prescan pixels, with the number of pixels used. */
    record BiasMean(double mean, double std, int pixUsed) {
    }

    /**
     * {@code calc_bias_mean_std}: mean of the prescan pixels (columns 0..23, all rows marked good, including the
     * virtual-overscan rows), clipped at 6 × mean absolute deviation; passes repeat while pass ≤ 5, or while
     * pass ≤ 10 and the last pass rejected pixels. Sums run column by column (column-major), as in the reference.
     */
    static BiasMean clippedBiasMean(int rows, int cols, double[] a, boolean[] goodRows) {
        boolean[] goodPix = new boolean[rows * NBIAS_COLS];
        int ntot1 = 0;
        for (int j = 0; j < NBIAS_COLS; j++) {
            for (int i = 0; i < rows; i++) {
                goodPix[NBIAS_COLS * i + j] = goodRows[i];
                if (goodRows[i]) {
                    ntot1++;
                }
            }
        }
        int ntot2;
        int nits = 0;
        do {
            ntot2 = ntot1;
            ntot1 = 0;
            nits++;
            double sumMean = 0.0;
            for (int j = 0; j < NBIAS_COLS; j++) {
                for (int i = 0; i < rows; i++) {
                    if (goodPix[NBIAS_COLS * i + j]) {
                        sumMean += a[cols * i + j];
                        ntot1++;
                    }
                }
            }
            double mean = ntot1 != 0 ? sumMean / (double) ntot1 : 0;
            double sumDev = 0.0;
            for (int j = 0; j < NBIAS_COLS; j++) {
                for (int i = 0; i < rows; i++) {
                    if (goodPix[NBIAS_COLS * i + j]) {
                        sumDev += Math.abs(a[cols * i + j] - mean);
                    }
                }
            }
            double dev = ntot1 != 0 ? sumDev / (double) ntot1 : 0;
            ntot1 = 0;
            double limit = BIAS_CLIP_LEVEL * dev;
            for (int j = 0; j < NBIAS_COLS; j++) {
                for (int i = 0; i < rows; i++) {
                    int g = NBIAS_COLS * i + j;
                    if (goodPix[g] && Math.abs(a[cols * i + j] - mean) > limit) {
                        goodPix[g] = false;
                    } else if (goodPix[g]) {
                        ntot1++;
                    }
                }
            }
        } while (nits <= 5 || (nits <= 10 && ntot1 < ntot2));
        double sumMean = 0.0;
        for (int j = 0; j < NBIAS_COLS; j++) {
            for (int i = 0; i < rows; i++) {
                if (goodPix[NBIAS_COLS * i + j]) {
                    sumMean += a[cols * i + j];
                }
            }
        }
        double mean = ntot1 != 0 ? sumMean / (double) ntot1 : 0;
        double sumStd = 0.0;
        for (int j = 0; j < NBIAS_COLS; j++) {
            for (int i = 0; i < rows; i++) {
                if (goodPix[NBIAS_COLS * i + j]) {
                    double d = a[cols * i + j] - mean;
                    sumStd += d * d;
                }
            }
        }
        double std = ntot1 != 0 ? Math.sqrt(sumStd / (double) (ntot1 - 1)) : 0;
        return new BiasMean(mean, std, ntot1);
    }

    /**
     * {@code remove_stripes}: per row, the stripe is the mean over usable amps of the prescan row means (an amp row
     * is unusable if it is not a good row or its prescan row σ ≥ 15, which also clears its good flag); rows with
     * fewer than 2 usable amps get 0. The stripe is interpolated at {@code i + (j − 11.5)/(cols + 146)} and
     * subtracted from all four amps.
     *
     * @return {rowsFixed, rowsSkipped}
     */
    static int[] removeStripes(int rows, int cols, boolean[][] goodRows, double[][] ampData) {
        double[] rowMeans = new double[rows];
        int[] fs = stripeRowMeans(rows, cols, goodRows, ampData, rowMeans);
        for (double[] d : ampData) {
            subtractStripes(rows, cols, rowMeans, d);
        }
        return fs;
    }

    /** First half of {@code remove_stripes}: the per-row stripe levels; returns {rowsFixed, rowsSkipped}. */
    static int[] stripeRowMeans(int rows, int cols, boolean[][] goodRows, double[][] ampData, double[] rowMeans) {
        int nAmps = ampData.length;
        double[] ampMeans = new double[nAmps];
        int fixed = 0;
        int skipped = 0;
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < nAmps; k++) {
                double sum = 0.0;
                for (int j = 0; j < NBIAS_COLS; j++) {
                    sum += ampData[k][cols * i + j];
                }
                ampMeans[k] = sum / (double) NBIAS_COLS;
            }
            for (int k = 0; k < nAmps; k++) {
                double sum = 0.0;
                for (int j = 0; j < NBIAS_COLS; j++) {
                    double d = ampData[k][cols * i + j] - ampMeans[k];
                    sum += d * d;
                }
                double std = Math.sqrt(sum / (double) (NBIAS_COLS - 1));
                if (std >= STRIPE_STD_LIMIT) {
                    goodRows[k][i] = false;
                }
            }
            double sum = 0.0;
            int num = 0;
            for (int k = 0; k < nAmps; k++) {
                if (goodRows[k][i]) {
                    sum += ampMeans[k];
                    num++;
                }
            }
            rowMeans[i] = 0.0;
            if (num >= STRIPE_MIN_AMPS) {
                rowMeans[i] = sum / (double) num;
                fixed++;
            } else {
                skipped++;
            }
        }
        return new int[] {fixed, skipped};
    }

    /**
     * Second half of {@code remove_stripes}: subtracts the interpolated stripe from one amp array.
     * <p>
     * Same arithmetic as the reference, faster: the column term {@code (j − 11.5)/(cols + 146)} is computed once
     * per column (the same double value), and {@code floor(pt)} is replaced by the integer cast, which equals it
     * for pt ≥ 0 and, for pt in (−1, 0) (row 0, first 12 columns), gives 0 where floor gives −1: both are then
     * clamped to 0, so the interpolation point, weights and results are bit-identical.
     */
    static void subtractStripes(int rows, int cols, double[] rowMeans, double[] d) {
        double denom = (double) (cols + INTERP_GAP_PIX);
        double[] colTerm = new double[cols];
        for (int j = 0; j < cols; j++) {
            colTerm[j] = (((double) j) - INTERP_COL_OFFSET) / denom;
        }
        // pt > -1 always (colTerm > -1), which the cast-for-floor substitution above relies on
        if (!(colTerm[0] > -1.0)) {
            throw new IllegalStateException("stripe interpolation offset out of range: " + colTerm[0]);
        }
        int maxLower = rows - 2;
        for (int i = 0; i < rows; i++) {
            int base = cols * i;
            double row = (double) i;
            for (int j = 0; j < cols; j++) {
                double pt = row + colTerm[j];
                int lower = (int) pt;
                if (lower > maxLower) {
                    lower = maxLower;
                }
                double dist = pt - (double) lower;
                d[base + j] -= rowMeans[lower] + dist * (rowMeans[lower + 1] - rowMeans[lower]);
            }
        }
    }

    /**
     * The last three passes of {@link #apply} fused into one: for each amp pixel, the bias level (science
     * columns only; the prescan columns already had it subtracted), then the interpolated stripe
     * ({@link #subtractStripes}), then the cast to float into the chip array at the amp's orientation
     * ({@link AmpQuadrant#insert}). Each pixel sees the same double operations in the same order as the three
     * separate passes, so the result is bit-identical.
     */
    static void subtractLevelAndStripesInto(int rows, int cols, double[] rowMeans, double[] d, double level, Amp amp,
                                            float[] sci, int nx, int ny) {
        if (sci.length != nx * ny || cols > nx || rows != ny) {
            throw new IllegalArgumentException("SCI array " + sci.length + " does not hold " + cols + "x" + rows);
        }
        double denom = (double) (cols + INTERP_GAP_PIX);
        double[] colTerm = new double[cols];
        for (int j = 0; j < cols; j++) {
            colTerm[j] = (((double) j) - INTERP_COL_OFFSET) / denom;
        }
        if (!(colTerm[0] > -1.0)) {
            throw new IllegalStateException("stripe interpolation offset out of range: " + colTerm[0]);
        }
        int maxLower = rows - 2;
        boolean flipX = amp.flipsX();
        boolean flipY = amp.flipsY();
        for (int i = 0; i < rows; i++) {
            int base = cols * i;
            double row = (double) i;
            int r = flipY ? ny - 1 - i : i;
            int rowBase = r * nx;
            for (int j = 0; j < cols; j++) {
                double pt = row + colTerm[j];
                int lower = (int) pt; // = floor(pt) after the clamp, see subtractStripes
                if (lower > maxLower) {
                    lower = maxLower;
                }
                double dist = pt - (double) lower;
                double v = j < NBIAS_COLS ? d[base + j] : d[base + j] - level;
                v -= rowMeans[lower] + dist * (rowMeans[lower + 1] - rowMeans[lower]);
                sci[flipX ? rowBase + nx - 1 - j : rowBase + j] = (float) v;
            }
        }
    }

    /** C {@code printf("%.6g")} for the trailer line. */
    static String formatG6(double v) {
        if (v == 0.0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v == 0.0 ? "0" : Double.toString(v);
        }
        java.math.BigDecimal bd = new java.math.BigDecimal(v).round(new java.math.MathContext(6));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String s = String.format(Locale.ROOT, "%.5e", v);
            int e = s.indexOf('e');
            String mant = s.substring(0, e);
            if (mant.contains(".")) {
                mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            String ex = s.substring(e + 1);
            int ev = Integer.parseInt(ex);
            return mant + "e" + (ev < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(ev));
        }
        String s = bd.toPlainString();
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
