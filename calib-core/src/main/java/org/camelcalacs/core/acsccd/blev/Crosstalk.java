package org.camelcalacs.core.acsccd.blev;

/**
 * Amplifier crosstalk removal for post-SM4 WFC full frames ({@code cross_talk_corr}, blev_funcs_postsm4.c;
 * spec §5.2 BLEVCORR (b), §6).
 */
public final class Crosstalk {
    /** Crosstalk scale between the two amps of a chip (the reference's {@code cross_scale}, a double). */
    public static final double CROSS_SCALE = 9.1e-5;

    private Crosstalk() {
    }

    /**
     * Corrects one chip in place: for each row, left to right, {@code SCI[j] += (float)(SCI[nx-1-j] * 9.1e-5)}.
     * <p>
     * Quirk kept on purpose: the update is done in place, left to right, so for {@code j >= nx/2} the mirror pixel
     * {@code nx-1-j} has already been corrected; the product is computed in double and rounded to float before a
     * float addition, as in the C code.
     * <p>
     * Caller contract: {@code sci} is the SCI array of ONE full-frame WFC imset (either chip; call once per imset),
     * untrimmed ({@code nx}=4144 × {@code ny}=2068 including prescan and virtual overscan), in electrons (gain
     * already applied), after the bias shift ({@link BiasShift#fullFrame}) and before {@link Destripe#apply}. Only
     * when JWROTYPE=DS_INT and CCDGAIN=2 ({@link BiasShift#applies}).
     */
    public static void correct(float[] sci, int nx, int ny) {
        if (nx <= 0 || ny <= 0 || sci.length != nx * ny) {
            throw new IllegalArgumentException("SCI array length " + sci.length + " is not " + nx + "x" + ny);
        }
        for (int i = 0; i < ny; i++) {
            int base = i * nx;
            for (int j = 0; j < nx; j++) {
                // in place, left to right: the right half reads already-corrected left-half values (reference quirk)
                double temp = sci[base + nx - 1 - j] * CROSS_SCALE;
                sci[base + j] += (float) temp;
            }
        }
    }
}
