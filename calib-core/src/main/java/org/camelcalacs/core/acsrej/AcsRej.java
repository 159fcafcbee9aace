package org.camelcalacs.core.acsrej;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nom.tam.fits.Header;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.error.SizeMismatchException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.FitsFile;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.fits.Headers;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.SwitchValue;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.ref.table.CrrejTab;
import org.camelcalacs.core.trailer.Trailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACSREJ stage: cosmic-ray rejection combining CR-split or repeat exposures (port of AcsRej/acsrej_do,
 * acsrej/acsrej.c, acsrej_do.c, acsrej_check.c, cr_scaling.c; spec §5.2 acsrej). Imsets are matched across
 * inputs by CCDCHIP. There is no fixed limit on the number of inputs (the reference stops at 120); the inputs
 * are held in memory.
 */
public final class AcsRej {
    public static final String NAME = "ACSREJ";
    /** Version string printed in the banner, as CALACS 10.5.0 does. */
    public static final String VERSION = "10.5.0 (16-Mar-2026)";
    private static final java.time.format.DateTimeFormatter STAMP =
            java.time.format.DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss 'UTC'", Locale.ROOT);
    private static final Logger LOG = LoggerFactory.getLogger(AcsRej.class);

    private AcsRej() {
    }

    /** Combines the inputs in memory; with CRMASK the inputs' DQ arrays get 8192 where rejected. */
    public static Exposure process(List<Exposure> inputs, RejParams params, RunContext ctx) {
        return process(inputs, params, ctx, null, null).product();
    }

    /** The product and the numbers the driver reports. */
    public record Outcome(Exposure product, RejSettings settings, int nonZero, long nrejFirstChip) {
        /** False when every input had EXPTIME = 0 (the reference's NO_GOOD_DATA: calacs then skips ACS2D). */
        public boolean goodData() {
            return nonZero > 0;
        }
    }

    /**
     * Combines the inputs.
     *
     * @param outputName the product file name (e.g. {@code j..._crj_tmp.fits}); sets ROOTNAME and EXPNAME, or null
     * @param mtype      the association role to write as ASN_MTYP, or null/empty
     */
    public static Outcome process(List<Exposure> inputs, RejParams params, RunContext ctx, String outputName,
                                  String mtype) {
        Trailer trl = ctx.trailer();
        RejParams par = params == null ? RejParams.fromTable() : params;
        try {
            return combine(inputs, par, ctx, trl, outputName, mtype);
        } catch (CalacsException e) {
            throw e.inStage(NAME);
        }
    }

    private static Outcome combine(List<Exposure> inputs, RejParams par, RunContext ctx, Trailer trl,
                                   String outputName, String mtype) {
        int nimgs = inputs.size();
        trl.info("");
        trl.info("*** ACSREJ -- Version " + VERSION + " ***");
        trl.info("Begin    " + java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(STAMP));
        trl.timeStamp("ACSREJ version started", "");
        trl.info("");
        trl.info("CRCORR   PERFORM");
        Exposure first = inputs.get(0);
        Hdr ph0 = first.primaryHdr();
        int numext = Math.max(1, ph0.optInt("NEXTEND", 3) / 3);
        String imagetyp = ph0.reqString("IMAGETYP").toUpperCase(Locale.ROOT);
        boolean biasOrDark = imagetyp.startsWith("BIAS") || imagetyp.startsWith("DARK");

        // SHADCORR: the user's flag or the header switch, unless the SHADFILE is a DUMMY.
        boolean shadcorr = par.shadcorr() || ph0.switchValue(Switch.SHADCORR) == SwitchValue.PERFORM;
        Path shadPath = null;
        if (shadcorr) {
            String shadName = ph0.reqString("SHADFILE");
            shadPath = ctx.refs().require("SHADFILE", shadName);
            try (FitsFile f = FitsFile.open(shadPath)) {
                String ped = new Hdr(f.primaryHeader(), f.name(), "PRIMARY").optString("PEDIGREE", "");
                if (ped.toUpperCase(Locale.ROOT).startsWith("DUMMY")) {
                    shadcorr = false;
                    shadPath = null;
                }
            }
        }

        // cr_scaling: exposure times, start and end.
        float[] efac = new float[nimgs];
        double expend = 0.0;
        double expstart = 1e10;
        int nzero = 0;
        for (int k = 0; k < nimgs; k++) {
            Hdr h = inputs.get(k).primaryHdr();
            efac[k] = (float) h.optDouble("EXPTIME", 0.0);
            if (efac[k] < 0f) {
                throw new InvalidInputException("exposure time of file '" + inputs.get(k).name() + "' is negative")
                        .inFile(inputs.get(k).name()).forKeyword("EXPTIME");
            }
            if (efac[k] == 0f) {
                nzero++;
            }
            expend = Math.max(expend, h.optDouble("EXPEND", 0.0));
            double ks = h.optDouble("EXPSTART", 0.0);
            expstart = ks < expstart ? ks : expstart;
        }
        if (nzero > 0 && nzero < nimgs) {
            trl.warn("Some (but not all) input imsets have zero exposure time.");
            trl.warn("Final product will be compromised!");
        }
        if (nimgs < 2) {
            throw new InvalidInputException("Needs more than one input image.");
        }
        float exptot = 0f;
        int nonZero = 0;
        for (int n = 0; n < nimgs; n++) {
            exptot += efac[n];
            if (efac[n] > 0f) {
                nonZero++;
            }
        }
        float texpt;
        if (exptot == 0f) {
            for (int n = 0; n < nimgs; n++) {
                efac[n] = 1f;
            }
            texpt = (float) nimgs;
            nonZero = nimgs;
        } else {
            texpt = exptot;
        }

        Checked chk = check(inputs, efac, par, trl);
        CrrejTab tab = null;
        String tabLabel = "";
        if (!RejSettings.allFromUser(par)) {
            String tabName = par.table() != null && !par.table().isBlank() ? par.table() : ph0.reqString("CRREJTAB");
            Path tp = par.table() != null && !par.table().isBlank() && !tabName.contains("$")
                    ? resolvePlain(ctx.refs(), tabName) : ctx.refs().require("CRREJTAB", tabName);
            tab = CrrejTab.read(tp);
            tabLabel = tabName;
        }
        RejSettings set = RejSettings.resolve(par, tab, nimgs, exptot);
        trl.info(shadcorr ? "SHADCORR PERFORM" : "SHADCORR OMIT");
        if (tab != null) {
            trl.info("CRREJTAB " + tabLabel);
        }
        if (trl.verbosity().atLeast(org.camelcalacs.core.model.Verbosity.VERBOSE)) {
            trl.verbose("");
            trl.verbose(String.format(Locale.ROOT, " number of images = %d", nimgs));
            trl.verbose(" CRREJ ref table used: " + tabLabel);
            trl.verbose(" initial guess method: " + set.initgues());
            trl.verbose(String.format(Locale.ROOT, " total exposure time = %.1f", exptot));
            trl.verbose(" sigmas used: " + set.crsigmas());
            trl.verbose(" sky subtraction used: " + set.skysub());
            trl.verbose(String.format(Locale.ROOT, " rejection radius = %.1f", set.crradius()));
            trl.verbose(String.format(Locale.ROOT, " propagation threshold = %.1f", set.crthresh()));
            trl.verbose(String.format(Locale.ROOT, " scale noise = %.1f%%", set.scalense()));
            trl.verbose(" input bad bits value = " + set.badinpdq());
            trl.verbose(" reset crmask = " + (set.crmask() ? "YES" : "NO"));
            trl.verbose("");
        }
        if (!"none".equals(set.skysub()) && !"mode".equals(set.skysub())) {
            throw new InvalidInputException("illegal sky value '" + set.skysub() + "'").forKeyword("SKYSUB");
        }
        if (!set.initgues().startsWith("med") && !set.initgues().startsWith("min")) {
            trl.warn("Invalid INITGUES value " + set.initgues() + ", reset it to 'minimum'");
        }

        // The first input with EXPTIME > 0 provides the output headers.
        int def = 0;
        for (int n = 0; n < nimgs; n++) {
            if (efac[n] > 0f) {
                def = n;
                break;
            }
        }
        Exposure defExp = inputs.get(def);
        // The chips are independent: they are combined in parallel (identical results for any thread count).
        List<java.util.concurrent.Callable<Chip>> tasks = new ArrayList<>();
        for (int extver = 1; extver <= numext; extver++) {
            final int ev = extver;
            final boolean shad = shadcorr;
            final Path shadFile = shadPath;
            final int nz = nonZero;
            tasks.add(() -> chip(inputs, ev, defExp, set, efac, texpt, nz, shad, shadFile, biasOrDark, outputName));
        }
        List<Chip> chips = runAll(tasks, Math.min(ctx.threads(), numext));
        Header outPrimary = null;
        List<Imset> outSets = new ArrayList<>();
        long nrejFirst = 0;
        for (Chip ch : chips) {
            for (int n = 0; n < nimgs; n++) {
                trl.verbose(String.format(Locale.ROOT, "sky of '%s[sci,%d]' is %.3f electrons",
                        inputs.get(n).name(), ch.sets()[n].extver, ch.sky()[n]));
            }
            if (nonZero <= 1) {
                trl.warn("Cosmic-ray rejection NOT performed!");
                if (nonZero > 0) {
                    trl.warn("Some input exposures had EXPTIME = 0.");
                    trl.warn("Output product will not be cosmic-ray cleaned!");
                }
            } else if (nonZero < nimgs) {
                trl.warn("Some input exposures had EXPTIME = 0.");
            }
            outSets.add(ch.out());
            // The reference writes the primary header with the first imset only (hstio putSingleGroup).
            if (ch.extver() == 1) {
                nrejFirst = ch.nrej();
                outPrimary = Headers.copy(defExp.primary());
                Hdr oh = new Hdr(outPrimary, outputName, "PRIMARY");
                oh.set("TEXPTIME", exptot);
                oh.set("EXPTIME", exptot);
                outPrimary.addValue("EXPSTART", expstart, "computed exposure start time (Modified Julian Date)");
                outPrimary.addValue("EXPEND", expend, "computed exposure end time (Modified Julian Date)");
                outPrimary.addValue("SKYSUM", ch.skysum(), "Total sky level (electrons)");
                outPrimary.addValue("REJ_RATE", (float) ch.nrej() / texpt, "Cosmic ray impact rate (pixels/sec)");
                outPrimary.addValue("FLASHDUR", chk.cumFlashDur, "Cumulative exposure time in seconds");
                outPrimary.addValue("DARKTIME", chk.cumDarktime, "Cumulative dark time in seconds");
                if (shadcorr) {
                    oh.set("SHADCORR", "COMPLETE");
                }
                oh.set("INITGUES", set.initgues());
                oh.set("SKYSUB", set.skysub());
                oh.set("CRSIGMAS", set.crsigmas());
                oh.set("MEANEXP", set.meanexp());
                oh.set("CRRADIUS", set.crradius());
                oh.set("CRTHRESH", set.crthresh());
                oh.set("SCALENSE", set.scalense());
                oh.set("BADINPDQ", (int) set.badinpdq());
                oh.set("CRMASK", set.crmask());
                oh.set("NEXTEND", 3 * numext);
                oh.set("CRCORR", "COMPLETE");
                if (outputName != null) {
                    oh.set("FILENAME", outputName);
                    oh.set("ROOTNAME", rootOf(outputName).toUpperCase(Locale.ROOT));
                }
                if (mtype != null && !mtype.isEmpty()) {
                    outPrimary.addValue("ASN_MTYP", mtype.toUpperCase(Locale.ROOT),
                            "Role of the Exposure in the Association");
                }
            }
        }
        if (outPrimary == null) {
            throw new InvalidInputException("the first input has no imset with EXTVER 1").inFile(first.name());
        }
        // CRMASK: write the rejection mask back into the inputs' DQ (the reference updates the input files).
        if (set.crmask() && nonZero > 1) {
            for (Chip ch : chips) {
                for (int k = 0; k < nimgs; k++) {
                    CrRejection.applyMask(ch.sets()[k].dq, ch.bits()[k], ch.sets()[k].nx, ch.sets()[k].ny);
                }
            }
        }
        for (int it = 1; it <= set.sigmas().length; it++) {
            trl.verbose("iteration " + it);
        }
        trl.verbose("Finished all iterations, now writing out results...");
        trl.info("CRCORR   COMPLETE");
        trl.info("");
        trl.info("");
        trl.info("End      " + java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).format(STAMP));
        trl.info("");
        trl.info("*** ACSREJ complete ***");
        trl.timeStamp("ACSREJ complete", "");
        LOG.debug("ACSREJ combined {} images, {} rejected pixels in the first imset", nimgs, nrejFirst);
        Exposure product = new Exposure(outputName == null ? null : Path.of(outputName), outPrimary, outSets);
        return new Outcome(product, set, nonZero, nrejFirst);
    }

    /** One combined chip. */
    private record Chip(int extver, Imset out, long nrej, float skysum, float[] sky, Imset[] sets, byte[][] bits) {
    }

    /** Sky, initial guess, rejection loop and output scaling of one chip (the extver loop body of acsrej_do). */
    private static Chip chip(List<Exposure> inputs, int extver, Exposure defExp, RejSettings set, float[] efac,
                             float texpt, int nonZero, boolean shadcorr, Path shadPath, boolean biasOrDark,
                             String outputName) {
        int nimgs = inputs.size();
        Imset[] sets = matchImsets(inputs, extver);
        int nx = sets[0].nx;
        int ny = sets[0].ny;
        for (int k = 1; k < nimgs; k++) {
            if (sets[k].nx != nx || sets[k].ny != ny) {
                throw new SizeMismatchException("file '" + inputs.get(k).name() + "[sci," + sets[k].extver
                        + "]' does not have the same size as the first image").inFile(inputs.get(k).name());
            }
        }
        float[][] sci = new float[nimgs][];
        float[][] err = new float[nimgs][];
        short[][] dq = new short[nimgs][];
        for (int k = 0; k < nimgs; k++) {
            sci[k] = sets[k].sci;
            err[k] = sets[k].err;
            dq[k] = sets[k].dq;
        }
        float[] sky = "none".equals(set.skysub()) ? new float[nimgs] : SkyMode.modes(sci, dq, set.badinpdq());
        Imset base = defExp == inputs.get(0) ? sets[0] : defExp.imset(extver);
        Imset out = base.copy();
        int npix = nx * ny;
        float[] ave = out.sci;
        float[] aveErr = out.err;
        short[] outDq = out.dq;
        long nrej = 0;
        byte[][] bits = null;
        if (nonZero > 1) {
            if (InitialGuess.isMedian(set.initgues())) {
                InitialGuess.median(sci, dq, efac, sky, set.badinpdq(), ave);
            } else {
                InitialGuess.minimum(sci, dq, efac, sky, set.badinpdq(), ave);
            }
            float[] shad = shadcorr ? Shading.load(shadPath, sets[0], nx, ny) : null;
            CrRejection.Params kp = new CrRejection.Params(set.sigmas(), set.crradius(), set.crthresh(),
                    set.scalense(), set.badinpdq(), biasOrDark);
            CrRejection.Result r = CrRejection.run(sci, err, dq, nx, ny, efac, sky, shad, kp, ave, aveErr, outDq);
            nrej = r.nrej();
            bits = r.crBits();
        }
        float skysum = 0f;
        for (int n = 0; n < nimgs; n++) {
            skysum += sky[n];
        }
        if (skysum < 0f) {
            skysum = 0f;
        }
        if (nonZero > 0) {
            for (int i = 0; i < npix; i++) {
                ave[i] = ave[i] * texpt + skysum;
            }
            // Quirk (acsrej_do): one ERR pixel is set to -1 so that an all-zero ERR is still written as an array.
            aveErr[0] = -1f;
        } else {
            java.util.Arrays.fill(ave, 0f);
            java.util.Arrays.fill(aveErr, 0f);
            java.util.Arrays.fill(outDq, (short) 1);
            aveErr[0] = -1f;
            outDq[0] = 8;
        }
        out.sciHeader.addValue("NCOMBINE", nimgs, "number of image sets combined");
        if (outputName != null) {
            String root = rootOf(outputName);
            out.sciHeader.addValue("EXPNAME", root, "9 character exposure identifier");
            out.errHeader.addValue("EXPNAME", root, "9 character exposure identifier");
            out.dqHeader.addValue("EXPNAME", root, "9 character exposure identifier");
        }
        return new Chip(extver, out, nrej, skysum, sky, sets, bits);
    }

    /** Runs the tasks on up to {@code threads} threads and returns their results in task order. */
    private static <T> List<T> runAll(List<java.util.concurrent.Callable<T>> tasks, int threads) {
        List<T> out = new ArrayList<>();
        if (threads <= 1 || tasks.size() <= 1) {
            for (java.util.concurrent.Callable<T> t : tasks) {
                try {
                    out.add(t.call());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CalacsException(e.getMessage(), e);
                }
            }
            return out;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<T>> fs = new ArrayList<>();
            for (java.util.concurrent.Callable<T> t : tasks) {
                fs.add(pool.submit(t));
            }
            for (java.util.concurrent.Future<T> f : fs) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new CalacsException(String.valueOf(e.getCause()), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CalacsException("interrupted", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Values read by acsrej_check from every input. */
    private record Checked(float cumFlashDur, float cumDarktime) {
    }

    /** Port of the consistency checks of acsrej_check: CCDAMP, FLSHCORR, FLASHCUR and FLASHDUR/EXPTIME agree. */
    private static Checked check(List<Exposure> inputs, float[] efac, RejParams par, Trailer trl) {
        String ccdamp0 = null;
        SwitchValue flsh0 = null;
        String flashcur0 = null;
        float level0 = 0f;
        float totFlash = 0f;
        float totDark = 0f;
        for (int k = 0; k < inputs.size(); k++) {
            Exposure e = inputs.get(k);
            Hdr h = e.primaryHdr();
            String ccdamp = h.reqString("CCDAMP");
            if (ccdamp.length() > 4) {
                ccdamp = ccdamp.substring(0, 4);
            }
            totDark += (float) h.optDouble("DARKTIME", 0.0);
            SwitchValue flsh = h.switchValue(Switch.FLSHCORR);
            String flashcur = null;
            float level = 0f;
            if (flsh == SwitchValue.PERFORM) {
                flashcur = h.reqString("FLASHCUR");
                float flashdur = (float) h.optDouble("FLASHDUR", 0.0);
                level = flashdur / efac[k];
                totFlash += flashdur;
            } else {
                flsh = SwitchValue.OMIT;
            }
            if (k == 0) {
                h.reqString("DETECTOR");
                checkGains(h, e.name());
                ccdamp0 = ccdamp;
                flsh0 = flsh;
                flashcur0 = flashcur;
                level0 = level;
            } else {
                if (!ccdamp.equalsIgnoreCase(ccdamp0)) {
                    throw new InvalidInputException(e.name() + " uses different CCDAMP, expected " + ccdamp0
                            + " but got " + ccdamp).inFile(e.name()).forKeyword("CCDAMP");
                }
                if (flsh != flsh0) {
                    throw new InvalidInputException(e.name() + " uses different FLSHCORR, expected " + flsh0
                            + " but got " + flsh).inFile(e.name()).forKeyword("FLSHCORR");
                }
                if (flsh == SwitchValue.PERFORM) {
                    if (!flashcur.equalsIgnoreCase(flashcur0)) {
                        throw new InvalidInputException(e.name() + " uses different FLASHCUR, expected " + flashcur0
                                + " but got " + flashcur).inFile(e.name()).forKeyword("FLASHCUR");
                    }
                    if (level != level0) {
                        throw new InvalidInputException(String.format(Locale.ROOT,
                                "%s uses different flash levels (FLASHDUR/EXPTIME), expected %f but got %f",
                                e.name(), level0, level)).inFile(e.name()).forKeyword("FLASHDUR");
                    }
                }
            }
        }
        return new Checked(totFlash, totDark);
    }

    private static void checkGains(Hdr h, String name) {
        int set = 0;
        for (String a : new String[] {"A", "B", "C", "D"}) {
            h.optDouble("READNSE" + a, 0.0);
            if ((float) h.optDouble("ATODGN" + a, 0.0) > 0f) {
                set++;
            }
        }
        if (set == 0) {
            throw new InvalidInputException("All ATODGN values in file " + name + " are 0.").inFile(name)
                    .forKeyword("ATODGNA");
        }
    }

    /** The imset of each input for this EXTVER of the first input, matched by CCDCHIP (DetCCDChip). */
    static Imset[] matchImsets(List<Exposure> inputs, int extver) {
        Imset[] sets = new Imset[inputs.size()];
        sets[0] = inputs.get(0).imset(extver);
        int chip = sets[0].ccdChip();
        for (int k = 1; k < inputs.size(); k++) {
            sets[k] = inputs.get(k).imsetByChip(chip);
            if (sets[k] == null) {
                throw new InvalidInputException("no imset with CCDCHIP " + chip + " in " + inputs.get(k).name())
                        .inFile(inputs.get(k).name()).forKeyword("CCDCHIP");
            }
        }
        return sets;
    }

    /** The rootname of a product name: the part before the first ACS suffix or ".fits" (FindAsnRoot). */
    public static String rootOf(String fileName) {
        String f = Path.of(fileName).getFileName().toString();
        String lower = f.toLowerCase(Locale.ROOT);
        int cut = lower.length();
        for (String suf : new String[] {"_raw", "_asn", "_crj", "_crc", "_blv", "_blc", "_flt", "_flc", "_sfl",
                "_dth", ".fit"}) {
            int i = lower.indexOf(suf);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return f.substring(0, cut);
    }

    private static Path resolvePlain(RefResolver refs, String name) {
        Path p = Path.of(name);
        if (!p.isAbsolute()) {
            p = refs.workDir().resolve(p);
        }
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new ReferenceFileException("CRREJTAB table '" + name + "' does not exist").forKeyword("CRREJTAB");
        }
        return p;
    }

    /**
     * acsrej.e: reads the inputs, writes {@code output}, returns it. With CRMASK the inputs are rewritten with the
     * 8192 flags, as the reference updates its input files. Messages go to {@code <output root>.tra}, after the
     * content of the inputs' trailers (InitRejTrl).
     */
    public static Path run(List<Path> inputs, Path output, RejParams params, RunContext ctx) {
        boolean overwrite = ctx.options().overwrite() || "yes".equalsIgnoreCase(ctx.env().get("imclobber"));
        if (!overwrite && java.nio.file.Files.exists(output)) {
            throw new org.camelcalacs.core.error.OutputExistsException("Output file `" + output.getFileName()
                    + "' already exists.").inFile(output.getFileName()).inStage(NAME);
        }
        Path dir = output.toAbsolutePath().getParent();
        Path trailer = dir.resolve(rootOf(output.getFileName().toString()) + ".tra");
        try {
            for (Path p : inputs) {
                Path t = p.toAbsolutePath().getParent().resolve(rootOf(p.getFileName().toString()) + ".tra");
                if (java.nio.file.Files.isRegularFile(t) && !t.equals(trailer)) {
                    java.nio.file.Files.write(trailer, java.nio.file.Files.readAllBytes(t),
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
            }
        } catch (java.io.IOException e) {
            LOG.warn("cannot copy input trailers into {}: {}", trailer, e.toString());
        }
        List<Exposure> exps = new ArrayList<>();
        for (Path p : inputs) {
            exps.add(AcsFits.read(p));
        }
        String outName = output.getFileName().toString();
        try {
            Outcome o = process(exps, params, ctx, outName, null);
            AcsFits.write(o.product(), output, overwrite);
            if (o.settings().crmask() && o.nonZero() > 1) {
                for (int k = 0; k < exps.size(); k++) {
                    AcsFits.write(exps.get(k), inputs.get(k), true);
                }
            }
        } finally {
            ctx.trailer().flushTo(trailer);
        }
        return output;
    }
}
