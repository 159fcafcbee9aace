package org.camelcalacs.core.calacs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.camelcalacs.core.error.NotImplementedException;
import org.camelcalacs.core.model.Verbosity;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link CalAcs#run} on the association cases of the golden corpus in a temporary directory and compares the
 * products with the oracle's (golden/README.md rules). A missing corpus skips the cases with the reason, unless
 * {@code -Dcalacs.golden.required=true}; so does a stage that is still a stub (NotImplementedException).
 * A summary with the maximum deviations goes to {@code target/golden-calacs-report.txt}.
 */
class GoldenCalAcsTest {
    private static final Logger LOG = LoggerFactory.getLogger(GoldenCalAcsTest.class);
    private static final Path GOLDEN = goldenDir();
    private static final boolean REQUIRED = Boolean.getBoolean("calacs.golden.required");
    private static final List<String> CASES = List.of("hrc-crsplit", "hrc-rpt", "hrc-dither", "sbc-real-rpt",
            "wfc-crsplit");
    /** Single-exposure cases, also run through the driver when named in calacs.golden.cases (slow with CTE). */
    private static final List<String> SINGLE_CASES = List.of("hrc-real-single", "wfc-presm4", "wfc-full-postsm4",
            "wfc-sub2k-cte", "wfc-full-cte");

    @TestFactory
    Stream<DynamicTest> associationCases() {
        String only = System.getProperty("calacs.golden.cases");
        Stream<DynamicTest> cases = Stream.concat(CASES.stream(),
                        SINGLE_CASES.stream().filter(c -> only != null && List.of(only.split(",")).contains(c)))
                .filter(c -> only == null || List.of(only.split(",")).contains(c))
                .map(c -> DynamicTest.dynamicTest(c, () -> runCase(c, false, null)));
        Stream<DynamicTest> withTemps = Stream.of("hrc-crsplit")
                .filter(c -> only == null || List.of(only.split(",")).contains(c))
                .map(c -> DynamicTest.dynamicTest(c + " -s", () -> runCase(c, true, null)));
        // the product rootname as input: PARTIAL processing of that position through <root>0_asn.fits
        Stream<DynamicTest> partial = Stream.of("hrc-rpt")
                .filter(c -> only == null || List.of(only.split(",")).contains(c))
                .map(c -> DynamicTest.dynamicTest(c + " (input jsyn05011)", () -> runCase(c, false, "jsyn05011")));
        return Stream.concat(Stream.concat(cases, withTemps), partial);
    }

    @SuppressWarnings("unchecked")
    private void runCase(String name, boolean saveTemps, String inputOverride) throws Exception {
        Path caseDir = GOLDEN.resolve(name);
        Path caseJson = caseDir.resolve("case.json");
        if (!Files.isRegularFile(caseJson)) {
            if (REQUIRED) {
                fail("golden case " + name + " not found at " + caseDir);
            }
            Assumptions.abort("golden corpus not available: " + caseDir + " (set calacs.golden.dir)");
        }
        Map<String, Object> c = (Map<String, Object>) MiniJson.parse(Files.readString(caseJson));
        Path work = Files.createTempDirectory("golden-" + name + "-");
        try {
            for (Object in : (List<Object>) c.get("inputs")) {
                gunzip(caseDir.resolve((String) in), work);
            }
            Path ref = work.resolve("ref");
            Files.createDirectories(ref);
            String jref = (String) c.get("jref");
            Path refSrc = jref == null ? caseDir.resolve("inputs/ref") : caseDir.resolve(jref).normalize();
            try (Stream<Path> s = Files.list(refSrc)) {
                for (Path p : s.toList()) {
                    if (p.toString().endsWith(".gz")) {
                        gunzip(p, ref);
                    }
                }
            }
            String command = String.valueOf(((Map<String, Object>) c.get("oracle")).get("command"));
            // cases whose oracle ran with -s compare stage products (blv_tmp, blc_tmp) too
            boolean oracleSaved = List.of(command.split("\\s+")).contains("-s");
            RunOptions opts = RunOptions.defaults(work).withVerbosity(Verbosity.VERBOSE)
                    .withSaveTemporaries(saveTemps || oracleSaved);
            Map<String, String> env = Map.of("jref", ref + "/");
            RunContext ctx = new RunContext(opts, RefResolver.fromEnvironment(env, work, List.of()),
                    new Trailer(Verbosity.VERBOSE, false, null), env, null);
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            CalAcsResult result;
            try {
                result = CalAcs.run(inputOverride != null ? inputOverride : (String) c.get("input"), ctx);
            } catch (NotImplementedException e) {
                if (REQUIRED) {
                    throw e;
                }
                Assumptions.abort("a stage is not implemented yet: " + e.getMessage());
                return;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpuSecs = (processCpuNanos() - cpu0) / 1e9;
            List<String> lines = new ArrayList<>();
            boolean ok = true;
            for (Object po : (List<Object>) c.get("products")) {
                Map<String, Object> p = (Map<String, Object>) po;
                String product = (String) p.get("product");
                Path actual = work.resolve(product);
                Path expected = work.resolve("expected-" + product);
                gunzipTo(caseDir.resolve((String) p.get("file")), expected);
                if (!Files.isRegularFile(actual)) {
                    lines.add(product + ": FAIL (not produced)");
                    ok = false;
                    continue;
                }
                Map<String, List<String>> kws = new LinkedHashMap<>();
                ((Map<String, Object>) p.get("compare_keywords")).forEach((k, v) -> kws.put(k, (List<String>) v));
                GoldenProducts.Report r = GoldenProducts.compare(product, actual.toFile(), expected.toFile(),
                        "full".equals(p.get("storage")), Boolean.TRUE.equals(p.get("cte")), kws);
                lines.add(r.toString());
                ok &= r.ok();
            }
            if (inputOverride != null) {
                // PARTIAL: no association trailer (the DTH step runs only for a whole association)
                assertTrue(!Files.exists(work.resolve("jsyn05010.tra")), "no association trailer for PARTIAL");
                assertTrue(Files.exists(work.resolve(inputOverride + ".tra")), "product trailer missing");
            }
            lines.add(0, String.format(java.util.Locale.ROOT, "== %s%s: %.2f s wall, %.2f s process CPU (oracle %s s wall),"
                    + " products %s", name, saveTemps ? " -s" : inputOverride != null ? " (input " + inputOverride + ")" : "", secs, cpuSecs,
                    ((Map<String, Object>) c.get("oracle")).get("wall_time_s"), result.products().size()));
            lines.add("   stage times (ms): " + result.timingsMs());
            for (String l : lines) {
                LOG.info(l);
            }
            Path report = Path.of("target", "golden-calacs-report.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (saveTemps) {
                checkTemporaries(work);
            } else if (!oracleSaved) {
                try (Stream<Path> s = Files.list(work)) {
                    assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("_tmp")),
                            "temporaries must not be written without -s");
                }
            }
            assertTrue(ok, String.join("\n", lines));
        } finally {
            if (!Boolean.getBoolean("calacs.golden.keep")) {
                deleteTree(work);
            } else {
                LOG.info("kept work directory {}", work);
            }
        }
    }

    /**
     * With -s: the blv_tmp and crj_tmp files exist; the crj_tmp has ERR[0,0] = -1 (acsrej quirk, spec §6) and the
     * blv_tmp DQ arrays carry the 8192 flags written back by CRMASK.
     */
    private static void checkTemporaries(Path work) {
        org.camelcalacs.core.fits.Exposure crjTmp = org.camelcalacs.core.fits.AcsFits.read(
                work.resolve("jsyn02011_crj_tmp.fits"));
        assertTrue(crjTmp.imsets().get(0).err[0] == -1f, "crj_tmp ERR[0,0] must be -1");
        for (String m : List.of("jsyn02abq", "jsyn02acq")) {
            org.camelcalacs.core.fits.Exposure blv = org.camelcalacs.core.fits.AcsFits.read(
                    work.resolve(m + "_blv_tmp.fits"));
            long crs = 0;
            for (short d : blv.imsets().get(0).dq) {
                if ((d & 8192) != 0) {
                    crs++;
                }
            }
            assertTrue(crs > 0, m + "_blv_tmp has no CR flags");
            LOG.info("{}_blv_tmp: {} pixels flagged 8192", m, crs);
        }
    }

    /** calacs.golden.dir if it exists, else the shared corpus location of the project machines. */
    private static Path goldenDir() {
        String prop = System.getProperty("calacs.golden.dir");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        Path shared = Path.of("/work/shared/golden");
        return Files.isDirectory(shared) || prop == null ? shared : Path.of(prop);
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0L;
    }

    private static void gunzip(Path gz, Path dir) throws IOException {
        String n = gz.getFileName().toString();
        gunzipTo(gz, dir.resolve(n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n));
    }

    private static void gunzipTo(Path gz, Path target) throws IOException {
        try (InputStream in = gz.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(gz), 1 << 16)
                : Files.newInputStream(gz)) {
            Files.copy(in, target);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
