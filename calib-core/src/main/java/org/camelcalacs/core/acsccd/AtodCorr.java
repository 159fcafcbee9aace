package org.camelcalacs.core.acsccd;

/**
 * ATODCORR: accepted but never applied. CALACS 10.5.0 checks that ATODTAB exists when the switch is PERFORM but
 * never calls doAtoD, and leaves the ATODCORR keyword unchanged (spec §3 ATODTAB, §6). This class only carries
 * the trailer note that says so.
 */
public final class AtodCorr {
    /** Trailer line written when ATODCORR=PERFORM. */
    public static final String NOT_APPLIED =
            "ATODCORR PERFORM: accepted but not applied (CALACS 10.5.0 never applies ATODTAB); ATODCORR left unchanged.";

    private AtodCorr() {
    }
}
