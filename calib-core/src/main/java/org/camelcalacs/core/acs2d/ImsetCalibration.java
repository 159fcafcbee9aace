package org.camelcalacs.core.acs2d;

import org.camelcalacs.core.trailer.CFormat;
import static org.camelcalacs.core.acs2d.Acs2dPlan.omit;
import static org.camelcalacs.core.acs2d.Acs2dTrailer.ampList;
import static org.camelcalacs.core.acs2d.Acs2dTrailer.history;
import static org.camelcalacs.core.acs2d.Acs2dTrailer.imgHistory;
import static org.camelcalacs.core.acs2d.Acs2dTrailer.prSwitch;
import static org.camelcalacs.core.acs2d.Acs2dTrailer.refInfo;
import static org.camelcalacs.core.acs2d.Acs2dTrailer.tabHistory;
import static org.camelcalacs.core.acs2d.Acs2dTrailer.updateSwitch;

import java.util.Locale;

import nom.tam.fits.Header;
import org.camelcalacs.core.acs2d.Acs2dPlan.Flag;
import org.camelcalacs.core.acs2d.Acs2dPlan.Keys;
import org.camelcalacs.core.acs2d.Acs2dPlan.Plan;
import org.camelcalacs.core.array.RefGeometry;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.SizeMismatchException;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.model.Detector;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.ref.table.BpixTab;
import org.camelcalacs.core.ref.table.CcdParameters;
import org.camelcalacs.core.ref.table.CcdTab;
import org.camelcalacs.core.ref.table.ImphtTab;
import org.camelcalacs.core.ref.table.MlinTab;
import org.camelcalacs.core.trailer.Trailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACS2D on one imset, in the order of Do2D (acs2d/do2d.c; spec §5.2 acs2d): the CCDTAB lookup (CCD), then
 * {@link #run()} calls one method per step. Each step writes its trailer lines and, for imset 1, its switch and
 * HISTORY update, and leaves the arithmetic to the step class's kernel.
 */
final class ImsetCalibration {
    private static final Logger LOG = LoggerFactory.getLogger(ImsetCalibration.class);

    private final Exposure x;
    private final Imset s;
    private final int extver;
    private final Keys keys;
    private final Plan plan;
    private final RunContext ctx;
    private final RefPrefetch refs;
    private final Trailer trl;
    private final Header ph;
    private final Hdr phdr;
    private boolean errInitialised;
    private final Hdr sh;
    private final short sdqflags;
    private final int chip;
    private final double ltv1;
    private final double ltv2;
    private final int ncombine;
    private final double globrate;
    private final int n;
    private final CcdParameters ccd;
    private final AmpRegions amps;

    /**
     * @param trl trailer the imset's messages go to (the run's, or a {@link Trailer#recorder} for a parallel task)
     * @param ph  primary header the imset reads and updates (the exposure's, or a private copy for a parallel task
     *            whose updates {@link #replayPrimary} repeats on the exposure's header afterwards)
     */
    ImsetCalibration(Exposure x, Imset s, int extver, Keys keys, Plan plan, RunContext ctx, RefPrefetch refs,
                     Trailer trl, Header ph) {
        this.x = x;
        this.s = s;
        this.extver = extver;
        this.keys = keys;
        this.plan = plan;
        this.ctx = ctx;
        this.refs = refs;
        this.trl = trl;
        this.ph = ph;
        this.phdr = new Hdr(ph, x.name(), "PRIMARY");
        this.sh = s.sciHdr(x.name());
        this.sdqflags = (short) sh.optInt("SDQFLAGS", 65535);
        this.chip = sh.optInt("CCDCHIP", 1);
        this.ltv1 = sh.optDouble("LTV1", 0.);
        this.ltv2 = sh.optDouble("LTV2", 0.);
        int nc = sh.optInt("NCOMBINE", 1);
        if (nc < 1) {
            trl.warn("NCOMBINE = " + nc + ", reset to one.");
            nc = 1;
        }
        this.ncombine = nc;
        this.globrate = keys.det() == Detector.SBC ? sh.reqDouble("GLOBRATE") : 0.;
        this.n = s.nx * s.ny;

        CcdParameters c = null;
        if (keys.det().isCcd()) {
            OverscanCheck.require(phdr.switchValue(Switch.BLEVCORR), ltv1, ltv2, x.name(), extver);
            c = CcdTab.read(plan.ccdtab.path()).lookup(keys.ccdamp(), keys.ccdgain(), chip, keys.ccdofst(), s.nx);
            writeGains(ph, c);
            trl.info("");
            refInfo(trl, "ccdtab", plan.ccdtab.name(), c.pedigree().isEmpty() ? plan.ccdtab.pedigree()
                    : c.pedigree(), plan.ccdtab.descrip(), c.descrip());
            if (extver == 1) {
                history(ph, "CCD parameters table: ");
                tabHistory(ph, plan.ccdtab.name(), plan.ccdtab.pedigree(), plan.ccdtab.descrip(), c.descrip());
            }
        }
        this.ccd = c;
        this.amps = AmpRegions.of(keys.det(), chip, c == null ? 0 : c.ampx(), c == null ? 0 : c.ampy(), ltv1, ltv2,
                s.nx, s.ny, c == null ? new float[4] : c.atodgain(), c == null ? new float[4] : c.readnoise());

    }

    /** The steps, in the reference's order. */
    void run() {
        dqicorr();
        nonLinearity();
        toElectrons();
        noiseInit();
        darkcorr();
        flshcorr();
        flatcorr();
        shadcorr();
        photcorr();
        statistics();
        finish();
    }

    /** DQICORR (doDQI; the CCD saturation test also runs with a DUMMY BPIXTAB). */
    private void dqicorr() {
        trl.info("");
        prSwitch(trl, "dqicorr", plan.dqicorr);
        if (extver == 1 && !omit(plan.dqicorr)) {
            refInfo(trl, "dqitab", plan.bpix.name(), plan.bpix.pedigree(), plan.bpix.descrip(), "");
        }
        if (plan.dqicorr == Flag.PERFORM || plan.dqicorr == Flag.DUMMY && keys.det().isCcd()) {
            if (keys.det().isCcd()) {
                DqiCorr.flagAtodSaturation(s.sci, s.dq, ccd.atodsat());
            }
            if (plan.bpix.exists() && plan.dqicorr == Flag.PERFORM) {
                BpixTab tab = BpixTab.read(plan.bpix.path());
                double ltm1 = s.ltm1();
                double ltm2 = s.ltm2();
                int applied = DqiCorr.applyRows(s.dq, s.nx, s.ny, ltv1 + (ltm1 - 1.), ltv2 + (ltm2 - 1.),
                        tab.rowsFor(keys.ccdamp(), keys.ccdgain(), chip));
                if (applied == 0) {
                    trl.warn("No rows from BPIXTAB applied to DQ array.");
                    trl.info("Inserting single-pixel DQ place-holder at (1,1).");
                    DqiCorr.placeholder(s.dq, s.nx, ltm1, ltm2);
                }
            }
            prSwitch(trl, "dqicorr", Flag.COMPLETE);
        }
        if (extver == 1 && !omit(plan.dqicorr)) {
            Flag f = plan.bpix.exists() ? (plan.bpix.dummy() ? Flag.DUMMY : Flag.PERFORM) : Flag.PERFORM;
            if (updateSwitch(ph, "DQICORR", f)) {
                if (keys.det().isCcd()) {
                    history(ph, "  values checked for saturation");
                }
                if (plan.bpix.exists()) {
                    history(ph, "  DQ array initialized ...");
                    tabHistory(ph, plan.bpix.name(), plan.bpix.pedigree(), plan.bpix.descrip(), "");
                }
            }
        }
    }

    /** GLINCORR / LFLGCORR (doNonLin, MAMA only). */
    private void nonLinearity() {
        if (keys.det() == Detector.SBC) {
            trl.info("");
            prSwitch(trl, "glincorr", plan.glincorr);
            prSwitch(trl, "lflgcorr", plan.lflgcorr);
        }
        if ((!omit(plan.glincorr) || !omit(plan.lflgcorr)) && extver == 1) {
            refInfo(trl, "mlintab", plan.mlin.name(), plan.mlinRow.pedigree(), plan.mlin.descrip(),
                    plan.mlinRow.descrip2());
        }
        if (plan.glincorr == Flag.PERFORM || plan.lflgcorr == Flag.PERFORM) {
            MlinTab.Row ml = plan.mlinRow;
            s.sciHeader.addValue("GLOBLIM", "NOT-EXCEEDED", "global count rate exceeded?");
            if (globrate > ml.globalLimit()) {
                s.sciHeader.addValue("GLOBLIM", "EXCEEDED", "global count rate exceeded");
            } else if (plan.glincorr == Flag.PERFORM) {
                GlinCorr.multiply(s.sci, s.err, (float) GlinCorr.ratio(globrate, ml.tau()));
            }
            if (plan.lflgcorr == Flag.PERFORM) {
                LflgCorr.flag(s.sci, s.dq, s.nx, s.ny, ml.localLimit() * keys.exptime(), ml.expand());
            }
            if (plan.glincorr == Flag.PERFORM) {
                prSwitch(trl, "glincorr", Flag.COMPLETE);
            }
            if (plan.lflgcorr == Flag.PERFORM) {
                prSwitch(trl, "lflgcorr", Flag.COMPLETE);
            }
        }
        if ((!omit(plan.glincorr) || !omit(plan.lflgcorr)) && extver == 1) {
            boolean a = !omit(plan.glincorr) && updateSwitch(ph, "GLINCORR", plan.glincorr);
            boolean b = !omit(plan.lflgcorr) && updateSwitch(ph, "LFLGCORR", plan.lflgcorr);
            if (a || b) {
                tabHistory(ph, plan.mlin.name(), plan.mlinRow.pedigree(), plan.mlin.descrip(),
                        plan.mlinRow.descrip2());
            }
        }
    }

    /** Conversion to electrons when BUNIT is not ELECTRONS (to_electrons). */
    private void toElectrons() {
        String bunit = sh.optString("BUNIT", "");
        if (!GainConversion.isElectrons(bunit)) {
            GainConversion.toElectrons(s.sci, s.err, s.nx, s.ny, amps);
            s.sciHeader.addValue("BUNIT", "ELECTRONS", "");
            s.errHeader.addValue("BUNIT", "ELECTRONS", "");
        }
    }

    /** ERR initialisation when ERR is all zero (check_zero_noise, doNoise). */
    private void noiseInit() {
        if (NoiseInit.allZero(s.err)) {
            if (keys.det().isCcd()) {
                if (ncombine > 1) {
                    trl.warn("NCOMBINE > 1 before the error array was initialized.");
                }
                errInitialised = true;
                String targ = phdr.optString("TARGNAME", "");
                NoiseInit.ccd(s.sci, s.err, s.nx, s.ny, amps, targ.startsWith("BIAS"));
            } else {
                int neg = NoiseInit.mama(s.sci, s.err);
                if (neg > 0) {
                    trl.warn(neg + " negative value(s) found in input MAMA data!");
                }
            }
            if (extver == 1) {
                history(ph, "Uncertainty array initialized.");
            }
            trl.info("         Uncertainty array initialized,");
            if (keys.det().isCcd()) {
                trl.info("    readnoise =" + ampList(ccd.readnoise()));
                trl.info("    gain =" + ampList(ccd.atodgain()));
            }
        }
    }

    /** DARKCORR (doDark) with DARKFILE, or DRKCFILE for CTE-corrected input. */
    private void darkcorr() {
        trl.info("");
        prSwitch(trl, "darkcorr", plan.darkcorr);
        if (extver == 1 && !omit(plan.darkcorr)) {
            refInfo(trl, "darkfile", plan.dark.name(), plan.dark.pedigree(), plan.dark.descrip(), "");
        }
        if (plan.darkcorr == Flag.PERFORM) {
            float darktime = keys.det().isCcd() ? (float) keys.darktime() : DarkCorr.SBC_DARKTIME;
            trl.info(String.format(Locale.ROOT, "Darktime from header %f", darktime));
            Imset d = refs.get(plan.dark, chip);
            trl.verbose("Performing dark subtraction on chip " + chip + " in imset " + d.extver);
            RefGeometry.Offset off = RefGeometry.findBin(s.sciHeader, s.nx, s.ny, d.sciHeader, d.nx, d.ny);
            if (off.rx() != 1 || off.ry() != 1) {
                trl.warn("Reference image and input are not binned to the same pixel size!");
            }
            trl.verbose("Image has an offset of " + off.x0() + "," + off.y0());
            Acs2d.Section z = Acs2d.Section.cut(d, off.x0(), off.y0(), s.nx, s.ny, "darkcorr");
            double mean = DarkCorr.apply(s.sci, s.err, s.dq, z.sci(), z.err(), z.dq(), darktime, sdqflags);
            float meandark = (float) mean;
            trl.info("Mean of dark image (MEANDARK) = " + CFormat.g(meandark));
            s.sciHeader.addValue("MEANDARK", meandark, "mean of dark values subtracted");
            prSwitch(trl, "darkcorr", Flag.COMPLETE);
        }
        if (extver == 1 && !omit(plan.darkcorr)) {
            if (updateSwitch(ph, "DARKCORR", plan.darkcorr)) {
                imgHistory(ph, plan.dark);
            }
        }
    }

    /** FLSHCORR (doFlash); IGNORED when FLASHDUR ≤ 0. */
    private void flshcorr() {
        trl.info("");
        prSwitch(trl, "flshcorr", plan.flashcorr);
        if (extver == 1 && !omit(plan.flashcorr)) {
            refInfo(trl, "flshfile", plan.flash.name(), plan.flash.pedigree(), plan.flash.descrip(), "");
        }
        if (plan.flashcorr == Flag.PERFORM) {
            if (keys.flashdur() <= 0.) {
                trl.warn(FlshCorr.ZERO_FLASH);
                history(ph, FlshCorr.ZERO_FLASH);
                plan.flashcorr = Flag.IGNORED;
            } else {
                if (keys.flashsta().equalsIgnoreCase("ABORTED")) {
                    trl.warn(FlshCorr.ABORTED);
                    history(ph, FlshCorr.ABORTED);
                }
                Imset f = refs.get(plan.flash, chip);
                trl.verbose("Performing post-flash subtraction on chip " + chip + " in imset " + f.extver);
                RefGeometry.Offset off = RefGeometry.findLine(s.sciHeader, s.nx, f.sciHeader, f.nx);
                if (off.rx() != 1 || off.ry() != 1) {
                    trl.info("Reference image and input are not binned to the same pixel size!");
                }
                trl.verbose("Image has an offset of " + off.x0() + "," + off.y0());
                Acs2d.Section z = Acs2d.Section.cut(f, off.x0(), off.y0(), s.nx, s.ny, "flshcorr");
                float meanflash = FlshCorr.apply(s.sci, s.err, s.dq, s.nx, s.ny, z.sci(), z.err(), z.dq(), keys.flashdur(),
                        sdqflags);
                trl.info("Mean of post-flash image (MEANFLSH) = " + CFormat.g(meanflash));
                s.sciHeader.addValue("MEANFLSH", meanflash, "mean of post-flash values subtracted");
                prSwitch(trl, "flshcorr", Flag.COMPLETE);
            }
        }
        if (extver == 1 && !omit(plan.flashcorr)) {
            if (updateSwitch(ph, "FLSHCORR", plan.flashcorr)) {
                imgHistory(ph, plan.flash);
            }
        }
    }

    /** FLATCORR (doFlat): PFLT (with the spot flat), DFLT, and the LFLT quirk. */
    private void flatcorr() {
        trl.info("");
        prSwitch(trl, "flatcorr", plan.flatcorr);
        if (extver == 1 && !omit(plan.flatcorr)) {
            for (RefFile r : new RefFile[] {plan.pflt, plan.dflt, plan.lflt}) {
                if (!r.blank()) {
                    refInfo(trl, r.keyword().toLowerCase(Locale.ROOT), r.name(), r.pedigree(), r.descrip(), "");
                }
            }
            if (!plan.cflt.blank()) {
                refInfo(trl, "cfltfile", plan.cflt.name(), plan.cflt.pedigree(), plan.cflt.descrip(), "");
                refInfo(trl, "spottab", plan.spot.name(), plan.spot.pedigree(), plan.spot.descrip(), "");
            }
        }
        if (plan.flatcorr == Flag.PERFORM) {
            if (plan.pfltcorr == Flag.PERFORM) {
                divFlat(s, refs.get(plan.pflt, chip), chip, plan.cfltcorr == Flag.PERFORM ? plan : null, phdr, trl,
                        plan.pflt);
            }
            if (plan.dfltcorr == Flag.PERFORM) {
                divFlat(s, refs.get(plan.dflt, chip), chip, null, phdr, trl, plan.dflt);
            }
            if (plan.lfltcorr == Flag.PERFORM) {
                trl.verbose("Reading in LFLAT file...");
                plan.lflt.imsetForChip(chip);
                if (FlatCorr.LFLT_DIVIDES_BY_ZERO_LINE) {
                    FlatCorr.lfltQuirk(s.dq);
                }
            }
            prSwitch(trl, "flatcorr", Flag.COMPLETE);
            s.sciHeader.addValue("BUNIT", "ELECTRONS", "");
            s.errHeader.addValue("BUNIT", "ELECTRONS", "");
        }
        if (extver == 1 && !omit(plan.flatcorr)) {
            if (updateSwitch(ph, "FLATCORR", plan.flatcorr)) {
                for (RefFile r : new RefFile[] {plan.pflt, plan.dflt, plan.lflt, plan.cflt}) {
                    if (!r.blank()) {
                        imgHistory(ph, r);
                    }
                }
                if (!plan.cflt.blank()) {
                    tabHistory(ph, plan.spot.name(), plan.spot.pedigree(), plan.spot.descrip(), "");
                }
            }
        }
    }

    /** SHADCORR (doShad), binned shading images expanded. */
    private void shadcorr() {
        if (keys.det().isCcd()) {
            trl.info("");
            prSwitch(trl, "shadcorr", plan.shadcorr);
        }
        if (extver == 1 && !omit(plan.shadcorr)) {
            refInfo(trl, "shadfile", plan.shad.name(), plan.shad.pedigree(), plan.shad.descrip(), "");
        }
        if (plan.shadcorr == Flag.PERFORM) {
            if (keys.exptime() <= 0.) {
                trl.warn("EXPTIME must be positive if SHADCORR = PERFORM.");
                plan.shadcorr = Flag.IGNORED;
            } else {
                float exptime = (float) (keys.exptime() / ncombine);
                Imset sh2 = refs.get(plan.shad, chip);
                RefGeometry.Offset off = RefGeometry.findLine(s.sciHeader, s.nx, sh2.sciHeader, sh2.nx);
                if (off.rx() == 1 && off.ry() == 1) {
                    Acs2d.Section z = Acs2d.Section.cut(sh2, off.x0(), off.y0(), s.nx, s.ny, "doShad");
                    ShadCorr.apply(s.sci, s.err, s.dq, z.sci(), z.err(), z.dq(), exptime);
                } else {
                    trl.verbose("Shad file will be expanded to " + sh2.nx * off.rx() + " pixels.");
                    ShadCorr.applyBinned(s.sci, s.err, s.dq, s.nx, s.ny, sh2.sci, sh2.err, sh2.dq, sh2.nx, sh2.ny,
                            off.rx(), off.ry(), off.x0(), off.y0(), exptime);
                }
                prSwitch(trl, "shadcorr", Flag.COMPLETE);
            }
        }
        if (extver == 1 && !omit(plan.shadcorr)) {
            if (updateSwitch(ph, "SHADCORR", plan.shadcorr)) {
                imgHistory(ph, plan.shad);
            }
        }
    }

    /** PHOTMODE (always) and PHOTCORR (PhotMode, doPhot). */
    private void photcorr() {
        trl.info("");
        prSwitch(trl, "photcorr", plan.photcorr);
        float lrfwave = (float) phdr.optDouble("LRFWAVE", -1.0);
        String photmode = PhotMode.build(keys.det(), keys.obstype(), keys.filter1(), keys.filter2(), lrfwave,
                keys.expstart());
        trl.verbose("Keyword PHOTMODE built as: " + photmode);
        s.sciHeader.addValue("PHOTMODE", photmode, "list of components");
        if (plan.photcorr == Flag.PERFORM) {
            trl.verbose("Created SYNPHOT obsmode of: " + ImphtTab.photmodeToObsmode(photmode));
            ImphtTab.Result r = plan.photResult(photmode);
            for (String m : r.messages()) {
                trl.info(m);
            }
            if (r.dummyRow()) {
                trl.info("==>Warning: Row of IMPHTTAB is DUMMY.");
            }
            trl.verbose("Computed PHOTFLAM value of " + CFormat.g(r.photflam()));
            PhotCorr.write(s.sciHeader, r);
            if (r.photflam() == ImphtTab.OUT_OF_RANGE) {
                trl.warn("IMPHTTAB extrapolation not supported, PHOTCORR skipped.");
                plan.photcorr = Flag.IGNORED;
                prSwitch(trl, "photcorr", Flag.SKIPPED);
            } else {
                refInfo(trl, "imphttab", plan.phot.name(), r.pedigree(), plan.phot.descrip(), r.descrip2());
                prSwitch(trl, "photcorr", Flag.COMPLETE);
            }
        }
        if (extver == 1 && !omit(plan.photcorr)) {
            if (updateSwitch(ph, "PHOTCORR", plan.photcorr)) {
                tabHistory(ph, plan.phot.name(), plan.phot.pedigree(), plan.phot.descrip(), "");
            }
        }
    }

    /** Image statistics (doStat). */
    private void statistics() {
        ImageStatistics.Stats st = ImageStatistics.compute(s.sci, s.err, s.dq, sdqflags);
        String w = ImageStatistics.warning(st, n);
        if (w != null) {
            trl.warn(w);
        }
        ImageStatistics.write(st, s.sciHeader, s.errHeader);
    }

    /** CAL_VER (UCalVer) and EXPSCORR (UpdateSwitch). */
    private void finish() {
        if (extver == 1) {
            ph.addValue("CAL_VER", Acs2d.VERSION, "version number and date");
        }
        updateSwitch(ph, "EXPSCORR", plan.expscorr);
        LOG.debug("ACS2D imset {} of {} done", extver, x.name());
    }

    /** ATODGNx and READNSEx of this chip's CCDTAB row (every imset writes them; the last one stays). */
    private static void writeGains(Header h, CcdParameters c) {
        String[] letters = {"A", "B", "C", "D"};
        for (int a = 0; a < 4; a++) {
            h.addValue("ATODGN" + letters[a], c.gain(a), "");
        }
        for (int a = 0; a < 4; a++) {
            h.addValue("READNSE" + letters[a], c.noise(a), "");
        }
    }

    /**
     * For an imset (extver &gt; 1) calibrated on a private copy of the primary header: repeats on the exposure's
     * header, in the order {@link #run()} made them, the primary-header reads and updates such an imset makes on
     * the paths {@link Acs2d} runs in parallel (every other update is made by imset 1 only, or happens on a path
     * that Acs2d runs sequentially: FLSHCORR history, spot flat, IGNORED steps). So the header, its card order
     * included, is the one of a sequential run.
     */
    void replayPrimary(Header real) {
        if (extver == 1) {
            throw new IllegalStateException("imset 1 works on the exposure's header");
        }
        Hdr h = new Hdr(real, x.name(), "PRIMARY");
        if (ccd != null) {
            h.switchValue(Switch.BLEVCORR);
            writeGains(real, ccd);
            if (errInitialised) {
                h.optString("TARGNAME", "");
            }
        }
        h.optDouble("LRFWAVE", -1.0);
        updateSwitch(real, "EXPSCORR", plan.expscorr);
    }

    /** divFlat: one flat (with the spot flat multiplied in for the PFLT when CFLTFILE is used). */
    private static void divFlat(Imset s, Imset f, int chip, Plan spotPlan, Hdr primary, Trailer trl,
                                RefFile flat) {
        RefGeometry.Offset off = RefGeometry.findLine(s.sciHeader, s.nx, f.sciHeader, f.nx);
        trl.verbose("ratio of flat/input = " + off.rx() + "," + off.ry() + " offset by " + off.x0() + ","
                + off.y0());
        if (off.x0() + s.nx * off.rx() > f.nx) {
            // trim1d's bound check; it then copies unbinned pixels whatever the bin ratio
            throw (SizeMismatchException) new SizeMismatchException("(trim1d) subset is out of bounds: input is "
                    + f.nx + " pixels, output is " + s.nx + " pixels, start = " + (off.x0() + 1) + ", binx = "
                    + off.rx()).forKeyword(flat.keyword());
        }
        Acs2d.Section z = Acs2d.Section.cut(f, off.x0(), off.y0(), s.nx, s.ny, "doFlat");
        if (spotPlan != null) {
            Acs2d.Section spot = SpotFlat.shiftedSection(spotPlan.cflt, spotPlan.spot, chip, primary, off, s.nx,
                    s.ny, trl);
            FlatCorr.multiplySpot(z.sci(), z.err(), z.dq(), spot.sci(), spot.err(), spot.dq());
        }
        FlatCorr.divide(s.sci, s.err, s.dq, z.sci(), z.err(), z.dq());
    }
}
