package org.camelcalacs.core.acsccd;

import java.util.List;

import org.camelcalacs.core.ref.table.BpixTab;

/**
 * DQICORR for CCDs (port of doDQI, dodqi.c; spec §5.2 step 2, §3 BPIXTAB): A-to-D saturation flagging, then the
 * BPIXTAB rows ORed into DQ, with the placeholder 64 when no row applied.
 */
public final class DqiCorr {
    /** DQ bit for A-to-D saturation (acsdq.h ATODSAT). */
    public static final short ATODSAT_BIT = 2048;
    /** DQ value set at pixel (1,1) when no BPIXTAB row applied, "to prevent CALACS from crashing" (dodqi.c). */
    public static final short NO_ROWS_PLACEHOLDER = 64;

    private DqiCorr() {
    }

    /** {@code SCI(DN) ≥ ATODSAT → DQ |= 2048}; the int limit is compared as a float, as in C. */
    public static void flagAtodSaturation(float[] sci, short[] dq, int atodsat) {
        float lim = atodsat;
        for (int k = 0; k < sci.length; k++) {
            if (sci[k] >= lim) {
                dq[k] |= ATODSAT_BIT;
            }
        }
    }

    /**
     * ORs one BPIXTAB row into DQ (DQINormal). The start pixel is {@code PIX - 1 + LTV} computed in double and
     * truncated to int, reproduced on purpose (spec §6); the run is clipped to the image.
     */
    public static void applyRow(short[] dq, int nx, int ny, BpixTab.Row row, double ltv1, double ltv2) {
        int xstart = truncate(row.x0() + ltv1);
        int ystart = truncate(row.y0() + ltv2);
        if (row.axis() == 1) {
            int xlow = xstart;
            int xhigh = xstart + row.length() - 1;
            if (xhigh < 0 || xlow >= nx || ystart < 0 || ystart >= ny) {
                return;
            }
            xlow = Math.max(xlow, 0);
            xhigh = Math.min(xhigh, nx - 1);
            for (int i = xlow; i <= xhigh; i++) {
                dq[ystart * nx + i] |= row.value();
            }
        } else {
            int ylow = ystart;
            int yhigh = ystart + row.length() - 1;
            if (xstart < 0 || xstart >= nx || yhigh < 0 || ylow >= ny) {
                return;
            }
            ylow = Math.max(ylow, 0);
            yhigh = Math.min(yhigh, ny - 1);
            for (int j = ylow; j <= yhigh; j++) {
                dq[j * nx + xstart] |= row.value();
            }
        }
    }

    /** C conversion of a double to int (truncation toward zero): the BPIXTAB start-pixel quirk. */
    static int truncate(double v) {
        return (int) v;
    }

    /**
     * Applies the BPIXTAB rows that match this imset; returns how many applied. With none, DQ at the pixel
     * ((int) LTM1_1, (int) LTM2_2) — (1,1) for unbinned data — gets 64.
     */
    public static int applyTable(short[] dq, int nx, int ny, List<BpixTab.Row> rows, double ltv1, double ltv2,
                                 double ltm1, double ltm2) {
        for (BpixTab.Row r : rows) {
            applyRow(dq, nx, ny, r, ltv1 + (ltm1 - 1.0), ltv2 + (ltm2 - 1.0));
        }
        if (rows.isEmpty()) {
            int xpos = (int) ltm1;
            int ypos = (int) ltm2;
            dq[ypos * nx + xpos] |= NO_ROWS_PLACEHOLDER;
        }
        return rows.size();
    }
}
