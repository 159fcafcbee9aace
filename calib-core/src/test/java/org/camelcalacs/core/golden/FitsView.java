package org.camelcalacs.core.golden;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.ImageHDU;

/**
 * A read-only view of a whole FITS file (plain or gzip) for the comparator, independent of calib-core's own
 * FITS layer so that the harness does not test the code with itself: HDUs by EXTNAME/EXTVER, header values
 * typed like astropy types them (string, boolean, integer, float), images as double arrays with BSCALE/BZERO
 * applied and PIXVALUE constant arrays expanded.
 */
public final class FitsView {
    private final Path path;
    private final List<BasicHDU<?>> hdus;

    private FitsView(Path path, List<BasicHDU<?>> hdus) {
        this.path = path;
        this.hdus = hdus;
    }

    public static FitsView open(Path path) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            raw.mark(2);
            int a = raw.read();
            int b = raw.read();
            raw.reset();
            InputStream in = a == 0x1f && b == 0x8b ? new java.util.zip.GZIPInputStream(raw, 1 << 16) : raw;
            try (Fits f = new Fits(in)) {
                List<BasicHDU<?>> list = new ArrayList<>();
                BasicHDU<?> h;
                while ((h = f.readHDU()) != null) {
                    if (h instanceof ImageHDU img) {
                        img.getKernel(); // load now: the stream is closed afterwards
                    }
                    list.add(h);
                }
                return new FitsView(path, list);
            } catch (FitsException e) {
                throw new IOException(path.getFileName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** A view of HDUs already in memory (e.g. {@link InMemory#view}); {@code label} names it in messages. */
    static FitsView of(Path label, List<BasicHDU<?>> hdus) {
        return new FitsView(label, List.copyOf(hdus));
    }

    public Path path() {
        return path;
    }

    public int size() {
        return hdus.size();
    }

    public Header header(int index) {
        return hdus.get(index).getHeader();
    }

    /** Index of an HDU: {@code "PRIMARY"} or {@code "SCI,1"}; -1 if absent. */
    public int find(String label) {
        if (label.equalsIgnoreCase("PRIMARY")) {
            return 0;
        }
        String[] p = label.split(",");
        return find(p[0].trim(), p.length > 1 ? Integer.parseInt(p[1].trim()) : 1);
    }

    public int find(String extname, int extver) {
        for (int i = 1; i < hdus.size(); i++) {
            Header h = header(i);
            String n = h.getStringValue("EXTNAME");
            int v = h.getIntValue("EXTVER", 1);
            if (n != null && n.trim().equalsIgnoreCase(extname) && v == extver) {
                return i;
            }
        }
        return -1;
    }

    /** The EXTVERs of the SCI extensions, ascending. */
    public List<Integer> sciVersions() {
        List<Integer> v = new ArrayList<>();
        for (int i = 1; i < hdus.size(); i++) {
            String n = header(i).getStringValue("EXTNAME");
            if (n != null && n.trim().equalsIgnoreCase("SCI")) {
                v.add(header(i).getIntValue("EXTVER", 1));
            }
        }
        v.sort(null);
        return v;
    }

    /** A 2-D image (row-major) or a 1-D vector (ny = 1). */
    public record Image(int nx, int ny, double[] data) {
        public double at(int y, int x) {
            return data[y * nx + x];
        }
    }

    /** The image of an HDU, or null when it has neither data nor PIXVALUE (astropy: data is None). */
    public Image image(int index) {
        Header h = header(index);
        int naxis = h.getIntValue("NAXIS", 0);
        if (naxis == 0) {
            if (!h.containsKey("PIXVALUE")) {
                return null;
            }
            int nx = h.getIntValue("NPIX1");
            int ny = h.getIntValue("NPIX2");
            double[] d = new double[nx * ny];
            java.util.Arrays.fill(d, h.getDoubleValue("PIXVALUE"));
            return new Image(nx, ny, d);
        }
        Object k;
        try {
            k = ((ImageHDU) hdus.get(index)).getKernel();
        } catch (FitsException e) {
            throw new IllegalStateException(path.getFileName() + " HDU " + index + ": " + e.getMessage(), e);
        }
        double bscale = h.getDoubleValue("BSCALE", 1.0);
        double bzero = h.getDoubleValue("BZERO", 0.0);
        if (naxis == 1) {
            int n = Array.getLength(k);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = ((Number) Array.get(k, i)).doubleValue() * bscale + bzero;
            }
            return new Image(n, 1, d);
        }
        int ny = Array.getLength(k);
        int nx = ny == 0 ? 0 : Array.getLength(Array.get(k, 0));
        double[] d = new double[nx * ny];
        for (int y = 0; y < ny; y++) {
            Object row = Array.get(k, y);
            if (row instanceof float[] r) {
                for (int x = 0; x < nx; x++) {
                    d[y * nx + x] = r[x] * bscale + bzero;
                }
            } else if (row instanceof short[] r) {
                for (int x = 0; x < nx; x++) {
                    d[y * nx + x] = r[x] * bscale + bzero;
                }
            } else {
                for (int x = 0; x < nx; x++) {
                    d[y * nx + x] = ((Number) Array.get(row, x)).doubleValue() * bscale + bzero;
                }
            }
        }
        return new Image(nx, ny, d);
    }

    /** A header value typed as astropy types it: String, Boolean, Long (integers) or Double; null if absent. */
    public static Object value(Header h, String key) {
        HeaderCard c = h.findCard(key);
        if (c == null) {
            return null;
        }
        if (c.isStringValue()) {
            return c.getValue() == null ? "" : c.getValue();
        }
        String v = c.getValue();
        if (v == null) {
            return null;
        }
        String t = v.trim();
        if (t.equals("T")) {
            return Boolean.TRUE;
        }
        if (t.equals("F")) {
            return Boolean.FALSE;
        }
        if (t.matches("[+-]?\\d+")) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                return Double.parseDouble(t);
            }
        }
        String u = t.toUpperCase(Locale.ROOT).replace('D', 'E');
        if (u.equals("NAN") || u.equals("+NAN") || u.equals("-NAN")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(u);
        } catch (NumberFormatException e) {
            return t; // not a number: compare as text
        }
    }
}
