package org.camelcalacs.core.acsccd;

import java.util.Locale;

import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.model.Detector;

/**
 * The primary-header keywords ACSCCD reads (getACSKeys/checkACSKeys, getacskeys.c; spec §2.3), validated once:
 * the detector must be WFC or HRC, EXPTIME ≥ 0, CCDAMP only letters of "ABCD". APERTURE, JWROTYPE and FLASHSTA
 * are upper-cased as the code does.
 */
public record CcdKeys(String rootname, Detector detector, String aperture, String jwrotype, String filter1,
                      String filter2, double exptime, double expstart, boolean subarray, int nimsets, String ccdamp,
                      float ccdgain, int[] ccdofst, float flashdur, String flashsta, double darktime,
                      String targname) {
    /** Default CCDOFST when the keyword is missing (acs.h DEFAULT_OFFSET). */
    public static final int DEFAULT_OFFSET = 3;
    /** CCDAMP is read into a buffer of this many characters (GetKeyStr with NAMPS). */
    static final int CCDAMP_MAXCH = 4;

    public CcdKeys {
        ccdofst = ccdofst.clone();
    }

    @Override
    public int[] ccdofst() {
        return ccdofst.clone();
    }

    /** Reads and checks the keywords; SBC and unknown detectors are refused. */
    public static CcdKeys read(Hdr ph) {
        String det = ph.reqString("DETECTOR");
        Detector d = Detector.parse(det).orElseThrow(() -> (InvalidInputException) new InvalidInputException(
                "DETECTOR = " + det + " is invalid").forKeyword("DETECTOR"));
        if (!d.isCcd()) {
            throw (InvalidInputException) new InvalidInputException(
                    "Can NOT process MAMA data with ACSCCD (DETECTOR = SBC)").forKeyword("DETECTOR");
        }
        String rootname = ph.reqString("ROOTNAME");
        double exptime = ph.reqDouble("EXPTIME");
        if (exptime < 0) {
            throw (InvalidInputException) new InvalidInputException(String.format(Locale.ROOT,
                    "Exposure time is invalid:  %14.6g.", exptime)).forKeyword("EXPTIME");
        }
        double expstart = ph.reqDouble("EXPSTART");
        ph.reqDouble("EXPEND");
        boolean subarray = ph.reqBool("SUBARRAY");
        int nextend = ph.optInt("NEXTEND", 3);
        if (nextend / 3 < 1) {
            throw (InvalidInputException) new InvalidInputException("NEXTEND = " + nextend + "; must be at least 3.")
                    .forKeyword("NEXTEND");
        }
        String amp = ph.reqString("CCDAMP");
        if (amp.length() > CCDAMP_MAXCH) {
            amp = amp.substring(0, CCDAMP_MAXCH);
        }
        amp = amp.toUpperCase(Locale.ROOT);
        for (int i = 0; i < amp.length(); i++) {
            if ("ABCD".indexOf(amp.charAt(i)) < 0) {
                throw (InvalidInputException) new InvalidInputException(
                        "CCDAMP = '" + amp + "' is invalid. Must be in 'ABCD'").forKeyword("CCDAMP");
            }
        }
        if (amp.isEmpty()) {
            throw (InvalidInputException) new InvalidInputException("CCDAMP = '' is invalid. Must be in 'ABCD'")
                    .forKeyword("CCDAMP");
        }
        int[] ofst = new int[4];
        for (int a = 0; a < 4; a++) {
            ofst[a] = ph.optInt("CCDOFST" + "ABCD".charAt(a), DEFAULT_OFFSET);
        }
        return new CcdKeys(rootname, d, ph.optString("APERTURE", "").toUpperCase(Locale.ROOT),
                ph.optString("JWROTYPE", "").toUpperCase(Locale.ROOT), ph.optString("FILTER1", ""),
                ph.optString("FILTER2", ""), exptime, expstart, subarray, nextend / 3, amp,
                (float) ph.optDouble("CCDGAIN", 1.0), ofst, (float) ph.optDouble("FLASHDUR", 0.0),
                ph.optString("FLASHSTA", "").toUpperCase(Locale.ROOT), ph.optDouble("DARKTIME", 0.0),
                ph.optString("TARGNAME", ""));
    }
}
