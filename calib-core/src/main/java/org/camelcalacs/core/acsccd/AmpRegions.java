package org.camelcalacs.core.acsccd;

import org.camelcalacs.core.model.Detector;

/**
 * Which amp's gain and read noise apply where on an imset (to_electrons/doNoise boundaries plus get_nsegn,
 * toelectrons.c, donoise.c, detnsegn.c; spec §5.2 step 4): columns below {@code ampx} use the first amp of a line,
 * the rest the second; rows below {@code ampy} use the C/D slots, the others A/B.
 *
 * @param ampx  first column of the second amp, in this array's coordinates
 * @param ampy  first row of the A/B amps
 * @param gain  gain per slot A, B, C, D
 * @param noise read noise per slot A, B, C, D
 */
record AmpRegions(int ampx, int ampy, float[] gain, float[] noise) {
    static final int AMP_A = 0;
    static final int AMP_B = 1;
    static final int AMP_C = 2;
    static final int AMP_D = 3;

    /**
     * @param tabAmpx AMPX of the CCDTAB row (already clipped to the raw width)
     * @param ltv1    LTV1 of the imset (only a positive value shifts the boundary)
     */
    static AmpRegions of(Detector det, int chip, int tabAmpx, int tabAmpy, float[] atodgain, float[] readnoise,
                         double ltv1, double ltv2, int dimx, int dimy) {
        // C: offsetx = (int)(ltv > 0) ? ltv : 0, i.e. a double truncated on assignment to int
        int offx = (int) (ltv1 > 0 ? ltv1 : 0);
        int offy = (int) (ltv2 > 0 ? ltv2 : 0);
        int ampx = tabAmpx == 0 ? 0 : tabAmpx + offx;
        int ampy = tabAmpy == 0 ? 0 : tabAmpy + offy;
        if (ampx >= (dimx - ltv1) || ampx > dimx) {
            ampx = dimx;
        }
        if (ampy >= (dimy - ltv2) || ampy > dimy) {
            ampy = dimy;
        }
        float[] g = new float[4];
        float[] n = new float[4];
        nsegn(det, chip, tabAmpx, tabAmpy, atodgain, readnoise, g, n);
        return new AmpRegions(ampx, ampy, g, n);
    }

    /** get_nsegn: map the CCDTAB per-amp values onto the four region slots. */
    static void nsegn(Detector det, int chip, int ampx, int ampy, float[] hg, float[] hn, float[] g, float[] n) {
        for (int j = 0; j < 4; j++) {
            n[j] = 0f;
            g[j] = 1f;
        }
        if (det == Detector.WFC && chip == 2) {
            g[0] = hg[AMP_C];
            g[1] = hg[AMP_D];
            g[2] = hg[AMP_C];
            g[3] = hg[AMP_D];
            n[0] = hn[AMP_C];
            n[1] = hn[AMP_D];
            n[2] = hn[AMP_C];
            n[3] = hn[AMP_D];
        } else if (det == Detector.WFC && chip == 1) {
            g[0] = hg[AMP_A];
            g[1] = hg[AMP_B];
            g[2] = hg[AMP_A];
            g[3] = hg[AMP_B];
            n[0] = hn[AMP_A];
            n[1] = hn[AMP_B];
            n[2] = hn[AMP_A];
            n[3] = hn[AMP_B];
        } else if (ampx == 0 && ampy == 0) {
            for (int j = 0; j < 4; j++) {
                if (hg[j] > 0) {
                    n[1] = hn[j];
                    g[1] = hg[j];
                    return;
                }
            }
        } else if (hg[0] == 0 && hg[3] == 0) {
            g[0] = hg[2];
            g[1] = hg[1];
            g[2] = hg[2];
            g[3] = hg[1];
            n[0] = hn[2];
            n[1] = hn[1];
            n[2] = hn[2];
            n[3] = hn[1];
        } else if (hg[1] == 0 && hg[2] == 0) {
            g[0] = hg[0];
            g[1] = hg[3];
            g[2] = hg[0];
            g[3] = hg[3];
            n[0] = hn[0];
            n[1] = hn[3];
            n[2] = hn[0];
            n[3] = hn[3];
        } else {
            System.arraycopy(hn, 0, n, 0, 4);
            System.arraycopy(hg, 0, g, 0, 4);
        }
    }

    /** The slot used by pixel (i, j). */
    int slot(int i, int j) {
        if (j < ampy) {
            return i < ampx ? AMP_C : AMP_D;
        }
        return i < ampx ? AMP_A : AMP_B;
    }
}
