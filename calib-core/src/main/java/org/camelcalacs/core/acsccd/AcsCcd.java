package org.camelcalacs.core.acsccd;

import org.camelcalacs.core.trailer.CFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.camelcalacs.core.array.RefGeometry;
import org.camelcalacs.core.calacs.Overrides;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.OutputExistsException;
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
import org.camelcalacs.core.ref.table.BpixTab;
import org.camelcalacs.core.ref.table.CcdParameters;
import org.camelcalacs.core.ref.table.CcdTab;
import org.camelcalacs.core.ref.table.OscnTab;
import org.camelcalacs.core.ref.table.OverscanGeometry;
import org.camelcalacs.core.trailer.Trailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACSCCD stage (raw → _blv_tmp; port of ACSccd/DoCCD, acsccd/acsccd.c, doccd.c; spec §5.2 "acsccd"):
 * CCDTAB/OSCNTAB lookup, DQICORR, BIASCORR (DN), gain conversion, BLEVCORR, DARKTIME, full-well saturation,
 * ERR initialisation, SINKCORR, then the switch/history/CAL_VER/BIASLEV updates and the overscan trim.
 * The order of the steps is the order of the code below, as in doccd.c.
 */
public final class AcsCcd {
    public static final String NAME = "ACSCCD";
    /** CAL_VER written to products: the version of CALACS this port matches. */
    public static final String CAL_VER = "10.5.0 (16-Mar-2026)";

    private static final Logger LOG = LoggerFactory.getLogger(AcsCcd.class);

    /** Internal state of a switch (PERFORM, OMIT, or DUMMY when its reference has a DUMMY pedigree). */
    enum Flag { OMIT, PERFORM, DUMMY }

    private AcsCcd() {
    }

    /** Calibrates a raw CCD exposure in memory and returns the _blv_tmp product (the input is not modified). */
    public static Exposure process(Exposure raw, RunContext ctx) {
        return process(raw, ctx, true);
    }

    /**
     * As {@link #process(Exposure, RunContext)} but calibrates {@code raw}'s own arrays (no copy; for a caller that
     * drops the raw afterwards, e.g. the calacs driver: saves one copy of the exposure, ~170 MB for WFC).
     */
    public static Exposure processInPlace(Exposure raw, RunContext ctx) {
        return process(raw, ctx, false);
    }

    /** The stage banner the reference prints before the step messages (PrBegin, PrFileName, LoadHdr). */
    public static void beginBanner(Trailer t, String inputName, String outputName) {
        t.info("");
        t.info("CALBEG*** " + NAME + " -- Version " + CAL_VER + " ***");
        t.info("Begin    " + now());
        t.info("Input    " + inputName);
        t.info("Output   " + outputName);
        t.info("Trying to open " + inputName + "...");
        t.info("Read in Primary header from " + inputName + "...");
    }

    /** The stage banner the reference prints at the end (PrEnd). */
    public static void endBanner(Trailer t) {
        t.info("");
        t.info("");
        t.info("End      " + now());
        t.info("");
        t.info("*** " + NAME + " complete ***");
    }

    private static Exposure process(Exposure raw, RunContext ctx, boolean copy) {
        try {
            return doProcess(copy ? raw.copy() : raw, ctx);
        } catch (CalacsException e) {
            throw e.inStage(NAME).inFile(raw.name());
        }
    }

    /** acsccd.e: reads {@code input}, writes {@code <root>_blv_tmp.fits} in the output directory, returns its path. */
    public static Path run(Path input, RunContext ctx) {
        String root = rootOf(input);
        Path out = ctx.options().outputDir().resolve(root + "_blv_tmp.fits");
        Trailer t = ctx.trailer();
        if (!ctx.options().overwrite() && Files.exists(out)) {
            throw (OutputExistsException) new OutputExistsException("Output file already exists").inFile(out.getFileName())
                    .inStage(NAME);
        }
        beginBanner(t, String.valueOf(input.getFileName()), String.valueOf(out.getFileName()));
        t.timeStamp("ACSCCD started", "");
        Exposure raw;
        try (FitsFile f = FitsFile.open(input)) {
            // the primary keywords are checked before any pixel is read, as LoadHdr + getAndCheckACSKeys do
            CcdKeys.read(new Hdr(f.primaryHeader(), String.valueOf(input.getFileName()), "PRIMARY"));
            raw = AcsFits.read(f);
        } catch (CalacsException e) {
            throw e.inStage(NAME).inFile(input.getFileName());
        }
        Overrides.apply(raw.primary(), ctx.options());
        Exposure product = process(raw, ctx, false);
        product.setSource(out);
        // UFilename: FILENAME names the product
        product.primary().addValue("FILENAME", String.valueOf(out.getFileName()), "name of file");
        try {
            AcsFits.write(product, out, ctx.options().overwrite());
        } catch (CalacsException e) {
            throw e.inStage(NAME);
        }
        endBanner(t);
        t.timeStamp("ACSCCD completed", root);
        LOG.debug("ACSCCD wrote {}", out);
        return out;
    }

    /** The rootname of a raw file name: without directory, .fits(.gz) and a trailing _raw. */
    static String rootOf(Path input) {
        String n = String.valueOf(input.getFileName());
        for (String ext : new String[] {".fits.gz", ".fits"}) {
            if (n.endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
                break;
            }
        }
        if (n.endsWith("_raw")) {
            n = n.substring(0, n.length() - 4);
        }
        return n;
    }

    private static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss z", Locale.ROOT));
    }

    private static Flag flag(Hdr ph, Switch s) {
        return ph.switchValue(s) == SwitchValue.PERFORM ? Flag.PERFORM : Flag.OMIT;
    }

    private static Exposure doProcess(Exposure x, RunContext ctx) {
        Trailer t = ctx.trailer();
        int threads = ctx.threads();
        Hdr ph = x.primaryHdr();
        CcdKeys k = CcdKeys.read(ph);
        if (x.imsets().size() != k.nimsets()) {
            throw new InvalidInputException("NEXTEND/3 = " + k.nimsets() + " imsets expected but "
                    + x.imsets().size() + " read");
        }
        t.info("APERTURE " + k.aperture());
        t.info("FILTER1 " + k.filter1());
        t.info("FILTER2 " + k.filter2());
        t.info("DETECTOR " + k.detector());

        // ---- switches and references (GetACSFlags): every missing file is reported at once
        Flag dqicorr = flag(ph, Switch.DQICORR);
        Flag atodcorr = flag(ph, Switch.ATODCORR);
        Flag biascorr = flag(ph, Switch.BIASCORR);
        Flag blevcorr = flag(ph, Switch.BLEVCORR);
        Flag sinkcorr = flag(ph, Switch.SINKCORR);
        CcdReferences refs = new CcdReferences();
        CcdReferences.Ref ccdRef = refs.get(ph, ctx.refs(), "CCDTAB");
        if (!ccdRef.exists()) {
            refs.missing(ccdRef);
        } else if (ccdRef.dummy()) {
            refs.missing("CCDTAB `" + ccdRef.name().trim() + "' is a dummy table");
        }
        CcdReferences.Ref oscnRef = refs.get(ph, ctx.refs(), "OSCNTAB");
        if (!oscnRef.exists()) {
            // FindOverscan always opens the table, so a blank name fails too
            refs.missing(oscnRef);
        } else if (oscnRef.dummy() && blevcorr == Flag.PERFORM) {
            blevcorr = Flag.DUMMY;
        }
        CcdReferences.Ref bpixRef = null;
        int nsteps = 0;
        if (dqicorr == Flag.PERFORM) {
            bpixRef = refs.get(ph, ctx.refs(), "BPIXTAB");
            if (!bpixRef.exists() && bpixRef.named()) {
                refs.missing(bpixRef);
            }
            if (bpixRef.exists() && bpixRef.dummy()) {
                dqicorr = Flag.DUMMY;
            }
            if (dqicorr == Flag.PERFORM) {
                nsteps++;
            }
        }
        if (atodcorr == Flag.PERFORM) {
            CcdReferences.Ref atod = refs.get(ph, ctx.refs(), "ATODTAB");
            if (!atod.exists()) {
                refs.missing(atod);
            }
            if (atod.exists() && atod.dummy()) {
                atodcorr = Flag.DUMMY;
            }
            if (atodcorr == Flag.PERFORM) {
                nsteps++;
            }
        }
        if (blevcorr == Flag.PERFORM) {
            nsteps++;
        }
        CcdReferences.Ref biasRef = null;
        CcdReferences.Ref satRef = null;
        if (biascorr == Flag.PERFORM) {
            biasRef = refs.get(ph, ctx.refs(), "BIASFILE");
            if (!biasRef.exists()) {
                refs.missing(biasRef);
            } else if (biasRef.dummy()) {
                biascorr = Flag.DUMMY;
            }
            if (biascorr == Flag.PERFORM) {
                nsteps++;
            }
            satRef = refs.get(ph, ctx.refs(), "SATUFILE");
            if (!satRef.exists()) {
                refs.missing(satRef);
            }
        }
        CcdReferences.Ref sinkRef = null;
        if (sinkcorr == Flag.PERFORM) {
            sinkRef = refs.get(ph, ctx.refs(), "SNKCFILE");
            if (!sinkRef.exists()) {
                refs.missing(sinkRef);
            } else if (sinkRef.dummy()) {
                sinkcorr = Flag.DUMMY;
            }
            if (sinkcorr == Flag.PERFORM) {
                nsteps++;
            }
        }
        refs.throwIfMissing();
        if (nsteps < 1) {
            t.warn("No calibration switch was set to PERFORM, or all reference files had PEDIGREE = DUMMY.");
            throw new InvalidInputException("ACSCCD has nothing to do: no calibration switch was set to PERFORM,"
                    + " or all reference files had PEDIGREE = DUMMY");
        }
        t.timeStamp("Begin processing", k.rootname());

        // ---- CCDTAB and OSCNTAB per imset (GetACSGrp, GetCCDTab, FindOverscan)
        CcdTab ccdTab = CcdTab.read(ccdRef.path());
        OscnTab oscnTab = OscnTab.read(oscnRef.path());
        List<Imset> xs = x.imsets();
        List<CcdImset> info = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            Imset s = xs.get(i);
            Header h = s.sciHeader;
            int chip = h.getIntValue("CCDCHIP", 1);
            short sdq = (short) h.getIntValue("SDQFLAGS", 65535);
            int ncombine = h.getIntValue("NCOMBINE", 1);
            if (ncombine < 1) {
                t.warn("NCOMBINE = " + ncombine + ", reset to one.");
                ncombine = 1;
            }
            CcdParameters ccd = ccdTab.lookup(k.ccdamp(), k.ccdgain(), chip, k.ccdofst(), s.nx);
            if (ccd.dummy()) {
                t.warn("Row " + ccd.row() + " of CCDTAB is DUMMY.");
            }
            info.add(new CcdImset(i, s.extver, chip, h.getDoubleValue("LTV1", 0.0), h.getDoubleValue("LTV2", 0.0),
                    sdq, ncombine, ccd, OverscanGeometry.NONE, false));
        }
        CcdParameters p0 = info.get(0).ccd();
        for (int a = 0; a < 4; a++) {
            ph.set("ATODGN" + "ABCD".charAt(a), p0.gain(a));
            ph.set("READNSE" + "ABCD".charAt(a), p0.noise(a));
        }
        t.info("");
        t.info("");
        prRefInfo(t, "ccdtab", ccdRef.name(), p0.pedigree(), ccdTab.descrip(), p0.descrip());
        history(ph, "CCD parameters table: ");
        tabHistory(ph, ccdRef.name(), p0.pedigree(), ccdTab.descrip(), p0.descrip());
        for (int i = 0; i < xs.size(); i++) {
            Imset s = xs.get(i);
            CcdImset in = info.get(i);
            var g = oscnTab.lookup(k.ccdamp(), in.chip(), s.nx, s.ny);
            if (g.isEmpty()) {
                t.warn("Could not find appropriate row from OSCNTAB.");
            } else {
                OverscanGeometry o = g.get();
                t.verbose(String.format(Locale.ROOT, "Found trim values of: x(%d,%d) y(%d,%d)", o.trimx1(),
                        o.trimx2(), o.trimy1(), o.trimy2()));
            }
            info.set(i, new CcdImset(in.index(), in.extver(), in.chip(), in.ltv1(), in.ltv2(), in.sdqflags(),
                    in.ncombine(), in.ccd(), g.orElse(OverscanGeometry.NONE), g.isPresent()));
        }

        // ---- DQICORR
        t.info("");
        t.info("");
        prSwitch(t, "dqicorr", dqicorr);
        BpixTab bpix = null;
        if (dqicorr != Flag.OMIT) {
            prRefInfo(t, "dqitab", bpixRef.name(), bpixRef.pedigree(), bpixRef.descrip(), "");
            if (dqicorr == Flag.PERFORM && bpixRef.exists()) {
                bpix = BpixTab.read(bpixRef.path());
            }
        }
        if (dqicorr != Flag.OMIT) {
            final BpixTab table = bpix;
            int[] applied = new int[xs.size()];
            ImsetTasks.run(xs.size(), threads, i -> {
                Imset s = xs.get(i);
                CcdImset in = info.get(i);
                DqiCorr.flagAtodSaturation(s.sci, s.dq, in.ccd().atodsat());
                double[] lt = RefGeometry.lt(s.sciHeader);
                applied[i] = table == null ? -1 : DqiCorr.applyTable(s.dq, s.nx, s.ny,
                        table.rowsFor(k.ccdamp(), k.ccdgain(), in.chip()), lt[2], lt[3], lt[0], lt[1]);
            });
            for (int n : applied) {
                if (n == 0) {
                    t.warn("No rows from BPIXTAB applied to DQ array.");
                    t.info("Inserting single-pixel DQ place-holder at (1,1).");
                }
            }
        }
        prSwitchComplete(t, "dqicorr");
        t.timeStamp("DQICORR complete", k.rootname());
        if (dqicorr != Flag.OMIT) {
            Flag f = bpixRef.exists() ? (bpixRef.dummy() ? Flag.DUMMY : Flag.PERFORM) : Flag.PERFORM;
            if (updateSwitch(ph, "DQICORR", f)) {
                history(ph, "  values checked for saturation");
                if (bpixRef.exists()) {
                    history(ph, "  DQ array initialized ...");
                    tabHistory(ph, bpixRef.name(), bpixRef.pedigree(), bpixRef.descrip(), "");
                }
            }
        }

        // ---- BIASCORR (DN, before the gain conversion)
        t.info("");
        t.info("");
        prSwitch(t, "biascorr", biascorr);
        if (biascorr != Flag.OMIT) {
            prRefInfo(t, "biasfile", biasRef.name(), biasRef.pedigree(), biasRef.descrip(), "");
        }
        if (biascorr == Flag.PERFORM) {
            try (RefImageFile biasFile = new RefImageFile(biasRef)) {
                ImsetTasks.Lines[] lines = new ImsetTasks.Lines[xs.size()];
                ImsetTasks.run(xs.size(), threads, i -> {
                    lines[i] = new ImsetTasks.Lines();
                    Imset b = biasFile.imsetForChipConcurrently(info.get(i).chip());
                    subtractBias(xs.get(i), b, biasFile.ref(), lines[i]);
                });
                for (ImsetTasks.Lines l : lines) {
                    l.replay(t);
                }
            }
        }
        prSwitchComplete(t, "biascorr");
        t.timeStamp("BIASCORR complete", k.rootname());
        if (biascorr != Flag.OMIT && updateSwitch(ph, "BIASCORR", biascorr)) {
            imgHistory(ph, biasRef);
        }
        if (atodcorr != Flag.OMIT) {
            t.info(AtodCorr.NOT_APPLIED);
        }

        // ---- gain conversion (always)
        AmpRegions[] regions = new AmpRegions[xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            Imset s = xs.get(i);
            CcdImset in = info.get(i);
            regions[i] = AmpRegions.of(k.detector(), in.chip(), in.ccd().ampx(), in.ccd().ampy(),
                    in.ccd().atodgain(), in.ccd().readnoise(), in.ltv1(), in.ltv2(), s.nx, s.ny);
        }
        ImsetTasks.run(xs.size(), threads, i -> {
            Imset s = xs.get(i);
            try {
                GainConversion.apply(s.sci, s.err, s.nx, s.ny, regions[i]);
            } catch (CalacsException e) {
                throw e.inStep("GainConversion").inHdu("SCI," + s.extver);
            }
        });
        for (Imset s : xs) {
            s.sciHeader.addValue("BUNIT", "ELECTRONS", "brightness units");
            s.errHeader.addValue("BUNIT", "ELECTRONS", "brightness units");
        }

        // ---- BLEVCORR
        t.info("");
        t.info("");
        prSwitch(t, "blevcorr", blevcorr);
        if (blevcorr != Flag.OMIT) {
            prRefInfo(t, "oscntab", oscnRef.name(), oscnTab.pedigree(), oscnTab.descrip(), "");
        }
        BlevCorr.Result blev = new BlevCorr.Result(xs.size());
        if (blevcorr == Flag.PERFORM) {
            try {
                blev = BlevCorr.apply(k, xs, info, t, ctx.threads());
            } catch (CalacsException e) {
                throw e.inStep("BLEVCORR");
            }
            for (String h : blev.history) {
                history(ph, h);
            }
            t.timeStamp("BLEVCORR complete", k.rootname());
        }
        if (blevcorr != Flag.OMIT) {
            ph.set("BLEVCORR", "COMPLETE");
            history(ph, blev.done ? "BLEVCORR complete; bias level from overscan was subtracted."
                    : "BLEVCORR complete, but default bias level was subtracted.");
            history(ph, blev.driftcorr ? "BLEVCORR includes correction for drift along lines."
                    : "BLEVCORR does not include correction for drift along lines.");
            history(ph, "  Overscan region table: ");
            tabHistory(ph, oscnRef.name(), oscnTab.pedigree(), oscnTab.descrip(), "");
        }

        // ---- DARKTIME
        CcdParameters c0 = info.get(0).ccd();
        float offset = DarkTime.offset(k.flashdur(), k.flashsta(), c0.ovrhfls(), c0.ovrhufls());
        boolean applies = DarkTime.applies(k.subarray(), k.expstart(), k.aperture());
        float darktime = DarkTime.compute(k.darktime(), offset, applies);
        if (!k.subarray()) {
            t.info(String.format(Locale.ROOT, "Full Frame adjusted Darktime: %f", darktime));
        } else if (applies) {
            t.info(String.format(Locale.ROOT, "Supported Subarray adjusted Darktime: %f for aperture: %s", darktime,
                    k.aperture()));
        }
        t.info(String.format(Locale.ROOT, "DARKTIME from SCI header: %f  Offset from CCDTAB: %f  Final DARKTIME: %f",
                (float) k.darktime(), offset, darktime));
        ph.set("DARKTIME", darktime);

        // ---- full-well saturation (internal BIASCORR and BLEVCORR flags both PERFORM)
        boolean fullWell = biascorr == Flag.PERFORM && blevcorr == Flag.PERFORM;
        if (fullWell) {
            try (RefImageFile satFile = new RefImageFile(satRef)) {
                ImsetTasks.Lines[] lines = new ImsetTasks.Lines[xs.size()];
                ImsetTasks.run(xs.size(), threads, i -> {
                    lines[i] = new ImsetTasks.Lines();
                    lines[i].info("");
                    lines[i].info("Full-well saturation flagging being performed for imset " + (i + 1) + ".");
                    lines[i].info("");
                    fullWell(xs.get(i), info.get(i), satFile, satFile.ref(), lines[i]);
                });
                for (ImsetTasks.Lines l : lines) {
                    l.replay(t);
                }
            }
        } else {
            for (int i = 0; i < xs.size(); i++) {
                t.warn("No Full-well saturation flagging being performed for imset " + (i + 1) + ".");
            }
        }

        // ---- ERR initialisation (always)
        boolean biasTarget = NoiseInit.isBiasTarget(k.targname());
        for (int i = 0; i < xs.size(); i++) {
            if (info.get(i).ncombine() > 1) {
                t.warn("NCOMBINE > 1 before the error array was initialized.");
            }
        }
        ImsetTasks.run(xs.size(), threads, i -> {
            Imset s = xs.get(i);
            try {
                NoiseInit.apply(s.sci, s.err, s.nx, s.ny, regions[i], biasTarget);
            } catch (CalacsException e) {
                throw e.inStep("NoiseInit").inHdu("ERR," + s.extver);
            }
        });
        history(ph, "Uncertainty array initialized.");
        t.info("");
        t.info("    Uncertainty array initialized,");
        float[] rn = p0.readnoise();
        float[] gn = p0.atodgain();
        float[] cb = p0.bias();
        t.info("    readnoise =" + list(rn, null));
        t.info("    gain =" + list(gn, null));
        t.info("   default bias levels =" + list(cb, gn));
        t.timeStamp("Uncertainty array initialized", k.rootname());

        // ---- SINKCORR
        t.info("");
        t.info("");
        prSwitch(t, "sinkcorr", sinkcorr);
        if (sinkcorr != Flag.OMIT) {
            prRefInfo(t, "snkcfile", sinkRef.name(), sinkRef.pedigree(), sinkRef.descrip(), "");
        }
        if (sinkcorr == Flag.PERFORM) {
            try (RefImageFile sinkFile = new RefImageFile(sinkRef)) {
                ImsetTasks.Lines[] lines = new ImsetTasks.Lines[xs.size()];
                ImsetTasks.run(xs.size(), threads, i -> {
                    lines[i] = new ImsetTasks.Lines();
                    sink(xs.get(i), info.get(i), sinkFile, sinkFile.ref(), lines[i]);
                });
                for (ImsetTasks.Lines l : lines) {
                    l.replay(t);
                }
            }
            prSwitchComplete(t, "sinkcorr");
            t.timeStamp("SINKCORR complete", k.rootname());
        }
        if (sinkcorr != Flag.OMIT && updateSwitch(ph, "SINKCORR", sinkcorr)) {
            imgHistory(ph, sinkRef);
        }

        // ---- header updates, trim
        ph.set("CAL_VER", CAL_VER);
        Imset[] trimmed = new Imset[xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            Imset s = xs.get(i);
            CcdImset in = info.get(i);
            if (blev.complete[i]) {
                OverscanGeometry o = in.oscn();
                t.verbose(String.format(Locale.ROOT, "Writing out image with trimx = %d,%d, trimy = %d,%d",
                        o.trimx1(), o.trimx2(), o.trimy1(), o.trimy2()));
            } else {
                t.verbose("Writing out FULL image with overscan regions");
                trimmed[i] = s;
            }
            t.verbose("Outputting chip " + in.chip());
        }
        // the cut-outs (three array copies per imset, own headers) run per imset in parallel
        final BlevCorr.Result blevDone = blev;
        ImsetTasks.run(xs.size(), threads, i -> {
            if (blevDone.complete[i]) {
                Imset s = xs.get(i);
                OverscanGeometry o = info.get(i).oscn();
                trimmed[i] = trim(s, o.trimx1(), o.trimy1(), o.trimmedNx(s.nx), o.trimmedNy(s.ny));
            }
        });
        List<Imset> out = new ArrayList<>(List.of(trimmed));
        // BiasKeywords (acsccd.c): only if BIASLEVA exists, and only non-zero values
        if (ph.has("BIASLEVA")) {
            for (int a = 0; a < 4; a++) {
                if (blev.blev[a] != 0.0) {
                    ph.header().addValue("BIASLEV" + "ABCD".charAt(a), (float) blev.blev[a], "mean of amp's bias level");
                }
            }
        } else {
            t.info("  NO bias level keywords found to be updated.");
            t.info("  Reporting values in trailer file only!");
        }
        return new Exposure(x.source(), x.primary(), out);
    }

    private static void subtractBias(Imset s, Imset b, CcdReferences.Ref biasRef, ImsetTasks.Lines t) {
        RefGeometry.Offset off = RefGeometry.findLine(s.sciHeader, s.nx, b.sciHeader, b.nx);
        t.verbose(String.format(Locale.ROOT, "Ratio of (%d,%d) with offset =(%d,%d)", off.rx(), off.ry(),
                off.x0(), off.y0()));
        t.verbose(off.sameSize() ? "BIAS image and input are the same size"
                : "BIAS image and input are NOT the same size");
        float[] bsci;
        float[] berr;
        short[] bdq;
        if (off.sameSize()) {
            if (b.nx != s.nx || b.ny < s.ny) {
                throw (SizeMismatchException) new SizeMismatchException("(biascorr) size mismatch.")
                        .inFile(biasRef.path().getFileName()).inStep("BIASCORR");
            }
            bsci = b.ny == s.ny ? b.sci : RefGeometry.cutOut(b.sci, b.nx, b.ny, 0, 0, s.nx, s.ny);
            berr = b.ny == s.ny ? b.err : RefGeometry.cutOut(b.err, b.nx, b.ny, 0, 0, s.nx, s.ny);
            bdq = b.ny == s.ny ? b.dq : RefGeometry.cutOut(b.dq, b.nx, b.ny, 0, 0, s.nx, s.ny);
        } else {
            if (off.rx() != 1 || off.ry() != 1) {
                throw (SizeMismatchException) new SizeMismatchException("(biascorr) binned data is not supported")
                        .inStep("BIASCORR");
            }
            bsci = RefGeometry.cutOut(b.sci, b.nx, b.ny, off.x0(), off.y0(), s.nx, s.ny);
            berr = RefGeometry.cutOut(b.err, b.nx, b.ny, off.x0(), off.y0(), s.nx, s.ny);
            bdq = RefGeometry.cutOut(b.dq, b.nx, b.ny, off.x0(), off.y0(), s.nx, s.ny);
        }
        BiasCorr.subtract(s.sci, s.err, s.dq, bsci, berr, bdq);
    }

    private static String list(float[] v, float[] scale) {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < 4; a++) {
            if (v[a] > 0) {
                double val = scale == null ? v[a] : v[a] * scale[a];
                sb.append(CFormat.g(val, 5));
                if (a < 3) {
                    sb.append(',');
                }
            }
        }
        return sb.toString();
    }

    /** Cuts the science region out of an untrimmed imset (putSingleGroupSect: LTV, CRPIX and SIZAXIS updated). */
    static Imset trim(Imset s, int x0, int y0, int nx, int ny) {
        float[] sci = RefGeometry.cutOut(s.sci, s.nx, s.ny, x0, y0, nx, ny);
        float[] err = RefGeometry.cutOut(s.err, s.nx, s.ny, x0, y0, nx, ny);
        short[] dq = RefGeometry.cutOut(s.dq, s.nx, s.ny, x0, y0, nx, ny);
        s.sciHeader.addValue("SIZAXIS1", nx, "");
        s.sciHeader.addValue("SIZAXIS2", ny, "");
        for (Header h : new Header[] {s.sciHeader, s.errHeader, s.dqHeader}) {
            updateWcs(h, x0, y0);
        }
        return new Imset(s.extver, nx, ny, sci, err, dq, s.sciHeader, s.errHeader, s.dqHeader);
    }

    /** hstio updateWCS: LTV in float, CRPIX in double, each only if present. */
    static void updateWcs(Header h, int xbeg, int ybeg) {
        for (int ax = 1; ax <= 2; ax++) {
            int beg = ax == 1 ? xbeg : ybeg;
            HeaderCard c = h.findCard("LTV" + ax);
            if (c != null) {
                float v = (float) h.getDoubleValue("LTV" + ax) - (float) beg;
                h.addValue("LTV" + ax, v, c.getComment());
            }
            c = h.findCard("CRPIX" + ax);
            if (c != null) {
                double v = h.getDoubleValue("CRPIX" + ax) - beg;
                h.addValue("CRPIX" + ax, v, c.getComment());
            }
        }
    }

    private static void fullWell(Imset s, CcdImset in, RefImageFile satFile, CcdReferences.Ref satRef,
                                 ImsetTasks.Lines t) {
        RefImageFile.Sci sat = satFile.sciForChip(in.chip());
        RefGeometry.Offset off = RefGeometry.findLine(s.sciHeader, s.nx, sat.header(), sat.nx());
        RefGeometry.Corner sc = RefGeometry.corner(s.sciHeader);
        int xdim = s.nx - (in.oscn().trimx1() + in.oscn().trimx2());
        int ydim = s.ny - (in.oscn().trimy1() + in.oscn().trimy2());
        if (off.sameSize()) {
            t.info("Full-frame full-well saturation image flagging step being performed.");
            int xbeg = Math.abs(sc.x());
            int ybeg = Math.abs(sc.y());
            if (xbeg + xdim > Math.min(s.nx, sat.nx()) || ybeg + ydim > Math.min(s.ny, sat.ny())) {
                throw (SizeMismatchException) new SizeMismatchException("SATUFILE does not cover the science region")
                        .inFile(satRef.path().getFileName());
            }
            FullWellSaturation.fullFrame(s.sci, s.dq, s.nx, sat.data(), sat.nx(), xbeg, ybeg, xdim, ydim);
            t.info("Full-frame full-well saturation image flagging step done.");
        } else {
            t.info("Subarray full-well saturation image flagging step being performed.");
            if (off.x0() < 0 || off.y0() < 0 || off.x0() + xdim > sat.nx() || off.y0() + ydim > sat.ny()) {
                throw (SizeMismatchException) new SizeMismatchException("SATUFILE does not cover the subarray")
                        .inFile(satRef.path().getFileName());
            }
            FullWellSaturation.subarray(s.sci, s.dq, s.nx, sat.data(), sat.nx(), off.x0(), off.y0(), xdim, ydim);
            t.info("Subarray full-well saturation image flagging step done.");
        }
    }

    private static void sink(Imset s, CcdImset in, RefImageFile sinkFile, CcdReferences.Ref sinkRef,
                             ImsetTasks.Lines t) {
        FitsFile f = sinkFile.file();
        int extver = 0;
        int idx = -1;
        FitsFile.FloatImage img;
        Header refHeader;
        synchronized (f) { // header look-ups only; the pixels are read concurrently (FitsFile is thread-safe)
            int nextend = f.primaryHeader().getIntValue("NEXTEND", 1);
            for (int n = 1; n <= nextend; n++) {
                int j = f.find("SCI", n);
                if (j >= 0 && f.header(j).getIntValue("CCDCHIP", 1) == in.chip()) {
                    extver = n;
                    idx = j;
                    break;
                }
            }
            if (idx < 0) {
                throw (ReferenceFileException) new ReferenceFileException("No Reference Data found for chip "
                        + in.chip()).inFile(sinkRef.path().getFileName()).inStep("SINKCORR");
            }
            refHeader = Headers.copy(f.header(idx));
        }
        img = f.readFloatImage(idx);
        RefGeometry.Offset off = RefGeometry.findLine(s.sciHeader, s.nx, refHeader, img.nx());
        t.verbose(String.format(Locale.ROOT, "Ratio of (%d,%d) with offset =(%d,%d)", off.rx(), off.ry(),
                off.x0(), off.y0()));
        t.verbose(off.sameSize() ? "SINK image and input are the same size"
                : "SINK image and input are NOT the same size");
        if (off.rx() != 1 || off.ry() != 1) {
            throw new InvalidInputException("(sinkcorr) binned data is not supported.").inStep("SINKCORR");
        }
        if (off.x0() < 0 || off.y0() < 0 || off.x0() + s.nx > img.nx() || off.y0() + s.ny > img.ny()) {
            throw (SizeMismatchException) new SizeMismatchException("SNKCFILE does not cover the image")
                    .inFile(sinkRef.path().getFileName()).inStep("SINKCORR");
        }
        // the sink walk starts at the amp end of the reference extension found for this chip (dosink.c)
        int n = SinkCorr.apply(s.sci, s.dq, s.nx, s.ny, img.data(), img.nx(), off.x0(), off.y0(), extver == 1);
        t.verbose("Sink pixels flagged = " + n);
    }

    // ---- trailer and history helpers (PrSwitch, PrRefInfo, UpdateSwitch, TabHistory, ImgHistory)

    /**
     * Appends a HISTORY card at the end of the header. nom-tam inserts at its cursor, which keyword look-ups move,
     * so the cursor is put at the tail first to keep the reference's order.
     */
    static void history(Hdr ph, String text) {
        ph.header().seekTail();
        ph.header().insertHistory(text);
    }

    private static String pad(String keyword) {
        String u = keyword.toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(u);
        while (sb.length() < 8) {
            sb.append(' ');
        }
        return sb.toString();
    }

    static void prSwitch(Trailer t, String keyword, Flag f) {
        t.info(pad(keyword) + " " + (f == Flag.DUMMY ? "SKIPPED" : f.name()));
    }

    static void prSwitchComplete(Trailer t, String keyword) {
        t.info(pad(keyword) + " COMPLETE");
    }

    static void prRefInfo(Trailer t, String keyword, String name, String pedigree, String descrip, String descrip2) {
        String k = pad(keyword);
        t.info(k + " " + (name == null ? "" : name.trim()));
        if (pedigree != null && !pedigree.isEmpty()) {
            t.info(k + " PEDIGREE=" + pedigree);
        }
        if (descrip != null && !descrip.isEmpty()) {
            t.info(k + " DESCRIP =" + descrip);
        }
        if (descrip2 != null && !descrip2.isEmpty()) {
            t.info(k + " DESCRIP =" + descrip2);
        }
    }

    /** UpdateSwitch: PERFORM → COMPLETE, DUMMY → SKIPPED, with a HISTORY line; returns "log the reference". */
    static boolean updateSwitch(Hdr ph, String keyword, Flag f) {
        if (f == Flag.PERFORM) {
            ph.set(keyword, "COMPLETE");
            history(ph, keyword + " complete ...");
            return true;
        } else if (f == Flag.DUMMY) {
            ph.set(keyword, "SKIPPED");
            history(ph, keyword + " skipped due to dummy reference file ...");
            return true;
        }
        return false;
    }

    static void tabHistory(Hdr ph, String name, String pedigree, String descrip, String descrip2) {
        history(ph, "  reference table " + (name == null ? "" : name.trim()));
        for (String s : new String[] {pedigree, descrip, descrip2}) {
            if (s != null && !s.isEmpty()) {
                history(ph, "    " + s);
            }
        }
    }

    static void imgHistory(Hdr ph, CcdReferences.Ref r) {
        history(ph, "  reference image " + r.name().trim());
        if (!r.pedigree().isEmpty()) {
            history(ph, "    " + r.pedigree());
        }
        if (!r.descrip().isEmpty()) {
            history(ph, "    " + r.descrip());
        }
    }
}
