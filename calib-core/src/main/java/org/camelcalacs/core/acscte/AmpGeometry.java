package org.camelcalacs.core.acscte;

import org.camelcalacs.core.error.InvalidInputException;

/**
 * Where an amp's pixels are in a trimmed WFC chip image and how they are laid out for the CTE kernels (port of
 * get_amp_array_size_acs_cte, acscte/dopcte.c, and of extractAmp, rotateAmp, alignAmp, insertAmp of
 * acscte/dopcte-gen3.c; the rotation is what ctests/test_acscte_rotateamp.c checks).
 *
 * <p>The working image has the readout at row 0: for the parallel correction the amp is flipped so that its
 * corner is at the bottom left (amp C's orientation); for the serial correction it is first rotated (transpose,
 * then a side-to-side flip for B and C or a top-to-bottom flip for A and D) so that the serial trails run along
 * the columns, then aligned the same way. Both compose to an affine map: working pixel (column c, row r) is chip
 * pixel {@code offset + c * colStep + r * rowStep} of the row-major chip array.
 *
 * @param amp      0..3 for A..D
 * @param xBegin   first chip column of the amp
 * @param width    amp width (chip columns)
 * @param height   amp height (chip rows)
 * @param serial   rotated for the serial correction
 * @param nCols    working columns
 * @param nRows    working rows (readout direction)
 * @param offset   chip index of working pixel (0, 0)
 * @param colStep  chip index step per working column
 * @param rowStep  chip index step per working row
 */
public record AmpGeometry(int amp, int xBegin, int width, int height, boolean serial, int nCols, int nRows,
                          int offset, int colStep, int rowStep) {
    public static final int AMP_A = 0;
    public static final int AMP_B = 1;
    public static final int AMP_C = 2;
    public static final int AMP_D = 3;
    /** Amp letters in index order (AMPSORDER). */
    public static final String AMPS = "ABCD";
    /** Columns per chip excluding overscan: the SCLBYCOL RAZ offset of chip-1 amps A and B. */
    public static final int RAZ_CHIP_OFFSET = 4096;

    /**
     * The amp's region (get_amp_array_size_acs_cte with trimx = trimy = 0, as in ACSCTE). The amp's position in
     * the chip is its letter minus the chip's first amp letter: 0 = left, 1 = right; the first amp spans to AMPX
     * (if not 0), the second starts at AMPX. Rows: AMPY = 0 means the whole height.
     *
     * @param chipAmps the amps of this chip present in CCDAMP (parseWFCamps), e.g. "CD", "AB", "A"
     */
    public static AmpGeometry of(int amp, String chipAmps, int ampx, int ampy, int nx, int ny, boolean serial) {
        char letter = AMPS.charAt(amp);
        int loc = letter - chipAmps.charAt(0);
        if (loc < 0 || loc > 1) {
            throw new InvalidInputException("amp " + letter + " is not on the chip read out by amps " + chipAmps);
        }
        int xbeg = ampx * loc;
        int xend = (loc == 0 && ampx != 0) ? ampx : nx;
        int ybeg = 0;
        int yend = ampy != 0 ? ampy : ny;
        xend = Math.min(xend, nx);
        yend = Math.min(yend, ny);
        int w = xend - xbeg;
        int h = yend - ybeg;
        if (w < 3 || h < 3) {
            throw new InvalidInputException("amp " + letter + " region is " + w + " x " + h
                    + " pixels; the CTE correction needs at least 3 x 3");
        }
        return map(amp, xbeg, w, h, nx, serial);
    }

    /** The affine map for an amp region starting at column {@code xbeg}, row 0, of a chip {@code nx} wide. */
    static AmpGeometry map(int amp, int xbeg, int w, int h, int nx, boolean serial) {
        int right = xbeg + w - 1;
        int top = (h - 1) * nx;
        if (!serial) {
            return switch (amp) {
                case AMP_C -> new AmpGeometry(amp, xbeg, w, h, false, w, h, xbeg, 1, nx);
                case AMP_D -> new AmpGeometry(amp, xbeg, w, h, false, w, h, right, -1, nx);
                case AMP_A -> new AmpGeometry(amp, xbeg, w, h, false, w, h, xbeg + top, 1, -nx);
                case AMP_B -> new AmpGeometry(amp, xbeg, w, h, false, w, h, right + top, -1, -nx);
                default -> throw new IllegalArgumentException("amp " + amp);
            };
        }
        return switch (amp) {
            case AMP_A -> new AmpGeometry(amp, xbeg, w, h, true, h, w, xbeg, nx, 1);
            case AMP_B -> new AmpGeometry(amp, xbeg, w, h, true, h, w, right, nx, -1);
            case AMP_C -> new AmpGeometry(amp, xbeg, w, h, true, h, w, xbeg + top, -nx, 1);
            case AMP_D -> new AmpGeometry(amp, xbeg, w, h, true, h, w, right + top, -nx, -1);
            default -> throw new IllegalArgumentException("amp " + amp);
        };
    }

    /** Chip index of working pixel (c, r). */
    public int index(int c, int r) {
        return offset + c * colStep + r * rowStep;
    }

    /**
     * The SCLBYCOL column offset (razColumnOffset): working column c uses the row whose IZ equals
     * {@code c + razOffset}; amps A and B (chip 1) sit 4096 columns further in the CDAB order.
     */
    public int razOffset() {
        return xBegin + ((amp == AMP_A || amp == AMP_B) ? RAZ_CHIP_OFFSET : 0);
    }

    /** The amps of a chip present in CCDAMP (parseWFCamps): chip 2 has C and D, chip 1 A and B. */
    public static String chipAmps(String ccdamp, int chip) {
        String candidates = chip == 2 ? "CD" : "AB";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            if (ccdamp.indexOf(candidates.charAt(i)) >= 0) {
                sb.append(candidates.charAt(i));
            }
        }
        return sb.toString();
    }
}
