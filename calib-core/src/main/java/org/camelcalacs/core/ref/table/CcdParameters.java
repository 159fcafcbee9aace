package org.camelcalacs.core.ref.table;

/**
 * The CCDTAB row selected for one imset (spec §3), with per-amp values in the order A, B, C, D. Amps not used by
 * the exposure hold 0. Array accessors return copies, so the record stays immutable.
 *
 * @param row       1-based row number in the table
 * @param atodgain  ATODGN A..D (e-/DN)
 * @param readnoise READNSE A..D (e-)
 * @param bias      CCDBIAS A..D (DN)
 * @param ampx      AMPX, clipped to the image width
 * @param ampy      AMPY
 * @param atodsat   ATODSAT (DN)
 * @param saturate  SATURATE (unused by calacs 10.5.0)
 * @param ovrhfls   OVRHFLS, DARKTIME overhead of post-flashed exposures (s)
 * @param ovrhufls  OVRHUFLS, DARKTIME overhead of unflashed exposures (s)
 * @param pedigree  PEDIGREE of the row if the column exists, else of the table's primary header
 * @param descrip   DESCRIP of the row ("" if no such column)
 */
public record CcdParameters(int row, float[] atodgain, float[] readnoise, float[] bias, int ampx, int ampy,
                            int atodsat, float saturate, float ovrhfls, float ovrhufls, String pedigree,
                            String descrip) {
    public CcdParameters {
        atodgain = atodgain.clone();
        readnoise = readnoise.clone();
        bias = bias.clone();
        pedigree = pedigree == null ? "" : pedigree;
        descrip = descrip == null ? "" : descrip;
    }

    @Override
    public float[] atodgain() {
        return atodgain.clone();
    }

    @Override
    public float[] readnoise() {
        return readnoise.clone();
    }

    @Override
    public float[] bias() {
        return bias.clone();
    }

    /** Gain of amp index 0..3 (A..D). */
    public float gain(int amp) {
        return atodgain[amp];
    }

    public float noise(int amp) {
        return readnoise[amp];
    }

    public float biasOf(int amp) {
        return bias[amp];
    }

    /** True if the row's PEDIGREE starts with DUMMY. */
    public boolean dummy() {
        return pedigree.startsWith("DUMMY");
    }
}
