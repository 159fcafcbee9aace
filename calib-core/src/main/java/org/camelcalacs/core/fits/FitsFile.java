package org.camelcalacs.core.fits;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.FitsInputStream;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.InvalidInputException;

/**
 * A FITS file opened for reading, plain or gzip-compressed. The structure is checked by {@link FitsScan} before
 * anything else is read, so truncated files and headers that declare more data than the file holds are
 * rejected with a clear message instead of a null kernel or an OutOfMemoryError. Opening parses only the headers
 * (with nom-tam-fits); image pixels are read on request straight from the file in bulk, big-endian
 * ({@link #readFloatImage}, {@link #readShortImage}), and nom-tam reads the HDUs only when a binary table is asked
 * for. Pixel reads are thread-safe (they touch no nom-tam object); header access is not (nom-tam headers keep a
 * cursor), so concurrent users synchronise on the FitsFile for it. Every nom-tam exception is wrapped in an
 * {@link InvalidInputException} naming the file and HDU.
 */
public final class FitsFile implements Closeable {
    /** Largest gzip-compressed input we decompress in memory. */
    public static final long MAX_UNCOMPRESSED = 1_500_000_000L;

    static {
        FitsSetup.init();
    }

    /** Pixel bytes converted per read in the direct image path (bounded temporary buffer). */
    private static final int CHUNK = 1 << 20;

    private final String name;
    private final Path path;
    private final List<FitsScan.HduInfo> layout;
    private final Header[] headers;
    /** The decompressed file when it was gzip-compressed, else null (pixels are then read from {@link #path}). */
    private final byte[] bytes;
    /** Per HDU, the keywords the pixel readers need, taken once at open: pixel reads touch no Header. */
    private final Scaling[] scaling;
    /** nom-tam view of the file, created only when a table is needed (images are read directly). */
    private Fits fits;
    private BasicHDU<?>[] hdus;

    private FitsFile(Path path, List<FitsScan.HduInfo> layout, Header[] headers, byte[] bytes) {
        this.path = path;
        this.name = String.valueOf(path.getFileName());
        this.layout = layout;
        this.headers = headers;
        this.bytes = bytes;
        this.scaling = new Scaling[headers.length];
        for (int i = 0; i < headers.length; i++) {
            scaling[i] = Scaling.of(headers[i]);
        }
    }

    /**
     * BSCALE, BZERO and the PIXVALUE-convention keywords of one HDU. nom-tam headers keep a cursor that look-ups
     * move, so reading them from several threads at once is not safe; with these taken at open, pixel reads of
     * different HDUs (or of the same HDU) may run concurrently.
     */
    private record Scaling(double bscale, double bzero, boolean hasConstant, int npix1, int npix2, double pixvalue) {
        static Scaling of(Header h) {
            boolean c = h.containsKey("NPIX1") && h.containsKey("NPIX2") && h.containsKey("PIXVALUE");
            return new Scaling(h.getDoubleValue("BSCALE", 1.0), h.getDoubleValue("BZERO", 0.0), c,
                    c ? h.getIntValue("NPIX1") : 0, c ? h.getIntValue("NPIX2") : 0,
                    h.getDoubleValue("PIXVALUE", 0.0));
        }
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
                Header[] headers = new Header[layout.size()];
                for (int i = 0; i < headers.length; i++) {
                    FitsScan.HduInfo h = layout.get(i);
                    headers[i] = parseHeader(new ByteArrayInputStream(bytes, (int) h.headerOffset(),
                            (int) (h.dataOffset() - h.headerOffset())), name, i);
                }
                return new FitsFile(path, layout, headers, bytes);
            }
            long length = Files.size(path);
            List<FitsScan.HduInfo> layout;
            Header[] headers;
            try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "r")) {
                layout = FitsScan.scan(name, (off, into) -> {
                    try {
                        raf.seek(off);
                        raf.readFully(into);
                    } catch (IOException e) {
                        throw new InvalidInputException("read error: " + e.getMessage(), e);
                    }
                }, length);
                headers = new Header[layout.size()];
                for (int i = 0; i < headers.length; i++) {
                    FitsScan.HduInfo h = layout.get(i);
                    byte[] hb = new byte[(int) (h.dataOffset() - h.headerOffset())];
                    raf.seek(h.headerOffset());
                    raf.readFully(hb);
                    headers[i] = parseHeader(new ByteArrayInputStream(hb), name, i);
                }
            }
            return new FitsFile(path, layout, headers, null);
        } catch (NoSuchFileException e) {
            throw (InvalidInputException) new InvalidInputException("file not found").inFile(path);
        } catch (IOException | FitsException e) {
            throw (InvalidInputException) new InvalidInputException("cannot read FITS: " + e.getMessage(), e).inFile(path);
        }
    }

    /** Parses one header block sequence with nom-tam (the same parser {@code Fits.readHDU} uses). */
    private static Header parseHeader(InputStream in, String name, int index) throws IOException {
        try (FitsInputStream fin = new FitsInputStream(in)) {
            return Header.readHeader(fin);
        } catch (nom.tam.fits.TruncatedFileException e) {
            throw (InvalidInputException) new InvalidInputException("cannot read header of HDU " + index + ": "
                    + e.getMessage(), e).inFile(name);
        }
    }

    /** The nom-tam HDUs (tables), read on first use. */
    private synchronized BasicHDU<?>[] hdus() {
        if (hdus == null) {
            try {
                Fits f = bytes != null ? new Fits(new ByteArrayInputStream(bytes)) : new Fits(path.toFile());
                try {
                    hdus = readAll(f, name, layout.size());
                    fits = f;
                } catch (IOException | RuntimeException e) {
                    f.close(); // do not leak the file handle when the HDUs cannot be read
                    throw e;
                }
            } catch (IOException | FitsException e) {
                throw (InvalidInputException) new InvalidInputException("cannot read FITS: " + e.getMessage(), e)
                        .inFile(path);
            }
        }
        return hdus;
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
        return headers.length;
    }

    public Header header(int index) {
        return headers[index];
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
        FitsScan.HduInfo info = layout.get(index);
        if (info.naxis() == 0) {
            int[] d = constantDims(index);
            float v = (float) pixvalue(index);
            float[] data = new float[d[0] * d[1]];
            java.util.Arrays.fill(data, v);
            return new FloatImage(d[0], d[1], data, true);
        }
        int[] d = dims2(index);
        double bscale = scaling[index].bscale();
        double bzero = scaling[index].bzero();
        boolean identity = bscale == 1.0 && bzero == 0.0;
        boolean integralZero = bscale == 1.0 && bzero == Math.rint(bzero) && Math.abs(bzero) < 0x1p52;
        long izero = integralZero ? (long) bzero : 0L;
        float[] out = new float[d[0] * d[1]];
        // same arithmetic, element by element, as the row copy of nom-tam's kernel it replaces
        readPixels(index, out.length, (buf, pos, k) -> {
            switch (info.bitpix()) {
                case -32 -> {
                    buf.asFloatBuffer().get(out, pos, k);
                    if (!identity) {
                        for (int i = pos; i < pos + k; i++) {
                            out[i] = (float) (out[i] * bscale + bzero);
                        }
                    }
                }
                case 16 -> {
                    short[] tmp = new short[k]; // bulk big-endian decode, then a plain loop
                    buf.asShortBuffer().get(tmp);
                    if (integralZero) {
                        // unsigned-16 raws (BSCALE 1, BZERO 32768): v + BZERO is an exact integer in double and
                        // in long, and both casts to float round that same value once: identical results
                        for (int i = 0; i < k; i++) {
                            out[pos + i] = (float) (tmp[i] + izero);
                        }
                    } else {
                        for (int i = 0; i < k; i++) {
                            out[pos + i] = (float) (tmp[i] * bscale + bzero);
                        }
                    }
                }
                case 32 -> {
                    int[] tmp = new int[k];
                    buf.asIntBuffer().get(tmp);
                    for (int i = 0; i < k; i++) {
                        out[pos + i] = (float) (tmp[i] * bscale + bzero);
                    }
                }
                case -64 -> {
                    double[] tmp = new double[k];
                    buf.asDoubleBuffer().get(tmp);
                    for (int i = 0; i < k; i++) {
                        out[pos + i] = (float) (tmp[i] * bscale + bzero);
                    }
                }
                case 8 -> {
                    for (int i = 0; i < k; i++) {
                        out[pos + i] = (float) ((buf.get(i) & 0xff) * bscale + bzero);
                    }
                }
                case 64 -> {
                    for (int i = 0; i < k; i++) {
                        out[pos + i] = (float) (buf.getLong(8 * i) * bscale + bzero);
                    }
                }
                default -> throw bad(index, "unsupported BITPIX " + info.bitpix());
            }
        });
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
        short[] out = new short[d[0] * d[1]];
        double bscale = scaling[index].bscale();
        double bzero = scaling[index].bzero();
        boolean identity = bscale == 1.0 && bzero == 0.0;
        // as the nom-tam row path it replaces: a plain copy of unscaled 16-bit data, else (short)(int)(v*bscale+bzero)
        // with v the signed element value
        readPixels(index, out.length, (buf, pos, k) -> {
            switch (info.bitpix()) {
                case 16 -> {
                    buf.asShortBuffer().get(out, pos, k);
                    if (!identity) {
                        for (int i = pos; i < pos + k; i++) {
                            out[i] = (short) (int) (out[i] * bscale + bzero);
                        }
                    }
                }
                case 8 -> {
                    for (int i = 0; i < k; i++) {
                        out[pos + i] = (short) (int) (buf.get(i) * bscale + bzero);
                    }
                }
                case 32 -> {
                    for (int i = 0; i < k; i++) {
                        out[pos + i] = (short) (int) (buf.getInt(4 * i) * bscale + bzero);
                    }
                }
                case 64 -> {
                    for (int i = 0; i < k; i++) {
                        out[pos + i] = (short) (int) (buf.getLong(8 * i) * bscale + bzero);
                    }
                }
                case -32 -> {
                    for (int i = 0; i < k; i++) {
                        out[pos + i] = (short) (int) (buf.getFloat(4 * i) * bscale + bzero);
                    }
                }
                case -64 -> {
                    for (int i = 0; i < k; i++) {
                        out[pos + i] = (short) (int) (buf.getDouble(8 * i) * bscale + bzero);
                    }
                }
                default -> throw bad(index, "unsupported BITPIX " + info.bitpix());
            }
        });
        return new ShortImage(d[0], d[1], out, false);
    }

    private int[] constantDims(int index) {
        Scaling sc = scaling[index];
        if (!sc.hasConstant()) {
            throw bad(index, "image has no data array (NAXIS = 0 without NPIX1, NPIX2 and PIXVALUE)");
        }
        int nx = sc.npix1();
        int ny = sc.npix2();
        if (nx <= 0 || ny <= 0 || (long) nx * ny > FitsScan.MAX_HDU_BYTES / 4) {
            throw bad(index, "invalid constant-array size NPIX1 x NPIX2 = " + nx + " x " + ny);
        }
        return new int[] {nx, ny};
    }

    private double pixvalue(int index) {
        return scaling[index].pixvalue();
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

    /** Receives a big-endian buffer holding {@code count} consecutive pixels starting at pixel {@code pos}. */
    @FunctionalInterface
    private interface PixelSink {
        void accept(ByteBuffer buf, int pos, int count);
    }

    /**
     * Reads the {@code n} pixels of an image HDU straight from the file (or the decompressed bytes) in bounded
     * chunks and hands each chunk to {@code sink} as a big-endian buffer: a bulk conversion instead of nom-tam's
     * per-row arrays and copies. The structure was checked by {@link FitsScan}, so the bytes exist.
     */
    private void readPixels(int index, int n, PixelSink sink) {
        FitsScan.HduInfo info = layout.get(index);
        int size = Math.abs(info.bitpix()) / 8;
        long need = (long) n * size;
        if (need > info.dataBytes()) {
            throw bad(index, "image data could not be read (file truncated or corrupt)");
        }
        int perChunk = Math.max(1, CHUNK / size);
        if (bytes != null) {
            for (int pos = 0; pos < n; pos += perChunk) {
                int k = Math.min(perChunk, n - pos);
                ByteBuffer chunk = ByteBuffer.wrap(bytes, (int) (info.dataOffset() + (long) pos * size), k * size)
                        .slice().order(ByteOrder.BIG_ENDIAN);
                sink.accept(chunk, pos, k);
            }
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(perChunk * size).order(ByteOrder.BIG_ENDIAN);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long off = info.dataOffset();
            for (int pos = 0; pos < n; pos += perChunk) {
                int k = Math.min(perChunk, n - pos);
                buf.clear().limit(k * size);
                while (buf.hasRemaining()) {
                    if (ch.read(buf, off + buf.position()) < 0) {
                        throw bad(index, "image data could not be read (file truncated or corrupt)");
                    }
                }
                buf.flip();
                sink.accept(buf, pos, k);
                off += (long) k * size;
            }
        } catch (IOException e) {
            throw (InvalidInputException) new InvalidInputException("cannot read image data: " + e.getMessage(), e)
                    .inFile(name).inHdu(label(index));
        }
    }

    /** The binary table at this HDU index. */
    public BinaryTableHDU table(int index) {
        if (index >= headers.length) {
            throw bad(Math.min(index, headers.length - 1), "file has no extension " + index);
        }
        if (!(hdus()[index] instanceof BinaryTableHDU t)) {
            throw bad(index, "extension " + index + " is not a binary table");
        }
        return t;
    }

    public CalacsException bad(int index, String msg) {
        return new InvalidInputException(msg).inFile(name).inHdu(label(index));
    }

    @Override
    public synchronized void close() {
        if (fits == null) {
            return;
        }
        try {
            fits.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }

    @Override
    public String toString() {
        return name + " (" + headers.length + " HDUs)";
    }

    static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
