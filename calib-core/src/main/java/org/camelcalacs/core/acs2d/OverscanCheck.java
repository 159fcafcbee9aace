package org.camelcalacs.core.acs2d;

import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.model.SwitchValue;

/**
 * The trimmed-input check of acs2d for CCD data (port of OscnTrimmed, acs2d/do2d.c; spec §5.2 acs2d): BLEVCORR
 * must be COMPLETE and LTV1, LTV2 must be ≤ 0, otherwise the overscan is still there and acs2d refuses the file.
 */
public final class OverscanCheck {
    public static final String MESSAGE = "Overscan region not trimmed.  Please perform BLEVCORR.";

    private OverscanCheck() {
    }

    /** True if the image counts as overscan-trimmed. */
    public static boolean trimmed(SwitchValue blevcorr, double ltv1, double ltv2) {
        return blevcorr == SwitchValue.COMPLETE && !(ltv1 > 0.0 || ltv2 > 0.0);
    }

    /** Throws the reference's error when the image is not trimmed. */
    public static void require(SwitchValue blevcorr, double ltv1, double ltv2, String file, int extver) {
        if (!trimmed(blevcorr, ltv1, ltv2)) {
            throw (InvalidInputException) new InvalidInputException(MESSAGE + " (BLEVCORR = " + blevcorr
                    + ", LTV1 = " + ltv1 + ", LTV2 = " + ltv2 + ")").inFile(file).inHdu("SCI," + extver)
                    .inStage(Acs2d.NAME);
        }
    }
}
