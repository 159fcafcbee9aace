package org.camelcalacs.core.acs2d;

/**
 * DARKCORR (port of doDark, acs2d/dodark.c, with multk2d, AvgSciVal and sub2d; spec §5.2 acs2d step 6). The dark
 * (DARKFILE, or DRKCFILE for CTE-corrected input) is cut out to the science size, SCI and ERR of the dark are
 * scaled by DARKTIME (as a float), then {@code SCI -= dark}, {@code ERR = sqrt(ERR² + ERRdark²)},
 * {@code DQ |= DQdark}. MEANDARK is the mean of the scaled dark over pixels with no SDQFLAGS bit. For the SBC
 * DARKTIME is never read, so it is 0 and the dark contributes nothing ({@link #SBC_DARKTIME}).
 */
public final class DarkCorr {
    /** getACSKeys reads DARKTIME only for CCDs; the SBC dark is therefore scaled by 0 (spec §6). */
    public static final float SBC_DARKTIME = 0.0f;

    private DarkCorr() {
    }

    /**
     * Applies the (already cut-out) dark in place; the dark arrays are modified (scaled).
     *
     * @return MEANDARK (the double mean of AvgSciVal)
     */
    public static double apply(float[] sci, float[] err, short[] dq, float[] dsci, float[] derr, short[] ddq,
                               float darktime, short sdqflags) {
        if (darktime != 1.0f) {
            for (int i = 0; i < dsci.length; i++) {
                dsci[i] = darktime * dsci[i];
                derr[i] = darktime * derr[i];
            }
        }
        double mean = meanGood(dsci, ddq, sdqflags);
        subtract(sci, err, dq, dsci, derr, ddq);
        return mean;
    }

    /** AvgSciVal: mean of values whose DQ has no {@code sdqflags} bit (0 if none). */
    public static double meanGood(float[] v, short[] dq, short sdqflags) {
        double sum = 0.0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if ((sdqflags & dq[i]) == 0) {
                sum += v[i];
                n++;
            }
        }
        return n > 0 ? sum / n : 0.0;
    }

    /** sub2d / sub1d: difference, errors in quadrature, DQ OR. */
    public static void subtract(float[] sci, float[] err, short[] dq, float[] bsci, float[] berr, short[] bdq) {
        for (int i = 0; i < sci.length; i++) {
            sci[i] -= bsci[i];
            float da = err[i];
            float db = berr[i];
            err[i] = (float) Math.sqrt(da * da + db * db);
            dq[i] = (short) (dq[i] | bdq[i]);
        }
    }
}
