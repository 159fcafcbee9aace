package org.camelcalacs.core.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;
import org.camelcalacs.core.fits.Headers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The comparator against hand-made candidates built from the hrc-crsplit expectations (one full product and
 * two compact ones), and cross-checked against the reference comparator golden_compare.py when Debian's
 * python3 with astropy is available: both must give the same verdict for every product.
 */
class GoldenComparatorTest {
    private static final GoldenCase.Tolerance NON_CTE = new GoldenCase.Tolerance(1e-5, 1e-3);
    private static GoldenCase hrc;

    @BeforeAll
    static void corpus() {
        Optional<Path> c = GoldenCase.corpusDir();
        if (c.isEmpty() && GoldenCase.required()) {
            throw new AssertionError("golden corpus missing at " + GoldenCase.configuredDir());
        }
        GoldenCase.assumeCorpus(c.isPresent(), "golden corpus not found at " + GoldenCase.configuredDir());
        hrc = GoldenCase.load(c.get().resolve("hrc-crsplit"));
    }

    // ---- keyword rules, worked by hand ----

    @Test
    void keywordRules() {
        // strings: trailing blanks do not count, leading ones do
        assertThat(GoldenComparator.keywordEqual("BUNIT", "ELECTRONS  ", "ELECTRONS", NON_CTE)).isTrue();
        assertThat(GoldenComparator.keywordEqual("BUNIT", " ELECTRONS", "ELECTRONS", NON_CTE)).isFalse();
        assertThat(GoldenComparator.keywordEqual("BUNIT", 1L, "1", NON_CTE)).isFalse();
        // integers exact, int vs float compares by value as Python does
        assertThat(GoldenComparator.keywordEqual("NCOMBINE", 2L, 2L, NON_CTE)).isTrue();
        assertThat(GoldenComparator.keywordEqual("NCOMBINE", 3L, 2L, NON_CTE)).isFalse();
        assertThat(GoldenComparator.keywordEqual("NCOMBINE", 2.0, 2L, NON_CTE)).isTrue();
        assertThat(GoldenComparator.keywordEqual("NCOMBINE", "2", 2L, NON_CTE)).isFalse();
        // other floats: 1e-6 relative; 100 * 1e-6 = 1e-4
        assertThat(GoldenComparator.keywordEqual("EXPTIME", 100.00009, 100.0, NON_CTE)).isTrue();
        assertThat(GoldenComparator.keywordEqual("EXPTIME", 100.00011, 100.0, NON_CTE)).isFalse();
        assertThat(GoldenComparator.keywordEqual("EXPTIME", 1e-30, 0.0, NON_CTE)).isFalse();
        assertThat(GoldenComparator.keywordEqual("MEANEXP", Double.NaN, Double.NaN, NON_CTE)).isTrue();
        assertThat(GoldenComparator.keywordEqual("MEANEXP", 1.0, Double.NaN, NON_CTE)).isFalse();
        // pixel statistics: atol + rtol*|o| = 1e-3 + 1e-5*2510.717 = 0.02610717
        assertThat(GoldenComparator.keywordEqual("MEANBLEV", 2510.717 + 0.026, 2510.717, NON_CTE)).isTrue();
        assertThat(GoldenComparator.keywordEqual("MEANBLEV", 2510.717 + 0.0262, 2510.717, NON_CTE)).isFalse();
        // a zero oracle still allows atol for statistics
        assertThat(GoldenComparator.keywordEqual("BIASLEVA", 0.0009, 0.0, NON_CTE)).isTrue();
    }

    @Test
    void pixelToleranceRule() {
        GoldenCase.Tolerance cte = new GoldenCase.Tolerance(1e-4, 1e-2);
        // 1e-2 + 1e-4*1000 = 0.11
        assertThat(cte.ok(1000.109, 1000.0)).isTrue();
        assertThat(cte.ok(1000.111, 1000.0)).isFalse();
        assertThat(cte.ok(Double.NaN, Double.NaN)).isTrue();
        assertThat(cte.ok(0.0, Double.NaN)).isFalse();
        assertThat(cte.ok(Double.NaN, 0.0)).isFalse();
    }

    // ---- whole products, with the Python comparator as a second opinion ----

    @Test
    void identicalCandidatesPass(@TempDir Path work) throws Exception {
        writeCandidates(work, Map.of());
        Map<String, Boolean> java = javaVerdicts(work);
        assertThat(java).containsEntry("jsyn02abq_flt.fits", true).containsEntry("jsyn02acq_flt.fits", true)
                .containsEntry("jsyn02011_crj.fits", true);
        GoldenComparator.ProductResult crj = GoldenComparator.compare(hrc, product("jsyn02011_crj.fits"), work);
        assertThat(crj.maxAbs()).isZero();
        assertThat(crj.arrays).extracting(GoldenComparator.ArrayResult::extension).containsExactly("SCI,1", "ERR,1");
        GoldenComparator.ProductResult abq = GoldenComparator.compare(hrc, product("jsyn02abq_flt.fits"), work);
        assertThat(abq.arrays).extracting(GoldenComparator.ArrayResult::extension)
                .containsExactly("SCI_ROWS,1", "ERR_ROWS,1", "SCI_COLS,1", "ERR_COLS,1");
        assertThat(pythonVerdicts(work)).isEqualTo(java);
    }

    @Test
    void pixelDeviationsAtTheToleranceEdge(@TempDir Path work) throws Exception {
        Map<String, Consumer<BasicHDU<?>[]>> edits = new LinkedHashMap<>();
        // abq: a sampled pixel (row 32 is sampled) moved by 1.5 x its tolerance -> FAIL
        edits.put("jsyn02abq_flt.fits", h -> bump((ImageHDU) h[1], 32, 100, 1.5));
        // acq: an unsampled pixel (row 33, column 100) moved a lot -> still PASS (not stored)
        edits.put("jsyn02acq_flt.fits", h -> addTo((ImageHDU) h[1], 33, 100, 1000f));
        // crj: a pixel moved by half its tolerance -> PASS
        edits.put("jsyn02011_crj.fits", h -> bump((ImageHDU) h[1], 500, 500, 0.5));
        writeCandidates(work, edits);
        Map<String, Boolean> java = javaVerdicts(work);
        assertThat(java).containsEntry("jsyn02abq_flt.fits", false).containsEntry("jsyn02acq_flt.fits", true)
                .containsEntry("jsyn02011_crj.fits", true);
        GoldenComparator.ProductResult abq = GoldenComparator.compare(hrc, product("jsyn02abq_flt.fits"), work);
        assertThat(abq.arrays.stream().mapToLong(GoldenComparator.ArrayResult::outOfTolerance).sum())
                .as("row 32 / column 100 is in SCI_ROWS only").isEqualTo(1);
        assertThat(pythonVerdicts(work)).isEqualTo(java);
    }

    @Test
    void dqAndKeywordDifferences(@TempDir Path work) throws Exception {
        Map<String, Consumer<BasicHDU<?>[]>> edits = new LinkedHashMap<>();
        // abq: EXPTIME off by 2e-6 relative -> FAIL
        edits.put("jsyn02abq_flt.fits", h -> {
            Header p = h[0].getHeader();
            p.addValue("EXPTIME", p.getDoubleValue("EXPTIME") * (1 + 2e-6), "");
        });
        // acq: one DQ bit flipped -> FAIL
        edits.put("jsyn02acq_flt.fits", h -> {
            short[][] dq = (short[][]) ((ImageHDU) h[3]).getData().getData();
            dq[7][9] ^= 4;
        });
        // crj: GOODMEAN within the pixel tolerance though far beyond 1e-6, and a never-compared keyword changed
        edits.put("jsyn02011_crj.fits", h -> {
            Header s = h[1].getHeader();
            double g = s.getDoubleValue("GOODMEAN");
            s.addValue("GOODMEAN", g + 0.5 * (1e-3 + 1e-5 * Math.abs(g)), "");
            h[0].getHeader().addValue("FILENAME", "something_else.fits", "");
        });
        writeCandidates(work, edits);
        Map<String, Boolean> java = javaVerdicts(work);
        assertThat(java).containsEntry("jsyn02abq_flt.fits", false).containsEntry("jsyn02acq_flt.fits", false)
                .containsEntry("jsyn02011_crj.fits", true);
        GoldenComparator.ProductResult acq = GoldenComparator.compare(hrc, product("jsyn02acq_flt.fits"), work);
        assertThat(acq.dqMismatches).containsEntry("DQ,1", 1L);
        GoldenComparator.ProductResult abq = GoldenComparator.compare(hrc, product("jsyn02abq_flt.fits"), work);
        assertThat(abq.keywordMismatches).singleElement().asString().startsWith("PRIMARY EXPTIME");
        assertThat(pythonVerdicts(work)).isEqualTo(java);
    }

    @Test
    void missingProductFails(@TempDir Path work) {
        GoldenComparator.ProductResult r = GoldenComparator.compare(hrc, product("jsyn02011_crj.fits"), work);
        assertThat(r.missing).isTrue();
        assertThat(r.pass()).isFalse();
    }

    @Test
    void commandParsing() {
        assertThat(GoldenCase.commandArgs("cd <workdir> && export jref=<workdir>/ref/ && calacs.e -v -s j_raw.fits"))
                .containsExactly("calacs", "-v", "-s", "j_raw.fits");
        assertThat(hrc.commandArgs()).containsExactly("calacs", "-v", "jsyn02010_asn.fits");
        assertThat(hrc.keepsTemporaries()).isFalse();
    }

    // ---- in-memory candidates (stage-level tests), product subsets, case lookup ----

    /**
     * A stage input rebuilt from a compact expectation and seen in memory compares like the file: identical
     * passes (every sampled row/column value and the whole DQ compared), a sampled pixel beyond its tolerance or
     * one DQ bit fails, an unsampled pixel does not count.
     */
    @Test
    void inMemoryExposureFromExpect() throws Exception {
        GoldenCase.Product abq = product("jsyn02abq_flt.fits");
        org.camelcalacs.core.fits.Exposure x = InMemory.fromExpect(hrc.dir().resolve(abq.file()));
        org.camelcalacs.core.fits.Imset s = x.imset(1);
        FitsView e = FitsView.open(hrc.dir().resolve(abq.file()));
        int nRows = e.image(e.find("ROWINDEX", 1)).data().length;
        int nCols = e.image(e.find("COLINDEX", 1)).data().length;
        // unsampled pixels are NaN; sampled ones hold the stored values
        assertThat(s.sci[33 * s.nx + 101]).isNaN();
        double[] rows = e.image(e.find("ROWINDEX", 1)).data();
        assertThat(rows).startsWith(0, 1, 2, 32); // first 3 rows, then every 32nd
        assertThat((double) s.sci[32 * s.nx + 100]).isEqualTo(e.image(e.find("SCI_ROWS", 1)).at(3, 100));
        GoldenComparator.ProductResult same = GoldenComparator.compare(hrc, abq, InMemory.view(x, "abq"));
        assertThat(same.pass()).as(same.problems().toString()).isTrue();
        assertThat(same.arrays).extracting(GoldenComparator.ArrayResult::compared)
                .containsExactly((long) nRows * s.nx, (long) nRows * s.nx, (long) nCols * s.ny, (long) nCols * s.ny);
        assertThat(same.dqMismatches).containsEntry("DQ,1", 0L);

        s.sci[33 * s.nx + 101] = 1e6f; // row 33 and column 101 are not sampled
        assertThat(GoldenComparator.compare(hrc, abq, InMemory.view(x, "abq")).pass()).isTrue();
        float o = s.sci[32 * s.nx + 100]; // row 32 is sampled, column 100 is not: in SCI_ROWS only
        s.sci[32 * s.nx + 100] = (float) (o + 1.5 * (1e-3 + 1e-5 * Math.abs(o)));
        GoldenComparator.ProductResult far = GoldenComparator.compare(hrc, abq, InMemory.view(x, "abq"));
        assertThat(far.pass()).isFalse();
        assertThat(far.arrays.stream().mapToLong(GoldenComparator.ArrayResult::outOfTolerance).sum()).isEqualTo(1);
        s.sci[32 * s.nx + 100] = o;
        s.dq[7 * s.nx + 9] ^= 4;
        GoldenComparator.ProductResult dq = GoldenComparator.compare(hrc, abq, InMemory.view(x, "abq"));
        assertThat(dq.dqMismatches).containsEntry("DQ,1", 1L);
        assertThat(dq.pass()).isFalse();
    }

    /**
     * A complete product read into memory: every pixel of SCI and ERR compared; a pixel 1.5 tolerances off and
     * a pixel statistic keyword (SKYSUM: atol + rtol·|o|) beyond its tolerance are named in the problems.
     */
    @Test
    void inMemoryFullProductAndPixelStatisticKeyword() throws Exception {
        GoldenCase.Product crj = product("jsyn02011_crj.fits");
        org.camelcalacs.core.fits.Exposure x = org.camelcalacs.core.fits.AcsFits.read(hrc.dir().resolve(crj.file()));
        org.camelcalacs.core.fits.Imset s = x.imset(1);
        GoldenComparator.ProductResult same = GoldenComparator.compare(hrc, crj, InMemory.view(x, "crj"));
        assertThat(same.pass()).as(same.problems().toString()).isTrue();
        assertThat(same.arrays).extracting(GoldenComparator.ArrayResult::compared)
                .containsExactly((long) s.nx * s.ny, (long) s.nx * s.ny);
        double sky = x.primary().getDoubleValue("SKYSUM");
        double tol = 1e-3 + 1e-5 * Math.abs(sky);
        x.primary().addValue("SKYSUM", sky + 0.5 * tol, "");
        assertThat(GoldenComparator.compare(hrc, crj, InMemory.view(x, "crj")).pass()).isTrue();
        x.primary().addValue("SKYSUM", sky + 1.5 * tol, "");
        float o = s.sci[0];
        s.sci[0] = (float) (o + 1.5 * (1e-3 + 1e-5 * Math.abs(o)));
        GoldenComparator.ProductResult bad = GoldenComparator.compare(hrc, crj, InMemory.view(x, "crj"));
        assertThat(bad.pass()).isFalse();
        assertThat(bad.keywordMismatches).singleElement().asString().startsWith("PRIMARY SKYSUM");
        assertThat(bad.problems()).anyMatch(p -> p.startsWith("SCI,1: 1 values out of tolerance"));
        // the same candidate without SKYSUM in the compared keywords fails on the pixel only
        GoldenComparator.ProductResult noSky = GoldenComparator.compare(hrc, crj.withoutKeywords(Set.of("SKYSUM")),
                InMemory.view(x, "crj"));
        assertThat(noSky.keywordMismatches).isEmpty();
        assertThat(noSky.pass()).isFalse();
    }

    @Test
    void productSubsetsAndCaseLookup() {
        GoldenCase.Product crj = product("jsyn02011_crj.fits");
        GoldenCase.Product fewer = crj.withoutKeywords(Set.of("SKYSUM", "EXPTIME"));
        assertThat(crj.compareKeywords().get("PRIMARY")).contains("SKYSUM", "EXPTIME");
        assertThat(fewer.compareKeywords().get("PRIMARY")).doesNotContain("SKYSUM", "EXPTIME")
                .hasSize(crj.compareKeywords().get("PRIMARY").size() - 2);
        assertThat(fewer.compareKeywords().get("SCI,1")).isEqualTo(crj.compareKeywords().get("SCI,1"));
        assertThat(hrc.product("jsyn02011_crj.fits")).isEqualTo(crj);
        assertThatThrownBy(() -> hrc.product("nope_flt.fits")).isInstanceOf(AssertionError.class);
        assertThat(GoldenCase.require("hrc-crsplit").id()).isEqualTo("hrc-crsplit");
        // a missing case skips the calling test (or fails when the corpus is required)
        assertThatThrownBy(() -> GoldenCase.require("no-such-case"))
                .isInstanceOf(GoldenCase.required() ? AssertionError.class : TestAbortedException.class)
                .hasMessageContaining("no-such-case");
    }

    // ---- helpers ----

    private static GoldenCase.Product product(String name) {
        return hrc.products().stream().filter(p -> p.product().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, Boolean> javaVerdicts(Path work) {
        Map<String, Boolean> v = new LinkedHashMap<>();
        for (GoldenCase.Product p : hrc.products()) {
            v.put(p.product(), GoldenComparator.compare(hrc, p, work).pass());
        }
        return v;
    }

    /** Runs golden_compare.py; skips (assumption) if python3 with astropy is not installed. */
    private static Map<String, Boolean> pythonVerdicts(Path work) throws IOException, InterruptedException {
        Path py = Path.of("/usr/bin/python3");
        Path script = hrc.dir().getParent().resolve("golden_compare.py");
        Assumptions.assumeTrue(Files.isExecutable(py) && Files.isRegularFile(script), "no python3 / golden_compare.py");
        Process check = new ProcessBuilder(py.toString(), "-c", "import astropy").redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        Assumptions.assumeTrue(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0, "astropy not installed");
        Process p = new ProcessBuilder(py.toString(), script.toString(), hrc.dir().toString(), work.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Map<String, Boolean> v = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (t.length == 2 && (t[0].equals("OK") || t[0].equals("FAIL") || t[0].equals("MISSING"))) {
                v.put(t[1], t[0].equals("OK"));
            }
        }
        assertThat(v).as("golden_compare.py output:\n" + out).hasSize(hrc.products().size());
        return v;
    }

    /** Writes the three hrc-crsplit candidates into {@code work}, with optional edits. */
    private static void writeCandidates(Path work, Map<String, Consumer<BasicHDU<?>[]>> edits) throws Exception {
        for (GoldenCase.Product p : hrc.products()) {
            Path expectGz = hrc.dir().resolve(p.file());
            Path plain = GoldenCase.gunzipInto(expectGz, Files.createTempDirectory(work.getParent(), "exp"));
            BasicHDU<?>[] hdus = p.full() ? readAll(plain) : expand(plain);
            edits.getOrDefault(p.product(), h -> { }).accept(hdus);
            try (Fits f = new Fits()) {
                for (BasicHDU<?> h : hdus) {
                    f.addHDU(h);
                }
                f.write(work.resolve(p.product()).toFile());
            }
        }
    }

    private static BasicHDU<?>[] readAll(Path file) throws IOException, FitsException {
        try (Fits f = new Fits(file.toFile())) {
            BasicHDU<?>[] h = f.read();
            for (BasicHDU<?> x : h) {
                if (x instanceof ImageHDU i) {
                    i.getKernel();
                }
            }
            return h;
        }
    }

    /**
     * Rebuilds a full-size product from a compact expectation: SCI/ERR are zero except the sampled rows and
     * columns, DQ is the stored array; headers are the stored ones.
     */
    private static BasicHDU<?>[] expand(Path expect) throws Exception {
        FitsView e = FitsView.open(expect);
        Header ph = new Header();
        ph.addValue("SIMPLE", true, "");
        ph.addValue("BITPIX", 16, "");
        ph.addValue("NAXIS", 0, "");
        ph.addValue("EXTEND", true, "");
        Headers.copyNonStructural(e.header(0), ph);
        List<Integer> vers = e.sciVersions();
        BasicHDU<?>[] out = new BasicHDU<?>[1 + 3 * vers.size()];
        out[0] = new ImageHDU(ph, new ImageData());
        int k = 1;
        for (int v : vers) {
            Header sh = e.header(e.find("SCI", v));
            int nx = sh.getIntValue("ORIGNAX1");
            int ny = sh.getIntValue("ORIGNAX2");
            FitsView.Image rows = e.image(e.find("ROWINDEX", v));
            FitsView.Image cols = e.image(e.find("COLINDEX", v));
            for (String name : List.of("SCI", "ERR")) {
                float[][] a = new float[ny][nx];
                FitsView.Image r = e.image(e.find(name + "_ROWS", v));
                FitsView.Image c = e.image(e.find(name + "_COLS", v));
                for (int i = 0; i < rows.data().length; i++) {
                    for (int x = 0; x < nx; x++) {
                        a[(int) rows.data()[i]][x] = (float) r.at(i, x);
                    }
                }
                for (int j = 0; j < cols.data().length; j++) {
                    for (int y = 0; y < ny; y++) {
                        a[y][(int) cols.data()[j]] = (float) c.at(y, j);
                    }
                }
                ImageHDU h = ImageData.from(a).toHDU();
                Headers.copyNonStructural(e.header(e.find(name, v)), h.getHeader());
                out[k++] = h;
            }
            FitsView.Image dq = e.image(e.find("DQ", v));
            short[][] d = new short[ny][nx];
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    d[y][x] = (short) dq.at(y, x);
                }
            }
            ImageHDU h = ImageData.from(d).toHDU();
            Headers.copyNonStructural(e.header(e.find("DQ", v)), h.getHeader());
            out[k++] = h;
        }
        return out;
    }

    private static void bump(ImageHDU h, int y, int x, double timesTolerance) {
        float[][] a = (float[][]) h.getData().getData();
        double o = a[y][x];
        a[y][x] = (float) (o + timesTolerance * (1e-3 + 1e-5 * Math.abs(o)));
    }

    private static void addTo(ImageHDU h, int y, int x, float d) {
        float[][] a = (float[][]) h.getData().getData();
        a[y][x] += d;
    }
}
