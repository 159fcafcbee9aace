package org.camelcalacs.core.acs2d;

/**
 * FLSHCORR (port of doFlash, acs2d/doflash.c; spec §5.2 acs2d step 7): the post-flash reference (LTV must be 0)
 * is cut out, scaled by FLASHDUR and subtracted line by line with errors in quadrature and DQ OR. MEANFLSH is the
 * weighted mean of the per-line good-pixel means, accumulated in float as the C does. With FLASHDUR ≤ 0 the step
 * is IGNORED ("Post-flash exposure was 0 seconds").
 */
public final class FlshCorr {
    public static final String ZERO_FLASH = "Post-flash exposure was 0 seconds. FLSHCORR not performed.";
    public static final String ABORTED = "Post-flash STATUS was ABORTED. Post-flash may be compromised.";

    private FlshCorr() {
    }

    /**
     * Applies the cut-out flash image (modified: scaled) to the science arrays.
     *
     * @return MEANFLSH
     */
    public static float apply(float[] sci, float[] err, short[] dq, int nx, int ny, float[] fsci, float[] ferr,
                              short[] fdq, float flashdur, short sdqflags) {
        float mean = 0.0f;
        float weight = 0.0f;
        for (int j = 0; j < ny; j++) {
            int o = j * nx;
            if (flashdur != 1.0f) {
                for (int i = 0; i < nx; i++) {
                    fsci[o + i] = flashdur * fsci[o + i];
                    ferr[o + i] = flashdur * ferr[o + i];
                }
            }
            double sum = 0.;
            int numgood = 0;
            for (int i = 0; i < nx; i++) {
                if ((sdqflags & fdq[o + i]) == 0) {
                    sum += fsci[o + i];
                    numgood++;
                }
            }
            float lineMean = 0.f;
            float lineWeight = 0.f;
            if (numgood > 0) {
                lineMean = (float) (sum / numgood);
                lineWeight = (float) numgood / (float) nx;
            }
            mean += lineMean * lineWeight;
            weight += lineWeight;
            for (int i = 0; i < nx; i++) {
                int k = o + i;
                sci[k] = sci[k] - fsci[k];
                float da = err[k];
                float db = ferr[k];
                err[k] = (float) Math.sqrt(da * da + db * db);
                dq[k] = (short) (dq[k] | fdq[k]);
            }
        }
        return ny > 0 ? mean / weight : 0.f;
    }
}
