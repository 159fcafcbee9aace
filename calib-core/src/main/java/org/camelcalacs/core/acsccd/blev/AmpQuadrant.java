package org.camelcalacs.core.acsccd.blev;

/**
 * Amp-oriented views of a raw (untrimmed) WFC chip, as {@code make_amp_array}/{@code unmake_amp_array} of
 * blev_funcs_postsm4.c (spec §2.2): each amp's quadrant is turned so that the amp sits at the lower left, i.e.
 * amp-array column 0 is the first prescan column read out and row 0 the first row read out.
 * <ul>
 *   <li>A: flipped vertically (row {@code ny-1-i}, column {@code j}),</li>
 *   <li>B: flipped both ways (row {@code ny-1-i}, column {@code nx-1-j}),</li>
 *   <li>C: unchanged (row {@code i}, column {@code j}),</li>
 *   <li>D: flipped horizontally (row {@code i}, column {@code nx-1-j}).</li>
 * </ul>
 * The flips always use the full image size ({@code nx}, {@code ny}); the amp array has {@code ny} rows and
 * {@code ampCols} columns ({@code nx/2} for a full-frame chip, {@code nx} for a one-amp subarray).
 * Pixels are widened to double on the way in and cast back to float on the way out, as in the reference.
 */
public final class AmpQuadrant {
    private AmpQuadrant() {
    }

    /**
     * Copies amp {@code amp}'s quadrant of {@code sci} (flat row-major, {@code nx}×{@code ny}) into {@code out}
     * (flat row-major, {@code ampCols}×{@code ny}, amp at the lower left), widening float to double.
     *
     * @param out array of at least {@code ampCols*ny} elements, or null to allocate one
     * @return {@code out}
     */
    public static double[] extract(float[] sci, int nx, int ny, Amp amp, int ampCols, double[] out) {
        checkSize(sci, nx, ny, ampCols);
        if (out == null) {
            out = new double[ampCols * ny];
        }
        for (int i = 0; i < ny; i++) {
            int r = amp.flipsY() ? ny - 1 - i : i;
            int rowBase = r * nx;
            int o = i * ampCols;
            if (amp.flipsX()) {
                for (int j = 0; j < ampCols; j++) {
                    out[o + j] = sci[rowBase + nx - 1 - j];
                }
            } else {
                for (int j = 0; j < ampCols; j++) {
                    out[o + j] = sci[rowBase + j];
                }
            }
        }
        return out;
    }

    /**
     * Writes an amp-oriented array back into {@code sci} (inverse of {@link #extract}); each value is cast to float.
     */
    public static void insert(double[] ampData, Amp amp, int ampCols, float[] sci, int nx, int ny) {
        checkSize(sci, nx, ny, ampCols);
        for (int i = 0; i < ny; i++) {
            int r = amp.flipsY() ? ny - 1 - i : i;
            int rowBase = r * nx;
            int o = i * ampCols;
            if (amp.flipsX()) {
                for (int j = 0; j < ampCols; j++) {
                    sci[rowBase + nx - 1 - j] = (float) ampData[o + j];
                }
            } else {
                for (int j = 0; j < ampCols; j++) {
                    sci[rowBase + j] = (float) ampData[o + j];
                }
            }
        }
    }

    /**
     * As {@link #insert(double[], Amp, int, float[], int, int)} writing {@code (float) (value - offset)}: the same
     * result as subtracting {@code offset} from the amp array first, without that extra pass.
     */
    public static void insert(double[] ampData, Amp amp, int ampCols, float[] sci, int nx, int ny, double offset) {
        checkSize(sci, nx, ny, ampCols);
        boolean flipX = amp.flipsX();
        for (int i = 0; i < ny; i++) {
            int r = amp.flipsY() ? ny - 1 - i : i;
            int rowBase = r * nx;
            int o = i * ampCols;
            if (flipX) {
                for (int j = 0; j < ampCols; j++) {
                    sci[rowBase + nx - 1 - j] = (float) (ampData[o + j] - offset);
                }
            } else {
                for (int j = 0; j < ampCols; j++) {
                    sci[rowBase + j] = (float) (ampData[o + j] - offset);
                }
            }
        }
    }

    /** {@code a} when it holds exactly one amp ({@code ampCols × ny}), else null (extract then allocates). */
    static double[] scratch(double[] a, int ampCols, int ny) {
        return a != null && a.length == ampCols * ny ? a : null;
    }

    private static void checkSize(float[] sci, int nx, int ny, int ampCols) {
        if (nx <= 0 || ny <= 0 || sci.length != nx * ny) {
            throw new IllegalArgumentException("SCI array length " + sci.length + " is not " + nx + "x" + ny);
        }
        if (ampCols <= 0 || ampCols > nx) {
            throw new IllegalArgumentException("amp width " + ampCols + " outside 1.." + nx);
        }
    }
}
