package org.camelcalacs.core.acs2d;

/**
 * GLINCORR (MAMA global non-linearity; port of doNonLin/FindRate, acs2d/dononlin.c; spec §5.2 acs2d step 3).
 * The observed global rate y relates to the true rate x by {@code y = x·e^(−τx)}; three Newton steps from x = y
 * give the true/observed ratio, and SCI and ERR are multiplied by it (as a float, multk2d). If GLOBRATE exceeds
 * GLOBAL_LIMIT nothing is corrected and GLOBLIM = EXCEEDED.
 */
public final class GlinCorr {
    private GlinCorr() {
    }

    /** FindRate: ratio of true to observed count rate (1 for y ≤ 0). */
    public static double ratio(double y, double tau) {
        if (y <= 0.) {
            return 1.;
        }
        double x = y;
        for (int k = 0; k < 3; k++) {
            double dy = y - (x * Math.exp(-tau * x));
            double dx = dy / ((1. - tau * x) * Math.exp(-tau * x));
            x = x + dx;
        }
        return x / y;
    }

    /** multk2d: SCI and ERR times k (a no-op when k == 1). */
    public static void multiply(float[] sci, float[] err, float k) {
        if (k == 1.0f) {
            return;
        }
        for (int i = 0; i < sci.length; i++) {
            sci[i] = k * sci[i];
            err[i] = k * err[i];
        }
    }
}
