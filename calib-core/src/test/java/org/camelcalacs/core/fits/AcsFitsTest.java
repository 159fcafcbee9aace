package org.camelcalacs.core.fits;

import org.camelcalacs.core.golden.GoldenCase;
import org.camelcalacs.core.golden.RealData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.OutputExistsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HSTIO layer: PIXVALUE, BZERO raws, damaged files, gzip, atomic writes. */
class AcsFitsTest {
    /** A real file of ../shared/realdata (e.g. the CRDS test HRC raw: uint16 SCI as int16 + BZERO=32768). */
    static Path realData(String name) {
        return RealData.path(name);
    }

    private static Exposure sample(float errValue) {
        Imset s = Imset.blank(1, 4, 3);
        for (int i = 0; i < s.sci.length; i++) {
            s.sci[i] = i * 1.5f - 2f;
        }
        java.util.Arrays.fill(s.err, errValue);
        s.dq[s.index(2, 1)] = 0; // all zero: a constant DQ
        Header p = new Header();
        p.addValue("ROOTNAME", "jtest01aaq", "");
        p.addValue("FILENAME", "whatever.fits", "");
        return new Exposure(null, p, List.of(s));
    }

    @Test
    void constantArraysAreWrittenAsPixvalueAndReadBack(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("jtest01aaq_flt.fits");
        AcsFits.write(sample(2.5f), out, false);

        try (Fits f = new Fits(out.toFile())) {
            Header err = f.getHDU(2).getHeader();
            Header dq = f.getHDU(3).getHeader();
            assertThat(err.getIntValue("NAXIS")).isZero();
            assertThat(err.getIntValue("NPIX1")).isEqualTo(4);
            assertThat(err.getIntValue("NPIX2")).isEqualTo(3);
            assertThat(err.getDoubleValue("PIXVALUE")).isEqualTo(2.5);
            assertThat(err.getStringValue("EXTNAME")).isEqualTo("ERR");
            assertThat(dq.getIntValue("NAXIS")).isZero();
            assertThat(dq.getIntValue("PIXVALUE")).isZero();
            assertThat(f.getHDU(0).getHeader().getIntValue("NEXTEND")).isEqualTo(3);
            assertThat(f.getHDU(0).getHeader().getStringValue("FILENAME")).isEqualTo("jtest01aaq_flt.fits");
        }
        Exposure back = AcsFits.read(out);
        Imset s = back.imsets().get(0);
        assertThat(s.nx).isEqualTo(4);
        assertThat(s.ny).isEqualTo(3);
        assertThat(s.sci[0]).isEqualTo(-2f);
        assertThat(s.sci[s.index(3, 2)]).isEqualTo(11 * 1.5f - 2f); // index 11
        assertThat(s.err).containsOnly(2.5f);
        assertThat(s.dq).containsOnly((short) 0);
    }

    @Test
    void nonConstantDqIsWrittenAsAnArray(@TempDir Path dir) {
        Exposure e = sample(0f);
        e.imsets().get(0).dq[5] = 4096;
        Path out = dir.resolve("x_flt.fits");
        AcsFits.write(e, out, false);
        Imset s = AcsFits.read(out).imsets().get(0);
        assertThat(s.dq[5]).isEqualTo((short) 4096);
        assertThat(s.dq[4]).isZero();
    }

    @Test
    void realRawWithBzeroReadsAsUnsigned() {
        Exposure e = AcsFits.read(realData("crds__j8bt05njq_raw.fits"));
        Imset s = e.imsets().get(0);
        assertThat(e.imsets()).hasSize(1);
        assertThat(s.nx).isEqualTo(1062);
        assertThat(s.ny).isEqualTo(1044);
        // stored int16 -31595 with BZERO 32768 is 1173 DN; 65535 is stored as 32767
        assertThat(s.sci[0]).isEqualTo(-31595 + 32768f);
        assertThat(s.sci[s.index(200, 100)]).isEqualTo(1146f);
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (float v : s.sci) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertThat(max).isEqualTo(32767 + 32768f);
        assertThat(min).isGreaterThanOrEqualTo(0f);
        // ERR and DQ are constant extensions (NAXIS=0, PIXVALUE=0) expanded to full size
        assertThat(s.err).hasSize(1062 * 1044).containsOnly(0f);
        assertThat(s.dq).hasSize(1062 * 1044).containsOnly((short) 0);
    }

    @Test
    void gzipInputReadsLikeThePlainFile(@TempDir Path dir) throws IOException {
        Path raw = realData("crds__j8bt05njq_raw.fits");
        Path gz = dir.resolve("j8bt05njq_raw.fits.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(raw, o);
        }
        Imset a = AcsFits.read(raw).imsets().get(0);
        Imset b = AcsFits.read(gz).imsets().get(0);
        assertThat(b.sci).isEqualTo(a.sci);
        assertThat(b.dq).isEqualTo(a.dq);
    }

    @Test
    void corruptGzipIsAClearError(@TempDir Path dir) throws IOException {
        Path raw = realData("crds__j8bt05njq_raw.fits");
        Path gz = dir.resolve("cut_raw.fits.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(raw, o);
        }
        byte[] all = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> AcsFits.read(gz)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cut_raw.fits.gz").hasMessageContaining("gzip");
    }

    @Test
    void fileCutInTheMiddleOfItsDataIsRejected(@TempDir Path dir) throws IOException {
        Path cut = dir.resolve("jcut01aaq_raw.fits");
        Files.copy(realData("crds__j8bt05njq_raw.fits"), cut);
        try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
            f.setLength(1_000_001L); // inside the SCI data (1062 x 1044 x 2 bytes start after ~20 kB of headers)
        }
        assertThatThrownBy(() -> AcsFits.read(cut)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("jcut01aaq_raw.fits").hasMessageContaining("SCI,1")
                .hasMessageContaining("truncated");
    }

    @Test
    void headerClaimingAHugeImageFailsFastWithoutAllocating(@TempDir Path dir) throws IOException {
        // primary + an SCI header that declares 100000 x 100000 int16 (20 GB) followed by only 10 blocks
        Path lie = dir.resolve("jlie01aaq_raw.fits");
        try (OutputStream o = Files.newOutputStream(lie)) {
            o.write(block("SIMPLE  =                    T", "BITPIX  =                   16",
                    "NAXIS   =                    0", "EXTEND  =                    T", "NEXTEND =                    3"));
            o.write(block("XTENSION= 'IMAGE   '", "BITPIX  =                   16", "NAXIS   =                    2",
                    "NAXIS1  =               100000", "NAXIS2  =               100000", "PCOUNT  =                    0",
                    "GCOUNT  =                    1", "EXTNAME = 'SCI     '", "EXTVER  =                    1"));
            o.write(new byte[10 * FitsScan.BLOCK]);
        }
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        assertThatThrownBy(() -> AcsFits.read(lie)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("jlie01aaq_raw.fits").hasMessageContaining("SCI,1")
                .hasMessageContaining("100000x100000");
        long after = rt.totalMemory() - rt.freeMemory();
        assertThat(after - before).as("no big allocation").isLessThan(500L << 20);
    }

    @Test
    void headerThatFitsTheLimitButNotTheFileIsTruncated(@TempDir Path dir) throws IOException {
        Path lie = dir.resolve("jlie02aaq_raw.fits");
        try (OutputStream o = Files.newOutputStream(lie)) {
            o.write(block("SIMPLE  =                    T", "BITPIX  =                   16",
                    "NAXIS   =                    0", "EXTEND  =                    T"));
            o.write(block("XTENSION= 'IMAGE   '", "BITPIX  =                   16", "NAXIS   =                    2",
                    "NAXIS1  =                 4096", "NAXIS2  =                 2068", "PCOUNT  =                    0",
                    "GCOUNT  =                    1", "EXTNAME = 'SCI     '", "EXTVER  =                    1"));
            o.write(new byte[FitsScan.BLOCK]);
        }
        assertThatThrownBy(() -> AcsFits.read(lie)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("truncated").hasMessageContaining("16,941,056");
    }

    @Test
    void realBrokeRawWithoutScienceArrayIsRejected() {
        Path broke = realData("crds__j8bt05njq_raw_broke.fits");
        assertThatThrownBy(() -> AcsFits.read(broke))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("crds__j8bt05njq_raw_broke.fits[SCI,1]")
                .hasMessageContaining("no data array");
    }

    @Test
    void textFileIsNotFits(@TempDir Path dir) throws IOException {
        Path t = dir.resolve("jtxt01aaq_raw.fits");
        Files.writeString(t, "this is not a FITS file\n".repeat(500));
        assertThatThrownBy(() -> AcsFits.read(t)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a FITS file");
        Path tiny = dir.resolve("jtny01aaq_raw.fits");
        Files.writeString(tiny, "tiny");
        assertThatThrownBy(() -> AcsFits.read(tiny)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a FITS file");
    }

    /** The corpus' damaged raws, read straight from their .gz files (the gzip path of the structure check). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "jbad01trq_raw.fits.gz, truncated",
        "jbad05hgq_raw.fits.gz, exceeds the limit",
        "jbad07nfq_raw.fits.gz, not a FITS file",
        "jbad08brq_raw.fits.gz, no data array",
        "j8bt05njq_raw_broke.fits.gz, no data array"})
    void corpusBadInputsAreRejectedByTheReader(String file, String why) {
        String golden = System.getProperty("calacs.golden.dir");
        Path p = golden == null ? null : Path.of(golden, "bad-inputs", "inputs", file);
        GoldenCase.assumeCorpus(p != null && Files.isRegularFile(p), "bad input " + file + " not found (" + p + ")");
        assertThatThrownBy(() -> AcsFits.read(p)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file).hasMessageContaining(why);
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> AcsFits.read(dir.resolve("nope_raw.fits"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nope_raw.fits").hasMessageContaining("not found");
    }

    @Test
    void existingOutputIsAnErrorUnlessOverwrite(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("jtest01aaq_flt.fits");
        Files.writeString(out, "precious");
        assertThatThrownBy(() -> AcsFits.write(sample(1f), out, false)).isInstanceOf(OutputExistsException.class)
                .hasMessageContaining("jtest01aaq_flt.fits");
        assertThat(Files.readString(out)).isEqualTo("precious");
        assertThat(leftovers(dir)).isEmpty();

        AcsFits.write(sample(1f), out, true);
        assertThat(AcsFits.read(out).imsets().get(0).err).containsOnly(1f);
        assertThat(leftovers(dir)).isEmpty();
    }

    @Test
    void failedWriteLeavesNoPartialFile(@TempDir Path dir) throws IOException {
        // the target is a non-empty directory: the temporary file is complete but cannot replace it
        Path out = dir.resolve("jtest01aaq_flt.fits");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep"), "x");
        assertThatThrownBy(() -> AcsFits.write(sample(1f), out, true)).isInstanceOf(CalacsException.class)
                .hasMessageContaining("jtest01aaq_flt.fits");
        assertThat(leftovers(dir)).isEmpty();
        assertThat(Files.isDirectory(out)).isTrue();
    }

    @Test
    void writeIntoMissingDirectoryCreatesIt(@TempDir Path dir) {
        Path out = dir.resolve("sub/dir/jtest01aaq_flt.fits");
        AcsFits.write(sample(1f), out, false);
        assertThat(Files.isRegularFile(out)).isTrue();
    }

    /** Hidden temporaries (".name.tmp-...") left in {@code dir}. */
    private static List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    /** One 2880-byte header block holding these cards and END. */
    static byte[] block(String... cards) {
        StringBuilder sb = new StringBuilder();
        for (String c : cards) {
            sb.append(String.format("%-80s", c));
        }
        sb.append(String.format("%-80s", "END"));
        while (sb.length() % FitsScan.BLOCK != 0) {
            sb.append(' ');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
