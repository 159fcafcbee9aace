package org.camelcalacs.core.golden;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Headers;
import org.camelcalacs.core.fits.Imset;

/**
 * Stage-level golden checks without files: an in-memory {@link Exposure} seen as a {@link FitsView} (so that
 * {@link GoldenComparator} compares it like a written product), and a stage input rebuilt from a compact
 * expectation file ({@code storage: expect}) as far as that file stores it.
 */
public final class InMemory {
    private InMemory() {
    }

    /**
     * The exposure as the comparator sees a product: its primary header, then SCI, ERR, DQ per imset with the
     * in-memory (non-structural) header cards and complete arrays. {@code label} only names it in messages.
     */
    public static FitsView view(Exposure x, String label) {
        try {
            List<BasicHDU<?>> hdus = new ArrayList<>();
            Header ph = new Header();
            ph.addValue("SIMPLE", true, "");
            ph.addValue("BITPIX", 16, "");
            ph.addValue("NAXIS", 0, "");
            ph.addValue("EXTEND", true, "");
            Headers.copyNonStructural(x.primary(), ph);
            hdus.add(new ImageHDU(ph, new ImageData()));
            for (Imset s : x.imsets()) {
                float[][] sci = new float[s.ny][s.nx];
                float[][] err = new float[s.ny][s.nx];
                short[][] dq = new short[s.ny][s.nx];
                for (int y = 0; y < s.ny; y++) {
                    System.arraycopy(s.sci, y * s.nx, sci[y], 0, s.nx);
                    System.arraycopy(s.err, y * s.nx, err[y], 0, s.nx);
                    System.arraycopy(s.dq, y * s.nx, dq[y], 0, s.nx);
                }
                hdus.add(extension(ImageData.from(sci).toHDU(), s.sciHeader, "SCI", s.extver));
                hdus.add(extension(ImageData.from(err).toHDU(), s.errHeader, "ERR", s.extver));
                hdus.add(extension(ImageData.from(dq).toHDU(), s.dqHeader, "DQ", s.extver));
            }
            return FitsView.of(Path.of(label), hdus);
        } catch (FitsException e) {
            throw new IllegalStateException(label + ": " + e.getMessage(), e);
        }
    }

    private static ImageHDU extension(ImageHDU h, Header from, String extname, int extver) {
        if (from != null) {
            Headers.copyNonStructural(from, h.getHeader());
        }
        h.getHeader().addValue("EXTNAME", extname, "");
        h.getHeader().addValue("EXTVER", extver, "");
        return h;
    }

    /**
     * Rebuilds a stage product from its compact expectation (README "storage: expect"): every header as stored,
     * the complete DQ, and SCI/ERR on the sampled rows and columns; every other SCI/ERR pixel is NaN. Enough to
     * check the per-pixel arithmetic of a later stage on the sampled pixels (NaN elsewhere stays unsampled).
     */
    public static Exposure fromExpect(Path expectFile) throws IOException {
        FitsView e = FitsView.open(expectFile);
        List<Imset> imsets = new ArrayList<>();
        for (int v : e.sciVersions()) {
            Header sh = Headers.copy(e.header(e.find("SCI", v)));
            int nx = sh.getIntValue("ORIGNAX1");
            int ny = sh.getIntValue("ORIGNAX2");
            float[] sci = new float[nx * ny];
            float[] err = new float[nx * ny];
            Arrays.fill(sci, Float.NaN);
            Arrays.fill(err, Float.NaN);
            short[] dq = new short[nx * ny];
            int idq = e.find("DQ", v);
            FitsView.Image d = e.image(idq);
            if (d.nx() != nx || d.ny() != ny) {
                throw new IllegalStateException(expectFile.getFileName() + " DQ," + v + " is " + d.nx() + "x" + d.ny()
                        + ", SCI says " + nx + "x" + ny);
            }
            for (int k = 0; k < dq.length; k++) {
                dq[k] = (short) d.data()[k];
            }
            FitsView.Image rows = e.image(e.find("ROWINDEX", v));
            FitsView.Image cols = e.image(e.find("COLINDEX", v));
            FitsView.Image sr = e.image(e.find("SCI_ROWS", v));
            FitsView.Image er = e.image(e.find("ERR_ROWS", v));
            FitsView.Image sc = e.image(e.find("SCI_COLS", v));
            FitsView.Image ec = e.image(e.find("ERR_COLS", v));
            for (int k = 0; k < rows.data().length; k++) {
                int y = (int) rows.data()[k];
                for (int x = 0; x < nx; x++) {
                    sci[y * nx + x] = (float) sr.at(k, x);
                    err[y * nx + x] = (float) er.at(k, x);
                }
            }
            for (int k = 0; k < cols.data().length; k++) {
                int x = (int) cols.data()[k];
                for (int y = 0; y < ny; y++) {
                    sci[y * nx + x] = (float) sc.at(y, k);
                    err[y * nx + x] = (float) ec.at(y, k);
                }
            }
            imsets.add(new Imset(v, nx, ny, sci, err, dq, sh, Headers.copy(e.header(e.find("ERR", v))),
                    Headers.copy(e.header(idq))));
        }
        return new Exposure(expectFile, Headers.copy(e.header(0)), imsets);
    }
}
