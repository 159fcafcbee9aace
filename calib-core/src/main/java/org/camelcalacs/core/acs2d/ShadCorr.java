package org.camelcalacs.core.acs2d;

/**
 * SHADCORR (port of doShad, acs2d/doshad.c; spec §5.2 acs2d step 9): the shutter-shading image S is turned into
 * {@code 1 + S/(EXPTIME/NCOMBINE)} (its ERR scaled by the same factor) and divided in with div1d. EXPTIME ≤ 0 makes
 * the step IGNORED.
 */
public final class ShadCorr {
    private ShadCorr() {
    }

    /** Applies the cut-out shading image (modified) to the science arrays. */
    public static void apply(float[] sci, float[] err, short[] dq, float[] ssci, float[] serr, short[] sdq,
                             float exptime) {
        float k = (float) (1. / exptime);
        for (int i = 0; i < ssci.length; i++) {
            if (k != 1.0f) {
                ssci[i] = k * ssci[i];
                serr[i] = k * serr[i];
            }
            ssci[i] = ssci[i] + 1.0f;
        }
        FlatCorr.divide(sci, err, dq, ssci, serr, sdq);
    }
}
