package org.camelcalacs.core.acsrej;

/**
 * The first comparison image of the rejection, in e/s and sky-subtracted: the per-pixel minimum or median of
 * {@code (SCI_i - sky_i) / t_i} over good pixels (port of acsrej_init, acsrej/acsrej_init.c; spec §5.2).
 */
public final class InitialGuess {
    private InitialGuess() {
    }

    /** INITGUES: "med..." selects the median, anything else the minimum (the reference warns for other values). */
    public static boolean isMedian(String initgues) {
        return initgues != null && initgues.length() >= 3 && initgues.startsWith("med");
    }

    /**
     * Median of the good values (DQ without a {@code dqpat} bit) of images with {@code efac > 0}; 0 where none.
     * Even counts average the two middle values in single precision.
     */
    public static void median(float[][] sci, short[][] dq, float[] efac, float[] sky, short dqpat, float[] out) {
        int nimg = sci.length;
        float[] work = new float[nimg];
        for (int p = 0; p < out.length; p++) {
            int npts = 0;
            for (int n = 0; n < nimg; n++) {
                if (efac[n] > 0f && (dq[n][p] & dqpat) == 0) {
                    work[npts++] = (sci[n][p] - sky[n]) / efac[n];
                }
            }
            if (npts == 0) {
                out[p] = 0f;
                continue;
            }
            insertionSort(work, npts);
            if ((npts / 2) * 2 == npts) {
                out[p] = (float) ((double) (work[npts / 2 - 1] + work[npts / 2]) / 2.0);
            } else {
                out[p] = work[npts / 2];
            }
        }
    }

    /**
     * Minimum, with the reference's rule on purpose (acsrej_init "SLIGHTLY BUGGY"): a candidate replaces the
     * current value when it is smaller (or comes from the first image), and then becomes 0 if that pixel is bad
     * or the image has no exposure time. So a pixel bad in the first image keeps 0 unless a later value is
     * negative.
     */
    public static void minimum(float[][] sci, short[][] dq, float[] efac, float[] sky, short dqpat, float[] out) {
        int nimg = sci.length;
        for (int n = 0; n < nimg; n++) {
            float[] s = sci[n];
            short[] d = dq[n];
            for (int p = 0; p < out.length; p++) {
                float dumf = s[p] - sky[n];
                float val = efac[n] > 0f ? dumf / efac[n] : 0f;
                if (n == 0 || val < out[p]) {
                    out[p] = ((d[p] & dqpat) == 0 && efac[n] > 0f) ? val : 0f;
                }
            }
        }
    }

    /** Stable insertion sort (piksrt), so equal values keep the reference's order. */
    static void insertionSort(float[] a, int len) {
        for (int j = 1; j < len; j++) {
            float v = a[j];
            int pos = j;
            while (pos > 0 && a[pos - 1] > v) {
                a[pos] = a[pos - 1];
                pos--;
            }
            a[pos] = v;
        }
    }
}
