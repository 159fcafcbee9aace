package org.camelcalacs.core.acs2d;

/**
 * Expansion of a binned reference section to full resolution (port of unbinsect, lib/unbinline.c, with
 * InterpInfo and InterpDQInfo, lib/interpinfo.c): output pixel m maps to input coordinate
 * {@code (m − (bin−1)/2)/bin}; SCI is interpolated linearly (extrapolated at the edges, the index clamped to
 * the last pair), ERR as the square root of the interpolated variances, DQ ORed over the one or two pixels
 * touched. All arithmetic in float, as the C does.
 */
public final class Unbin {
    private Unbin() {
    }

    /** Result of expanding an {@code inx × iny} section by {@code binx × biny}. */
    public record Section(int nx, int ny, float[] sci, float[] err, short[] dq) {
    }

    public static Section expand(float[] sci, float[] err, short[] dq, int inx, int iny, int binx, int biny) {
        int onx = inx * binx;
        int ony = iny * biny;
        float[] osci = new float[onx * ony];
        float[] oerr = new float[onx * ony];
        short[] odq = new short[onx * ony];
        float xoffset = (float) (binx - 1) / 2.0f;
        float yoffset = (float) (biny - 1) / 2.0f;
        for (int n = 0; n < ony; n++) {
            int j;
            float r;
            float s;
            int j1;
            int j2;
            int numj;
            if (biny == 1) {
                j = n;
                r = 1f;
                s = 0f;
                j1 = n;
                j2 = n;
                numj = 1;
            } else {
                float aj = ((float) n - yoffset) / (float) biny;
                j = interpIndex(aj, iny);
                s = aj - j;
                r = 1.0f - s;
                int[] dqj = dqInfo(aj, iny);
                j1 = dqj[0];
                j2 = dqj[1];
                numj = dqj[2];
            }
            for (int m = 0; m < onx; m++) {
                int i;
                float p;
                float q;
                int i1;
                int i2;
                int numi;
                if (binx == 1) {
                    i = m;
                    p = 1f;
                    q = 0f;
                    i1 = m;
                    i2 = m;
                    numi = 1;
                } else {
                    float ai = ((float) m - xoffset) / (float) binx;
                    i = interpIndex(ai, inx);
                    q = ai - i;
                    p = 1.0f - q;
                    int[] dqi = dqInfo(ai, inx);
                    i1 = dqi[0];
                    i2 = dqi[1];
                    numi = dqi[2];
                }
                int o = n * onx + m;
                if (binx == 1 && biny == 1) {
                    osci[o] = sci[n * inx + m];
                    oerr[o] = err[n * inx + m];
                    odq[o] = dq[n * inx + m];
                } else if (binx == 1) {
                    osci[o] = r * sci[j * inx + m] + s * sci[(j + 1) * inx + m];
                    float e1 = err[j * inx + m];
                    float e2 = err[(j + 1) * inx + m];
                    oerr[o] = (float) Math.sqrt(r * e1 * e1 + s * e2 * e2);
                    odq[o] = numj == 1 ? dq[j1 * inx + m] : (short) (dq[j1 * inx + m] | dq[j2 * inx + m]);
                } else if (biny == 1) {
                    osci[o] = p * sci[n * inx + i] + q * sci[n * inx + i + 1];
                    float e1 = err[n * inx + i];
                    float e2 = err[n * inx + i + 1];
                    oerr[o] = (float) Math.sqrt(p * e1 * e1 + q * e2 * e2);
                    odq[o] = numi == 1 ? dq[n * inx + i1] : (short) (dq[n * inx + i1] | dq[n * inx + i2]);
                } else {
                    osci[o] = p * r * sci[j * inx + i] + q * r * sci[j * inx + i + 1] + p * s * sci[(j + 1) * inx + i]
                            + q * s * sci[(j + 1) * inx + i + 1];
                    float e1 = err[j * inx + i];
                    float e2 = err[j * inx + i + 1];
                    float e3 = err[(j + 1) * inx + i];
                    float e4 = err[(j + 1) * inx + i + 1];
                    oerr[o] = (float) Math.sqrt(p * r * e1 * e1 + q * r * e2 * e2 + p * s * e3 * e3 + q * s * e4 * e4);
                    short d;
                    if (numi == 1 && numj == 1) {
                        d = dq[j1 * inx + i1];
                    } else if (numi == 1) {
                        d = (short) (dq[j1 * inx + i1] | dq[j2 * inx + i1]);
                    } else if (numj == 1) {
                        d = (short) (dq[j1 * inx + i1] | dq[j1 * inx + i2]);
                    } else {
                        d = (short) (dq[j1 * inx + i1] | dq[j1 * inx + i2] | dq[j2 * inx + i1] | dq[j2 * inx + i2]);
                    }
                    odq[o] = d;
                }
            }
        }
        return new Section(onx, ony, osci, oerr, odq);
    }

    /** InterpInfo's index: truncated, clamped to [0, npts−2]. */
    static int interpIndex(float ai, int npts) {
        int i = (int) ai;
        i = i < 0 ? 0 : i;
        i = i >= npts - 1 ? npts - 2 : i;
        return i;
    }

    /** InterpDQInfo: {i1, i2, num}. */
    static int[] dqInfo(float ai, int npts) {
        int i1 = (int) ai;
        int i2 = i1 + 1;
        int num = ai == (float) i1 ? 1 : 2;
        if (i1 <= 0) {
            i1 = 0;
            num = 1;
        }
        if (i1 >= npts - 1) {
            i1 = npts - 1;
            num = 1;
        }
        return new int[] {i1, i2, num};
    }
}
