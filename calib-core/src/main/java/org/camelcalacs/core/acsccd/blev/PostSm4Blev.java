package org.camelcalacs.core.acsccd.blev;

import java.util.ArrayList;
import java.util.List;

/**
 * The post-SM4 WFC bias-level paths of {@code performBlevCorr} (blev_func_main.c; spec §5.2 BLEVCORR (b) and (c))
 * composed from the kernels {@link BiasShift}, {@link Crosstalk} and {@link Destripe}, for the ACSCCD stage.
 * The stage still decides which path applies (pre-SM4 / HRC / unsupported subarrays use the classic overscan fit),
 * writes the keywords and trims the result.
 */
public final class PostSm4Blev {
    private PostSm4Blev() {
    }

    /**
     * Outcome of path (b).
     *
     * @param biasShift    the bias-shift result, or null when JWROTYPE/CCDGAIN did not allow it
     * @param destripe     the destripe result (MEANBLEV per chip, history lines)
     * @param blev         the accumulated per-amp bias level {@code acs->blev[]} (A=0..D=3): bias-shift magic-square
     *                     mean after correction + destripe level; write {@code BIASLEVx = (float) blev[x]} for each
     *                     non-zero value, only if the primary header already has BIASLEVA
     * @param trailerLines the reference's trailer messages of this path, in order (without the PrSwitch lines)
     */
    public record FullFrameResult(BiasShift.Result biasShift, Destripe.Result destripe, double[] blev,
                                  List<String> trailerLines) {
    }

    /**
     * Outcome of path (c).
     *
     * @param biasShift    the bias-shift result (one amp)
     * @param meanBlev     MEANBLEV for the SCI header: {@code (float)} magic-square mean after correction
     * @param blev         per-amp bias level (A=0..D=3), non-zero only for the subarray's amp
     * @param trailerLines the reference's trailer messages of this path, in order (without the PrSwitch lines)
     */
    public record SubarrayResult(BiasShift.Result biasShift, float meanBlev, double[] blev,
                                 List<String> trailerLines) {
    }

    /**
     * BLEVCORR path (b), post-SM4 WFC full frame: bias shift of the four amps and crosstalk of each chip if
     * {@code biasShiftAndCrosstalk}, then the destripe (always). Modifies both SCI arrays in place.
     * <p>
     * Caller contract: only for WFC, EXPSTART ≥ 54962, SUBARRAY=F, BLEVCORR=PERFORM and BOTH imsets matched an
     * OSCNTAB row (else the reference subtracts nothing and prints "Overscan missing, ..."). {@code chip2Sci} = SCI
     * of imset 1 (EXTVER 1, CCDCHIP 2), {@code chip1Sci} = SCI of imset 2 (EXTVER 2, CCDCHIP 1), both untrimmed
     * 4144×2068, in ELECTRONS (after DQICORR, BIASCORR in DN and the gain conversion).
     * {@code biasShiftAndCrosstalk} = {@link BiasShift#applies}(JWROTYPE, CCDGAIN). ERR and DQ are not used.
     * Afterwards: MEANBLEV of SCI,1 = {@code destripe.meanBlevChip2()}, of SCI,2 = {@code destripe.meanBlevChip1()};
     * the destripe history lines go to the primary header; then trim by TRIMX/TRIMY.
     */
    public static FullFrameResult fullFrame(float[] chip2Sci, float[] chip1Sci, int nx, int ny,
                                            boolean biasShiftAndCrosstalk) {
        return fullFrame(chip2Sci, chip1Sci, nx, ny, biasShiftAndCrosstalk, 1);
    }

    /**
     * As {@link #fullFrame(float[], float[], int, int, boolean)} on up to {@code threads} threads (e.g.
     * {@code RunContext.threads()}); results are bit-identical for any thread count.
     */
    public static FullFrameResult fullFrame(float[] chip2Sci, float[] chip1Sci, int nx, int ny,
                                            boolean biasShiftAndCrosstalk, int threads) {
        List<String> trl = new ArrayList<>();
        double[] blev = new double[4];
        BiasShift.Result bs = null;
        double[][] scratch = new double[4][]; // per-amp double arrays, shared by the bias shift and the destripe
        if (biasShiftAndCrosstalk) {
            trl.add("Performing bias-shift and cross talk corrections for full frame data.");
            bs = BiasShift.fullFrame(chip2Sci, chip1Sci, nx, ny, threads, scratch);
            trl.addAll(bs.trailerLines());
            double[] c = bs.blevContribution();
            for (int k = 0; k < 4; k++) {
                blev[k] += c[k];
            }
            AmpTasks.run(2, threads, k -> Crosstalk.correct(k == 0 ? chip2Sci : chip1Sci, nx, ny));
        } else {
            trl.add("WFC readout type/gain not set as needed, no bias shift nor cross talk correction done for full"
                    + " frame data.");
        }
        trl.add("Performing stripe removal and bias level subtraction for full frame data.");
        Destripe.Result ds = Destripe.apply(chip2Sci, chip1Sci, nx, ny, threads, scratch);
        trl.addAll(ds.trailerLines());
        for (int k = 0; k < 4; k++) {
            blev[k] += ds.biasLevels()[k];
        }
        return new FullFrameResult(bs, ds, blev, List.copyOf(trl));
    }

    /**
     * BLEVCORR path (c), post-SM4 supported subarray: bias shift only. Modifies {@code sci} in place.
     * <p>
     * Caller contract: only for WFC, EXPSTART ≥ 54962, SUBARRAY=T, BLEVCORR=PERFORM and
     * {@link BiasShift#isSupportedSubarray}(true, APERTURE, virtual overscan of imset 1) and
     * {@link BiasShift#applies}(JWROTYPE, CCDGAIN); otherwise the classic overscan fit (path (a)) applies.
     * {@code sci} = SCI of the single imset, untrimmed (prescan and virtual overscan included), in ELECTRONS;
     * {@code ccdamp} = the CCDAMP keyword (upper-cased). Afterwards MEANBLEV = {@code meanBlev} in the SCI header.
     */
    public static SubarrayResult subarray(float[] sci, int nx, int ny, String ccdamp) {
        List<String> trl = new ArrayList<>();
        trl.add("Performing bias-shift correction for subarray data.");
        BiasShift.Result bs = BiasShift.subarray(sci, nx, ny, Amp.forSubarrayBiasShift(ccdamp));
        trl.addAll(bs.trailerLines());
        float meanBlev = (float) bs.amps().get(0).magicSquareAfter();
        return new SubarrayResult(bs, meanBlev, bs.blevContribution(), List.copyOf(trl));
    }
}
