package org.camelcalacs.routes.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelcalacs.camel.component.calacs.CalacsConstants;
import org.camelcalacs.camel.component.calacs.DefaultCalacsEngine;
import org.camelcalacs.core.calacs.CalAcs;
import org.camelcalacs.core.calacs.CalAcsResult;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.model.Verbosity;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;
import org.camelcalacs.routes.app.CalacsService;
import org.camelcalacs.routes.app.ServiceOptions;
import org.camelcalacs.routes.app.WorkDirs;

/**
 * Route overhead against direct library calls, on golden cases (default {@code hrc-real-single} and
 * {@code sbc-real-rpt}), all in this JVM with the same prepared inputs and reference files:
 * <ol>
 * <li>(a) direct: {@link CalAcs#run} on a fresh copy of the input, as the {@code calacs:} producer would call it
 * (normal verbosity, no console, overwrite);</li>
 * <li>(b) component: the same input sent to {@code calacs:calacs} through a {@link ProducerTemplate} of a plain
 * {@link DefaultCamelContext};</li>
 * <li>(c) service: the whole drop-folder service ({@link CalacsService}) on a temporary work directory, one input
 * dropped at a time (atomic rename into inbox/), timed from the drop until the input is in done/ (products placed);
 * then a throughput phase: N inputs dropped at once (single exposures get distinct rootnames; associations are
 * dropped one after the other, they cannot be renamed), timed until all are in done/ → exposures per minute.</li>
 * </ol>
 * Runs of (a) and (b) alternate (a b, b a, ...) after one warm-up each, so that drift of the shared machine's load
 * hits both alike. Reference files are read from disk by calib-core on every run (it has no hook for an in-memory
 * reference cache); the OS page cache holds them after the warm-up, which is what "cached" means here.
 *
 * <p>Usage: {@code RouteOverheadBenchmark [--reps N] [--throughput N] [case ...]}; the golden directory is
 * {@code -Dcalacs.golden.dir}, else {@code ../shared/golden}, else {@code /work/shared/golden}. The service phase
 * uses the latency settings given with {@code --prop k=v} (defaults below: inbox poll 100 ms, no read lock because
 * the drops are atomic renames, no raw settle time). Prints to stdout (a command-line tool).
 */
public final class RouteOverheadBenchmark {
    private static final Pattern INPUT = Pattern.compile("\"input\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern INPUTS = Pattern.compile("\"inputs\"\\s*:\\s*\\[(.*?)]", Pattern.DOTALL);
    /** The case's reference directory, relative to the case (the first "jref" key is the top-level one). */
    private static final Pattern JREF = Pattern.compile("\"jref\"\\s*:\\s*\"([^\"<]+)\"");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    private RouteOverheadBenchmark() {
    }

    /** One golden case unpacked into a directory: in/ (gunzipped inputs) and ref/ (gunzipped references). */
    record Case(String id, String input, List<String> inputs, Path in, Path ref) {
        boolean association() {
            return input.toLowerCase(Locale.ROOT).endsWith("_asn.fits");
        }

        int exposures() {
            return association() ? inputs.size() - 1 : 1;
        }
    }

    /**
     * The default engine, timing each calacs call: the time spent outside it is the Camel layer's own cost, which
     * can be measured per run even when the machine's load makes whole-run times scatter by more than that cost.
     */
    static final class TimingEngine extends DefaultCalacsEngine {
        volatile long lastNanos;
        volatile long lastCpuNanos;

        @Override
        public CalAcsResult calacs(String input, RunContext ctx) {
            long c0 = cpu();
            long t0 = System.nanoTime();
            try {
                return super.calacs(input, ctx);
            } finally {
                lastNanos = System.nanoTime() - t0;
                lastCpuNanos = cpu() - c0;
            }
        }
    }

    /** CPU time of the whole process (all threads: the stages are multi-threaded), ns. */
    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        int reps = 5;
        int throughput = 6;
        List<String> cases = new ArrayList<>();
        Map<String, String> props = new HashMap<>(Map.of("calacs.inbox.delay", "100", "calacs.inbox.readLock", "none",
                "calacs.raw.settleMs", "0"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--throughput" -> throughput = Integer.parseInt(args[++i]);
                case "--prop" -> {
                    String[] kv = args[++i].split("=", 2);
                    props.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
                case "-h", "--help" -> {
                    System.out.println("usage: RouteOverheadBenchmark [--reps N] [--throughput N] [--prop k=v]"
                            + " [case ...]   (default cases: hrc-real-single sbc-real-rpt)");
                    return;
                }
                default -> cases.add(args[i]);
            }
        }
        if (cases.isEmpty()) {
            cases = List.of("hrc-real-single", "sbc-real-rpt");
        }
        Path golden = goldenDir();
        System.out.printf(Locale.ROOT, "route overhead benchmark: %d reps per mode, %d processors, load %s, JVM %s,"
                + " golden %s%n", reps, Runtime.getRuntime().availableProcessors(), load(),
                System.getProperty("java.version"), golden);
        System.out.println("service settings: " + props);
        Path tmp = Files.createTempDirectory("route-bench-");
        List<String> summary = new ArrayList<>();
        TimingEngine engine = new TimingEngine();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("calacsEngine", engine);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            for (String id : cases) {
                Case c = prepare(golden.resolve(id), tmp.resolve(id));
                summary.add(benchmark(c, reps, throughput, template, engine, props, tmp.resolve(id)));
            }
        } finally {
            deleteTree(tmp);
        }
        System.out.println();
        System.out.println("== summary (medians; overhead = (mode - direct) / direct; load now " + load() + ")");
        summary.forEach(System.out::println);
    }

    private static String benchmark(Case c, int reps, int throughput, ProducerTemplate template, TimingEngine engine,
                                    Map<String, String> props, Path dir) throws Exception {
        System.out.printf(Locale.ROOT, "%n== %s (%s, %d exposure(s) per input)%n", c.id(), c.input(), c.exposures());
        // warm-up (JIT, page cache), then alternate a/b
        direct(c, dir.resolve("warm-a"));
        component(c, dir.resolve("warm-b"), template);
        double[] a = new double[reps];
        double[] b = new double[reps];
        double[] aCpu = new double[reps];
        double[] bCpu = new double[reps];
        double[] bOut = new double[reps];
        for (int r = 0; r < reps; r++) {
            for (int k = 0; k < 2; k++) {
                boolean directNow = (r + k) % 2 == 0;
                long c0 = cpu();
                if (directNow) {
                    a[r] = direct(c, dir.resolve("a" + r));
                    aCpu[r] = (cpu() - c0) / 1e9;
                } else {
                    b[r] = component(c, dir.resolve("b" + r), template);
                    bCpu[r] = (cpu() - c0) / 1e9;
                    bOut[r] = b[r] - engine.lastNanos / 1e9;
                }
            }
            System.out.printf(Locale.ROOT, "   rep %d: direct %.3f s (CPU %.3f s), calacs:calacs %.3f s (CPU %.3f s;"
                    + " outside the engine %.1f ms)  (load %s)%n", r + 1, a[r], aCpu[r], b[r], bCpu[r],
                    bOut[r] * 1e3, load());
        }
        double ma = median(a);
        double mb = median(b);

        // (c) the service: sequential drops (latency), then a batch (throughput)
        Path work = dir.resolve("service");
        List<String> argv = new ArrayList<>(List.of("--work", work.toString(), "--jref", c.ref().toString(), "--port",
                "0", "--prop", "camel.management.enabled=false", "--prop", "calacs.retry.cron=", "--prop",
                "calacs.housekeeping.cron="));
        props.forEach((k, v) -> argv.addAll(List.of("--prop", k + "=" + v)));
        TimingEngine serviceEngine = new TimingEngine();
        CalacsService service = new CalacsService(ServiceOptions.parse(argv.toArray(String[]::new), Map.of()), null)
                .bind("calacsEngine", serviceEngine);
        service.start(120_000);
        double[] s = new double[reps];
        double[] sOut = new double[reps];
        double perMinute;
        int batchInputs;
        double batchSeconds;
        try {
            WorkDirs d = service.dirs();
            serviceRun(c, d, 0); // warm-up of the routes
            for (int r = 0; r < reps; r++) {
                s[r] = serviceRun(c, d, r + 1);
                sOut[r] = s[r] - serviceEngine.lastNanos / 1e9;
                System.out.printf(Locale.ROOT, "   rep %d: service drop-to-done %.3f s (outside the engine %.1f ms)"
                        + "  (load %s)%n", r + 1, s[r], sOut[r] * 1e3, load());
            }
            long t0 = System.nanoTime();
            List<Path> waitFor = new ArrayList<>();
            batchInputs = throughput;
            for (int i = 0; i < throughput; i++) {
                if (c.association()) {
                    serviceRun(c, d, 1000 + i);
                } else {
                    waitFor.add(dropRenamed(c, d, 1000 + i));
                }
            }
            for (Path p : waitFor) {
                waitUntil(p);
            }
            batchSeconds = (System.nanoTime() - t0) / 1e9;
            perMinute = batchInputs * c.exposures() * 60.0 / batchSeconds;
            System.out.printf(Locale.ROOT, "   throughput: %d input(s) (%d exposures) %s in %.2f s -> %.1f exposures"
                    + " per minute (load %s)%n", batchInputs, batchInputs * c.exposures(), c.association()
                    ? "dropped one after the other" : "dropped at once", batchSeconds, perMinute, load());
        } finally {
            service.stop();
        }
        double ms = median(s);
        double directPerMinute = c.exposures() * 60.0 / ma;
        return String.format(Locale.ROOT, "%s (%d exposure(s)/input, medians of %d):%n"
                + "   direct CalAcs.run      %.3f s wall, %.3f s CPU%n"
                + "   calacs:calacs          %.3f s wall (%+.1f %%), %.3f s CPU (%+.1f %%); outside the engine %.1f ms"
                + " = %.2f %% of direct%n"
                + "   service drop-to-done   %.3f s wall (%+.1f %%); outside the engine %.1f ms = %.1f %% of direct"
                + " (includes the inbox poll wait)%n"
                + "   service throughput     %.1f exposures/min (direct back-to-back would be %.1f)",
                c.id(), c.exposures(), reps, ma, median(aCpu), mb, 100 * (mb - ma) / ma, median(bCpu),
                100 * (median(bCpu) - median(aCpu)) / median(aCpu), median(bOut) * 1e3, 100 * median(bOut) / ma,
                ms, 100 * (ms - ma) / ma, median(sOut) * 1e3, 100 * median(sOut) / ma, perMinute, directPerMinute);
    }

    /** (a) CalAcs.run in this JVM on a fresh copy, with the options the calacs: producer uses by default. */
    static double direct(Case c, Path out) throws IOException {
        Path input = fresh(c, out);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("jref", c.ref() + "/");
        RunOptions opts = RunOptions.defaults(out).withOverwrite(true);
        long t0 = System.nanoTime();
        RunContext ctx = new RunContext(opts, RefResolver.fromEnvironment(env, out, List.of(out)),
                new Trailer(Verbosity.NORMAL, false, null), env, e -> { });
        CalAcsResult r = CalAcs.run(input.toString(), ctx);
        double s = (System.nanoTime() - t0) / 1e9;
        if (r.products().isEmpty()) {
            throw new IllegalStateException(c.id() + ": direct run wrote no product");
        }
        deleteTree(out);
        return s;
    }

    /** (b) the same through calacs:calacs. */
    static double component(Case c, Path out, ProducerTemplate template) throws Exception {
        Path input = fresh(c, out);
        long t0 = System.nanoTime();
        Exchange e = template.send("calacs:calacs", x -> {
            x.getIn().setBody(input.toString());
            x.getIn().setHeader(CalacsConstants.OUTPUT_DIR, out.toString());
            x.getIn().setHeader(CalacsConstants.JREF, c.ref().toString());
            x.getIn().setHeader(CalacsConstants.OVERWRITE, true);
        });
        double s = (System.nanoTime() - t0) / 1e9;
        if (e.getException() != null) {
            throw e.getException();
        }
        if (((List<?>) e.getMessage().getHeader(CalacsConstants.PRODUCTS)).isEmpty()) {
            throw new IllegalStateException(c.id() + ": calacs:calacs wrote no product");
        }
        deleteTree(out);
        return s;
    }

    /**
     * (c) drops the case's inputs (the table first, then its members) and times from the moment the input is
     * complete in the inbox (last atomic rename) until it is in done/ (its products placed before).
     */
    static double serviceRun(Case c, WorkDirs d, int run) throws Exception {
        clearDone(d);
        Path done;
        long t0;
        if (c.association()) {
            // the table first: members that arrive while it is in the inbox wait for it (with no settle time a
            // member dropped before its table would be calibrated alone); the clock starts when the last member
            // is in place, since the service cannot start before (the direct run starts from copied files too)
            drop(c.in().resolve(c.input()), d.inbox(), c.input());
            List<String> members = c.inputs().stream().filter(n -> !n.equals(c.input())).toList();
            for (String n : members.subList(0, members.size() - 1)) {
                drop(c.in().resolve(n), d.inbox(), n);
            }
            String last = members.get(members.size() - 1);
            Path tmp = d.inbox().resolve("." + last + ".part");
            Files.copy(c.in().resolve(last), tmp, StandardCopyOption.REPLACE_EXISTING);
            t0 = System.nanoTime();
            Files.move(tmp, d.inbox().resolve(last), StandardCopyOption.ATOMIC_MOVE);
            done = d.done().resolve(c.input());
        } else {
            String name = String.format(Locale.ROOT, "jb%06dq_raw.fits", run);
            Path tmp = d.inbox().resolve("." + name + ".part");
            Files.copy(c.in().resolve(c.input()), tmp, StandardCopyOption.REPLACE_EXISTING);
            t0 = System.nanoTime();
            Files.move(tmp, d.inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
            done = d.done().resolve(name);
        }
        waitUntil(done);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Drops a single raw under a distinct rootname ({@code jb<6 digits>q_raw.fits}); returns its done/ path. */
    private static Path dropRenamed(Case c, WorkDirs d, int n) throws IOException {
        String name = String.format(Locale.ROOT, "jb%06dq_raw.fits", n);
        drop(c.in().resolve(c.input()), d.inbox(), name);
        return d.done().resolve(name);
    }

    private static void waitUntil(Path done) throws Exception {
        long limit = System.nanoTime() + 600_000_000_000L;
        Path failed = done.getParent().getParent().resolve("failed").resolve(done.getFileName() + ".error.txt");
        while (!Files.exists(done)) {
            if (Files.exists(failed)) {
                throw new IllegalStateException("the service failed " + done.getFileName() + ":\n"
                        + Files.readString(failed));
            }
            if (System.nanoTime() > limit) {
                throw new IllegalStateException("timeout waiting for " + done);
            }
            Thread.sleep(5);
        }
    }

    /** Empties done/ and products/ between runs (disk space; the service replaces products anyway). */
    private static void clearDone(WorkDirs d) throws IOException {
        for (Path dir : List.of(d.done(), d.products())) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Writer contract of the inbox: hidden name, then atomic rename. */
    private static void drop(Path src, Path inbox, String name) throws IOException {
        Path tmp = inbox.resolve("." + name + ".part");
        Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** A fresh copy of the inputs in {@code out} (calacs updates an association table in place); returns the input. */
    private static Path fresh(Case c, Path out) throws IOException {
        deleteTree(out);
        Files.createDirectories(out);
        for (String n : c.inputs()) {
            Files.copy(c.in().resolve(n), out.resolve(n));
        }
        return out.resolve(c.input());
    }

    static Case prepare(Path caseDir, Path dir) throws IOException {
        String json = Files.readString(caseDir.resolve("case.json"));
        Matcher m = INPUT.matcher(json);
        Matcher ms = INPUTS.matcher(json);
        if (!m.find() || !ms.find()) {
            throw new IllegalArgumentException(caseDir + "/case.json: no input/inputs");
        }
        Path in = Files.createDirectories(dir.resolve("in"));
        List<String> names = new ArrayList<>();
        Matcher q = QUOTED.matcher(ms.group(1));
        while (q.find()) {
            names.add(gunzip(caseDir.resolve(q.group(1)), in));
        }
        Path ref = Files.createDirectories(dir.resolve("ref"));
        Matcher j = JREF.matcher(json);
        Path refSrc = caseDir.resolve(j.find() ? j.group(1) : "inputs/ref").normalize();
        try (Stream<Path> s = Files.list(refSrc)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".fits") || p.toString().endsWith(".fits.gz"))
                    .sorted().toList()) {
                gunzip(p, ref);
            }
        }
        return new Case(caseDir.getFileName().toString(), m.group(1), names, in, ref);
    }

    private static String gunzip(Path src, Path dir) throws IOException {
        String n = src.getFileName().toString();
        String plain = n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
        try (InputStream in = n.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(src), 1 << 16)
                : Files.newInputStream(src)) {
            Files.copy(in, dir.resolve(plain), StandardCopyOption.REPLACE_EXISTING);
        }
        return plain;
    }

    static Path goldenDir() {
        String p = System.getProperty("calacs.golden.dir");
        for (Path g : new Path[] {p == null ? null : Path.of(p), Path.of("..", "shared", "golden"),
            Path.of("/work/shared/golden")}) {
            if (g != null && Files.isDirectory(g)) {
                return g.toAbsolutePath().normalize();
            }
        }
        throw new IllegalArgumentException("golden corpus not found (set -Dcalacs.golden.dir)");
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
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
