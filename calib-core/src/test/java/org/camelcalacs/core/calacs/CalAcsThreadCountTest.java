package org.camelcalacs.core.calacs;

import org.camelcalacs.core.golden.GoldenCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.camelcalacs.core.model.Verbosity;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The driver with one thread and with two threads (ACSCCD and ACS2D imsets in parallel, ACS2D in place on the
 * in-memory exposures) writes the same bytes: every product and -s temporary, and the same trailer text apart
 * from the wall-clock times. Runs on golden full-frame WFC inputs (two imsets each): a single exposure, and a
 * CR-split association whose _blv_tmp feed ACSREJ (CR flags in their DQ) before ACS2D.
 */
class CalAcsThreadCountTest {

    @ParameterizedTest
    @ValueSource(strings = {"wfc-full-postsm4", "wfc-crsplit"})
    void oneAndTwoThreadsWriteIdenticalFiles(String name) throws Exception {
        Path caseDir = goldenDir().resolve(name);
        GoldenCase.assumeCorpus(Files.isRegularFile(caseDir.resolve("case.json")),
                "golden corpus not available: " + caseDir);
        String json = Files.readString(caseDir.resolve("case.json"));
        Path one = Files.createTempDirectory("threads1-" + name + "-");
        Path two = Files.createTempDirectory("threads2-" + name + "-");
        try {
            String input = run(caseDir, json, one, 1);
            run(caseDir, json, two, 2);
            TreeSet<String> files1 = listing(one);
            TreeSet<String> files2 = listing(two);
            assertEquals(files1, files2, "the same files are written");
            boolean sawFlt = false;
            for (String f : files1) {
                if (f.endsWith(".tra")) {
                    assertEquals(untimed(one.resolve(f)), untimed(two.resolve(f)), f);
                } else if (f.endsWith(".fits") && !f.endsWith("_raw.fits") && !f.equals(input)) {
                    sawFlt |= f.endsWith("_flt.fits");
                    assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(two.resolve(f)), f);
                }
            }
            assertTrue(sawFlt, "an flt was compared");
            assertTrue(files1.stream().anyMatch(f -> f.endsWith("_blv_tmp.fits")), "-s wrote the _blv_tmp");
        } finally {
            deleteTree(one);
            deleteTree(two);
        }
    }

    /** Unpacks the case into {@code work} and runs calacs -v -s there with {@code threads} threads. */
    private static String run(Path caseDir, String json, Path work, int threads) throws IOException {
        String input = field(json, "input");
        int at = json.indexOf("\"inputs\"");
        String list = json.substring(json.indexOf('[', at) + 1, json.indexOf(']', at));
        for (String s : list.split(",")) {
            String rel = s.trim().replace("\"", "");
            gunzip(caseDir.resolve(rel), work);
        }
        Path ref = work.resolve("ref");
        Files.createDirectories(ref);
        String jref = field(json, "jref");
        Path refSrc = jref == null ? caseDir.resolve("inputs/ref") : caseDir.resolve(jref).normalize();
        try (Stream<Path> s = Files.list(refSrc)) {
            for (Path p : s.toList()) {
                if (p.toString().endsWith(".gz")) {
                    gunzip(p, ref);
                }
            }
        }
        RunOptions opts = new RunOptions(Verbosity.VERBOSE, false, true, threads, threads == 1, null, 0, Map.of(),
                Map.of(), work, false);
        // OMP_NUM_THREADS caps threads() at the requested number whatever the machine has
        Map<String, String> env = Map.of("jref", ref + "/", "OMP_NUM_THREADS", String.valueOf(threads));
        RunContext ctx = new RunContext(opts, RefResolver.fromEnvironment(env, work, List.of()),
                new Trailer(Verbosity.VERBOSE, false, null), env, null);
        assertEquals(threads, ctx.threads());
        CalAcsResult r = CalAcs.run(input, ctx);
        assertFalse(r.products().isEmpty(), "products were written");
        return input;
    }

    private static String field(String json, String key) {
        int at = json.indexOf("\"" + key + "\"");
        if (at < 0) {
            return null;
        }
        int q1 = json.indexOf('"', json.indexOf(':', at) + 1);
        return json.substring(q1 + 1, json.indexOf('"', q1 + 1));
    }

    private static TreeSet<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            TreeSet<String> names = new TreeSet<>();
            s.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
            return names;
        }
    }

    /** Trailer lines with clock times (hh:mm:ss) masked: they are the only text allowed to differ. */
    private static List<String> untimed(Path trailer) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(trailer)) {
            out.add(l.replaceAll("\\d\\d:\\d\\d:\\d\\d", "hh:mm:ss").replaceAll("\\d\\d-[A-Z][a-z][a-z]-\\d{4}",
                    "dd-Mon-yyyy"));
        }
        return out;
    }

    private static Path goldenDir() {
        String prop = System.getProperty("calacs.golden.dir");
        return prop != null && Files.isDirectory(Path.of(prop)) ? Path.of(prop) : Path.of("/work/shared/golden");
    }

    private static void gunzip(Path gz, Path dir) throws IOException {
        String n = gz.getFileName().toString();
        Path target = dir.resolve(n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n);
        try (InputStream in = n.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(gz), 1 << 16)
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
