package org.camelcalacs.core.acs2d;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nom.tam.fits.Header;
import org.camelcalacs.core.array.RefGeometry;
import org.camelcalacs.core.calacs.Overrides;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.error.SizeMismatchException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.model.Detector;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.SwitchValue;
import org.camelcalacs.core.ref.table.BpixTab;
import org.camelcalacs.core.ref.table.CcdParameters;
import org.camelcalacs.core.ref.table.CcdTab;
import org.camelcalacs.core.ref.table.ImphtTab;
import org.camelcalacs.core.ref.table.MlinTab;
import org.camelcalacs.core.trailer.Trailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACS2D stage (_blv_tmp/_blc_tmp/_crj_tmp/_crc_tmp/raw → flt/flc/crj/crc; spec §5.2 acs2d; port of ACS2d,
 * acs2d/acs2d.c, Get2dFlags, Sanity2d and Do2D, acs2d/do2d.c). Per imset, in order: CCDTAB lookup (CCD), DQICORR,
 * GLINCORR/LFLGCORR (MAMA), conversion to electrons, ERR initialisation if ERR is all zero, DARKCORR, FLSHCORR,
 * FLATCORR, SHADCORR, PHOTMODE and PHOTCORR, statistics, EXPSCORR.
 */
public final class Acs2d {
    public static final String NAME = "ACS2D";
    private static final Logger LOG = LoggerFactory.getLogger(Acs2d.class);
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Acs2d() {
    }

    /** Internal switch states of the C (acs.h): the header only ever sees PERFORM/COMPLETE/SKIPPED/OMIT. */
    enum Flag {
        OMIT, PERFORM, DUMMY, IGNORED, COMPLETE, SKIPPED
    }

    /** Keywords of the primary header that acs2d reads (getACSKeys). */
    record Keys(String rootname, String aperture, String obstype, Detector det, String detName, String filter1,
                String filter2, double exptime, double expstart, double expend, int nimsets, String ccdamp,
                float ccdgain, int[] ccdofst, float flashdur, String flashsta, double darktime) {

        static Keys read(Hdr p) {
            String detName = p.reqString("DETECTOR");
            Detector det = Detector.parse(detName).orElseThrow(() -> (InvalidInputException) new InvalidInputException(
                    "DETECTOR = " + detName + " is invalid").forKeyword("DETECTOR").inStage(NAME));
            double exptime = p.reqDouble("EXPTIME");
            if (exptime < 0.) {
                throw (InvalidInputException) new InvalidInputException(String.format(Locale.ROOT,
                        "Exposure time is invalid:  %14.6g.", exptime)).forKeyword("EXPTIME").inStage(NAME);
            }
            int nextend = p.optInt("NEXTEND", 3);
            if (nextend / 3 < 1) {
                throw (InvalidInputException) new InvalidInputException("NEXTEND = " + nextend
                        + "; must be at least 3.").forKeyword("NEXTEND").inStage(NAME);
            }
            p.reqString("SUBARRAY");
            String ccdamp = "";
            float ccdgain = 1;
            int[] ofst = {3, 3, 3, 3};
            float flashdur = 0;
            String flashsta = "";
            double darktime = 0;
            if (det.isCcd()) {
                ccdamp = p.reqString("CCDAMP").toUpperCase(Locale.ROOT);
                for (char c : ccdamp.toCharArray()) {
                    if ("ABCD".indexOf(c) < 0) {
                        throw (InvalidInputException) new InvalidInputException("CCDAMP = `" + ccdamp
                                + "' is invalid. Must be in 'ABCD'").forKeyword("CCDAMP").inStage(NAME);
                    }
                }
                ccdgain = (float) p.optDouble("CCDGAIN", 1);
                ofst = new int[] {p.optInt("CCDOFSTA", 3), p.optInt("CCDOFSTB", 3), p.optInt("CCDOFSTC", 3),
                    p.optInt("CCDOFSTD", 3)};
                flashdur = (float) p.optDouble("FLASHDUR", 0.0);
                flashsta = p.optString("FLASHSTA", "").toUpperCase(Locale.ROOT);
                darktime = p.optDouble("DARKTIME", 0.);
            }
            return new Keys(p.reqString("ROOTNAME"), p.optString("APERTURE", "").toUpperCase(Locale.ROOT),
                    p.optString("OBSTYPE", ""), det, detName, p.optString("FILTER1", ""), p.optString("FILTER2", ""),
                    exptime, p.reqDouble("EXPSTART"), p.reqDouble("EXPEND"), nextend / 3, ccdamp, ccdgain, ofst,
                    flashdur, flashsta, darktime);
        }
    }

    /** Switches and reference files of one run (the parts of ACSInfo that acs2d uses). */
    static final class Plan {
        Flag dqicorr;
        Flag glincorr;
        Flag lflgcorr;
        Flag darkcorr;
        Flag flashcorr;
        Flag flatcorr;
        Flag shadcorr;
        Flag photcorr;
        Flag expscorr;
        boolean pctecorr;
        Flag pfltcorr = Flag.OMIT;
        Flag dfltcorr = Flag.OMIT;
        Flag lfltcorr = Flag.OMIT;
        Flag cfltcorr = Flag.OMIT;
        RefFile ccdtab;
        RefFile bpix;
        RefFile mlin;
        RefFile dark;
        RefFile flash;
        RefFile pflt;
        RefFile dflt;
        RefFile lflt;
        RefFile cflt;
        RefFile spot;
        RefFile shad;
        RefFile phot;
        MlinTab.Row mlinRow;
        int nsteps;
    }

    /** Calibrates in memory and returns the product (the input is not modified). */
    public static Exposure process(Exposure in, RunContext ctx) {
        Exposure x = in.copy();
        Overrides.apply(x.primary(), ctx.options());
        try {
            run2d(x, ctx);
        } catch (CalacsException e) {
            throw e.inFile(in.name()).inStage(NAME);
        }
        return x;
    }

    private static void run2d(Exposure x, RunContext ctx) {
        Trailer trl = ctx.trailer();
        Hdr p = x.primaryHdr();
        Keys keys = Keys.read(p);
        trl.info("APERTURE " + keys.aperture());
        trl.info("FILTER1 " + keys.filter1());
        trl.info("FILTER2 " + keys.filter2());
        trl.info("DETECTOR " + keys.detName());
        Plan plan = plan(p, keys, ctx);
        if (plan.nsteps < 1) {
            trl.warn("No calibration switch was set to PERFORM,");
            trl.warn("  or all reference files had PEDIGREE = DUMMY.");
        }
        if (plan.glincorr == Flag.PERFORM || plan.lflgcorr == Flag.PERFORM) {
            MlinTab.Row row = MlinTab.lookup(plan.mlin.path(), keys.detName());
            if (row.dummy()) {
                if (plan.glincorr == Flag.PERFORM) {
                    plan.glincorr = Flag.DUMMY;
                }
                if (plan.lflgcorr == Flag.PERFORM) {
                    plan.lflgcorr = Flag.DUMMY;
                }
            }
            plan.mlinRow = row;
        }
        trl.verbose("Processing " + keys.nimsets() + " IMSETs...");
        int n = Math.min(keys.nimsets(), x.imsets().size());
        for (int v = 1; v <= n; v++) {
            trl.info("");
            trl.info("Imset " + v + "  Begin " + now());
            do2d(x, x.imset(v), v, keys, plan, ctx);
            trl.info("Imset " + v + "  End " + now());
        }
        trl.info("");
    }

    /** Get2dSw + Sanity2d + Get2dFlags: internal switches, reference files, every missing file reported at once. */
    static Plan plan(Hdr p, Keys keys, RunContext ctx) {
        Plan s = new Plan();
        s.dqicorr = sw(p, Switch.DQICORR);
        s.glincorr = sw(p, Switch.GLINCORR);
        s.lflgcorr = sw(p, Switch.LFLGCORR);
        s.darkcorr = sw(p, Switch.DARKCORR);
        s.flashcorr = sw(p, Switch.FLSHCORR);
        s.flatcorr = sw(p, Switch.FLATCORR);
        s.shadcorr = sw(p, Switch.SHADCORR);
        s.photcorr = sw(p, Switch.PHOTCORR);
        s.expscorr = sw(p, Switch.EXPSCORR);
        s.pctecorr = p.switchValue(Switch.PCTECORR) == SwitchValue.COMPLETE;
        // Sanity2d
        if (keys.det().isCcd()) {
            s.glincorr = Flag.OMIT;
            s.lflgcorr = Flag.OMIT;
        } else {
            s.shadcorr = Flag.OMIT;
            s.flashcorr = Flag.OMIT;
        }
        List<String> missing = new ArrayList<>();
        // checkDQI: the switch is not reset by COMPLETE (repeating it is harmless)
        if (s.dqicorr == Flag.PERFORM) {
            s.bpix = ref(p, "BPIXTAB", ctx);
            if (s.bpix.exists() && s.bpix.dummy()) {
                s.dqicorr = Flag.DUMMY;
            }
            if (!s.bpix.exists() && (!keys.det().isCcd() || !s.bpix.blank())) {
                missing.add(missingText(s.bpix));
            }
            if (s.dqicorr == Flag.PERFORM) {
                s.nsteps++;
            }
        }
        if (keys.det().isCcd()) {
            s.ccdtab = ref(p, "CCDTAB", ctx);
            if (!s.ccdtab.exists()) {
                missing.add(missingText(s.ccdtab));
            } else if (s.ccdtab.dummy()) {
                missing.add("CCDTAB `" + s.ccdtab.name() + "' is a dummy table.");
            }
        }
        if (s.glincorr == Flag.PERFORM || s.lflgcorr == Flag.PERFORM) {
            if (p.switchValue(Switch.GLINCORR) == SwitchValue.COMPLETE) {
                s.glincorr = Flag.OMIT;
            }
            if (p.switchValue(Switch.LFLGCORR) == SwitchValue.COMPLETE) {
                s.lflgcorr = Flag.OMIT;
            }
            if (s.glincorr == Flag.PERFORM || s.lflgcorr == Flag.PERFORM) {
                s.mlin = ref(p, "MLINTAB", ctx);
                if (!s.mlin.exists()) {
                    missing.add(missingText(s.mlin));
                }
                if (s.mlin.dummy()) {
                    s.glincorr = s.glincorr == Flag.PERFORM ? Flag.DUMMY : s.glincorr;
                    s.lflgcorr = s.lflgcorr == Flag.PERFORM ? Flag.DUMMY : s.lflgcorr;
                }
                if (s.glincorr == Flag.PERFORM || s.lflgcorr == Flag.PERFORM) {
                    s.nsteps++;
                }
            }
        }
        if (s.darkcorr == Flag.PERFORM) {
            if (p.switchValue(Switch.DARKCORR) == SwitchValue.COMPLETE) {
                s.darkcorr = Flag.OMIT;
            } else {
                s.dark = ref(p, s.pctecorr ? "DRKCFILE" : "DARKFILE", ctx);
                s.darkcorr = imageFlag(s.dark, s.darkcorr);
                if (!s.dark.exists()) {
                    missing.add(missingText(s.dark));
                }
                if (s.darkcorr == Flag.PERFORM) {
                    s.nsteps++;
                }
            }
        }
        if (s.flashcorr == Flag.PERFORM) {
            if (p.switchValue(Switch.FLSHCORR) == SwitchValue.COMPLETE) {
                s.flashcorr = Flag.OMIT;
            } else {
                s.flash = ref(p, "FLSHFILE", ctx);
                s.flashcorr = imageFlag(s.flash, s.flashcorr);
                if (!s.flash.exists()) {
                    missing.add(missingText(s.flash));
                } else {
                    Header h = s.flash.firstSciHeader();
                    if (h.getDoubleValue("LTV1", 0.0) != 0 || h.getDoubleValue("LTV2", 0.0) != 0) {
                        throw (SizeMismatchException) new SizeMismatchException("FLSHFILE `" + s.flash.name()
                                + "' has untrimmed overscans.").forKeyword("FLSHFILE");
                    }
                }
                if (s.flashcorr == Flag.PERFORM) {
                    s.nsteps++;
                }
            }
        }
        if (s.flatcorr == Flag.PERFORM) {
            if (p.switchValue(Switch.FLATCORR) == SwitchValue.COMPLETE) {
                s.flatcorr = Flag.OMIT;
            } else {
                s.pflt = ref(p, "PFLTFILE", ctx);
                s.pfltcorr = flatPart(s.pflt, missing);
                s.dflt = ref(p, "DFLTFILE", ctx);
                s.dfltcorr = flatPart(s.dflt, missing);
                s.lflt = ref(p, "LFLTFILE", ctx);
                s.lfltcorr = flatPart(s.lflt, missing);
                s.cflt = ref(p, "CFLTFILE", ctx);
                s.cfltcorr = flatPart(s.cflt, missing);
                s.spot = ref(p, "SPOTTAB", ctx);
                if (s.spot.dummy() && s.cfltcorr == Flag.PERFORM) {
                    s.cfltcorr = Flag.DUMMY;
                }
                if (!s.spot.exists()) {
                    if (!s.spot.blank()) {
                        missing.add(missingText(s.spot));
                    } else {
                        s.cfltcorr = Flag.OMIT;
                    }
                }
                if (s.pfltcorr == Flag.PERFORM || s.dfltcorr == Flag.PERFORM || s.lfltcorr == Flag.PERFORM) {
                    s.nsteps++;
                } else if (s.pfltcorr == Flag.OMIT && s.dfltcorr == Flag.OMIT && s.lfltcorr == Flag.OMIT) {
                    missing.add("PFLTFILE, DFLTFILE, and LFLTFILE are all blank.");
                } else {
                    s.flatcorr = Flag.DUMMY;
                }
            }
        }
        if (s.shadcorr == Flag.PERFORM) {
            if (p.switchValue(Switch.SHADCORR) == SwitchValue.COMPLETE) {
                s.shadcorr = Flag.OMIT;
            } else {
                s.shad = ref(p, "SHADFILE", ctx);
                s.shadcorr = imageFlag(s.shad, s.shadcorr);
                if (!s.shad.exists()) {
                    missing.add(missingText(s.shad));
                }
                if (s.shadcorr == Flag.PERFORM) {
                    s.nsteps++;
                }
            }
        }
        // checkPhot: not reset by COMPLETE
        if (s.photcorr == Flag.PERFORM) {
            s.phot = ref(p, "IMPHTTAB", ctx);
            if (s.phot.exists() && s.phot.dummy()) {
                s.photcorr = Flag.DUMMY;
            }
            if (!s.phot.exists()) {
                missing.add(missingText(s.phot));
            }
            if (s.photcorr == Flag.PERFORM) {
                s.nsteps++;
            }
        }
        if (!missing.isEmpty()) {
            throw (ReferenceFileException) new ReferenceFileException("missing reference file(s): "
                    + String.join("; ", missing)).inStage(NAME);
        }
        return s;
    }

    private static Flag sw(Hdr p, Switch s) {
        return p.switchValue(s) == SwitchValue.PERFORM ? Flag.PERFORM : Flag.OMIT;
    }

    private static RefFile ref(Hdr p, String keyword, RunContext ctx) {
        return RefFile.of(keyword, p.optString(keyword, ""), ctx);
    }

    private static Flag imageFlag(RefFile r, Flag f) {
        return r.exists() && r.dummy() && f == Flag.PERFORM ? Flag.DUMMY : f;
    }

    private static Flag flatPart(RefFile r, List<String> missing) {
        Flag f = imageFlag(r, Flag.PERFORM);
        if (!r.exists()) {
            if (!r.blank()) {
                missing.add(missingText(r));
            } else {
                f = Flag.OMIT;
            }
        }
        return f;
    }

    private static String missingText(RefFile r) {
        return r.blank() ? r.keyword() + " is blank or N/A"
                : r.keyword() + " `" + r.name() + "' not found" + (r.path() == null ? "" : " (" + r.path() + ")");
    }

    private static boolean omit(Flag f) {
        return f == Flag.OMIT || f == Flag.COMPLETE;
    }

    /** Do2D for one imset. */
    static void do2d(Exposure x, Imset s, int extver, Keys keys, Plan plan, RunContext ctx) {
        Trailer trl = ctx.trailer();
        Header ph = x.primary();
        Hdr sh = s.sciHdr(x.name());
        short sdqflags = (short) sh.optInt("SDQFLAGS", 65535);
        int chip = sh.optInt("CCDCHIP", 1);
        double ltv1 = sh.optDouble("LTV1", 0.);
        double ltv2 = sh.optDouble("LTV2", 0.);
        int ncombine = sh.optInt("NCOMBINE", 1);
        if (ncombine < 1) {
            trl.warn("NCOMBINE = " + ncombine + ", reset to one.");
            ncombine = 1;
        }
        double globrate = keys.det() == Detector.SBC ? sh.reqDouble("GLOBRATE") : 0.;
        int n = s.nx * s.ny;

        CcdParameters ccd = null;
        if (keys.det().isCcd()) {
            OverscanCheck.require(x.primaryHdr().switchValue(Switch.BLEVCORR), ltv1, ltv2, x.name(), extver);
            ccd = CcdTab.read(plan.ccdtab.path()).lookup(keys.ccdamp(), keys.ccdgain(), chip, keys.ccdofst(), s.nx);
            String[] amps = {"A", "B", "C", "D"};
            for (int a = 0; a < 4; a++) {
                ph.addValue("ATODGN" + amps[a], ccd.gain(a), "");
            }
            for (int a = 0; a < 4; a++) {
                ph.addValue("READNSE" + amps[a], ccd.noise(a), "");
            }
            trl.info("");
            refInfo(trl, "ccdtab", plan.ccdtab.name(), ccd.pedigree().isEmpty() ? plan.ccdtab.pedigree()
                    : ccd.pedigree(), plan.ccdtab.descrip(), ccd.descrip());
            if (extver == 1) {
                ph.insertHistory("CCD parameters table: ");
                tabHistory(ph, plan.ccdtab.name(), plan.ccdtab.pedigree(), plan.ccdtab.descrip(), ccd.descrip());
            }
        }
        AmpRegions amps = AmpRegions.of(keys.det(), chip, ccd == null ? 0 : ccd.ampx(), ccd == null ? 0 : ccd.ampy(),
                ltv1, ltv2, s.nx, s.ny, ccd == null ? new float[4] : ccd.atodgain(),
                ccd == null ? new float[4] : ccd.readnoise());

        // DQICORR
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
                    ph.insertHistory("  values checked for saturation");
                }
                if (plan.bpix.exists()) {
                    ph.insertHistory("  DQ array initialized ...");
                    tabHistory(ph, plan.bpix.name(), plan.bpix.pedigree(), plan.bpix.descrip(), "");
                }
            }
        }

        // GLINCORR / LFLGCORR
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

        // conversion to electrons
        String bunit = sh.optString("BUNIT", "");
        if (!GainConversion.isElectrons(bunit)) {
            GainConversion.toElectrons(s.sci, s.err, s.nx, s.ny, amps);
            s.sciHeader.addValue("BUNIT", "ELECTRONS", "");
            s.errHeader.addValue("BUNIT", "ELECTRONS", "");
        }

        // ERR initialisation
        if (NoiseInit.allZero(s.err)) {
            if (keys.det().isCcd()) {
                if (ncombine > 1) {
                    trl.warn("NCOMBINE > 1 before the error array was initialized.");
                }
                String targ = x.primaryHdr().optString("TARGNAME", "");
                NoiseInit.ccd(s.sci, s.err, s.nx, s.ny, amps, targ.startsWith("BIAS"));
            } else {
                int neg = NoiseInit.mama(s.sci, s.err);
                if (neg > 0) {
                    trl.warn(neg + " negative value(s) found in input MAMA data!");
                }
            }
            if (extver == 1) {
                ph.insertHistory("Uncertainty array initialized.");
            }
            trl.info("         Uncertainty array initialized,");
            if (keys.det().isCcd()) {
                trl.info("    readnoise =" + ampList(ccd.readnoise()));
                trl.info("    gain =" + ampList(ccd.atodgain()));
            }
        }

        // DARKCORR
        trl.info("");
        prSwitch(trl, "darkcorr", plan.darkcorr);
        if (extver == 1 && !omit(plan.darkcorr)) {
            refInfo(trl, "darkfile", plan.dark.name(), plan.dark.pedigree(), plan.dark.descrip(), "");
        }
        if (plan.darkcorr == Flag.PERFORM) {
            float darktime = keys.det().isCcd() ? (float) keys.darktime() : DarkCorr.SBC_DARKTIME;
            trl.info(String.format(Locale.ROOT, "Darktime from header %f", darktime));
            Imset d = plan.dark.imsetForChip(chip);
            trl.verbose("Performing dark subtraction on chip " + chip + " in imset " + d.extver);
            RefGeometry.Offset off = RefGeometry.findBin(s.sciHeader, s.nx, s.ny, d.sciHeader, d.nx, d.ny);
            if (off.rx() != 1 || off.ry() != 1) {
                trl.warn("Reference image and input are not binned to the same pixel size!");
            }
            trl.verbose("Image has an offset of " + off.x0() + "," + off.y0());
            Section z = Section.cut(d, off.x0(), off.y0(), s.nx, s.ny, "darkcorr");
            double mean = DarkCorr.apply(s.sci, s.err, s.dq, z.sci, z.err, z.dq, darktime, sdqflags);
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

        // FLSHCORR
        trl.info("");
        prSwitch(trl, "flshcorr", plan.flashcorr);
        if (extver == 1 && !omit(plan.flashcorr)) {
            refInfo(trl, "flshfile", plan.flash.name(), plan.flash.pedigree(), plan.flash.descrip(), "");
        }
        if (plan.flashcorr == Flag.PERFORM) {
            if (keys.flashdur() <= 0.) {
                trl.warn(FlshCorr.ZERO_FLASH);
                ph.insertHistory(FlshCorr.ZERO_FLASH);
                plan.flashcorr = Flag.IGNORED;
            } else {
                if (keys.flashsta().equalsIgnoreCase("ABORTED")) {
                    trl.warn(FlshCorr.ABORTED);
                    ph.insertHistory(FlshCorr.ABORTED);
                }
                Imset f = plan.flash.imsetForChip(chip);
                trl.verbose("Performing post-flash subtraction on chip " + chip + " in imset " + f.extver);
                RefGeometry.Offset off = RefGeometry.findLine(s.sciHeader, s.nx, f.sciHeader, f.nx);
                if (off.rx() != 1 || off.ry() != 1) {
                    trl.info("Reference image and input are not binned to the same pixel size!");
                }
                trl.verbose("Image has an offset of " + off.x0() + "," + off.y0());
                Section z = Section.cut(f, off.x0(), off.y0(), s.nx, s.ny, "flshcorr");
                float meanflash = FlshCorr.apply(s.sci, s.err, s.dq, s.nx, s.ny, z.sci, z.err, z.dq, keys.flashdur(),
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

        // FLATCORR
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
                divFlat(s, plan.pflt, chip, plan.cfltcorr == Flag.PERFORM ? plan : null, x, ctx);
            }
            if (plan.dfltcorr == Flag.PERFORM) {
                divFlat(s, plan.dflt, chip, null, x, ctx);
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

        // SHADCORR
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
                Imset sh2 = plan.shad.imsetForChip(chip);
                RefGeometry.Offset off = RefGeometry.findLine(s.sciHeader, s.nx, sh2.sciHeader, sh2.nx);
                if (off.rx() != 1 || off.ry() != 1) {
                    throw (SizeMismatchException) new SizeMismatchException("a SHADFILE binned differently from the"
                            + " science image (ratio " + off.rx() + "x" + off.ry() + ") is not supported")
                            .forKeyword("SHADFILE");
                }
                Section z = Section.cut(sh2, off.x0(), off.y0(), s.nx, s.ny, "doShad");
                ShadCorr.apply(s.sci, s.err, s.dq, z.sci, z.err, z.dq, exptime);
                prSwitch(trl, "shadcorr", Flag.COMPLETE);
            }
        }
        if (extver == 1 && !omit(plan.shadcorr)) {
            if (updateSwitch(ph, "SHADCORR", plan.shadcorr)) {
                imgHistory(ph, plan.shad);
            }
        }

        // PHOTMODE / PHOTCORR
        trl.info("");
        prSwitch(trl, "photcorr", plan.photcorr);
        float lrfwave = (float) x.primaryHdr().optDouble("LRFWAVE", -1.0);
        String photmode = PhotMode.build(keys.det(), keys.obstype(), keys.filter1(), keys.filter2(), lrfwave,
                keys.expstart());
        trl.verbose("Keyword PHOTMODE built as: " + photmode);
        s.sciHeader.addValue("PHOTMODE", photmode, "list of components");
        if (plan.photcorr == Flag.PERFORM) {
            trl.verbose("Created SYNPHOT obsmode of: " + ImphtTab.photmodeToObsmode(photmode));
            ImphtTab.Result r = PhotCorr.compute(plan.phot.path(), photmode);
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

        // statistics
        ImageStatistics.Stats st = ImageStatistics.compute(s.sci, s.err, s.dq, sdqflags);
        String w = ImageStatistics.warning(st, n);
        if (w != null) {
            trl.warn(w);
        }
        ImageStatistics.write(st, s.sciHeader, s.errHeader);

        // EXPSCORR
        updateSwitch(ph, "EXPSCORR", plan.expscorr);
        LOG.debug("ACS2D imset {} of {} done", extver, x.name());
    }

    /** divFlat: one flat (with the spot flat multiplied in for the PFLT when CFLTFILE is used). */
    private static void divFlat(Imset s, RefFile flat, int chip, Plan spotPlan, Exposure x, RunContext ctx) {
        Imset f = flat.imsetForChip(chip);
        RefGeometry.Offset off = RefGeometry.findLine(s.sciHeader, s.nx, f.sciHeader, f.nx);
        ctx.trailer().verbose("ratio of flat/input = " + off.rx() + "," + off.ry() + " offset by " + off.x0() + ","
                + off.y0());
        if (off.rx() != 1) {
            throw (SizeMismatchException) new SizeMismatchException("a flat binned differently from the science image"
                    + " (ratio " + off.rx() + ") is not supported").forKeyword(flat.keyword());
        }
        Section z = Section.cut(f, off.x0(), off.y0(), s.nx, s.ny, "doFlat");
        if (spotPlan != null) {
            Section spot = SpotFlat.shiftedSection(spotPlan.cflt, spotPlan.spot, chip, x.primaryHdr(), off, s.nx,
                    s.ny, ctx.trailer());
            FlatCorr.multiplySpot(z.sci, z.err, z.dq, spot.sci, spot.err, spot.dq);
        }
        FlatCorr.divide(s.sci, s.err, s.dq, z.sci, z.err, z.dq);
    }

    /** A cut-out of a reference imset (trim1d/trim2d with bin 1). */
    record Section(float[] sci, float[] err, short[] dq) {
        static Section cut(Imset ref, int x0, int y0, int nx, int ny, String step) {
            try {
                if (x0 == 0 && y0 == 0 && nx == ref.nx && ny == ref.ny) {
                    return new Section(ref.sci.clone(), ref.err.clone(), ref.dq.clone());
                }
                return new Section(RefGeometry.cutOut(ref.sci, ref.nx, ref.ny, x0, y0, nx, ny),
                        RefGeometry.cutOut(ref.err, ref.nx, ref.ny, x0, y0, nx, ny),
                        RefGeometry.cutOut(ref.dq, ref.nx, ref.ny, x0, y0, nx, ny));
            } catch (CalacsException e) {
                throw e.inStep(step);
            }
        }
    }

    /**
     * acs2d.e: reads {@code input}; writes {@code output}, or when null the name mapped from the input
     * (_raw/_blv_tmp → _flt, _blc_tmp → _flc, _crj_tmp → _crj, _crc_tmp → _crc) in the output directory.
     */
    public static Path run(Path input, Path output, RunContext ctx) {
        Path out = output != null ? output : ctx.options().outputDir().resolve(outputName(input));
        Trailer trl = ctx.trailer();
        trl.info("");
        trl.info("CALBEG*** ACS2D -- Version " + VERSION + " ***");
        trl.info("Begin    " + date());
        trl.info("Input    " + input.getFileName());
        trl.info("Output   " + out.getFileName());
        try {
            if (!ctx.options().overwrite() && java.nio.file.Files.exists(out)) {
                throw (org.camelcalacs.core.error.OutputExistsException)
                        new org.camelcalacs.core.error.OutputExistsException("Output file already exists")
                                .inFile(out.getFileName()).inStage(NAME);
            }
            Exposure in = AcsFits.read(input);
            Exposure result = process(in, ctx);
            result.setSource(out);
            AcsFits.write(result, out, ctx.options().overwrite());
            trl.info("End      " + date());
            trl.info("");
            trl.info("*** ACS2D complete ***");
            return out;
        } catch (CalacsException e) {
            trl.error(e.getMessage());
            throw e;
        } finally {
            trl.flushTo(out.toAbsolutePath().getParent().resolve(trailerName(out)));
        }
    }

    /** The trailer of a product: its name without the product suffix, with .tra (Init2DTrl). */
    static String trailerName(Path product) {
        String n = String.valueOf(product.getFileName());
        int dot = n.indexOf('.');
        String base = dot > 0 ? n.substring(0, dot) : n;
        for (String suf : new String[] {"_flt", "_flc", "_crj", "_crc"}) {
            if (base.endsWith(suf)) {
                base = base.substring(0, base.length() - suf.length());
                break;
            }
        }
        return base + ".tra";
    }

    private static String date() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss",
                Locale.ROOT)) + " UTC";
    }

    /** The version string written in trailer banners. */
    public static final String VERSION = "10.5.0 (16-Mar-2026)";

    /** Init2DTrl's output naming: _raw/_blv_tmp → _flt, _blc_tmp → _flc, _crj_tmp → _crj, _crc_tmp → _crc. */
    public static String outputName(Path input) {
        String name = String.valueOf(input.getFileName());
        String base = name;
        String ext = "";
        for (String e : new String[] {".fits.gz", ".fits", ".fit"}) {
            if (name.endsWith(e)) {
                base = name.substring(0, name.length() - e.length());
                ext = ".fits";
                break;
            }
        }
        if (ext.isEmpty()) {
            ext = ".fits";
        }
        String[][] map = {{"_raw", "_flt"}, {"_blv_tmp", "_flt"}, {"_blc_tmp", "_flc"}, {"_crj_tmp", "_crj"},
            {"_crc_tmp", "_crc"}};
        for (String[] m : map) {
            if (base.endsWith(m[0])) {
                return base.substring(0, base.length() - m[0].length()) + m[1] + ext;
            }
        }
        return base + "_flt" + ext;
    }

    // ---- trailer and history helpers (prinfo.c, acshist.c) ----

    private static String pad(String label) {
        String u = label.toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(u);
        while (sb.length() < 8) {
            sb.append(' ');
        }
        return sb.toString();
    }

    static void prSwitch(Trailer trl, String keyword, Flag value) {
        String v = switch (value) {
            case OMIT -> "OMIT";
            case PERFORM -> "PERFORM";
            case DUMMY -> "SKIPPED";
            case SKIPPED -> "SKIPPED";
            case COMPLETE -> "COMPLETE";
            case IGNORED -> "IGNORED";
        };
        trl.info(pad(keyword) + " " + v);
    }

    static void refInfo(Trailer trl, String keyword, String name, String pedigree, String descrip, String descrip2) {
        String b = pad(keyword);
        trl.info(b + " " + name);
        if (pedigree != null && !pedigree.isEmpty()) {
            trl.info(b + " PEDIGREE=" + pedigree);
        }
        if (descrip != null && !descrip.isEmpty()) {
            trl.info(b + " DESCRIP =" + descrip);
        }
        if (descrip2 != null && !descrip2.isEmpty()) {
            trl.info(b + " DESCRIP =" + descrip2);
        }
    }

    /** UpdateSwitch: PERFORM → COMPLETE, DUMMY/IGNORED → SKIPPED, with a HISTORY line; returns "log it". */
    static boolean updateSwitch(Header ph, String keyword, Flag flag) {
        switch (flag) {
            case PERFORM -> {
                ph.addValue(keyword, "COMPLETE", commentOf(ph, keyword));
                ph.insertHistory(keyword + " complete ...");
                return true;
            }
            case DUMMY -> {
                ph.addValue(keyword, "SKIPPED", commentOf(ph, keyword));
                ph.insertHistory(keyword + " skipped due to dummy reference file ...");
                return true;
            }
            case IGNORED -> {
                ph.addValue(keyword, "SKIPPED", commentOf(ph, keyword));
                ph.insertHistory(keyword + " not performed ...");
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private static String commentOf(Header h, String key) {
        nom.tam.fits.HeaderCard c = h.findCard(key);
        return c == null || c.getComment() == null ? "" : c.getComment();
    }

    static void tabHistory(Header ph, String name, String pedigree, String descrip, String descrip2) {
        ph.insertHistory("  reference table " + name);
        for (String t : new String[] {pedigree, descrip, descrip2}) {
            if (t != null && !t.isEmpty()) {
                ph.insertHistory("    " + t);
            }
        }
    }

    static void imgHistory(Header ph, RefFile r) {
        ph.insertHistory("  reference image " + r.name());
        for (String t : new String[] {r.pedigree(), r.descrip()}) {
            if (t != null && !t.isEmpty()) {
                ph.insertHistory("    " + t);
            }
        }
    }

    private static String ampList(float[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            if (v[i] > 0) {
                sb.append(CFormat.g(v[i], 5)).append(',');
            }
        }
        if (v[3] > 0) {
            sb.append(CFormat.g(v[3], 5));
        }
        return sb.toString();
    }

    private static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(HMS) + " UTC";
    }
}
