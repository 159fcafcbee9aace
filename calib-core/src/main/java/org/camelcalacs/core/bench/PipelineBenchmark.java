package org.camelcalacs.core.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.camelcalacs.core.calacs.CalAcs;
import org.camelcalacs.core.calacs.CalAcsResult;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.model.Verbosity;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;

/**
 * Benchmark of a whole calacs run on one golden case (default: {@code wfc-full-postsm4}, a full-frame post-SM4
 * WFC exposure without CTE correction). Prepares a temporary work directory (inputs and reference files
 * gunzipped, as the oracle ran), then runs {@link CalAcs#run} in this JVM {@code reps} times (the first run is
 * cold, the others warm) and prints, per run: wall and process CPU time, the per-stage times the driver records
 * ({@link CalAcsResult#timingsMs()}), per-step times, and the peak memory (heap pools, VmHWM).
 *
 * <p>Per-step times come from the trailer: every message a stage prints is time-stamped as it is printed (the
 * trailer's console is a time-stamping sink), and the time between two messages is charged to the step that
 * was announced last ({@code DQICORR PERFORM}, {@code BLEVCORR PERFORM}, ...). This needs no hook in the stage
 * code, so it works for every stage; steps that print nothing are folded into the previous step.
 *
 * <p>Usage: {@code PipelineBenchmark [caseDir] [reps] [--threads N] [--keep]}; {@code --prepare-only DIR}
 * only unpacks the case into DIR, and {@code --prepared DIR} runs on such a directory (so that a fresh JVM
 * measures nothing but the calacs runs: bin/bench-calacs). Prints to stdout (a command-line tool).
 */
public final class PipelineBenchmark {
    private static final Pattern STEP = Pattern.compile("^([A-Z0-9]{4,8}CORR) (PERFORM|OMIT|SKIPPED)");
    /** Trailer lines that start a stage (the driver prints no banner between in-memory stages). */
    private static final Pattern STAGE = Pattern.compile("^(?:CALBEG\\*\\*\\* (ACS[A-Z0-9]+) |(APERTURE) |Processing \\d+ (IMSET)s)");
    /** Trailer lines that start a step without a switch, and the name charged for it. */
    private static final String[][] OTHER_STEPS = {
        {"Full-well saturation flagging", "FullWellSaturation"},
        {"Uncertainty array initialized", "NoiseInit"},
        {"Writing out image with trim", "Trim"},
        {"Full Frame adjusted Darktime", "DarkTime"},
        {"Imset 1  Begin", "imset setup"},
        {"Imset 2  Begin", "imset setup"},
        {"Imset 1  End", "after imset (statistics, product write)"},
        {"Imset 2  End", "after imset (statistics, product write)"},
    };

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path caseDir = null;
        int reps = 3;
        int threads = 0;
        boolean keep = false;
        Path prepareOnly = null;
        Path prepared = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ("--threads".equals(a) && i + 1 < args.length) {
                threads = Integer.parseInt(args[++i]);
            } else if ("--prepare-only".equals(a) && i + 1 < args.length) {
                prepareOnly = Path.of(args[++i]);
            } else if ("--prepared".equals(a) && i + 1 < args.length) {
                prepared = Path.of(args[++i]);
            } else if ("--keep".equals(a)) {
                keep = true;
            } else if (a.matches("\\d+")) {
                reps = Integer.parseInt(a);
            } else if ("-h".equals(a) || "--help".equals(a)) {
                System.out.println("usage: PipelineBenchmark [caseDir] [reps] [--threads N] [--keep]"
                        + " [--prepare-only DIR | --prepared DIR]");
                return;
            } else {
                caseDir = Path.of(a);
            }
        }
        if (caseDir == null) {
            caseDir = defaultCase();
        }
        long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        Map<String, Object> c = caseJson(caseDir);
        String input = (String) c.get("input");
        System.out.printf(Locale.ROOT, "case %s (%s), %d run(s), %d processor(s), load %s%n", caseDir.getFileName(),
                input, reps, Runtime.getRuntime().availableProcessors(), loadAverage());
        if (prepareOnly != null) {
            Files.createDirectories(prepareOnly);
            prepare(caseDir, c, prepareOnly);
            System.out.println("prepared " + prepareOnly);
            return;
        }
        Path work = prepared != null ? prepared : Files.createTempDirectory("calacs-bench-");
        boolean keepWork = keep || prepared != null; // a prepared directory belongs to the caller
        try {
            Path ref = prepared != null ? work.resolve("ref") : prepare(caseDir, c, work);
            for (int r = 1; r <= reps; r++) {
                Path out = work.resolve("run" + r);
                deleteTree(out);
                Files.createDirectories(out);
                for (Object in : (List<?>) c.get("inputs")) {
                    String n = Path.of((String) in).getFileName().toString();
                    n = n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
                    Files.createLink(out.resolve(n), work.resolve("in").resolve(n));
                }
                runOnce(r, out, ref, input, threads, jvmStartMs);
                if (!keep) {
                    deleteTree(out);
                }
            }
            Object oracle = c.get("oracle");
            if (oracle instanceof Map<?, ?> o) {
                System.out.printf(Locale.ROOT, "reference (oracle) wall time %s s, peak RSS %s MB (%s)%n",
                        o.get("wall_time_s"), o.get("peak_rss_mb"), o.get("machine"));
            }
        } finally {
            if (!keepWork) {
                deleteTree(work);
            } else if (keep) {
                System.out.println("kept " + work);
            }
        }
    }

    private static void runOnce(int rep, Path out, Path ref, String input, int threads, long jvmStartMs) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.put("jref", ref + "/");
        RunOptions opts = RunOptions.defaults(out).withVerbosity(Verbosity.VERBOSE).withSaveTemporaries(true);
        if (threads > 0) {
            opts = opts.withThreads(threads, threads == 1);
        }
        StepClock clock = new StepClock();
        Trailer trl = new Trailer(Verbosity.VERBOSE, false, clock.stream());
        RunContext ctx = new RunContext(opts, RefResolver.fromEnvironment(env, out, List.of()), trl, env, null);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long gc0 = gcMillis();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        clock.start(t0);
        CalAcsResult res = CalAcs.run(input, ctx);
        long t1 = System.nanoTime();
        clock.stop(t1);
        long cpu1 = os.getProcessCpuTime();
        String label = rep == 1 ? "cold" : "warm";
        System.out.printf(Locale.ROOT, "%n== run %d (%s): wall %.3f s, process CPU %.3f s, GC %d ms%s%n", rep, label,
                (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, gcMillis() - gc0,
                rep == 1 ? String.format(Locale.ROOT, ", JVM start to end of run %.3f s",
                        (System.currentTimeMillis() - jvmStartMs) / 1e3) : "");
        System.out.println("   stages (ms):");
        res.timingsMs().forEach((k, v) -> System.out.printf(Locale.ROOT, "     %-40s %7d%n", k, v));
        System.out.println("   steps (ms, from trailer time stamps):");
        clock.steps().forEach((k, v) -> System.out.printf(Locale.ROOT, "     %-40s %7.0f%n", k, v / 1e6));
        System.out.printf(Locale.ROOT, "   memory: heap peak %.1f MB, heap max %.1f MB, VmHWM %s, VmRSS %s%n",
                heapPeakMb(), Runtime.getRuntime().maxMemory() / 1048576.0, procStatus("VmHWM"),
                procStatus("VmRSS"));
        System.out.println("   products: " + res.products().stream().map(p -> p.getFileName().toString()).toList());
    }

    /** Time-stamps trailer lines and charges the time between two lines to the step announced last. */
    private static final class StepClock {
        private final Map<String, Long> steps = new LinkedHashMap<>();
        private String stage = "CALACS";
        private String step = "setup";
        private long last;

        PrintStream stream() {
            OutputStream sink = new OutputStream() {
                private final StringBuilder line = new StringBuilder();

                @Override
                public void write(int b) {
                    if (b == '\n') {
                        onLine(line.toString());
                        line.setLength(0);
                    } else {
                        line.append((char) b);
                    }
                }
            };
            return new PrintStream(sink, true, StandardCharsets.ISO_8859_1);
        }

        void start(long t) {
            last = t;
        }

        synchronized void stop(long t) {
            charge(t);
        }

        private void charge(long now) {
            steps.merge(stage + " " + step, now - last, Long::sum);
            last = now;
        }

        private synchronized void onLine(String s) {
            long now = System.nanoTime();
            Matcher m = STAGE.matcher(s);
            Matcher st = STEP.matcher(s);
            if (m.find()) {
                String next = m.group(1) != null ? m.group(1) : m.group(2) != null ? "ACSCCD" : "ACS2D";
                if (!next.equals(stage)) {
                    charge(now);
                    stage = next;
                    step = "setup";
                }
                return;
            }
            if (st.find()) {
                if (!"OMIT".equals(st.group(2)) && !st.group(1).equals(step)) {
                    charge(now);
                    step = st.group(1);
                }
                return;
            }
            for (String[] o : OTHER_STEPS) {
                if (s.startsWith(o[0])) {
                    if (!o[1].equals(step)) {
                        charge(now);
                        step = o[1];
                    }
                    return;
                }
            }
            if (s.startsWith("*** ") && s.endsWith(" complete ***")) {
                charge(now);
                step = "end";
            }
        }

        Map<String, Long> steps() {
            return steps;
        }
    }

    private static Path defaultCase() {
        List<Path> roots = new ArrayList<>();
        String prop = System.getProperty("calacs.golden.dir");
        if (prop != null) {
            roots.add(Path.of(prop));
        }
        roots.add(Path.of("..", "shared", "golden"));
        roots.add(Path.of("/work/shared/golden"));
        for (Path r : roots) {
            Path c = r.resolve("wfc-full-postsm4");
            if (Files.isRegularFile(c.resolve("case.json"))) {
                return c;
            }
        }
        throw new IllegalArgumentException("golden case wfc-full-postsm4 not found (set -Dcalacs.golden.dir)");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> caseJson(Path caseDir) throws IOException {
        return (Map<String, Object>) MiniJson.parse(Files.readString(caseDir.resolve("case.json")));
    }

    /** Gunzips the inputs into {@code work/in} and the reference files into {@code work/ref}; returns the latter. */
    private static Path prepare(Path caseDir, Map<String, Object> c, Path work) throws IOException {
        Path in = Files.createDirectories(work.resolve("in"));
        for (Object i : (List<?>) c.get("inputs")) {
            gunzip(caseDir.resolve((String) i), in);
        }
        Path ref = Files.createDirectories(work.resolve("ref"));
        String jref = (String) c.get("jref");
        Path refSrc = jref == null ? caseDir.resolve("inputs/ref") : caseDir.resolve(jref).normalize();
        try (Stream<Path> s = Files.list(refSrc)) {
            for (Path p : s.sorted().toList()) {
                if (p.toString().endsWith(".fits.gz") || p.toString().endsWith(".fits")) {
                    gunzip(p, ref);
                }
            }
        }
        return ref;
    }

    private static void gunzip(Path src, Path dir) throws IOException {
        String n = src.getFileName().toString();
        Path target = dir.resolve(n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n);
        try (InputStream in = n.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(src), 1 << 16)
                : Files.newInputStream(src)) {
            Files.copy(in, target);
        }
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, b.getCollectionTime());
        }
        return t;
    }

    private static double heapPeakMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / 1048576.0;
    }

    /** A field of /proc/self/status (e.g. VmHWM, the peak resident set), or "n/a". */
    static String procStatus(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(field + ":")) {
                    return l.substring(field.length() + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
        return "n/a";
    }

    private static String loadAverage() {
        try {
            String s = Files.readString(Path.of("/proc/loadavg")).trim();
            String[] f = s.split("\\s+");
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
