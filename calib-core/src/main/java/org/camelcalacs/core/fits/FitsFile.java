package org.camelcalacs.core.fits;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.InvalidInputException;

/**
 * A FITS file opened for reading, plain or gzip-compressed. The structure is checked by {@link FitsScan} before
 * nom-tam-fits reads anything, so truncated files and headers that declare more data than the file holds are
 * rejected with a clear message instead of a null kernel or an OutOfMemoryError. Every nom-tam exception is
 * wrapped in an {@link InvalidInputException} naming the file and HDU.
 */
public final class FitsFile implements Closeable {
    /** Largest gzip-compressed input we decompress in memory. */
    public static final long MAX_UNCOMPRESSED = 1_500_000_000L;

    static {
        FitsSetup.init();
    }

    private final String name;
    private final Path path;
    private final List<FitsScan.HduInfo> layout;
    private final Fits fits;
    private final BasicHDU<?>[] hdus;

    private FitsFile(Path path, List<FitsScan.HduInfo> layout, Fits fits, BasicHDU<?>[] hdus) {
        this.path = path;
        this.name = String.valueOf(path.getFileName());
        this.layout = layout;
        this.fits = fits;
        this.hdus = hdus;
    }

    /** Opens and checks a file; the name in messages is the file name. */
    public static FitsFile open(Path path) {
        String name = String.valueOf(path.getFileName());
        if (!Files.isRegularFile(path)) {
            throw (InvalidInputException) new InvalidInputException(
                    Files.exists(path) ? "not a regular file" : "file not found").inFile(path);
        }
        try {
            if (isGzip(path)) {
                byte[] bytes = gunzip(path);
                List<FitsScan.HduInfo> layout = FitsScan.scan(name, (off, into) ->
                        System.arraycopy(bytes, (int) off, into, 0, into.length), bytes.length);
                Fits fits = new Fits(new ByteArrayInputStream(bytes));
                return new FitsFile(path, layout, fits, readAll(fits, name, layout.size()));
            }
            long length = Files.size(path);
            List<FitsScan.HduInfo> layout;
            try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "r")) {
                layout = FitsScan.scan(name, (off, into) -> {
                    try {
                        raf.seek(off);
                        raf.readFully(into);
                    } catch (IOException e) {
                        throw new InvalidInputException("read error: " + e.getMessage(), e);
                    }
                }, length);
            }
            Fits fits = new Fits(path.toFile());
            try {
                return new FitsFile(path, layout, fits, readAll(fits, name, layout.size()));
            } catch (IOException | RuntimeException e) {
                fits.close(); // do not leak the file handle when the HDUs cannot be read
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw (InvalidInputException) new InvalidInputException("file not found").inFile(path);
        } catch (IOException | FitsException e) {
            throw (InvalidInputException) new InvalidInputException("cannot read FITS: " + e.getMessage(), e).inFile(path);
        }
    }

    private static BasicHDU<?>[] readAll(Fits fits, String name, int expected) throws IOException {
        BasicHDU<?>[] out = new BasicHDU<?>[expected];
        for (int i = 0; i < expected; i++) {
            BasicHDU<?> h = fits.readHDU();
            if (h == null) {
                throw (InvalidInputException) new InvalidInputException("cannot read HDU " + i).inFile(name);
            }
            out[i] = h;
        }
        return out;
    }

    private static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            int a = in.read();
            int b = in.read();
            return a == 0x1f && b == 0x8b;
        }
    }

    private static byte[] gunzip(Path path) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(path), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > MAX_UNCOMPRESSED) {
                    throw (InvalidInputException) new InvalidInputException(
                            "gzip content exceeds " + MAX_UNCOMPRESSED + " bytes; refusing to decompress it").inFile(path);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw (InvalidInputException) new InvalidInputException("corrupt or truncated gzip data: " + e.getMessage(), e)
                    .inFile(path);
        }
    }

    public Path path() {
        return path;
    }

    public String name() {
        return name;
    }

    public int hduCount() {
        return hdus.length;
    }

    public Header header(int index) {
        return hdus[index].getHeader();
    }

    public Header primaryHeader() {
        return header(0);
    }

    public FitsScan.HduInfo layout(int index) {
        return layout.get(index);
    }

    /** Index of the HDU with this EXTNAME (case-insensitive) and EXTVER, or -1. */
    public int find(String extname, int extver) {
        for (FitsScan.HduInfo h : layout) {
            if (h.index() > 0 && h.extname() != null && h.extname().equalsIgnoreCase(extname) && h.extver() == extver) {
                return h.index();
            }
        }
        return -1;
    }

    public String label(int index) {
        FitsScan.HduInfo h = layout.get(index);
        return FitsScan.hduLabel(h.index(), h.extname(), h.extver());
    }

    /** A 2-D image: width, height and a flat row-major float copy (BSCALE/BZERO applied; PIXVALUE expanded). */
    public record FloatImage(int nx, int ny, float[] data, boolean constant) {
    }

    /** A 2-D image as short (DQ): PIXVALUE expanded. */
    public record ShortImage(int nx, int ny, short[] data, boolean constant) {
    }

    /** Reads a 2-D image HDU as float (hstio getFloatData semantics). */
    public FloatImage readFloatImage(int index) {
        Header h = header(index);
        FitsScan.HduInfo info = layout.get(index);
        if (info.naxis() == 0) {
            int[] d = constantDims(index);
            float v = (float) pixvalue(index);
            float[] data = new float[d[0] * d[1]];
            java.util.Arrays.fill(data, v);
            return new FloatImage(d[0], d[1], data, true);
        }
        int[] d = dims2(index);
        double bscale = h.getDoubleValue("BSCALE", 1.0);
        double bzero = h.getDoubleValue("BZERO", 0.0);
        Object kernel = kernel(index);
        float[] out = new float[d[0] * d[1]];
        for (int y = 0; y < d[1]; y++) {
            Object row = Array.get(kernel, y);
            int base = y * d[0];
            if (row instanceof float[] r) {
                if (bscale == 1.0 && bzero == 0.0) {
                    System.arraycopy(r, 0, out, base, d[0]);
                } else {
                    for (int x = 0; x < d[0]; x++) {
                        out[base + x] = (float) (r[x] * bscale + bzero);
                    }
                }
            } else if (row instanceof short[] r) {
                for (int x = 0; x < d[0]; x++) {
                    out[base + x] = (float) (r[x] * bscale + bzero);
                }
            } else if (row instanceof int[] r) {
                for (int x = 0; x < d[0]; x++) {
                    out[base + x] = (float) (r[x] * bscale + bzero);
                }
            } else if (row instanceof double[] r) {
                for (int x = 0; x < d[0]; x++) {
                    out[base + x] = (float) (r[x] * bscale + bzero);
                }
            } else if (row instanceof byte[] r) {
                for (int x = 0; x < d[0]; x++) {
                    out[base + x] = (float) ((r[x] & 0xff) * bscale + bzero);
                }
            } else if (row instanceof long[] r) {
                for (int x = 0; x < d[0]; x++) {
                    out[base + x] = (float) (r[x] * bscale + bzero);
                }
            } else {
                throw bad(index, "unsupported image data type " + row.getClass().getSimpleName());
            }
        }
        return new FloatImage(d[0], d[1], out, false);
    }

    /** Reads a 2-D image HDU as short (hstio getShortData semantics: values are cast). */
    public ShortImage readShortImage(int index) {
        FitsScan.HduInfo info = layout.get(index);
        if (info.naxis() == 0) {
            int[] d = constantDims(index);
            short v = (short) Math.round(pixvalue(index));
            short[] data = new short[d[0] * d[1]];
            java.util.Arrays.fill(data, v);
            return new ShortImage(d[0], d[1], data, true);
        }
        int[] d = dims2(index);
        Object kernel = kernel(index);
        short[] out = new short[d[0] * d[1]];
        Header h = header(index);
        double bscale = h.getDoubleValue("BSCALE", 1.0);
        double bzero = h.getDoubleValue("BZERO", 0.0);
        for (int y = 0; y < d[1]; y++) {
            Object row = Array.get(kernel, y);
            int base = y * d[0];
            if (row instanceof short[] r && bscale == 1.0 && bzero == 0.0) {
                System.arraycopy(r, 0, out, base, d[0]);
            } else {
                for (int x = 0; x < d[0]; x++) {
                    double v = ((Number) Array.get(row, x)).doubleValue() * bscale + bzero;
                    out[base + x] = (short) (int) v;
                }
            }
        }
        return new ShortImage(d[0], d[1], out, false);
    }

    private int[] constantDims(int index) {
        Header h = header(index);
        if (!h.containsKey("NPIX1") || !h.containsKey("NPIX2") || !h.containsKey("PIXVALUE")) {
            throw bad(index, "image has no data array (NAXIS = 0 without NPIX1, NPIX2 and PIXVALUE)");
        }
        int nx = h.getIntValue("NPIX1");
        int ny = h.getIntValue("NPIX2");
        if (nx <= 0 || ny <= 0 || (long) nx * ny > FitsScan.MAX_HDU_BYTES / 4) {
            throw bad(index, "invalid constant-array size NPIX1 x NPIX2 = " + nx + " x " + ny);
        }
        return new int[] {nx, ny};
    }

    private double pixvalue(int index) {
        return header(index).getDoubleValue("PIXVALUE", 0.0);
    }

    private int[] dims2(int index) {
        FitsScan.HduInfo info = layout.get(index);
        if (info.naxis() != 2) {
            throw bad(index, "expected a 2-D image but NAXIS = " + info.naxis());
        }
        long nx = info.naxes()[0];
        long ny = info.naxes()[1];
        if (nx <= 0 || ny <= 0) {
            throw bad(index, "image has no data array (NAXIS1 x NAXIS2 = " + nx + " x " + ny + ")");
        }
        return new int[] {(int) nx, (int) ny};
    }

    private Object kernel(int index) {
        try {
            if (!(hdus[index] instanceof ImageHDU img)) {
                throw bad(index, "not an image extension");
            }
            Object k = img.getKernel();
            if (k == null) {
                throw bad(index, "image data could not be read (file truncated or corrupt)");
            }
            return k;
        } catch (FitsException e) {
            throw (InvalidInputException) new InvalidInputException("cannot read image data: " + e.getMessage(), e)
                    .inFile(name).inHdu(label(index));
        }
    }

    /** The binary table at this HDU index. */
    public BinaryTableHDU table(int index) {
        if (index >= hdus.length) {
            throw bad(Math.min(index, hdus.length - 1), "file has no extension " + index);
        }
        if (!(hdus[index] instanceof BinaryTableHDU t)) {
            throw bad(index, "extension " + index + " is not a binary table");
        }
        return t;
    }

    public CalacsException bad(int index, String msg) {
        return new InvalidInputException(msg).inFile(name).inHdu(label(index));
    }

    @Override
    public void close() {
        try {
            fits.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }

    @Override
    public String toString() {
        return name + " (" + hdus.length + " HDUs)";
    }

    static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
