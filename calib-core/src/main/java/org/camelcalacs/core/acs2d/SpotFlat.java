package org.camelcalacs.core.acs2d;


import org.camelcalacs.core.trailer.CFormat;
import org.camelcalacs.core.array.RefGeometry;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.FitsFile;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.ref.table.SpotTab;
import org.camelcalacs.core.trailer.Trailer;

/**
 * The coronagraphic spot flat (CFLTFILE + SPOTTAB; port of readSpotImage, shiftSpot and binterp,
 * acs2d/dospot.c): imset 1 of CFLTFILE is shifted by the SPOTTAB row closest to DATE-OBS with bilinear
 * interpolation (pixels falling outside become 1, ERR = sqrt(value)), then multiplied into the PFLT line by line.
 */
public final class SpotFlat {
    private SpotFlat() {
    }

    static Acs2d.Section shiftedSection(RefFile cflt, RefFile spottab, int chip, Hdr primary, RefGeometry.Offset off,
                                        int nx, int ny, Trailer trl) {
        Imset in;
        try (FitsFile f = FitsFile.open(cflt.path())) {
            in = AcsFits.readImset(f, 1);
        }
        SpotTab tab = SpotTab.read(spottab.path());
        long date = SpotTab.obsDateSeconds(primary.optString("DATE-OBS", ""));
        SpotTab.Row r = tab.closest(date);
        float sx = r == null ? 0f : r.shiftx();
        float sy = r == null ? 0f : r.shifty();
        trl.info("SPOTTAB:  Using spot shift of: " + CFormat.g(sx, 2) + "  " + CFormat.g(sy, 2));
        float[] osci = new float[in.nx * in.ny];
        float[] oerr = new float[in.nx * in.ny];
        shift(in.sci, in.nx, in.ny, sx, sy, osci, oerr);
        Imset shifted = new Imset(1, in.nx, in.ny, osci, oerr, new short[in.nx * in.ny], in.sciHeader, in.errHeader,
                in.dqHeader);
        return Acs2d.Section.cut(shifted, off.x0(), off.y0(), nx, ny, "spot flat");
    }

    /** shiftSpot. */
    public static void shift(float[] in, int nx, int ny, float dx, float dy, float[] outSci, float[] outErr) {
        for (int j = 0; j < ny; j++) {
            float xout = -dx;
            float yout = j - dy;
            for (int i = 0; i < nx; i++) {
                float xo = xout + i;
                float yo = yout;
                int k = j * nx + i;
                if (0 <= xo && xo < nx && 0 <= yo && yo < ny) {
                    float v = binterp(xo, yo, nx, ny, in);
                    outSci[k] = v;
                    outErr[k] = (float) Math.sqrt(v);
                } else {
                    outSci[k] = 1.0f;
                    outErr[k] = 1.0f;
                }
            }
        }
    }

    /** binterp: bilinear interpolation; the C reads the flat array one past the row end at the last column. */
    static float binterp(float x, float y, int nxpix, int nypix, float[] img) {
        int nx = (int) x;
        int ny = (int) y;
        float sx = x - nx;
        float tx = 1.f - sx;
        float sy = y - ny;
        float ty = 1.f - sy;
        float hold21;
        float hold12;
        float hold22;
        if (nx >= nxpix) {
            hold21 = 2.f * pix(img, nxpix, nx, ny) - pix(img, nxpix, nx - 1, ny);
        } else {
            hold21 = pix(img, nxpix, nx + 1, ny);
        }
        if (ny >= nypix) {
            hold12 = 2.f * pix(img, nxpix, nx, ny) - pix(img, nxpix, nx, ny - 1);
        } else {
            hold12 = pix(img, nxpix, nx, ny + 1);
        }
        if (nx >= nxpix && ny >= nypix) {
            hold22 = 2.f * hold21 - (2.f * pix(img, nxpix, nx, ny - 1) - pix(img, nxpix, nx - 1, ny - 1));
        } else if (nx >= nxpix) {
            hold22 = 2.f * hold12 - pix(img, nxpix, nx - 1, ny + 1);
        } else if (ny >= nypix) {
            hold22 = 2.f * hold21 - pix(img, nxpix, nx + 1, ny - 1);
        } else {
            hold22 = pix(img, nxpix, nx + 1, ny + 1);
        }
        return tx * ty * pix(img, nxpix, nx, ny) + sx * ty * hold21 + sy * tx * hold12 + sx * sy * hold22;
    }

    /** Flat-index access as the C's Pix macro does; beyond the array (undefined in C) reads 0. */
    private static float pix(float[] img, int nxpix, int i, int j) {
        long k = (long) j * nxpix + i;
        return k >= 0 && k < img.length ? img[(int) k] : 0.f;
    }

}
