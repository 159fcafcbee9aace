package org.camelcalacs.core.ref.table;

/**
 * An OSCNTAB row as used by the code (findover.c): trim widths, and the bias sections and virtual-overscan box
 * converted to 0-based raw pixel indexes (the table holds 1-based values).
 *
 * @param row             1-based table row, 0 for {@link #NONE}
 * @param virtualOverscan TRIMY1 or TRIMY2 equals 20
 */
public record OverscanGeometry(int row, int trimx1, int trimx2, int trimy1, int trimy2, int biassecta1,
                               int biassecta2, int biassectb1, int biassectb2, int vx1, int vx2, int vy1, int vy2,
                               boolean virtualOverscan) {
    /** What the code uses when no row matched: everything 0, nothing trimmed. */
    public static final OverscanGeometry NONE = new OverscanGeometry(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false);

    /** Trimmed width for a raw width {@code nx}. */
    public int trimmedNx(int nx) {
        return nx - trimx1 - trimx2;
    }

    public int trimmedNy(int ny) {
        return ny - trimy1 - trimy2;
    }
}
