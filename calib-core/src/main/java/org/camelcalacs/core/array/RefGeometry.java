package org.camelcalacs.core.array;

import nom.tam.fits.Header;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.SizeMismatchException;

/**
 * Where an image sits on the detector, from its LTV/LTM keywords, and how a reference image lines up with it
 * (spec §3 "same size" test). Ports of GetLT/FromLT/GetCorner (getlt.c, fromlt.c, getcorner.c), FindLine and
 * FindLineHdr (findbin.c: the "same size" test compares corners, binning and NAXIS1 only) and FindBin (both
 * axes), plus the cut-out of a reference section at an offset (trim1d with bin 1).
 */
public final class RefGeometry {
    private RefGeometry() {
    }

    /** Bin size and corner (0-based, unbinned detector pixels) of an image. */
    public record Corner(int binX, int binY, int x, int y) {
    }

    /**
     * How to index a reference for a science image: use it as is ({@code sameSize}), or read science pixel
     * (i, j) from reference pixel ({@code x0 + i, y0 + j}); {@code rx, ry} are the bin ratios.
     */
    public record Offset(boolean sameSize, int rx, int ry, int x0, int y0) {
        public static final Offset SAME = new Offset(true, 1, 1, 0, 0);
    }

    /** LTM1_1, LTM2_2 (default 1, must be > 0) and LTV1, LTV2 (default 0) of a header (GetLT). */
    public static double[] lt(Header h) {
        double m1 = h.getDoubleValue("LTM1_1", 1.0);
        double m2 = h.getDoubleValue("LTM2_2", 1.0);
        if (m1 <= 0 || m2 <= 0) {
            throw (InvalidInputException) new InvalidInputException(String.format(java.util.Locale.ROOT,
                    "(LTM1_1, LTM2_2) = (%.8g, %.8g) is invalid", m1, m2)).forKeyword("LTM1_1");
        }
        return new double[] {m1, m2, h.getDoubleValue("LTV1", 0.0), h.getDoubleValue("LTV2", 0.0)};
    }

    /** GetCorner with reference pixel size 1. */
    public static Corner corner(Header h) {
        double[] lt = lt(h);
        return corner(lt[0], lt[1], lt[2], lt[3]);
    }

    /** FromLT: corner = (bin - 1) - bin*LTV, bin = 1/LTM, each rounded to the nearest integer. */
    public static Corner corner(double ltm1, double ltm2, double ltv1, double ltv2) {
        double bx = 1.0 / ltm1;
        double by = 1.0 / ltm2;
        return new Corner(nint(bx), nint(by), nint((bx - 1) - bx * ltv1), nint((by - 1) - by * ltv2));
    }

    /** NINT of fromlt.c: round half away from zero. */
    static int nint(double x) {
        return x >= 0 ? (int) (x + 0.5) : (int) (x - 0.5);
    }

    /**
     * FindLine / FindLineHdr: same size when corners and binning agree and the science width equals the
     * reference width; otherwise the offset of the science image inside the reference.
     */
    public static Offset findLine(Header sci, int sciNx, Header ref, int refNx) {
        Corner s = corner(sci);
        Corner r = corner(ref);
        if (s.x() == r.x() && s.y() == r.y() && s.binX() == r.binX() && s.binY() == r.binY() && sciNx == refNx) {
            return Offset.SAME;
        }
        return offset(s, r);
    }

    /** FindBin: like {@link #findLine} but both axes must agree; a reference binned more than the science fails. */
    public static Offset findBin(Header sci, int sciNx, int sciNy, Header ref, int refNx, int refNy) {
        Corner s = corner(sci);
        Corner r = corner(ref);
        if (s.x() == r.x() && s.y() == r.y() && s.binX() == r.binX() && s.binY() == r.binY() && sciNx == refNx
                && sciNy == refNy) {
            return Offset.SAME;
        }
        if (r.binX() > s.binX() || r.binY() > s.binY()) {
            throw new SizeMismatchException("reference image is binned more than the science image ("
                    + r.binX() + "x" + r.binY() + " > " + s.binX() + "x" + s.binY() + ")");
        }
        return offset(s, r);
    }

    private static Offset offset(Corner s, Corner r) {
        if (r.binX() > s.binX() || r.binY() > s.binY()) {
            return new Offset(false, r.binX() / s.binX(), r.binY() / s.binY(), (s.x() - r.x()) / r.binX(),
                    (s.y() - r.y()) / r.binY());
        }
        int rx = s.binX() / r.binX();
        int ry = s.binY() / r.binY();
        if (rx * r.binX() != s.binX() || ry * r.binY() != s.binY()) {
            throw new SizeMismatchException("science binning " + s.binX() + "x" + s.binY()
                    + " is not a multiple of the reference binning " + r.binX() + "x" + r.binY());
        }
        return new Offset(false, rx, ry, (s.x() - r.x()) / r.binX(), (s.y() - r.y()) / r.binY());
    }

    /**
     * Cuts an {@code nx × ny} section starting at ({@code x0, y0}) out of a row-major reference array of width
     * {@code refNx} (trim1d with bin 1).
     *
     * @throws SizeMismatchException if the section does not fit in the reference
     */
    public static float[] cutOut(float[] ref, int refNx, int refNy, int x0, int y0, int nx, int ny) {
        checkFits(refNx, refNy, x0, y0, nx, ny);
        float[] out = new float[nx * ny];
        for (int j = 0; j < ny; j++) {
            System.arraycopy(ref, (y0 + j) * refNx + x0, out, j * nx, nx);
        }
        return out;
    }

    /** {@link #cutOut} for short arrays (DQ). */
    public static short[] cutOut(short[] ref, int refNx, int refNy, int x0, int y0, int nx, int ny) {
        checkFits(refNx, refNy, x0, y0, nx, ny);
        short[] out = new short[nx * ny];
        for (int j = 0; j < ny; j++) {
            System.arraycopy(ref, (y0 + j) * refNx + x0, out, j * nx, nx);
        }
        return out;
    }

    private static void checkFits(int refNx, int refNy, int x0, int y0, int nx, int ny) {
        if (x0 < 0 || y0 < 0 || x0 + nx > refNx || y0 + ny > refNy) {
            throw new SizeMismatchException("a " + nx + "x" + ny + " image at offset (" + x0 + "," + y0
                    + ") does not fit in the " + refNx + "x" + refNy + " reference image");
        }
    }
}
