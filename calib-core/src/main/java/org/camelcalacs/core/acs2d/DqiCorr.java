package org.camelcalacs.core.acs2d;

import java.util.List;

import org.camelcalacs.core.ref.table.BpixTab;

/**
 * DQICORR as acs2d runs it (SBC in practice; port of doDQI, lib/dodqi.c; spec §3 BPIXTAB, §5.2 acs2d step 2):
 * for a CCD the A-to-D saturation test {@code SCI ≥ ATODSAT → DQ |= 2048}, then the applicable BPIXTAB rows are
 * ORed into DQ along their axis, starting at {@code PIX - 1 + LTV} (truncated to int) and clipped to the image.
 * If no row applied, pixel (LTM1_1, LTM2_2) (0-based, i.e. (1,1)) gets the place-holder flag 64.
 */
public final class DqiCorr {
    public static final short ATODSAT = 2048;
    /** dodqi.c marks one pixel when no row applied "to prevent CALACS from crashing". */
    public static final short PLACEHOLDER = 64;

    private DqiCorr() {
    }

    /** A-to-D saturation flag (CCD only). */
    public static void flagAtodSaturation(float[] sci, short[] dq, int atodsat) {
        for (int i = 0; i < sci.length; i++) {
            if (sci[i] >= atodsat) {
                dq[i] |= ATODSAT;
            }
        }
    }

    /**
     * ORs the rows into DQ. {@code ltv1z, ltv2z} are the zero-indexed LTV (GetLT0: LTV + LTM − 1).
     *
     * @return the number of rows applied
     */
    public static int applyRows(short[] dq, int nx, int ny, double ltv1z, double ltv2z, List<BpixTab.Row> rows) {
        for (BpixTab.Row r : rows) {
            applyRow(dq, nx, ny, ltv1z, ltv2z, r.x0(), r.y0(), r.length(), r.axis(), r.value());
        }
        return rows.size();
    }

    /** DQINormal: one row, {@code x0, y0} already 0-based. */
    public static void applyRow(short[] dq, int nx, int ny, double ltv1z, double ltv2z, int x0, int y0, int length,
                                int axis, short value) {
        int xstart = (int) (x0 + ltv1z);
        int ystart = (int) (y0 + ltv2z);
        if (axis == 1) {
            int xlow = xstart;
            int xhigh = xstart + length - 1;
            if (xhigh < 0 || xlow >= nx || ystart < 0 || ystart >= ny) {
                return;
            }
            xlow = Math.max(xlow, 0);
            xhigh = Math.min(xhigh, nx - 1);
            for (int i = xlow; i <= xhigh; i++) {
                dq[ystart * nx + i] |= value;
            }
        } else if (axis == 2) {
            int ylow = ystart;
            int yhigh = ystart + length - 1;
            if (xstart < 0 || xstart >= nx || yhigh < 0 || ylow >= ny) {
                return;
            }
            ylow = Math.max(ylow, 0);
            yhigh = Math.min(yhigh, ny - 1);
            for (int j = ylow; j <= yhigh; j++) {
                dq[j * nx + xstart] |= value;
            }
        }
    }

    /** The place-holder flag at ((int) LTM1_1, (int) LTM2_2), as the C indexes it. */
    public static void placeholder(short[] dq, int nx, double ltm1, double ltm2) {
        int x = (int) ltm1;
        int y = (int) ltm2;
        dq[y * nx + x] |= PLACEHOLDER;
    }
}
