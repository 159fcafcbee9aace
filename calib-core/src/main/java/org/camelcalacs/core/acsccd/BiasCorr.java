package org.camelcalacs.core.acsccd;

/**
 * BIASCORR (port of doBias/sub1d, acsccd/dobias.c, sub1d.c; spec §5.2 step 3): subtracts the bias image in DN,
 * before the gain conversion, with no NCOMBINE scaling. The stage cuts a subarray's section out of the bias.
 */
public final class BiasCorr {
    private BiasCorr() {
    }

    /** {@code SCI -= B}, {@code ERR = sqrt(ERR² + ERRb²)} (float arithmetic as sub1d), {@code DQ |= DQb}. */
    public static void subtract(float[] sci, float[] err, short[] dq, float[] bsci, float[] berr, short[] bdq) {
        for (int k = 0; k < sci.length; k++) {
            sci[k] = sci[k] - bsci[k];
            float da = err[k];
            float db = berr[k];
            err[k] = (float) Math.sqrt(da * da + db * db);
            dq[k] = (short) (dq[k] | bdq[k]);
        }
    }
}
