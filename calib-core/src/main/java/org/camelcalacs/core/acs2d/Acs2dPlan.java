package org.camelcalacs.core.acs2d;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nom.tam.fits.Header;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.error.SizeMismatchException;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.model.Detector;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.SwitchValue;
import org.camelcalacs.core.ref.table.MlinTab;

/**
 * What an ACS2D run will do, decided from the primary header before any pixel is touched: the keywords read
 * (getACSKeys), the internal switches (Get2dSw, Sanity2d) and the reference files with their pedigrees
 * (Get2dFlags, acs2d/get2dflags.c). Every missing reference is reported at once.
 */
final class Acs2dPlan {
    static final String NAME = Acs2d.NAME;

    private Acs2dPlan() {
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
        /** The IMPHTTAB, read once per run (every imset has the same PHOTMODE in practice). */
        private org.camelcalacs.core.ref.table.ImphtTab photTable;

        private String photModeDone;
        private org.camelcalacs.core.ref.table.ImphtTab.Result photResultDone;

        /** IMPHTTAB values for {@code photmode}, computed once per exposure (every imset has the same PHOTMODE). */
        synchronized org.camelcalacs.core.ref.table.ImphtTab.Result photResult(String photmode) {
            if (photResultDone == null || !photmode.equals(photModeDone)) {
                photResultDone = photTable().compute(photmode);
                photModeDone = photmode;
            }
            return photResultDone;
        }

        synchronized org.camelcalacs.core.ref.table.ImphtTab photTable() {
            if (photTable == null) {
                photTable = org.camelcalacs.core.ref.table.ImphtTab.read(phot.path());
            }
            return photTable;
        }
        int nsteps;
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

    static boolean omit(Flag f) {
        return f == Flag.OMIT || f == Flag.COMPLETE;
    }
}
