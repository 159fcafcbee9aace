package org.camelcalacs.core.acsrej;

/**
 * Sky level per input image for SKYSUB=mode: a histogram mode (port of acsrej_sky, acsrej/acsrej_sky.c, and
 * cr_mode, acsrej/cr_mode.c; spec §5.2 acsrej). The histogram range comes from the first image's good pixels
 * (DQ has no BADINPDQ bit): its minimum (at least {@link #MINVAL}) and twice its mean, with the mean accumulated
 * in single precision as the reference does. Histograms of every image then use only pixels with DQ == 0.
 */
public final class SkyMode {
    /** Lowest histogram start. */
    static final int MINVAL = -15000;
    static final int MIN_BINS = 1000;
    static final int MAX_BINS = 10000;

    private SkyMode() {
    }

    /**
     * Sky values (electrons) of each image.
     *
     * @param sci      per image, the SCI array (electrons)
     * @param dq       per image, the DQ array
     * @param badinpdq the BADINPDQ mask
     */
    public static float[] modes(float[][] sci, short[][] dq, short badinpdq) {
        int nimg = sci.length;
        float[] a0 = sci[0];
        short[] b0 = dq[0];
        // Quirk (acsrej_sky): the data minimum starts at INT_MAX held in a float, and the mean is a float sum.
        float dataMin = (float) Integer.MAX_VALUE;
        float sum = 0f;
        int npt = 0;
        for (int i = 0; i < a0.length; i++) {
            if ((b0[i] & badinpdq) == 0) {
                dataMin = a0[i] < dataMin ? a0[i] : dataMin;
                sum += a0[i];
                npt++;
            }
        }
        if (npt == 0) {
            npt = 1;
        }
        int min = dataMin < MINVAL ? MINVAL : (int) dataMin;
        float mean = sum > 0f ? (float) (int) ((sum / (float) npt) + 1f) : 1f;
        int max = (int) (2f * mean - (float) min);
        int nbins = max - min + 1;
        float hwidth;
        if (nbins < MIN_BINS) {
            nbins = MIN_BINS;
            hwidth = (float) nbins / (float) MIN_BINS;
        } else if (nbins > MAX_BINS) {
            hwidth = (float) nbins / (float) MAX_BINS;
            nbins = MAX_BINS;
        } else {
            hwidth = 1f;
        }
        float hmin = (float) min;
        float[] out = new float[nimg];
        for (int k = 0; k < nimg; k++) {
            int[] hist = new int[nbins];
            float[] a = sci[k];
            short[] b = dq[k];
            for (int i = 0; i < a.length; i++) {
                if (b[i] == 0) {
                    float pos = (a[i] - (float) min) / hwidth;
                    if (Math.abs((double) pos) < Integer.MAX_VALUE) {
                        int h = (int) pos;
                        if (h >= 0 && h < nbins) {
                            hist[h]++;
                        }
                    }
                }
            }
            out[k] = mode(hist, nbins, hwidth, hmin);
        }
        return out;
    }

    /** Port of cr_mode: the histogram peak refined by a parabola through the peak bin and its neighbours. */
    static float mode(int[] h, int nbins, float hwidth, float hmin) {
        if (nbins == 1) {
            return (float) (hmin + 0.5 * hwidth);
        }
        if (nbins == 2) {
            if (h[0] > h[1]) {
                return (float) (hmin + 0.5 * hwidth);
            } else if (h[1] > h[0]) {
                return (float) (hmin + 1.5 * hwidth);
            }
            return hmin + hwidth;
        }
        float hpeak = h[0];
        int bpeak = 0;
        for (int i = 1; i < nbins; i++) {
            if (h[i] > hpeak) {
                hpeak = h[i];
                bpeak = i;
            }
        }
        if (bpeak == 0) {
            return (float) (hmin + 0.5 * hwidth);
        }
        if (bpeak == nbins - 1) {
            return (float) (hmin + (nbins - 0.5) * hwidth);
        }
        float dh1 = h[bpeak] - h[bpeak - 1];
        float dh2 = h[bpeak] - h[bpeak + 1];
        float denom = dh1 + dh2;
        float mode;
        if (Math.abs((double) denom) < 1.e-20) {
            mode = (float) (hmin + (bpeak + 0.5) * hwidth);
        } else {
            mode = (float) (bpeak + 0.5 + 0.5 * (double) (dh1 - dh2) / (double) denom);
            mode = hmin + mode * hwidth;
        }
        return mode;
    }
}
