package org.camelcalacs.core.acs2d;

/**
 * SHADCORR (port of doShad, acs2d/doshad.c; spec §5.2 acs2d step 9): the shutter-shading image S is turned into
 * {@code 1 + S/(EXPTIME/NCOMBINE)} (its ERR scaled by the same factor) and divided in with div1d. EXPTIME ≤ 0 makes
 * the step IGNORED.
 */
public final class ShadCorr {
    private ShadCorr() {
    }

    /** SECTLINES of acs.h: the binned shading image is read, and expanded, two rows at a time. */
    public static final int SECTLINES = 2;

    /**
     * The binned-reference branch of doShad: rows of the shading image are taken {@link #SECTLINES} at a time
     * starting at row {@code y0}, each pair is expanded on its own by {@link Unbin} (so the interpolation in y
     * never crosses a pair boundary, a quirk of the C), and the expanded line is cut at column {@code x0} (an
     * offset in binned pixels, used unscaled as in the C) before it is applied.
     */
    public static void applyBinned(float[] sci, float[] err, short[] dq, int nx, int ny, float[] ssci, float[] serr,
                                   short[] sdq, int snx, int sny, int rx, int ry, int x0, int y0, float exptime) {
        int i = 0;
        int j = y0;
        float[] zs = new float[nx];
        float[] ze = new float[nx];
        short[] zd = new short[nx];
        float k = (float) (1. / exptime);
        while (i < ny) {
            float[] ps = new float[SECTLINES * snx];
            float[] pe = new float[SECTLINES * snx];
            short[] pd = new short[SECTLINES * snx];
            for (int l = 0; l < SECTLINES; l++) {
                int row = Math.min(j + l, sny - 1);
                System.arraycopy(ssci, row * snx, ps, l * snx, snx);
                System.arraycopy(serr, row * snx, pe, l * snx, snx);
                System.arraycopy(sdq, row * snx, pd, l * snx, snx);
            }
            j += SECTLINES;
            Unbin.Section z = Unbin.expand(ps, pe, pd, snx, SECTLINES, rx, ry);
            if (x0 < 0 || x0 + nx > z.nx()) {
                throw new org.camelcalacs.core.error.SizeMismatchException("(doShad) size mismatch: a " + nx
                        + "-pixel line at offset " + x0 + " does not fit in the expanded " + z.nx()
                        + "-pixel shading line");
            }
            for (int zl = 0; zl < z.ny(); zl++) {
                System.arraycopy(z.sci(), zl * z.nx() + x0, zs, 0, nx);
                System.arraycopy(z.err(), zl * z.nx() + x0, ze, 0, nx);
                System.arraycopy(z.dq(), zl * z.nx() + x0, zd, 0, nx);
                for (int m = 0; m < nx; m++) {
                    if (k != 1.0f) {
                        zs[m] = k * zs[m];
                        ze[m] = k * ze[m];
                    }
                    zs[m] = zs[m] + 1.0f;
                }
                int o = i * nx;
                float[] rowSci = java.util.Arrays.copyOfRange(sci, o, o + nx);
                float[] rowErr = java.util.Arrays.copyOfRange(err, o, o + nx);
                short[] rowDq = java.util.Arrays.copyOfRange(dq, o, o + nx);
                FlatCorr.divide(rowSci, rowErr, rowDq, zs, ze, zd);
                System.arraycopy(rowSci, 0, sci, o, nx);
                System.arraycopy(rowErr, 0, err, o, nx);
                System.arraycopy(rowDq, 0, dq, o, nx);
                i++;
                if (i >= ny) {
                    break;
                }
            }
        }
    }

    /** Applies the cut-out shading image (modified) to the science arrays. */
    public static void apply(float[] sci, float[] err, short[] dq, float[] ssci, float[] serr, short[] sdq,
                             float exptime) {
        float k = (float) (1. / exptime);
        for (int i = 0; i < ssci.length; i++) {
            if (k != 1.0f) {
                ssci[i] = k * ssci[i];
                serr[i] = k * serr[i];
            }
            ssci[i] = ssci[i] + 1.0f;
        }
        FlatCorr.divide(sci, err, dq, ssci, serr, sdq);
    }
}
