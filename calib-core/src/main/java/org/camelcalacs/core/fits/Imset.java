package org.camelcalacs.core.fits;

import nom.tam.fits.Header;

/**
 * One HSTIO image set (hstio SingleGroup): SCI (float), ERR (float) and DQ (short) arrays of the same size with
 * their extension headers. Arrays are flat and row-major: pixel (x, y) (0-based column x, row y) is at
 * {@code y * nx + x}. Pixel arrays are the one mutable thing a stage owns; steps update them in place.
 */
public final class Imset {
    public int extver;
    public int nx;
    public int ny;
    public float[] sci;
    public float[] err;
    public short[] dq;
    public Header sciHeader;
    public Header errHeader;
    public Header dqHeader;

    public Imset(int extver, int nx, int ny, float[] sci, float[] err, short[] dq, Header sciHeader, Header errHeader,
                 Header dqHeader) {
        if (sci.length != (long) nx * ny || err.length != sci.length || dq.length != sci.length) {
            throw new IllegalArgumentException("imset arrays must all be " + nx + "x" + ny);
        }
        this.extver = extver;
        this.nx = nx;
        this.ny = ny;
        this.sci = sci;
        this.err = err;
        this.dq = dq;
        this.sciHeader = sciHeader;
        this.errHeader = errHeader;
        this.dqHeader = dqHeader;
    }

    /** A new imset of the given size, all zero, with minimal headers. */
    public static Imset blank(int extver, int nx, int ny) {
        int n = nx * ny;
        return new Imset(extver, nx, ny, new float[n], new float[n], new short[n], Headers.extension("SCI", extver),
                Headers.extension("ERR", extver), Headers.extension("DQ", extver));
    }

    public int index(int x, int y) {
        return y * nx + x;
    }

    /** SCI header view for typed keyword access. */
    public Hdr sciHdr(String file) {
        return new Hdr(sciHeader, file, "SCI," + extver);
    }

    /** CCDCHIP of the SCI header (default 1), used to match imsets across files. */
    public int ccdChip() {
        return sciHeader.getIntValue("CCDCHIP", 1);
    }

    public double ltv1() {
        return sciHeader.getDoubleValue("LTV1", 0.0);
    }

    public double ltv2() {
        return sciHeader.getDoubleValue("LTV2", 0.0);
    }

    public double ltm1() {
        return sciHeader.getDoubleValue("LTM1_1", 1.0);
    }

    public double ltm2() {
        return sciHeader.getDoubleValue("LTM2_2", 1.0);
    }

    /** Deep copy of arrays and headers. */
    public Imset copy() {
        return new Imset(extver, nx, ny, sci.clone(), err.clone(), dq.clone(), Headers.copy(sciHeader),
                Headers.copy(errHeader), Headers.copy(dqHeader));
    }
}
