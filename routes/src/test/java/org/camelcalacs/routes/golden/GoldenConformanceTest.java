package org.camelcalacs.routes.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camelcalacs.core.golden.BadInputCase;
import org.camelcalacs.core.golden.GoldenCase;
import org.camelcalacs.core.golden.GoldenComparator;
import org.camelcalacs.core.golden.GoldenReport;
import org.camelcalacs.core.golden.MustPassList;
import org.camelcalacs.routes.cli.CamelCalacsCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance harness: every case of the golden corpus is run in-process through the command line
 * ({@link CamelCalacsCli#execute}, cwd = a fresh work directory, {@code jref = <work>/ref/}) exactly as the
 * oracle was run, and every product is compared with the oracle's (golden/README.md rules). The bad inputs
 * must be rejected with a clear message, a non-zero exit status and no product.
 *
 * <p>Must-pass lists ({@code golden-must-pass.txt}, {@code golden-bad-inputs-must-pass.txt}) decide what fails
 * the build; everything else is still run and reported in {@code target/golden-report.md}. A missing corpus
 * fails when {@code calacs.golden.required=true} (CI), else the tests are skipped with a message.
 */
class GoldenConformanceTest {
    private static final Set<String> MUST_PASS = MustPassList.load("/golden-must-pass.txt");
    private static final Set<String> BAD_MUST_PASS = MustPassList.load("/golden-bad-inputs-must-pass.txt");
    private static final Path WORK = Path.of("target", "golden-work");
    private static final boolean KEEP = Boolean.getBoolean("calacs.golden.keep");
    private static final Duration CASE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration BAD_INPUT_TIMEOUT = Duration.ofSeconds(120);

    /** What a message must mention for each bad input (the problem, in one of its natural wordings). */
    private static final Map<String, Pattern> BAD_INPUT_MESSAGE = Map.ofEntries(
            Map.entry("j8bt05njq_raw_broke.fits", icase("o1515069j|not found|no data array|reference")),
            Map.entry("j8btxxx_raw_bad.fits", icase("INSTRUME|not an ACS")),
            Map.entry("j8btyyy_raw_bad.fits", icase("MIRI|INSTRUME|not an ACS")),
            Map.entry("jbad08brq_raw.fits", icase("CCDAMP|no data array")),
            Map.entry("jbad01trq_raw.fits", icase("truncat")),
            Map.entry("jbad02inq_raw.fits", icase("WFC3|INSTRUME|not an ACS")),
            Map.entry("jbad03mrq_raw.fits", icase("missing_bia|BIASFILE")),
            // the problem is the path traversal, not a missing file: the message must say the name was refused
            Map.entry("jbad04ptq_raw.fits", icase("escape|refus|outside|travers")),
            Map.entry("jbad05hgq_raw.fits", icase("100000|exceeds|truncat")),
            Map.entry("jbad06swq_raw.fits", icase("MAYBE")),
            Map.entry("jbad07nfq_raw.fits", icase("not a FITS")));

    private static Pattern icase(String re) {
        return Pattern.compile(re, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** The corpus, or a skip (fail when required) with a clear message. */
    private static Path corpus() {
        Optional<Path> c = GoldenCase.corpusDir();
        if (c.isEmpty()) {
            String msg = "golden corpus not found at " + GoldenCase.configuredDir()
                    + " (set -Dgolden.dir=/path/to/shared/golden)";
            if (GoldenCase.required()) {
                fail(msg + "; calacs.golden.required=true, so this is an error");
            }
            System.out.println("[golden] SKIPPED: " + msg + " (CI sets -Dgolden.required=true to make this an error)");
            Assumptions.abort(msg + "; conformance tests skipped");
        }
        return c.get();
    }

    @TestFactory
    Stream<DynamicTest> goldenCases() {
        List<GoldenCase> cases = GoldenCase.loadAll(corpus());
        Assertions.assertFalse(cases.isEmpty(), "the corpus has no case.json");
        Set<String> ids = new HashSet<>();
        cases.forEach(c -> ids.add(c.id()));
        for (String m : MUST_PASS) {
            assertTrue(ids.contains(m), "golden-must-pass.txt names an unknown case: " + m);
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> runCase(c)));
    }

    private static void runCase(GoldenCase c) throws IOException {
        boolean must = MUST_PASS.contains(c.id());
        Path work = freshDir(WORK.resolve(c.id()));
        Path ref = c.prepare(work);
        List<String> argv = c.commandArgs();
        Run run = Assertions.assertTimeoutPreemptively(CASE_TIMEOUT, () -> execute(argv, work, ref),
                c.id() + " did not finish within " + CASE_TIMEOUT);
        GoldenReport report = GoldenReport.shared();
        report.addTiming(c.id(), run.exit, run.seconds, c.oracleWallSeconds());
        if (run.exit != 0) {
            report.addCaseFailure(c.id(), "(run)", "exit status " + run.exit + ": " + firstError(run), must);
        }
        List<String> problems = new ArrayList<>();
        for (GoldenCase.Product p : c.products()) {
            GoldenComparator.ProductResult r = GoldenComparator.compare(c, p, work);
            report.addProduct(r, must);
            if (!r.pass()) {
                problems.add(p.product() + ": " + String.join("; ", r.problems()));
            }
        }
        boolean pass = run.exit == 0 && problems.isEmpty();
        if (pass || !KEEP) {
            deleteTree(work);
        }
        String verdict = "[golden] " + c.id() + ": " + (pass ? "PASS" : "FAIL") + (must ? " (must-pass)" : "")
                + (run.exit != 0 ? " - exit " + run.exit + ": " + firstError(run) : "")
                + (problems.isEmpty() ? "" : " - " + problems.get(0));
        System.out.println(verdict);
        if (must && !pass) {
            fail(c.id() + " is on the must-pass list but failed: exit status " + run.exit
                    + (run.exit != 0 ? " (" + firstError(run) + ")" : "") + "; " + String.join(" | ", problems));
        }
    }

    @TestFactory
    Stream<DynamicTest> badInputs() {
        List<BadInputCase> cases = BadInputCase.loadAll(corpus());
        Set<String> files = new HashSet<>();
        cases.forEach(b -> files.add(b.file()));
        for (String m : BAD_MUST_PASS) {
            assertTrue(files.contains(m), "golden-bad-inputs-must-pass.txt names an unknown file: " + m);
        }
        return cases.stream().map(b -> DynamicTest.dynamicTest(b.file(), () -> runBadInput(b)));
    }

    private static void runBadInput(BadInputCase b) throws IOException {
        boolean must = BAD_MUST_PASS.contains(b.file());
        Path work = freshDir(WORK.resolve("bad-" + b.file()));
        Path ref = b.prepare(work);
        Run run;
        try {
            run = Assertions.assertTimeoutPreemptively(BAD_INPUT_TIMEOUT,
                    () -> execute(List.of("calacs", b.file()), work, ref), b.file() + " hung");
        } catch (AssertionError timeout) {
            GoldenReport.shared().addBadInput(b.file(), -1, "", List.of(), false, must, "timed out");
            if (must) {
                throw timeout;
            }
            return;
        }
        List<String> left = BadInputCase.productsIn(work);
        String message = run.err + run.out;
        Pattern expected = BAD_INPUT_MESSAGE.getOrDefault(b.file(), icase("ERROR"));
        List<String> why = new ArrayList<>();
        if (run.exit == 0) {
            why.add("exit status 0");
        }
        if (message.toLowerCase(Locale.ROOT).contains("not implemented")) {
            why.add("rejected for the wrong reason (not implemented)");
        } else if (!expected.matcher(message).find()) {
            why.add("the message does not name the problem (expected /" + expected.pattern() + "/)");
        }
        if (!left.isEmpty()) {
            why.add("products left: " + left);
        }
        boolean pass = why.isEmpty();
        GoldenReport.shared().addBadInput(b.file(), run.exit, firstError(run), left, pass, must, String.join("; ", why));
        System.out.println("[golden] bad input " + b.file() + ": " + (pass ? "PASS" : "FAIL - " + String.join("; ", why))
                + (must ? " (must-pass)" : ""));
        if (pass || !KEEP) {
            deleteTree(work);
        }
        if (must && !pass) {
            fail(b.file() + " is on the bad-input must-pass list but " + String.join("; ", why)
                    + "; output: " + firstError(run));
        }
    }

    @AfterAll
    static void summary() {
        System.out.println("[golden] " + GoldenReport.shared().summary());
    }

    /** One in-process run's outcome. */
    private record Run(int exit, String out, String err, double seconds) {
    }

    private static Run execute(List<String> argv, Path work, Path ref) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("jref", ref.toAbsolutePath() + "/");
        long t0 = System.nanoTime();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = CamelCalacsCli.execute(argv.toArray(String[]::new), work.toAbsolutePath(), env, o, e);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), s);
    }

    private static String firstError(Run r) {
        for (String line : (r.err + "\n" + r.out).split("\n")) {
            if (line.contains("ERROR")) {
                return line.trim();
            }
        }
        String all = (r.err + r.out).trim();
        return all.length() > 200 ? all.substring(0, 200) : all;
    }

    private static Path freshDir(Path dir) throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir);
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
