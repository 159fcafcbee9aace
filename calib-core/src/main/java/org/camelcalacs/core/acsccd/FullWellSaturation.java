package org.camelcalacs.core.acsccd;

/**
 * Full-well saturation flagging from the SATUFILE image (port of doFullWellSat, acsccd/dofwsat.c; spec §3
 * SATUFILE, §5.2 step 7): {@code SCI > SAT → DQ |= 256}, in electrons, on the still untrimmed image.
 */
public final class FullWellSaturation {
    /** DQ bit for full-well saturation (acsdq.h SATPIXEL). */
    public static final short SATPIXEL = 256;

    private FullWellSaturation() {
    }

    /**
     * Full frame: only the trimmed science region is tested, from ({@code xbeg, ybeg}) = |corner of the science
     * image| for {@code xdim × ydim} pixels, and science and saturation image share pixel indexes.
     */
    public static void fullFrame(float[] sci, short[] dq, int nx, float[] sat, int satNx, int xbeg, int ybeg,
                                 int xdim, int ydim) {
        for (int j = ybeg; j < ybeg + ydim; j++) {
            for (int i = xbeg; i < xbeg + xdim; i++) {
                if (sci[j * nx + i] > sat[j * satNx + i]) {
                    dq[j * nx + i] |= SATPIXEL;
                }
            }
        }
    }

    /**
     * Subarray: science pixel (i, j) for i < xdim, j < ydim — starting at the untrimmed subarray origin, not at
     * the science region — is compared with SAT(x0 + i, y0 + j). Reproduced on purpose (spec §3, §6).
     */
    public static void subarray(float[] sci, short[] dq, int nx, float[] sat, int satNx, int x0, int y0, int xdim,
                                int ydim) {
        for (int j = 0; j < ydim; j++) {
            for (int i = 0; i < xdim; i++) {
                if (sci[j * nx + i] > sat[(y0 + j) * satNx + x0 + i]) {
                    dq[j * nx + i] |= SATPIXEL;
                }
            }
        }
    }
}
