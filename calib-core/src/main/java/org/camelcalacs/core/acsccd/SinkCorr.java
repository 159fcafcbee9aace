package org.camelcalacs.core.acsccd;

/**
 * SINKCORR (port of SinkDetect, acsccd/dosink.c; spec §5.2 step 9, §3 SNKCFILE): flags sink pixels and their
 * tails with DQ 1024, walking each column from the amp end of the chip.
 */
public final class SinkCorr {
    /** DQ bit for sink pixels (acsdq.h SINKPIXEL). */
    public static final short SINKPIXEL = 1024;

    private SinkCorr() {
    }

    /**
     * @param sink      the untrimmed full-frame SNKCFILE image
     * @param x0        column offset of the science array in the sink image
     * @param y0        row offset
     * @param bottomUp  true for reference extension 1 (walk rows 0 → ny-1), false for extension 2 (top down)
     * @return the number of pixels flagged
     */
    public static int apply(float[] sci, short[] dq, int nx, int ny, float[] sink, int sinkNx, int x0, int y0,
                            boolean bottomUp) {
        boolean[] keepGoing = new boolean[nx];
        float[] sinkSci = new float[nx];
        int n = 0;
        for (int step = 0; step < ny; step++) {
            int j = bottomUp ? step : ny - 1 - step;
            for (int i = 0; i < nx; i++) {
                float s = sink[(j + y0) * sinkNx + i + x0];
                int k = j * nx + i;
                if (s < 0) {
                    keepGoing[i] = true;
                    if (s < -1) {
                        sinkSci[i] = sci[k];
                    }
                    dq[k] |= SINKPIXEL;
                    n++;
                } else if (s > 0) {
                    if (keepGoing[i]) {
                        if (s > sinkSci[i]) {
                            dq[k] |= SINKPIXEL;
                            n++;
                        } else {
                            keepGoing[i] = false;
                        }
                    }
                } else {
                    keepGoing[i] = false;
                }
            }
        }
        return n;
    }
}
