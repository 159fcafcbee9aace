package org.camelcalacs.core.calacs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.model.Detector;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.SwitchValue;

/**
 * Which stages a position needs and which reference files must exist, from the primary header of its first
 * exposure (port of GetFlags, SciFlags and GetSciInfo, calacs/getflags.c, sciflags.c, getsciinfo.c; spec §2.3,
 * §5.1).
 *
 * @param basicCcd      run ACSCCD (DQICORR/ATODCORR/BIASCORR/BLEVCORR PERFORM on a CCD)
 * @param basicCte      run ACSCTE (PCTECORR PERFORM)
 * @param basic2d       run ACS2D (a 2-D step PERFORM, or DQICORR for SBC)
 * @param crcorr        CR-rejection of a CR-split position
 * @param rptcorr       combination of a repeat-obs position (ACSREJ for CCDs, ACSSUM for SBC)
 * @param readnoiseOnly TARGNAME starts with BIAS
 * @param refs          reference keyword → header value, for the up-front existence check (in SciFlags order)
 * @param warnings      sanity warnings to print
 */
public record CalFlags(boolean basicCcd, boolean basicCte, boolean basic2d, boolean crcorr, boolean rptcorr,
                       boolean readnoiseOnly, Map<String, String> refs, List<String> warnings) {

    /** Nothing to do for this position ("No calibration switch was set to PERFORM."). */
    public boolean nothingToDo() {
        return !basicCcd && !basicCte && !basic2d && !crcorr && !rptcorr;
    }

    /**
     * @param ph        primary header (with the user's overrides already applied)
     * @param det       detector
     * @param nimages   exposures of this position
     * @param asnCr     the association is CR-split (CRCORR=PERFORM from the table)
     * @param asnRpt    the association is repeat-obs
     */
    public static CalFlags of(Hdr ph, Detector det, int nimages, boolean asnCr, boolean asnRpt) {
        List<String> warn = new ArrayList<>();
        Map<String, String> refs = new LinkedHashMap<>();
        SwitchValue atod = sw(ph, Switch.ATODCORR);
        SwitchValue bias = sw(ph, Switch.BIASCORR);
        SwitchValue blev = sw(ph, Switch.BLEVCORR);
        SwitchValue cr = sw(ph, Switch.CRCORR);
        SwitchValue dark = sw(ph, Switch.DARKCORR);
        SwitchValue dqi = sw(ph, Switch.DQICORR);
        SwitchValue flat = sw(ph, Switch.FLATCORR);
        SwitchValue pcte;
        try {
            pcte = sw(ph, Switch.PCTECORR);
        } catch (RuntimeException e) {
            pcte = SwitchValue.OMIT;
        }
        SwitchValue flsh;
        if (ph.has("FLSHCORR")) {
            flsh = sw(ph, Switch.FLSHCORR);
        } else {
            warn.add("FLSHCORR keyword not found...");
            if (ph.has("POSTFLSH")) {
                warn.add("Using old keyword POSTFLSH! Please rename keyword to FLSHCORR in header.");
                flsh = norm(SwitchValue.parse("POSTFLSH", ph.optString("POSTFLSH", null)));
            } else {
                flsh = SwitchValue.OMIT;
            }
        }
        SwitchValue glin = sw(ph, Switch.GLINCORR);
        SwitchValue lflg = sw(ph, Switch.LFLGCORR);
        SwitchValue phot = sw(ph, Switch.PHOTCORR);
        SwitchValue rpt = sw(ph, Switch.RPTCORR);
        SwitchValue shad = sw(ph, Switch.SHADCORR);
        sw(ph, Switch.EXPSCORR);
        if (rpt == SwitchValue.PERFORM && cr == SwitchValue.PERFORM) {
            throw new InvalidInputException("RPTCORR and CRCORR both set to PERFORM! One switch needs to be set to OMIT!")
                    .forKeyword("RPTCORR");
        }
        boolean mama = det == Detector.SBC;
        boolean ccd = false;
        boolean cte = false;
        boolean twoD = false;
        boolean crcorr = asnCr;
        boolean rptcorr = asnRpt;
        boolean refimage = false;
        if (!mama) {
            refs.put("CCDTAB", ph.optString("CCDTAB", ""));
        }
        if (dqi == SwitchValue.PERFORM) {
            if (mama) {
                twoD = true;
            } else {
                ccd = true;
            }
            refs.put("BPIXTAB", ph.optString("BPIXTAB", ""));
        }
        if (glin == SwitchValue.PERFORM) {
            twoD = true;
            if (!mama) {
                warn.add("GLINCORR = PERFORM, but detector is CCD.");
            }
        }
        if (lflg == SwitchValue.PERFORM) {
            twoD = true;
            if (!mama) {
                warn.add("LFLGCORR = PERFORM, but detector is CCD.");
            }
        }
        if (glin == SwitchValue.PERFORM || lflg == SwitchValue.PERFORM) {
            refs.put("MLINTAB", ph.optString("MLINTAB", ""));
        }
        if (cr == SwitchValue.PERFORM) {
            crcorr = true;
            if (mama) {
                warn.add("CRCORR will be omitted because detector is MAMA.");
                crcorr = false;
            }
            if (nimages < 2) {
                warn.add("CRCORR will be omitted because there's only one image.");
                crcorr = false;
            }
        }
        if (rpt == SwitchValue.PERFORM) {
            if (nimages < 2) {
                warn.add("RPTCORR will be omitted because there's only one image.");
                rptcorr = false;
            } else {
                rptcorr = true;
            }
        }
        if (crcorr) {
            refs.put("CRREJTAB", ph.optString("CRREJTAB", ""));
        }
        if (atod == SwitchValue.PERFORM) {
            ccd = true;
            ccdSanity(mama, "ATODCORR", warn);
            refs.put("ATODTAB", ph.optString("ATODTAB", ""));
        }
        if (bias == SwitchValue.PERFORM) {
            ccd = true;
            refimage = true;
            ccdSanity(mama, "BIASCORR", warn);
            refs.put("BIASFILE", ph.optString("BIASFILE", ""));
        }
        if (pcte == SwitchValue.PERFORM) {
            cte = true;
            refimage = true;
            ccdSanity(mama, "PCTECORR", warn);
            refs.put("PCTETAB", ph.optString("PCTETAB", ""));
        }
        if (dark == SwitchValue.PERFORM) {
            twoD = true;
            refimage = true;
            refs.put("DARKFILE", ph.optString("DARKFILE", ""));
            if (pcte == SwitchValue.PERFORM) {
                refs.put("DRKCFILE", ph.optString("DRKCFILE", ""));
            }
        }
        if (flsh == SwitchValue.PERFORM) {
            twoD = true;
            refimage = true;
            ccdSanity(mama, "FLSHCORR", warn);
            refs.put("FLSHFILE", ph.optString("FLSHFILE", ""));
        }
        if (flat == SwitchValue.PERFORM) {
            twoD = true;
            refimage = true;
            refs.put("PFLTFILE", ph.optString("PFLTFILE", ""));
            refs.put("DFLTFILE", ph.optString("DFLTFILE", ""));
            refs.put("LFLTFILE", ph.optString("LFLTFILE", ""));
        }
        if (shad == SwitchValue.PERFORM) {
            twoD = true;
            refimage = true;
            ccdSanity(mama, "SHADCORR", warn);
            refs.put("SHADFILE", ph.optString("SHADFILE", ""));
        }
        if (blev == SwitchValue.PERFORM) {
            ccd = true;
            ccdSanity(mama, "BLEVCORR", warn);
            refs.put("OSCNTAB", ph.optString("OSCNTAB", ""));
        } else if (blev == SwitchValue.OMIT && refimage && !mama) {
            warn.add("For science file, should do BLEVCORR to remove overscan before doing other steps that use"
                    + " reference images.");
        }
        if (phot == SwitchValue.PERFORM) {
            twoD = true;
            refs.put("IMPHTTAB", ph.optString("IMPHTTAB", ""));
        }
        if (mama) {
            ccd = false;
            cte = false;
        }
        String targ = ph.optString("TARGNAME", "");
        return new CalFlags(ccd, cte, twoD, crcorr, rptcorr, targ.startsWith("BIAS"), refs, warn);
    }

    private static void ccdSanity(boolean mama, String sw, List<String> warn) {
        if (mama) {
            warn.add(sw + " = PERFORM, but detector is MAMA.");
        }
    }

    /** A switch as calacs reads it: PERFORM or COMPLETE kept, anything else OMIT. */
    private static SwitchValue sw(Hdr ph, Switch s) {
        return norm(ph.switchValue(s));
    }

    private static SwitchValue norm(SwitchValue v) {
        return v == SwitchValue.PERFORM || v == SwitchValue.COMPLETE ? v : SwitchValue.OMIT;
    }
}
