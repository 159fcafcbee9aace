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
        Axis ax = Axis.of(binx, inx);
        Axis ay = Axis.of(biny, iny);
        for (int n = 0; n < ony; n++) {
            int j = ay.index[n];
            float r = ay.lo[n];
            float s = ay.hi[n];
            int j1 = ay.dq1[n];
            int j2 = ay.dq2[n];
            int numj = ay.num[n];
            for (int m = 0; m < onx; m++) {
                int i = ax.index[m];
                float p = ax.lo[m];
                float q = ax.hi[m];
                int i1 = ax.dq1[m];
                int i2 = ax.dq2[m];
                int numi = ax.num[m];
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

    /**
     * InterpInfo and InterpDQInfo of every output position along one axis, computed once per axis (they do not
     * depend on the other axis): interpolation index and weights (lo = 1 − hi), and the DQ pixels touched.
     */
    private record Axis(int[] index, float[] lo, float[] hi, int[] dq1, int[] dq2, int[] num) {
        static Axis of(int bin, int in) {
            int out = in * bin;
            Axis a = new Axis(new int[out], new float[out], new float[out], new int[out], new int[out], new int[out]);
            float offset = (float) (bin - 1) / 2.0f;
            for (int k = 0; k < out; k++) {
                if (bin == 1) {
                    a.index[k] = k;
                    a.lo[k] = 1f;
                    a.hi[k] = 0f;
                    a.dq1[k] = k;
                    a.dq2[k] = k;
                    a.num[k] = 1;
                } else {
                    float ak = ((float) k - offset) / (float) bin;
                    int idx = interpIndex(ak, in);
                    a.index[k] = idx;
                    a.hi[k] = ak - idx;
                    a.lo[k] = 1.0f - a.hi[k];
                    int[] d = dqInfo(ak, in);
                    a.dq1[k] = d[0];
                    a.dq2[k] = d[1];
                    a.num[k] = d[2];
                }
            }
            return a;
        }
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
