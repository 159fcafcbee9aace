package org.camelcalacs.core.acsccd.blev;

/**
 * The four WFC amplifiers in the reference's array order ({@code AMPSORDER "ABCD"}, acs.h): A = 0, B = 1, C = 2,
 * D = 3. Amps A and B read chip 1 (imset/EXTVER 2 of a full frame), C and D read chip 2 (imset/EXTVER 1).
 */
public enum Amp {
    A, B, C, D;

    /** The letter as used in CCDAMP and in trailer messages. */
    public char letter() {
        return name().charAt(0);
    }

    /** The CCD chip this amp reads: 1 for A/B, 2 for C/D. */
    public int chip() {
        return ordinal() < 2 ? 1 : 2;
    }

    /** True for the amp whose prescan is on the right of the raw chip (B and D): its quadrant is flipped in x. */
    public boolean flipsX() {
        return this == B || this == D;
    }

    /** True for the chip-1 amps (A and B), which read out at the top of the raw array: flipped in y. */
    public boolean flipsY() {
        return this == A || this == B;
    }

    /**
     * The amp that {@code bias_shift_corr} uses for a supported subarray: exactly "A", "B", "C" or "D" (after the
     * caller's upper-casing of CCDAMP, as the reference compares with {@code strcmp}); anything else (several
     * letters, blank) falls back to amp A, because the reference's loop index 0 is left unchanged (quirk).
     */
    public static Amp forSubarrayBiasShift(String ccdamp) {
        if (ccdamp != null) {
            switch (ccdamp) {
                case "A": return A;
                case "B": return B;
                case "C": return C;
                case "D": return D;
                default: break;
            }
        }
        return A;
    }
}
