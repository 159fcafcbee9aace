package org.camelcalacs.core.acscte;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nom.tam.fits.Header;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.model.RefType;
import org.camelcalacs.core.ref.table.CcdParameters;
import org.camelcalacs.core.ref.table.CcdTab;
import org.camelcalacs.core.ref.table.PcteTab;
import org.camelcalacs.core.trailer.Trailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACSCTE stage (_blv_tmp → _blc_tmp): pixel-based CTE correction, generation 3 (spec §3.1, §5.2; port of
 * ACScte, acscte/acscte.c, and DoCTE, acscte/docte.c). Per chip and amp (chip order of the file, amps in CCDAMP
 * order C D / A B): post-SM4 first the serial correction with the amp's serial PCTETAB set, then the parallel
 * correction with set 1. The forward model (acscteforwardmodel.e, --forwardModelOnly) adds CTE trails instead.
 */
public final class AcsCte {
    public static final String NAME = "ACSCTE";
    private static final Logger LOG = LoggerFactory.getLogger(AcsCte.class);

    /** EXPSTART (MJD) from which the serial correction applies (SM4MJD). */
    static final double SM4_MJD = 54962;
    /** CAL_VER written by the reference. */
    static final String CAL_VER = "10.5.0 (16-Mar-2026)";

    private AcsCte() {
    }

    /**
     * Corrects a _blv_tmp exposure in memory and returns the _blc_tmp product (the input is not modified). If
     * PCTECORR is not PERFORM, or the PCTETAB is a DUMMY, there is nothing to do: the result is an unchanged copy
     * (see {@link #willPerform}).
     */
    public static Exposure process(Exposure blv, RunContext ctx) {
        return apply(blv, ctx, false);
    }

    /**
     * GetCTEFlags (acscte/getcteflag.c): true if PCTECORR is PERFORM and the PCTETAB's PEDIGREE is not DUMMY.
     * When false, acscte.e does nothing ("No calibration switch was set to PERFORM") and writes no product.
     */
    public static boolean willPerform(Exposure blv, RunContext ctx) {
        Hdr ph = blv.primaryHdr();
        if (!ph.optString("PCTECORR", "OMIT").equalsIgnoreCase("PERFORM")) {
            return false;
        }
        Path tab = ctx.refs().require("PCTETAB", pctetabName(ph, ctx));
        try (org.camelcalacs.core.fits.FitsFile f = org.camelcalacs.core.fits.FitsFile.open(tab)) {
            String ped = f.primaryHeader().getStringValue("PEDIGREE");
            return ped == null || !ped.trim().toUpperCase(Locale.ROOT).startsWith("DUMMY");
        }
    }

    /** The forward model in memory: returns the _ctefmod product (the input is not modified). */
    public static Exposure processForwardModel(Exposure blv, RunContext ctx) {
        return apply(blv, ctx, true);
    }

    /**
     * acscte.e: reads {@code input}, writes {@code <root>_blc_tmp.fits}, returns its path; returns null (no
     * product, as the reference) when there is nothing to do ({@link #willPerform}).
     */
    public static Path run(Path input, RunContext ctx) {
        return runStage(input, ctx, false);
    }

    /** acscteforwardmodel.e: adds CTE trails; writes {@code <root>_ctefmod.fits}, returns its path. */
    public static Path forwardModel(Path input, RunContext ctx) {
        return runStage(input, ctx, true);
    }

    /** Output name: the input name minus {@code _blv_tmp} (or {@code .fits}) plus the suffix. */
    static Path outputName(Path input, Path outDir, boolean forward) {
        String n = String.valueOf(input.getFileName());
        String base = n.endsWith(".fits") ? n.substring(0, n.length() - 5) : n;
        if (base.endsWith("_blv_tmp")) {
            base = base.substring(0, base.length() - 8);
        }
        return outDir.resolve(base + (forward ? "_ctefmod.fits" : "_blc_tmp.fits"));
    }

    private static Path runStage(Path input, RunContext ctx, boolean forward) {
        Path out = outputName(input, ctx.options().outputDir(), forward);
        Trailer trl = ctx.trailer();
        trl.info("CALBEG*** " + NAME + " -- Version " + CAL_VER + " ***");
        trl.info("input " + input.getFileName());
        trl.info("output " + out.getFileName());
        if (!ctx.options().overwrite() && java.nio.file.Files.exists(out)) {
            throw new org.camelcalacs.core.error.OutputExistsException(
                    "output file already exists").inFile(out.getFileName()).inStage(NAME);
        }
        Exposure blv = AcsFits.read(input);
        if (!willPerform(blv, ctx)) {
            trl.warn("No calibration switch was set to PERFORM, or all reference files had PEDIGREE = DUMMY.");
            trl.info(NAME + " did NOT process " + input.getFileName());
            return null;
        }
        Exposure result = apply(blv, ctx, forward);
        result.primaryHdr().set("FILENAME", String.valueOf(out.getFileName()));
        AcsFits.write(result, out, ctx.options().overwrite());
        trl.info("CALEND*** " + NAME + " -- Version " + CAL_VER + " ***");
        ctx.progress(NAME, null, "written " + out.getFileName(), 1.0);
        return out;
    }

    private static Exposure apply(Exposure blv, RunContext ctx, boolean forward) {
        try {
            return doCte(blv.copy(), ctx, forward);
        } catch (CalacsException e) {
            throw e.inStage(NAME).inFile(blv.name());
        }
    }

    /** DoCTE. */
    private static Exposure doCte(Exposure x, RunContext ctx, boolean forward) {
        Trailer trl = ctx.trailer();
        Hdr ph = x.primaryHdr();
        String detector = ph.reqString("DETECTOR").toUpperCase(Locale.ROOT);
        double expstart = ph.reqDouble("EXPSTART");
        ph.reqBool("SUBARRAY");
        String ccdamp = ph.reqString("CCDAMP");
        float ccdgain = (float) ph.optDouble("CCDGAIN", 1.0);
        int[] ofst = new int[4];
        for (int a = 0; a < 4; a++) {
            ofst[a] = ph.optInt("CCDOFST" + "ABCD".charAt(a), 3);
        }
        String pcteSwitch = ph.optString("PCTECORR", "OMIT").toUpperCase(Locale.ROOT);
        boolean perform = pcteSwitch.equals("PERFORM");

        // OscnTrimmed: BLEVCORR must be complete and no overscan may remain.
        boolean blevDone = ph.optString("BLEVCORR", "OMIT").equalsIgnoreCase("COMPLETE");
        for (Imset s : x.imsets()) {
            if (!blevDone || s.ltv1() > 0 || s.ltv2() > 0) {
                throw (InvalidInputException) new InvalidInputException(
                        "Overscan region not trimmed.  Please perform BLEVCORR.").inHdu("SCI," + s.extver);
            }
        }

        String ccdName = ph.reqString("CCDTAB");
        Path ccdPath = ctx.refs().require("CCDTAB", ccdName);
        CcdTab ccdTab = CcdTab.read(ccdPath);
        List<CcdParameters> rows = new ArrayList<>();
        for (Imset s : x.imsets()) {
            rows.add(ccdTab.lookup(ccdamp, ccdgain, s.ccdChip(), ofst, s.nx));
        }
        CcdParameters first = rows.get(0);
        for (int a = 0; a < 4; a++) {
            ph.set("ATODGN" + "ABCD".charAt(a), first.atodgain()[a]);
        }
        for (int a = 0; a < 4; a++) {
            ph.set("READNSE" + "ABCD".charAt(a), first.readnoise()[a]);
        }
        history(ph, "CCD parameters table: ");
        tabHistory(ph, ccdName, first.pedigree(), ccdTab.descrip(), first.descrip());

        if (perform && !willPerform(x, ctx)) {
            trl.warn("PCTETAB has PEDIGREE = DUMMY; PCTECORR is not performed.");
            perform = false;
        }
        trl.info("PCTECORR " + (perform ? "PERFORM" : pcteSwitch));
        if (perform) {
            String tabName = pctetabName(ph, ctx);
            Path tabPath = ctx.refs().require("PCTETAB", tabName);
            PcteTab.checkGeneration(String.valueOf(tabPath.getFileName()), PcteTab.cteName(tabPath));
            trl.info("(pctecorr) Parallel and Serial PCTETAB file auto-detected.");
            PcteTab tab = PcteTab.read(tabPath);
            trl.info("PCTEFILE " + tabName);
            trl.info("PCTEFILE PEDIGREE=" + tab.pedigree());
            trl.info("PCTEFILE DESCRIP =" + tab.descrip());
            ph.set("PCTETAB", tabName, "CTE Correction Table");

            CteModel.Overrides ov = overrides(ph);
            CteModel parallel = CteModel.of(tab, tab.parallel(), ov, expstart);
            cteKeywords(ph, tab, parallel, "parallel");
            trl.warn(String.format(Locale.ROOT, "(pctecorr) IGNORING read noise level PCTERNOI from PCTETAB: %f. "
                    + "Using amp dependent values from CCDTAB instead", ov.readNoise() != null
                    && ov.readNoise() > 1. ? ov.readNoise() : tab.readNoise()));
            trl.info(String.format(Locale.ROOT, "(pctecorr) Readout simulation forward modeling iterations "
                    + "PCTENFOR: %d%n(pctecorr) Number of iterations used in the parallel transfer PCTENPAR: %d%n"
                    + "(pctecorr) CTE_FRAC: %f", parallel.nForward(), parallel.nPar(), parallel.scaleFrac()));
            boolean postSm4 = expstart >= SM4_MJD;
            int threads = ctx.threads();
            int nAmps = 0;
            for (Imset s : x.imsets()) {
                nAmps += AmpGeometry.chipAmps(ccdamp, s.ccdChip()).length();
            }
            int done = 0;
            try (PcteCorr corr = new PcteCorr(threads)) {
                if (threads > 1) {
                    trl.info("(pctecorr) Using " + threads + " threads inside the CTE routine.");
                }
                for (int i = 0; i < x.imsets().size(); i++) {
                    Imset chip = x.imsets().get(i);
                    CcdParameters row = rows.get(i);
                    String amps = AmpGeometry.chipAmps(ccdamp, chip.ccdChip());
                    for (int k = 0; k < amps.length(); k++) {
                        char letter = amps.charAt(k);
                        int amp = AmpGeometry.AMPS.indexOf(letter);
                        double rn = row.readnoise()[amp];
                        long t0 = System.nanoTime();
                        if (postSm4) {
                            CteModel serial = CteModel.of(tab, tab.serial(amp), ov, expstart);
                            cteKeywords(ph, tab, serial, "serial - Amp " + letter);
                            runAmp(corr, chip, amps, letter, amp, row, rn, serial, true, forward, trl, ctx);
                        }
                        runAmp(corr, chip, amps, letter, amp, row, rn, parallel, false, forward, trl, ctx);
                        done++;
                        trl.info(String.format(Locale.ROOT,
                                "(pctecorr) CTE run time for current chip: %.2f(s) with %d procs/threads",
                                (System.nanoTime() - t0) / 1e9, threads));
                        ctx.progress(NAME, "PCTECORR", "amp " + letter + " of chip " + chip.ccdChip() + " done",
                                (double) done / nAmps);
                    }
                }
            }
            trl.info("PCTECORR COMPLETE");
            ph.set("PCTECORR", "COMPLETE");
            history(ph, "PCTECORR complete ...");
            for (int a = 0; a < 4; a++) {
                history(ph, String.format(Locale.ROOT, "PCTERNOI %14.7E Amp '%c' read noise clip limit (from CCDTAB).",
                        (double) first.readnoise()[a], "ABCD".charAt(a)));
            }
            history(ph, "CTE parameters table: ");
            tabHistory(ph, tabName, tab.pedigree(), tab.descrip(), "");
            ph.set("CTE_NAME", PcteTab.GEN3_NAME, "name of CTE algorithm");
            ph.set("CTE_VER", PcteTab.GEN3_VERSION, "version of CTE algorithm");
        } else {
            ph.set("PCTECORR", "OMIT");
        }
        ph.set("CAL_VER", CAL_VER, "version number and date");
        return x;
    }

    private static void runAmp(PcteCorr corr, Imset chip, String amps, char letter, int amp, CcdParameters row,
                               double rn,
                               CteModel m, boolean serial, boolean forward, Trailer trl, RunContext ctx) {
        String type = serial ? "serial" : "parallel";
        if (!forward && m.noiseModel() != 0) {
            throw (ReferenceFileException) new ReferenceFileException("(pctecorr) Only noise model 0 implemented! "
                    + "PCTENSMD = " + m.noiseModel()).forKeyword("PCTENSMD");
        }
        trl.info(String.format(Locale.ROOT, "(pctecorr) Performing CTE correction type %s for amp %c.", type, letter));
        trl.info(String.format(Locale.ROOT, "(pctecorr) Read noise level from CCDTAB: %f.", rn));
        AmpGeometry g = AmpGeometry.of(amp, amps, row.ampx(), row.ampy(), chip.nx, chip.ny, serial);
        long t0 = System.nanoTime();
        PcteCorr.AmpResult r = corr.apply(chip, g, m, rn, forward);
        LOG.debug("amp {} {}: {} smoothing iterations, {} s", letter, type, r.smoothingIterations(),
                (System.nanoTime() - t0) / 1e9);
        trl.verbose(String.format(Locale.ROOT, "(pctecorr) Smoothing iterations: %d", r.smoothingIterations()));
        trl.info(String.format(Locale.ROOT,
                "(pctecorr) Total count difference (corrected-raw) incurred from correction: %f (%f%%)",
                r.totalCounts(), r.totalCounts() / r.totalRawCounts() * 100));
        ctx.progress(NAME, "PCTECORR", type + " correction of amp " + letter + " done", -1);
    }

    /** --pctetab (or a PCTETAB reference override) replaces the header value. */
    private static String pctetabName(Hdr ph, RunContext ctx) {
        String fromCmd = ctx.options().pctetab();
        if (fromCmd == null || fromCmd.isBlank()) {
            fromCmd = ctx.options().referenceOverrides().get(RefType.PCTETAB);
        }
        if (fromCmd != null && !fromCmd.isBlank()) {
            ctx.trailer().warn("(pctecorr) USING PCTETAB SPECIFIED BY '--pctetab " + fromCmd
                    + "' AND NOT THAT FROM IMAGE HEADER!!!");
            return fromCmd.trim();
        }
        return ph.reqString("PCTETAB");
    }

    /** getCTEParsFromImageHeader: optional PCTENSMD, PCTETLEN, PCTERNOI, PCTENFOR, PCTENPAR, FIXROCR. */
    static CteModel.Overrides overrides(Hdr ph) {
        Integer fix = ph.has("FIXROCR") ? ph.reqInt("FIXROCR") : null;
        if (fix != null && fix != 0 && fix != 1) {
            throw (InvalidInputException) new InvalidInputException("(pctecorr) FIXROCR keyword from header has "
                    + "invalid value, '" + fix + "'. Only 0 or 1 accepted.").inHdu("PRIMARY").forKeyword("FIXROCR");
        }
        return new CteModel.Overrides(ph.has("PCTENSMD") ? ph.reqInt("PCTENSMD") : null,
                ph.has("PCTETLEN") ? ph.reqInt("PCTETLEN") : null,
                ph.has("PCTERNOI") ? ph.reqDouble("PCTERNOI") : null,
                ph.has("PCTENFOR") ? ph.reqInt("PCTENFOR") : null,
                ph.has("PCTENPAR") ? ph.reqInt("PCTENPAR") : null, fix);
    }

    /** populateImageFileWithCTEKeywordValues: each value updates its keyword if present, else becomes HISTORY. */
    static void cteKeywords(Hdr ph, PcteTab tab, CteModel m, String corrType) {
        if (corrType.startsWith("parall")) {
            keyOrHistory(ph, "CTE_NAME", tab.cteName(), "CTE algorithm name");
            keyOrHistory(ph, "CTE_VER", tab.cteVersion(), "CTE algorithm version");
            keyOrHistory(ph, "CORRTYPE", corrType, "CTE correction type");
            keyOrHistory(ph, "FIXROCR", m.fixRocr() ? 1 : 0, "fix readout cosmic rays");
            keyOrHistory(ph, "PCTETRSH", m.threshold(), "CTE over subtraction threshold");
            keyOrHistory(ph, "PCTEFRAC", m.scaleFrac(), "CTE scaling factor");
        }
        if (corrType.startsWith("serial")) {
            keyOrHistory(ph, "CORRTYPE", corrType, "CTE correction type");
        }
        keyOrHistory(ph, "CTEDATE0", m.set().cteDate0(), "Date of instrument installation");
        keyOrHistory(ph, "CTEDATE1", m.set().cteDate1(), "Date of CTE model pinning");
        keyOrHistory(ph, "PCTETLEN", m.trailLength(), "max length of CTE trail");
        keyOrHistory(ph, "PCTENFOR", m.nForward(), "Number of iter in forward model");
        keyOrHistory(ph, "PCTENPAR", m.nPar(), "Number of iter in parallel transfer");
    }

    private static void keyOrHistory(Hdr ph, String key, String value, String comment) {
        if (ph.has(key)) {
            ph.set(key, value);
        } else {
            history(ph, String.format(Locale.ROOT, "%s %s %s", key, value, comment));
        }
    }

    private static void keyOrHistory(Hdr ph, String key, int value, String comment) {
        if (ph.has(key)) {
            ph.set(key, value);
        } else {
            history(ph, String.format(Locale.ROOT, "%s %12d %s", key, value, comment));
        }
    }

    private static void keyOrHistory(Hdr ph, String key, double value, String comment) {
        if (ph.has(key)) {
            ph.set(key, value);
        } else {
            history(ph, String.format(Locale.ROOT, "%s %20.12E %s", key, value, comment));
        }
    }

    /** TabHistory: the table name, then its pedigree and descriptions when not empty. */
    private static void tabHistory(Hdr ph, String name, String pedigree, String descrip, String descrip2) {
        history(ph, "  reference table " + name);
        if (pedigree != null && !pedigree.isEmpty()) {
            history(ph, "    " + pedigree);
        }
        if (descrip != null && !descrip.isEmpty()) {
            history(ph, "    " + descrip);
        }
        if (descrip2 != null && !descrip2.isEmpty()) {
            history(ph, "    " + descrip2);
        }
    }

    private static void history(Hdr ph, String text) {
        Header h = ph.header();
        h.insertHistory(text.length() > 70 ? text.substring(0, 70) : text);
    }
}
