package org.camelcalacs.core.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;
import nom.tam.util.FitsOutputStream;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.OutputExistsException;

/**
 * Reads and writes ACS files with HSTIO semantics: a data-less primary header followed by imsets (SCI float32,
 * ERR float32, DQ int16, matched by EXTVER), the imset count taken from {@code NEXTEND/3}, constant arrays in
 * the PIXVALUE convention in both directions, BZERO-scaled integer data, gzip inputs. Writes go to a hidden
 * temporary file in the output directory that is renamed into place, so a crash never leaves a partial product.
 */
public final class AcsFits {
    private AcsFits() {
    }

    /** Reads a whole ACS file (raw, stage product or reference image) into memory. */
    public static Exposure read(Path path) {
        try (FitsFile f = FitsFile.open(path)) {
            return read(f);
        }
    }

    /** Reads the imsets of an open file. */
    public static Exposure read(FitsFile f) {
        Header primary = Headers.copy(f.primaryHeader());
        int nextend = f.primaryHeader().getIntValue("NEXTEND", 3);
        int nimsets = nextend / 3;
        if (nimsets < 1) {
            throw (InvalidInputException) new InvalidInputException("NEXTEND = " + nextend + " gives no imset")
                    .inFile(f.name()).inHdu("PRIMARY").forKeyword("NEXTEND");
        }
        return new Exposure(f.path(), primary, readImsets(f, nimsets));
    }

    /**
     * Reads imsets 1..n; with several imsets and processors, imset 1 is read by the caller and each other one by
     * its own short-lived thread (pixel reads of a {@link FitsFile} are thread-safe; each imset is read and
     * copied exactly as in a sequential read, so the result does not depend on the number of threads).
     */
    private static List<Imset> readImsets(FitsFile f, int n) {
        Imset[] out = new Imset[n];
        if (n == 1 || Runtime.getRuntime().availableProcessors() < 2) {
            for (int v = 1; v <= n; v++) {
                out[v - 1] = readImset(f, v);
            }
            return List.of(out);
        }
        RuntimeException[] failure = new RuntimeException[n];
        Thread[] threads = new Thread[n];
        for (int v = 2; v <= n; v++) {
            final int ver = v;
            threads[v - 1] = new Thread(() -> {
                try {
                    out[ver - 1] = readImsetConcurrently(f, ver);
                } catch (RuntimeException e) {
                    failure[ver - 1] = e;
                }
            }, "fits-read-" + f.name() + "-" + v);
            threads[v - 1].setDaemon(true);
            threads[v - 1].start();
        }
        try {
            out[0] = readImsetConcurrently(f, 1);
        } catch (RuntimeException e) {
            failure[0] = e;
        }
        for (int v = 2; v <= n; v++) {
            try {
                threads[v - 1].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CalacsException("interrupted while reading " + f.name(), e).inFile(f.name());
            }
        }
        for (RuntimeException e : failure) { // the first imset's error, as a sequential read reports
            if (e != null) {
                throw e;
            }
        }
        return List.of(out);
    }

    /**
     * {@link #readImset} for use from several threads at once on one open file: the pixels are read without a
     * lock, the header copies synchronised on {@code f} (nom-tam headers are not thread-safe, so other threads
     * that look at this file's headers must synchronise on {@code f} too).
     */
    public static Imset readImsetConcurrently(FitsFile f, int extver) {
        int si = f.find("SCI", extver);
        int ei = f.find("ERR", extver);
        int di = f.find("DQ", extver);
        if (si < 0) {
            return readImset(f, extver); // throws the usual error
        }
        FitsFile.FloatImage sci = f.readFloatImage(si);
        FitsFile.FloatImage err = ei < 0 ? null : f.readFloatImage(ei);
        FitsFile.ShortImage dq = di < 0 ? null : f.readShortImage(di);
        Header[] h;
        synchronized (f) {
            h = new Header[] {Headers.copy(f.header(si)), ei < 0 ? null : Headers.copy(f.header(ei)),
                di < 0 ? null : Headers.copy(f.header(di))};
        }
        return assemble(f, extver, sci, err, dq, h[0], h[1], h[2]);
    }

    /** Reads imset {@code extver}: SCI, ERR, DQ. */
    public static Imset readImset(FitsFile f, int extver) {
        int si = f.find("SCI", extver);
        int ei = f.find("ERR", extver);
        int di = f.find("DQ", extver);
        if (si < 0) {
            throw (InvalidInputException) new InvalidInputException("extension SCI," + extver + " not found")
                    .inFile(f.name());
        }
        FitsFile.FloatImage sci = f.readFloatImage(si);
        FitsFile.FloatImage err = ei < 0 ? null : f.readFloatImage(ei);
        FitsFile.ShortImage dq = di < 0 ? null : f.readShortImage(di);
        return assemble(f, extver, sci, err, dq, Headers.copy(f.header(si)),
                ei < 0 ? null : Headers.copy(f.header(ei)), di < 0 ? null : Headers.copy(f.header(di)));
    }

    private static Imset assemble(FitsFile f, int extver, FitsFile.FloatImage sci, FitsFile.FloatImage err,
                                  FitsFile.ShortImage dq, Header sciHeader, Header errHeader, Header dqHeader) {
        int n = sci.nx() * sci.ny();
        if (err != null && (err.nx() != sci.nx() || err.ny() != sci.ny())) {
            throw (InvalidInputException) new InvalidInputException("ERR size " + err.nx() + "x" + err.ny()
                    + " differs from SCI size " + sci.nx() + "x" + sci.ny()).inFile(f.name()).inHdu("ERR," + extver);
        }
        if (dq != null && (dq.nx() != sci.nx() || dq.ny() != sci.ny())) {
            throw (InvalidInputException) new InvalidInputException("DQ size " + dq.nx() + "x" + dq.ny()
                    + " differs from SCI size " + sci.nx() + "x" + sci.ny()).inFile(f.name()).inHdu("DQ," + extver);
        }
        return new Imset(extver, sci.nx(), sci.ny(), sci.data(), err == null ? new float[n] : err.data(),
                dq == null ? new short[n] : dq.data(), sciHeader,
                errHeader == null ? Headers.extension("ERR", extver) : errHeader,
                dqHeader == null ? Headers.extension("DQ", extver) : dqHeader);
    }

    /**
     * Writes an exposure. An existing output is an error unless {@code overwrite} (hstio ckNewFile /
     * {@code imclobber=yes}); the file appears atomically.
     */
    public static void write(Exposure e, Path out, boolean overwrite) {
        Header primary = Headers.copy(e.primary());
        primary.addValue("NEXTEND", 3 * e.imsets().size(), "number of standard extensions");
        if (primary.containsKey("FILENAME")) {
            primary.addValue("FILENAME", String.valueOf(out.getFileName()), "name of file");
        }
        List<BasicHDU<?>> hdus = new ArrayList<>();
        List<Object> pixels = new ArrayList<>();
        try {
            hdus.add(primaryHdu(primary));
            pixels.add(null);
            for (Imset s : e.imsets()) {
                hdus.add(floatHdu(s.sciHeader, "SCI", s.extver, s.nx, s.ny, s.sci, false));
                pixels.add(isConstant(s.sci) ? null : s.sci);
                hdus.add(floatHdu(s.errHeader, "ERR", s.extver, s.nx, s.ny, s.err, false));
                pixels.add(isConstant(s.err) ? null : s.err);
                hdus.add(shortHdu(s.dqHeader, "DQ", s.extver, s.nx, s.ny, s.dq, false));
                pixels.add(isConstant(s.dq) ? null : s.dq);
            }
        } catch (FitsException ex) {
            throw new CalacsException("cannot build FITS output: " + ex.getMessage(), ex).inFile(out.getFileName());
        }
        writeAtomically(hdus, pixels, out, overwrite);
    }

    /**
     * As {@link #write} through nom-tam-fits's own data path (the header and data of every HDU written by
     * nom-tam from row arrays). Kept as the reference the bulk writer is tested against: both give the same bytes.
     */
    static void writeViaNomTam(Exposure e, Path out, boolean overwrite) {
        Header primary = Headers.copy(e.primary());
        primary.addValue("NEXTEND", 3 * e.imsets().size(), "number of standard extensions");
        if (primary.containsKey("FILENAME")) {
            primary.addValue("FILENAME", String.valueOf(out.getFileName()), "name of file");
        }
        List<BasicHDU<?>> hdus = new ArrayList<>();
        try {
            hdus.add(primaryHdu(primary));
            for (Imset s : e.imsets()) {
                hdus.add(floatHdu(s.sciHeader, "SCI", s.extver, s.nx, s.ny, s.sci, true));
                hdus.add(floatHdu(s.errHeader, "ERR", s.extver, s.nx, s.ny, s.err, true));
                hdus.add(shortHdu(s.dqHeader, "DQ", s.extver, s.nx, s.ny, s.dq, true));
            }
        } catch (FitsException ex) {
            throw new CalacsException("cannot build FITS output: " + ex.getMessage(), ex).inFile(out.getFileName());
        }
        writeAtomically(hdus, out, overwrite);
    }

    /** Writes HDUs to {@code out} through a hidden temporary file and an atomic rename. */
    public static void writeAtomically(List<BasicHDU<?>> hdus, Path out, boolean overwrite) {
        writeAtomically(hdus, null, out, overwrite);
    }

    /**
     * Writes HDUs; where {@code pixels} (parallel to {@code hdus}, may be null) holds a flat row-major
     * {@code float[]} or {@code short[]}, that HDU's header is written by nom-tam and its data by
     * {@link #writePixels} in bulk (the HDU's own data object is then only a shape placeholder).
     */
    static void writeAtomically(List<BasicHDU<?>> hdus, List<Object> pixels, Path out, boolean overwrite) {
        Path dir = out.toAbsolutePath().getParent();
        if (!overwrite && Files.exists(out)) {
            throw (OutputExistsException) new OutputExistsException(
                    "output file already exists (set overwrite, or imclobber=yes, to replace it)").inFile(out.getFileName());
        }
        Path tmp = dir.resolve("." + out.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 FitsOutputStream os = new FitsOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                Fits fits = new Fits();
                for (BasicHDU<?> h : hdus) {
                    fits.addHDU(h);
                }
                if (pixels == null) {
                    fits.write(os);
                } else {
                    // headers (and data-less HDUs) in order through nom-tam, leaving room for each data part;
                    // then the data parts, converted and written at their offsets, in parallel
                    List<Object> arrays = new ArrayList<>();
                    List<Long> offsets = new ArrayList<>();
                    for (int i = 0; i < hdus.size(); i++) {
                        Object px = pixels.get(i);
                        BasicHDU<?> h = fits.getHDU(i);
                        if (px == null) {
                            h.write(os);
                        } else {
                            h.getHeader().write(os);
                            os.flush();
                            long at = ch.position();
                            arrays.add(px);
                            offsets.add(at);
                            ch.position(at + paddedBytes(px));
                        }
                    }
                    os.flush();
                    writeAllPixels(ch, arrays, offsets);
                }
                os.flush();
                if (FSYNC) {
                    ch.force(true);
                }
            }
            if (overwrite) {
                moveReplacing(tmp, out);
            } else {
                moveNoReplace(tmp, out);
            }
        } catch (IOException | FitsException ex) {
            deleteQuietly(tmp);
            if (ex instanceof FileAlreadyExistsException) {
                throw (OutputExistsException) new OutputExistsException("output file already exists").inFile(out.getFileName());
            }
            throw new CalacsException("cannot write output: " + ex.getMessage(), ex).inFile(out.getFileName());
        } catch (RuntimeException ex) {
            deleteQuietly(tmp);
            throw ex;
        }
    }

    /**
     * Whether products are forced to disk before the rename ({@code -Dcalacs.fsync=true}). Off by default, as
     * cfitsio does: the hidden temporary + rename already keeps a crashed or killed run from leaving a partial
     * product; only a power cut right after the rename could lose the freshly written data.
     */
    static final boolean FSYNC = Boolean.getBoolean("calacs.fsync");

    /** Bytes converted per write in the bulk data path. */
    private static final int CHUNK = 1 << 20;

    /** Data bytes of a float[] or short[] array padded to whole 2880-byte blocks. */
    static long paddedBytes(Object px) {
        long bytes = px instanceof float[] f ? 4L * f.length : 2L * ((short[]) px).length;
        return (bytes + FitsScan.BLOCK - 1) / FitsScan.BLOCK * FitsScan.BLOCK;
    }

    /**
     * Writes each array at its offset; with several arrays and processors, on up to 2 threads with a fixed
     * assignment (array k on thread k mod T). Every byte lands at the same place whatever the thread count.
     */
    static void writeAllPixels(FileChannel ch, List<Object> arrays, List<Long> offsets) throws IOException {
        int nthreads = Math.min(Math.min(2, Runtime.getRuntime().availableProcessors()), arrays.size());
        if (nthreads <= 1) {
            for (int k = 0; k < arrays.size(); k++) {
                writePixels(ch, arrays.get(k), offsets.get(k));
            }
            return;
        }
        IOException[] failure = new IOException[nthreads];
        Thread[] workers = new Thread[nthreads];
        for (int t = 1; t < nthreads; t++) {
            final int tid = t;
            workers[t] = new Thread(() -> {
                try {
                    for (int k = tid; k < arrays.size(); k += nthreads) {
                        writePixels(ch, arrays.get(k), offsets.get(k));
                    }
                } catch (IOException e) {
                    failure[tid] = e;
                }
            }, "fits-write-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        try {
            for (int k = 0; k < arrays.size(); k += nthreads) {
                writePixels(ch, arrays.get(k), offsets.get(k));
            }
        } catch (IOException e) {
            failure[0] = e;
        }
        for (int t = 1; t < nthreads; t++) {
            try {
                workers[t].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing", e);
            }
        }
        for (IOException e : failure) {
            if (e != null) {
                throw e;
            }
        }
    }

    /**
     * Writes a flat float[] (BITPIX -32) or short[] (BITPIX 16) big-endian at file offset {@code at}, then the
     * zero padding to the next 2880-byte block, as nom-tam does (raw IEEE bits, so NaN payloads are kept).
     * Positional writes: safe from several threads on one channel.
     */
    static void writePixels(FileChannel ch, Object px, long at) throws IOException {
        int size;
        int n;
        if (px instanceof float[] f) {
            size = 4;
            n = f.length;
        } else if (px instanceof short[] sh) {
            size = 2;
            n = sh.length;
        } else {
            throw new IllegalArgumentException("unsupported pixel array " + px.getClass());
        }
        int perChunk = CHUNK / size;
        ByteBuffer buf = ByteBuffer.allocate(perChunk * size).order(ByteOrder.BIG_ENDIAN);
        for (int pos = 0; pos < n; pos += perChunk) {
            int k = Math.min(perChunk, n - pos);
            buf.clear();
            if (size == 4) {
                buf.asFloatBuffer().put((float[]) px, pos, k);
            } else {
                buf.asShortBuffer().put((short[]) px, pos, k);
            }
            buf.limit(k * size);
            long p = at + (long) pos * size;
            while (buf.hasRemaining()) {
                p += ch.write(buf, p);
            }
        }
        long bytes = (long) n * size;
        int pad = (int) ((FitsScan.BLOCK - bytes % FitsScan.BLOCK) % FitsScan.BLOCK);
        if (pad > 0) {
            ByteBuffer z = ByteBuffer.allocate(pad);
            long p = at + bytes;
            while (z.hasRemaining()) {
                p += ch.write(z, p);
            }
        }
    }

    private static void moveReplacing(Path tmp, Path out) throws IOException {
        try {
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void moveNoReplace(Path tmp, Path out) throws IOException {
        // a hard link fails if the target exists, so two writers can never both win
        try {
            Files.createLink(out, tmp);
            Files.delete(tmp);
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            if (e instanceof FileAlreadyExistsException) {
                deleteQuietly(tmp);
                throw e;
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
    }

    static BasicHDU<?> primaryHdu(Header src) throws FitsException {
        Header h = new Header();
        h.addValue("SIMPLE", true, "data conform to FITS standard");
        h.addValue("BITPIX", 16, "bits per data value");
        h.addValue("NAXIS", 0, "number of data axes");
        h.addValue("EXTEND", true, "File may contain standard extensions");
        Headers.copyNonStructural(src, h);
        return new ImageHDU(h, new ImageData());
    }

    /**
     * An image HDU for a flat float array: PIXVALUE form when constant; else with {@code copyRows} the rows are
     * copied into nom-tam's kernel, and without, every kernel row is one shared zero row (the header is the same;
     * the caller writes the data itself with {@link #writePixels}).
     */
    static BasicHDU<?> floatHdu(Header src, String extname, int extver, int nx, int ny, float[] data,
                                boolean copyRows) throws FitsException {
        if (isConstant(data)) {
            return constantHdu(src, extname, extver, -32, nx, ny, data.length == 0 ? 0 : data[0]);
        }
        float[][] arr = new float[ny][];
        float[] shared = copyRows ? null : new float[nx];
        for (int y = 0; y < ny; y++) {
            arr[y] = copyRows ? java.util.Arrays.copyOfRange(data, y * nx, (y + 1) * nx) : shared;
        }
        ImageHDU hdu = ImageData.from(arr).toHDU();
        finishExtension(hdu.getHeader(), src, extname, extver);
        return hdu;
    }

    /** As {@link #floatHdu} for a flat short array (BITPIX 16). */
    static BasicHDU<?> shortHdu(Header src, String extname, int extver, int nx, int ny, short[] data,
                                boolean copyRows) throws FitsException {
        if (isConstant(data)) {
            return constantHdu(src, extname, extver, 16, nx, ny, data.length == 0 ? 0 : data[0]);
        }
        short[][] arr = new short[ny][];
        short[] shared = copyRows ? null : new short[nx];
        for (int y = 0; y < ny; y++) {
            arr[y] = copyRows ? java.util.Arrays.copyOfRange(data, y * nx, (y + 1) * nx) : shared;
        }
        ImageHDU hdu = ImageData.from(arr).toHDU();
        finishExtension(hdu.getHeader(), src, extname, extver);
        return hdu;
    }

    private static void finishExtension(Header h, Header src, String extname, int extver) {
        Headers.copyNonStructural(src, h);
        h.addValue("EXTNAME", extname, "extension name");
        h.addValue("EXTVER", extver, "extension version number");
    }

    /** hstio writes an all-equal array as NAXIS = 0 with NPIX1, NPIX2 and PIXVALUE. */
    static BasicHDU<?> constantHdu(Header src, String extname, int extver, int bitpix, int nx, int ny, double value)
            throws FitsException {
        Header h = new Header();
        h.addValue("XTENSION", "IMAGE", "Image extension");
        h.addValue("BITPIX", bitpix, "bits per data value");
        h.addValue("NAXIS", 0, "number of data axes");
        h.addValue("PCOUNT", 0, "number of group parameters");
        h.addValue("GCOUNT", 1, "number of groups");
        finishExtension(h, src, extname, extver);
        h.addValue("NPIX1", nx, "length of constant array axis 1");
        h.addValue("NPIX2", ny, "length of constant array axis 2");
        if (bitpix == 16) {
            h.addValue("PIXVALUE", (int) value, "values of pixels in constant array");
        } else {
            h.addValue("PIXVALUE", (float) value, "values of pixels in constant array");
        }
        return new ImageHDU(h, new ImageData());
    }

    static boolean isConstant(float[] a) {
        if (a.length == 0) {
            return true;
        }
        int first = Float.floatToRawIntBits(a[0]);
        for (float v : a) {
            if (Float.floatToRawIntBits(v) != first) {
                return false;
            }
        }
        return true;
    }

    static boolean isConstant(short[] a) {
        if (a.length == 0) {
            return true;
        }
        short first = a[0];
        for (short v : a) {
            if (v != first) {
                return false;
            }
        }
        return true;
    }
}
