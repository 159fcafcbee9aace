package org.camelcalacs.core.acsccd;

import org.camelcalacs.core.trailer.CFormat;
import java.util.List;
import java.util.Set;

import org.camelcalacs.core.acsccd.blev.BiasShift;
import org.camelcalacs.core.acsccd.blev.PostSm4Blev;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.model.Detector;
import org.camelcalacs.core.trailer.Trailer;

/**
 * BLEVCORR (port of performBlevCorr, acsccd/blev_func_main.c, and doBlev, acsccd/doblev.c; spec §5.2 step 5):
 * chooses between (a) the classic overscan fit (pre-SM4 WFC, all HRC, unsupported post-SM4 subarrays),
 * (b) bias shift + crosstalk + destripe for post-SM4 WFC full frames and (c) bias shift only for the supported
 * post-SM4 subarrays. Path (a) is implemented here; (b) and (c) call the kernels of {@code acsccd.blev}.
 */
public final class BlevCorr {
    /** Subarrays that take the bias-shift-only path (c) when they have virtual overscan (dobiasshift.c). */
    public static final Set<String> BIAS_SHIFT_SUBARRAYS = Set.of("WFC1A-2K", "WFC1B-2K", "WFC2C-2K", "WFC2D-2K",
            "WFC1-IRAMPQ", "WFC1-MRAMPQ", "WFC2-MRAMPQ", "WFC2-ORAMPQ", "WFC1-POL0UV", "WFC1-POL0V", "WFC2-POL0UV",
            "WFC2-POL0V", "WFC1-POL60UV", "WFC1-POL60V", "WFC2-POL60UV", "WFC2-POL60V", "WFC1-POL120UV",
            "WFC1-POL120V", "WFC2-POL120UV", "WFC2-POL120V");
    /** Bias-section order of the amps on a line: leading (0) or trailing (1) section, lower (0) or upper (1) half. */
    private static final int[] BIAS_ORDER_X = {0, 1, 0, 1};
    private static final int[] BIAS_ORDER_Y = {0, 0, 1, 1};

    /** Which code path ran. */
    public enum Path { CLASSIC, POST_SM4_FULL_FRAME, POST_SM4_SUBARRAY, NONE }

    /** Outcome for the stage: per-imset "trim it" flags, history facts and the BIASLEV values. */
    public static final class Result {
        public Path path = Path.NONE;
        public final boolean[] complete;
        public boolean done;
        public boolean driftcorr;
        public final double[] blev = new double[4];
        /** HISTORY lines for the primary header written during BLEVCORR (destripe), in order. */
        public final java.util.List<String> history = new java.util.ArrayList<>();

        Result(int n) {
            complete = new boolean[n];
        }
    }

    private BlevCorr() {
    }

    /** The path for an exposure (the dispatch of performBlevCorr). */
    public static Path choosePath(CcdKeys k, List<CcdImset> info) {
        if (k.detector() != Detector.WFC || k.expstart() < DarkTime.SM4_MJD) {
            return Path.CLASSIC;
        }
        if (!k.subarray()) {
            return Path.POST_SM4_FULL_FRAME;
        }
        if (isBiasShiftSubarray(k, info.get(0).oscn().virtualOverscan()) && "DS_INT".equals(k.jwrotype())
                && k.ccdgain() == 2) {
            return Path.POST_SM4_SUBARRAY;
        }
        return Path.CLASSIC;
    }

    /** isValidBiasShiftSubArrWithVirtOscn (dobiasshift.c). */
    static boolean isBiasShiftSubarray(CcdKeys k, boolean virtualOverscan) {
        return k.subarray() && virtualOverscan && BIAS_SHIFT_SUBARRAYS.contains(k.aperture());
    }

    /** Runs BLEVCORR on all imsets (the switch is PERFORM). */
    public static Result apply(CcdKeys k, List<Imset> x, List<CcdImset> info, Trailer t) {
        return apply(k, x, info, t, 1);
    }

    /** As {@link #apply(CcdKeys, List, List, Trailer)} with up to {@code threads} threads for path (b). */
    public static Result apply(CcdKeys k, List<Imset> x, List<CcdImset> info, Trailer t, int threads) {
        Result res = new Result(x.size());
        Path path = choosePath(k, info);
        if (k.detector() == Detector.WFC && k.expstart() >= DarkTime.SM4_MJD && k.subarray()
                && isBiasShiftSubarray(k, info.get(0).oscn().virtualOverscan())) {
            t.info("This subarray data is supported for the bias shift correction.");
        }
        res.path = path;
        switch (path) {
            case CLASSIC -> {
                if (k.detector() == Detector.WFC && k.expstart() >= DarkTime.SM4_MJD) {
                    t.info("WFC readout is not a supported subarray or type/gain not set as needed for new bias"
                            + " level algorithm for subarray data.");
                    t.info("Data to be processed with original bias level algorithm.");
                }
                int n = x.size();
                double[][] blevs = new double[n][4];
                boolean[][] flags = new boolean[n][];
                ImsetTasks.Lines[] lines = new ImsetTasks.Lines[n];
                ImsetTasks.run(n, threads, i -> {
                    lines[i] = new ImsetTasks.Lines();
                    flags[i] = classic(k, x.get(i), info.get(i), blevs[i], lines[i]);
                });
                for (int i = 0; i < n; i++) {
                    lines[i].replay(t);
                    res.done = flags[i][0];
                    res.driftcorr = flags[i][1];
                    if (!res.done) {
                        t.info("Default bias level from CCDTAB was subtracted.");
                    }
                    for (int a = 0; a < 4; a++) {
                        if (blevs[i][a] != 0.0) {
                            t.info("     bias level of " + CFormat.g(blevs[i][a]) + " electrons was subtracted for AMP "
                                    + "ABCD".charAt(a) + ".");
                            res.blev[a] = blevs[i][a];
                        }
                    }
                    res.complete[i] = true;
                }
                t.info("BLEVCORR COMPLETE");
            }
            case POST_SM4_FULL_FRAME -> {
                boolean both = info.size() >= 2 && info.get(0).overscan() && info.get(1).overscan();
                if (!both) {
                    t.info("Overscan missing, no destriping or bias level subtraction possible for full frame data.");
                    return res;
                }
                res.done = true;
                t.info("BLEVCORR PERFORM");
                postSm4FullFrame(k, x, res, t, threads);
                for (int i = 0; i < x.size(); i++) {
                    res.complete[i] = true;
                }
                t.info("BLEVCORR COMPLETE");
            }
            case POST_SM4_SUBARRAY -> {
                t.info("BLEVCORR PERFORM");
                res.done = info.get(0).overscan();
                postSm4Subarray(k, x.get(0), res, t);
                res.complete[0] = true;
                t.info("BLEVCORR COMPLETE");
            }
            default -> {
            }
        }
        return res;
    }

    /**
     * Path (b): bias shift and crosstalk (DS_INT, gain 2), then destripe ({@link PostSm4Blev#fullFrame}); imset 1
     * is passed as chip 2 and imset 2 as chip 1, as the C code does.
     */
    static void postSm4FullFrame(CcdKeys k, List<Imset> x, Result res, Trailer t, int threads) {
        Imset c2 = x.get(0);
        Imset c1 = x.get(1);
        PostSm4Blev.FullFrameResult r = PostSm4Blev.fullFrame(c2.sci, c1.sci, c2.nx, c2.ny,
                BiasShift.applies(k.jwrotype(), k.ccdgain()), threads);
        for (String line : r.trailerLines()) {
            t.info(line);
        }
        c2.sciHeader.addValue("MEANBLEV", r.destripe().meanBlevChip2(), "mean of bias levels subtracted in electrons");
        c1.sciHeader.addValue("MEANBLEV", r.destripe().meanBlevChip1(), "mean of bias levels subtracted in electrons");
        res.history.addAll(r.destripe().historyLines());
        System.arraycopy(r.blev(), 0, res.blev, 0, 4);
    }

    /** Path (c): bias shift only ({@link PostSm4Blev#subarray}); MEANBLEV = the magic-square mean. */
    static void postSm4Subarray(CcdKeys k, Imset x, Result res, Trailer t) {
        PostSm4Blev.SubarrayResult r = PostSm4Blev.subarray(x.sci, x.nx, x.ny, k.ccdamp());
        for (String line : r.trailerLines()) {
            t.info(line);
        }
        x.sciHeader.addValue("MEANBLEV", r.meanBlev(), "mean of bias levels subtracted in electrons");
        System.arraycopy(r.blev(), 0, res.blev, 0, 4);
    }

    /** The amps of CCDAMP that read this imset (parseWFCamps for WFC: C,D on chip 2, A,B on chip 1). */
    static String ampsForChip(Detector det, String ccdamp, int chip) {
        if (det != Detector.WFC) {
            return ccdamp;
        }
        String pair = chip == 2 ? "CD" : "AB";
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < 2; j++) {
            if (ccdamp.indexOf(pair.charAt(j)) >= 0) {
                sb.append(pair.charAt(j));
            }
        }
        return sb.toString();
    }

    /**
     * doBlev for one imset (path a). Returns {done, driftcorr}; {@code blev} gets the mean level per amp A..D.
     * MEANBLEV is written to the SCI header when the overscan was used.
     */
    static boolean[] classic(CcdKeys k, Imset x, CcdImset in, double[] blev, ImsetTasks.Lines t) {
        int nx = x.nx;
        int ny = x.ny;
        String amps0 = k.ccdamp();
        int biasnum = "ABCD".indexOf(amps0.charAt(0));
        if (amps0.length() > 1 && k.detector() == Detector.WFC && in.chip() == 2) {
            biasnum += 2;
        }
        float ccdbias = in.ccd().biasOf(biasnum) * in.ccd().gain(biasnum);
        if (!in.overscan()) {
            t.warn("Overscan region is too small to do BLEVCORR;");
            t.info("     bias from CCDTAB of " + CFormat.g(ccdbias) + " will be subtracted.");
            for (int p = 0; p < x.sci.length; p++) {
                x.sci[p] = x.sci[p] - ccdbias;
            }
            blev[biasnum] = ccdbias;
            return new boolean[] {false, false};
        }
        var o = in.oscn();
        String amps = ampsForChip(k.detector(), k.ccdamp(), in.chip());
        int numamps = amps.length();
        int[] vx = {o.vx1(), o.vx2()};
        int[] vy = {o.vy1(), o.vy2()};
        boolean dodrift = !(vy[0] <= 0 && vy[1] <= 0);
        if (!dodrift) {
            t.info("(blevcorr) No virtual overscan region specified.");
            t.info("(blevcorr) Bias drift correction will not be applied.");
        }
        boolean driftcorr = false;
        int ampx = in.ccd().ampx();
        int ampy = in.ccd().ampy();
        double sumblev = 0;
        for (int a = 0; a < numamps; a++) {
            char c = amps.charAt(a);
            int biasLoc = c - amps.charAt(0);
            int ampIndx = c - 'A';
            int bx = BIAS_ORDER_X[biasLoc];
            int by = BIAS_ORDER_Y[biasLoc];
            int[] bs = new int[4];
            if (o.biassecta2() > 0 && o.biassectb2() > 0) {
                bs[0] = bx == 0 ? o.biassecta1() : o.biassectb1();
                bs[1] = bx == 0 ? o.biassecta2() : o.biassectb2();
                if (numamps == 1) {
                    bs[2] = bx == 0 ? o.biassectb1() : o.biassecta1();
                    bs[3] = bx == 0 ? o.biassectb2() : o.biassecta2();
                }
            } else {
                bs[0] = o.biassecta2() == 0 ? o.biassectb1() : o.biassecta1();
                bs[1] = o.biassecta2() == 0 ? o.biassectb2() : o.biassecta2();
            }
            bs[0] = Math.max(bs[0], 0);
            bs[2] = Math.max(bs[2], 0);
            if (bs[1] >= nx) {
                bs[1] = nx - 1;
            }
            if (bs[3] >= nx) {
                bs[3] = nx - 1;
            }
            int begx = o.trimx1() + ampx * bx;
            int endx = (bx == 0 && ampx != 0) ? ampx + o.trimx1() : nx - o.trimx2();
            int begy = o.trimy1() + ampy * by;
            int endy = (by == 0 && ampy != 0) ? ampy + o.trimy1() : ny - o.trimy2();
            endx = Math.min(endx, nx);
            endy = Math.min(endy, ny);
            int sizex = endx - begx;
            int sizey = endy - begy;
            OverscanFit.Drift drift = null;
            double averagedrift = 0;
            if (dodrift) {
                drift = OverscanFit.drift(x.sci, x.dq, nx, vx, vy, bs, in.sdqflags(), t::info, t::warn);
                driftcorr = drift.corrected;
                averagedrift = drift.mean(sizex);
            } else {
                driftcorr = false;
            }
            float rn = in.ccd().noise(ampIndx);
            OverscanFit.Line line = OverscanFit.fitRows(x.sci, x.dq, nx, sizey, o.trimy1(), bs, ccdbias,
                    in.sdqflags(), rn, t::info, t::warn);
            // the fit used output row numbers 0..sizey-1, but it is evaluated at input rows begy.. (as doBlev does)
            double dj = begy;
            double sumbias = 0;
            for (int j = begy; j < endy; j++) {
                double level = line.eval(dj);
                dj += 1.0;
                sumbias += level + averagedrift;
                double di = begx;
                int row = j * nx;
                for (int i = begx; i < endx; i++) {
                    double deval = dodrift ? drift.eval(di) : 0.0;
                    di += 1.0;
                    x.sci[row + i] = (float) (x.sci[row + i] - level - deval);
                }
            }
            blev[ampIndx] = sumbias / sizey;
            sumblev += sumbias / sizey;
        }
        float meanblev = (float) (sumblev / numamps);
        t.info("Bias level from overscan has been subtracted;");
        t.info("     mean of bias levels subtracted was " + CFormat.g(meanblev, 6) + " electrons.");
        x.sciHeader.addValue("MEANBLEV", meanblev, "mean of bias levels subtracted in electrons");
        return new boolean[] {true, driftcorr};
    }
}
