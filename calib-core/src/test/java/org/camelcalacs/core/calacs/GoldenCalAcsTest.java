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
    private static final Path GOLDEN = Path.of(System.getProperty("calacs.golden.dir", "/work/shared/golden"));
    private static final boolean REQUIRED = Boolean.getBoolean("calacs.golden.required");
    private static final List<String> CASES = List.of("hrc-crsplit", "hrc-rpt", "hrc-dither", "sbc-real-rpt",
            "wfc-crsplit");

    @TestFactory
    Stream<DynamicTest> associationCases() {
        String only = System.getProperty("calacs.golden.cases");
        return CASES.stream().filter(c -> only == null || List.of(only.split(",")).contains(c))
                .map(c -> DynamicTest.dynamicTest(c, () -> runCase(c)));
    }

    @SuppressWarnings("unchecked")
    private void runCase(String name) throws Exception {
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
            RunOptions opts = RunOptions.defaults(work).withVerbosity(Verbosity.VERBOSE);
            Map<String, String> env = Map.of("jref", ref + "/");
            RunContext ctx = new RunContext(opts, RefResolver.fromEnvironment(env, work, List.of()),
                    new Trailer(Verbosity.VERBOSE, false, null), env, null);
            long t0 = System.nanoTime();
            CalAcsResult result;
            try {
                result = CalAcs.run((String) c.get("input"), ctx);
            } catch (NotImplementedException e) {
                if (REQUIRED) {
                    throw e;
                }
                Assumptions.abort("a stage is not implemented yet: " + e.getMessage());
                return;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
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
            lines.add(0, String.format(java.util.Locale.ROOT, "== %s: %.2f s (oracle %s s), products %s", name, secs,
                    ((Map<String, Object>) c.get("oracle")).get("wall_time_s"), result.products().size()));
            lines.add("   stage times (ms): " + result.timingsMs());
            for (String l : lines) {
                LOG.info(l);
            }
            Path report = Path.of("target", "golden-calacs-report.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            assertTrue(ok, String.join("\n", lines));
        } finally {
            if (!Boolean.getBoolean("calacs.golden.keep")) {
                deleteTree(work);
            } else {
                LOG.info("kept work directory {}", work);
            }
        }
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
