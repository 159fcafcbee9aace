package org.camelcalacs.core.acsccd.blev;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Post-SM4 WFC signal-dependent bias shift (the DC-restore model of ISR ACS 2012-02): {@code bias_shift_corr} of
 * blev_funcs_postsm4.c, and the supported-subarray test {@code isValidBiasShiftSubArrWithVirtOscn} of
 * dobiasshift.c (spec §5.2 BLEVCORR (b) and (c)).
 * <p>
 * Per amp, on the amp-oriented array ({@link AmpQuadrant}): the "magic square" (rows 2057..2066 × columns 13..22,
 * i.e. virtual overscan × prescan) gives a mean; each row is padded with {@value #NGAP_PIX} virtual gap pixels
 * of that mean; a recursive DC-restore model gives the true DC bias level after each pixel and the data are
 * corrected by {@code (v − dsi·dc[j+1]) − (10/22)·(dc[j+1] − dc[j])}; then the magic-square mean of the corrected
 * data is subtracted from the whole amp. All arithmetic is double; the result is rounded to float on write-back.
 */
public final class BiasShift {
    /** Serial pixel frequency (MHz-like units of the reference: 1000/22). */
    public static final double SERIAL_FREQ = 1000.0 / 22.0;
    /** Parallel shift time. */
    public static final double PARALLEL_SHIFT = 3.212;
    /** Virtual gap pixels appended to each row: (int)(SERIAL_FREQ·PARALLEL_SHIFT + 0.5) = 146. */
    public static final int NGAP_PIX = (int) (SERIAL_FREQ * PARALLEL_SHIFT + 0.5);
    /** Time constant of the pre-amp AC high-pass filter (µs), amps A..D. */
    static final double[] TIME_CONST = {37.290251, 36.180001, 37.867770, 42.461249};
    /** Ratio of DC offset shift to pixel signal, amps A..D. */
    static final double[] DC_RATIO = {0.3, 0.3, 0.3, 0.3};
    /** DSI sensitivity, amps A..D. */
    static final double[] DSI_SENS = {2.9188919e-3, 10.805754e-3, 12.432145e-3, 3.8596253e-3};
    /** Weight of the DC-level step in the correction (the reference's literal {@code 10./22.}). */
    static final double STEP_WEIGHT = 10.0 / 22.0;
    /** Magic square, amp-oriented 0-based rows (inclusive). */
    public static final int MAGIC_ROW_FIRST = 2057;
    public static final int MAGIC_ROW_LAST = 2066;
    /** Magic square, amp-oriented 0-based columns (inclusive). */
    public static final int MAGIC_COL_FIRST = 13;
    public static final int MAGIC_COL_LAST = 22;

    /** Apertures of the supported post-Cycle-24 subarrays (dobiasshift.c), compared exactly (upper-cased). */
    public static final Set<String> SUPPORTED_SUBARRAY_APERTURES = Set.of(
            "WFC1A-2K", "WFC1B-2K", "WFC2C-2K", "WFC2D-2K",
            "WFC1-IRAMPQ", "WFC1-MRAMPQ", "WFC2-MRAMPQ", "WFC2-ORAMPQ",
            "WFC1-POL0UV", "WFC1-POL0V", "WFC2-POL0UV", "WFC2-POL0V",
            "WFC1-POL60UV", "WFC1-POL60V", "WFC2-POL60UV", "WFC2-POL60V",
            "WFC1-POL120UV", "WFC1-POL120V", "WFC2-POL120UV", "WFC2-POL120V");

    private BiasShift() {
    }

    /** Result for one amp: magic-square means before and after the DC-restore correction (electrons). */
    public record AmpShift(Amp amp, double magicSquareBefore, double magicSquareAfter) {
        /** The two trailer lines the reference prints for this amp. */
        public List<String> trailerLines() {
            return List.of(
                    String.format(Locale.ROOT, "Bias shift correcting for bias level in Amp %c of %.4f electrons"
                            + " (before correction).", amp.letter(), magicSquareBefore),
                    String.format(Locale.ROOT, "Bias shift correcting for bias level in Amp %c of %.4f electrons"
                            + " (after correction).", amp.letter(), magicSquareAfter));
        }
    }

    /**
     * Result of a bias-shift run.
     *
     * @param amps the amps processed, in processing order (A, B, C, D for a full frame; one amp for a subarray)
     */
    public record Result(List<AmpShift> amps) {
        /**
         * Contribution to the per-amp bias level {@code acs->blev[]} (index A=0..D=3): the magic-square mean after
         * correction, which was subtracted; 0 for amps not processed. Add it to the destripe levels for BIASLEVA..D.
         */
        public double[] blevContribution() {
            double[] b = new double[4];
            for (AmpShift s : amps) {
                b[s.amp().ordinal()] += s.magicSquareAfter();
            }
            return b;
        }

        /** Trailer lines in the reference's order. */
        public List<String> trailerLines() {
            List<String> l = new ArrayList<>();
            for (AmpShift s : amps) {
                l.addAll(s.trailerLines());
            }
            return l;
        }
    }

    /**
     * Whether the bias shift (and crosstalk) apply: JWROTYPE upper-cased equals {@code DS_INT} and CCDGAIN == 2
     * (the header CCDGAIN as a float, compared exactly as in the reference).
     */
    public static boolean applies(String jwrotype, double ccdgain) {
        return jwrotype != null && jwrotype.trim().toUpperCase(Locale.ROOT).equals("DS_INT") && ccdgain == 2.0;
    }

    /**
     * {@code isValidBiasShiftSubArrWithVirtOscn}: true if this is a subarray, its APERTURE (upper-cased by the
     * caller, trailing blanks stripped) is one of {@link #SUPPORTED_SUBARRAY_APERTURES}, and the OSCNTAB row found
     * virtual overscan for imset 1 ({@code virtOverscan[0]}, i.e. TRIMY1 or TRIMY2 == 20). DS_INT/gain are checked
     * separately with {@link #applies}.
     */
    public static boolean isSupportedSubarray(boolean subarray, String aperture, boolean virtualOverscan) {
        return subarray && virtualOverscan && aperture != null && SUPPORTED_SUBARRAY_APERTURES.contains(aperture);
    }

    /**
     * Full-frame bias shift, BLEVCORR path (b) step 1. Modifies both SCI arrays in place.
     * <p>
     * Caller contract: {@code chip2Sci} = SCI of imset 1 (EXTVER 1, CCDCHIP 2, amps C/D) and {@code chip1Sci} = SCI
     * of imset 2 (EXTVER 2, CCDCHIP 1, amps A/B); both UNTRIMMED raw geometry ({@code nx}=4144, {@code ny}=2068,
     * prescan and virtual overscan included), in ELECTRONS (bias image subtracted in DN, then multiplied by the gain).
     * Call only when {@link #applies} is true and both chips matched an OSCNTAB row; then run
     * {@link Crosstalk#correct} on each chip, then {@link Destripe#apply}. Amp width is {@code nx/2}.
     *
     * @return per-amp magic-square means (A, B, C, D order); {@link Result#blevContribution()} feeds BIASLEVA..D
     */
    public static Result fullFrame(float[] chip2Sci, float[] chip1Sci, int nx, int ny) {
        return fullFrame(chip2Sci, chip1Sci, nx, ny, 1);
    }

    /**
     * As {@link #fullFrame(float[], float[], int, int)}, with the four amps processed on up to {@code threads}
     * threads (the amps are independent: bit-identical results for any count).
     */
    public static Result fullFrame(float[] chip2Sci, float[] chip1Sci, int nx, int ny, int threads) {
        return fullFrame(chip2Sci, chip1Sci, nx, ny, threads, new double[4][]);
    }

    /**
     * As {@link #fullFrame(float[], float[], int, int, int)} with per-amp work arrays taken from (and left in)
     * {@code scratch} (4 entries; null or wrong-sized entries are allocated): the destripe that follows reuses them.
     */
    static Result fullFrame(float[] chip2Sci, float[] chip1Sci, int nx, int ny, int threads, double[][] scratch) {
        if (chip2Sci.length != chip1Sci.length) {
            throw new IllegalArgumentException("chip arrays differ in size");
        }
        int cols = nx / 2;
        checkGeometry(cols, ny);
        AmpShift[] out = new AmpShift[4];
        AmpTasks.run(4, threads, k -> {
            Amp amp = Amp.values()[k];
            float[] sci = amp.chip() == 1 ? chip1Sci : chip2Sci;
            double[] ampData = AmpQuadrant.extract(sci, nx, ny, amp, cols, AmpQuadrant.scratch(scratch[k], cols, ny));
            scratch[k] = ampData;
            out[k] = correctAmp(ampData, ny, cols, amp, false);
            // the final "- after" pass fused into the insert: (float) (d - after), as the two passes give
            AmpQuadrant.insert(ampData, amp, cols, sci, nx, ny, out[k].magicSquareAfter());
        });
        return new Result(List.of(out));
    }

    /**
     * Supported-subarray bias shift, BLEVCORR path (c): the only bias-level step for such subarrays (no crosstalk,
     * no destripe, no overscan fit). Modifies {@code sci} in place.
     * <p>
     * Caller contract: {@code sci} = SCI of the single imset, UNTRIMMED (e.g. WFC1A-2K 2072×2068 with prescan and
     * virtual overscan), in ELECTRONS; {@code amp} from {@link Amp#forSubarrayBiasShift}(CCDAMP). Call only when
     * {@link #isSupportedSubarray} and {@link #applies} are true. The whole width is the amp ({@code ampCols = nx}).
     * Afterwards write {@code MEANBLEV = (float) result.amps().get(0).magicSquareAfter()} to the SCI header, and
     * the amp's BIASLEV from {@link Result#blevContribution()}.
     */
    public static Result subarray(float[] sci, int nx, int ny, Amp amp) {
        checkGeometry(nx, ny);
        double[] ampData = AmpQuadrant.extract(sci, nx, ny, amp, nx, null);
        AmpShift s = correctAmp(ampData, ny, nx, amp);
        AmpQuadrant.insert(ampData, amp, nx, sci, nx, ny);
        return new Result(List.of(s));
    }

    /**
     * The per-amp kernel on an amp-oriented array ({@code rows}×{@code cols}, amp at lower left), in place.
     * <p>
     * The reference builds a (cols + 146)-wide copy padded with the magic-square mean and a DC-level array one
     * element longer; here the recursion is streamed over the same sequence (real pixels, then 146 gap pixels per
     * row) with the same expressions, so the values are identical without the two large buffers.
     */
    public static AmpShift correctAmp(double[] ampData, int rows, int cols, Amp amp) {
        return correctAmp(ampData, rows, cols, amp, true);
    }

    /** As {@link #correctAmp(double[], int, int, Amp)}; without {@code subtractAfter} the caller subtracts it. */
    static AmpShift correctAmp(double[] ampData, int rows, int cols, Amp amp, boolean subtractAfter) {
        checkGeometry(cols, rows);
        int a = amp.ordinal();
        double before = magicSquareMean(ampData, cols);
        double factor = 1.0 - Math.exp(-1.0 / (TIME_CONST[a] * SERIAL_FREQ));
        double ratio = DC_RATIO[a];
        double oneMinus = 1.0 - factor;
        double sens = DSI_SENS[a];
        double gapDrive = before * factor * ratio; // gap pixels hold the magic-square mean
        double prev = before * ratio;              // dc[0]
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int k = 0; k < cols; k++) {
                double v = ampData[base + k];
                double next = v * factor * ratio + oneMinus * prev;
                ampData[base + k] = (v - sens * next) - STEP_WEIGHT * (next - prev);
                prev = next;
            }
            for (int g = 0; g < NGAP_PIX; g++) {
                prev = gapDrive + oneMinus * prev; // corrected gap pixels are discarded by the reference
            }
        }
        double after = magicSquareMean(ampData, cols);
        if (subtractAfter) {
            int n = rows * cols;
            for (int k = 0; k < n; k++) {
                ampData[k] -= after;
            }
        }
        return new AmpShift(amp, before, after);
    }

    /** Mean of the magic square (rows 2057..2066 × columns 13..22 of the amp array), summed row by row in double. */
    public static double magicSquareMean(double[] ampData, int cols) {
        double sum = 0.0;
        int num = 0;
        for (int j = MAGIC_ROW_FIRST; j <= MAGIC_ROW_LAST; j++) {
            for (int k = MAGIC_COL_FIRST; k <= MAGIC_COL_LAST; k++) {
                sum += ampData[cols * j + k];
                num++;
            }
        }
        return sum / (double) num;
    }

    private static void checkGeometry(int cols, int rows) {
        if (rows <= MAGIC_ROW_LAST || cols <= MAGIC_COL_LAST) {
            throw new IllegalArgumentException("bias shift needs an amp array of at least " + (MAGIC_COL_LAST + 1)
                    + " columns x " + (MAGIC_ROW_LAST + 1) + " rows (prescan and virtual overscan); got "
                    + cols + "x" + rows);
        }
    }
}
