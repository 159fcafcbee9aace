package org.camelcalacs.core.acs2d;

import org.camelcalacs.core.model.Detector;

/**
 * Which gain and read noise apply to which part of an imset (get_nsegn, lib/detnsegn.c, and the AMPX/AMPY
 * boundary logic shared by to_electrons and doNoise). Rows below {@code ampy} use slots 0 (x &lt; ampx) and 1
 * (x ≥ ampx) — amps C, D — rows from {@code ampy} up use slots 2 and 3 — amps A, B. For the MAMA every gain is 1
 * and every noise 0.
 *
 * @param ampx  first column of the second amp, after the subarray offset and clipping
 * @param ampy  first row of the upper amps, after the offset and clipping
 * @param gain  gain per slot (C-side, D-side, A-side, B-side in the C's AMP_C/D/A/B order 2,3,0,1 remapped)
 * @param noise read noise per slot
 */
public record AmpRegions(int ampx, int ampy, float[] gain, float[] noise) {
    /** C's amp indices in the gain/noise arrays: A=0, B=1, C=2, D=3. */
    public static final int AMP_A = 0;
    public static final int AMP_B = 1;
    public static final int AMP_C = 2;
    public static final int AMP_D = 3;

    /**
     * @param ccdAmpx  AMPX of the CCDTAB row
     * @param ccdAmpy  AMPY of the CCDTAB row
     * @param ltv1     LTV1 of the imset (offsets are only applied when positive)
     * @param ltv2     LTV2
     * @param atodgain ATODGN A..D
     * @param readnse  READNSE A..D
     */
    public static AmpRegions of(Detector det, int chip, int ccdAmpx, int ccdAmpy, double ltv1, double ltv2, int nx,
                                int ny, float[] atodgain, float[] readnse) {
        int offsetx = ltv1 > 0 ? (int) ltv1 : 0;
        int offsety = ltv2 > 0 ? (int) ltv2 : 0;
        int ampx = ccdAmpx == 0 ? 0 : ccdAmpx + offsetx;
        int ampy = ccdAmpy == 0 ? 0 : ccdAmpy + offsety;
        if (ampx >= (nx - ltv1) || ampx > nx) {
            ampx = nx;
        }
        if (ampy >= (ny - ltv2) || ampy > ny) {
            ampy = ny;
        }
        float[] g = new float[4];
        float[] rn = new float[4];
        nsegn(det, chip, ccdAmpx, ccdAmpy, atodgain, readnse, g, rn);
        return new AmpRegions(ampx, ampy, g, rn);
    }

    /** get_nsegn: gain/noise in the C's AMP_A..D slots for this chip. */
    static void nsegn(Detector det, int chip, int ampx, int ampy, float[] hg, float[] hn, float[] g, float[] rn) {
        for (int j = 0; j < 4; j++) {
            rn[j] = 0.0f;
            g[j] = 1.0f;
        }
        if (det == Detector.SBC) {
            return;
        }
        if (det == Detector.WFC && chip == 2) {
            g[0] = hg[AMP_C];
            g[1] = hg[AMP_D];
            g[2] = hg[AMP_C];
            g[3] = hg[AMP_D];
            rn[0] = hn[AMP_C];
            rn[1] = hn[AMP_D];
            rn[2] = hn[AMP_C];
            rn[3] = hn[AMP_D];
        } else if (det == Detector.WFC && chip == 1) {
            g[0] = hg[AMP_A];
            g[1] = hg[AMP_B];
            g[2] = hg[AMP_A];
            g[3] = hg[AMP_B];
            rn[0] = hn[AMP_A];
            rn[1] = hn[AMP_B];
            rn[2] = hn[AMP_A];
            rn[3] = hn[AMP_B];
        } else if (ampx == 0 && ampy == 0) {
            for (int j = 0; j < 4; j++) {
                if (hg[j] > 0.f) {
                    rn[1] = hn[j];
                    g[1] = hg[j];
                    return;
                }
            }
        } else if (hg[0] == 0.f && hg[3] == 0.f) {
            g[0] = hg[2];
            g[1] = hg[1];
            g[2] = hg[2];
            g[3] = hg[1];
            rn[0] = hn[2];
            rn[1] = hn[1];
            rn[2] = hn[2];
            rn[3] = hn[1];
        } else if (hg[1] == 0.f && hg[2] == 0.f) {
            g[0] = hg[0];
            g[1] = hg[3];
            g[2] = hg[0];
            g[3] = hg[3];
            rn[0] = hn[0];
            rn[1] = hn[3];
            rn[2] = hn[0];
            rn[3] = hn[3];
        } else {
            for (int j = 0; j < 4; j++) {
                rn[j] = hn[j];
                g[j] = hg[j];
            }
        }
    }

    /** The slot (index into gain/noise) for pixel (x, y): rows below ampy use C/D, the rest A/B. */
    public int slot(int x, int y) {
        if (y < ampy) {
            return x < ampx ? AMP_C : AMP_D;
        }
        return x < ampx ? AMP_A : AMP_B;
    }
}
