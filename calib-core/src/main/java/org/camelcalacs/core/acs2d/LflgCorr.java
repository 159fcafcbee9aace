package org.camelcalacs.core.acs2d;

/**
 * LFLGCORR (MAMA local non-linearity flagging; port of doNonLin/ExpandDQ, acs2d/dononlin.c): every pixel whose
 * SCI exceeds {@code LOCAL_LIMIT·EXPTIME} flags, with DQ 256, all pixels within EXPAND pixels of it (a disc,
 * {@code dx²+dy² ≤ EXPAND²}, loop bounds {@code (int)(EXPAND + 0.5)}).
 */
public final class LflgCorr {
    public static final short SATPIXEL = 256;

    private LflgCorr() {
    }

    /** @return the number of pixels above the limit */
    public static int flag(float[] sci, short[] dq, int nx, int ny, double localLimit, float expand) {
        int n = 0;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                if (sci[j * nx + i] > localLimit) {
                    expandDq(dq, nx, ny, expand, i, j);
                    n++;
                }
            }
        }
        return n;
    }

    static void expandDq(short[] dq, int nx, int ny, float expand, int i0, int j0) {
        int iexpand = (int) (expand + 0.5f);
        float radius2 = expand * expand;
        int ilow = Math.max(i0 - iexpand, 0);
        int ihigh = Math.min(i0 + iexpand, nx - 1);
        int jlow = Math.max(j0 - iexpand, 0);
        int jhigh = Math.min(j0 + iexpand, ny - 1);
        for (int j = jlow; j <= jhigh; j++) {
            int dy = j - j0;
            for (int i = ilow; i <= ihigh; i++) {
                int dx = i - i0;
                if ((float) (dx * dx + dy * dy) <= radius2) {
                    dq[j * nx + i] |= SATPIXEL;
                }
            }
        }
    }
}
