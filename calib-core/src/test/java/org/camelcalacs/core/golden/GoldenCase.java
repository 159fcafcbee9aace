package org.camelcalacs.core.golden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Assumptions;

/**
 * One case of the conformance corpus ({@code <corpus>/<id>/case.json}, see golden/README.md): what to run and
 * what to compare. {@link #prepare} builds a work directory exactly as the README says (inputs gunzipped into
 * it, references into {@code ref/}).
 */
public record GoldenCase(String id, Path dir, String description, String input, List<String> inputs, Path jrefDir,
                         String oracleCommand, double oracleWallSeconds, List<Product> products, Tolerance nonCte,
                         Tolerance cte) {

    /** System property with the corpus directory (set by the root pom to ../shared/golden). */
    public static final String DIR_PROPERTY = "calacs.golden.dir";
    /** System property that turns a missing corpus into a failure (CI). */
    public static final String REQUIRED_PROPERTY = "calacs.golden.required";

    /** SCI/ERR tolerance: |cand − oracle| ≤ atol + rtol·|oracle|. */
    public record Tolerance(double rtol, double atol) {
        public boolean ok(double cand, double oracle) {
            if (Double.isNaN(cand) && Double.isNaN(oracle)) {
                return true;
            }
            return Math.abs(cand - oracle) <= atol + rtol * Math.abs(oracle);
        }
    }

    /** One product to compare: the name calacs writes and the stored expectation. */
    public record Product(String product, String file, String storage, String stage, boolean cte,
                          Map<String, List<String>> compareKeywords) {
        public boolean full() {
            return "full".equals(storage);
        }

        /**
         * The same product with some keywords left out of every HDU's list, for a stage run on an input rebuilt
         * from a compact expectation, where statistics over all pixels (NGOODPIX, GOODMEAN, ...) cannot match.
         */
        public Product withoutKeywords(Set<String> names) {
            Map<String, List<String>> kw = new LinkedHashMap<>();
            compareKeywords.forEach((hdu, list) -> kw.put(hdu, list.stream()
                    .filter(k -> !names.contains(k.toUpperCase(Locale.ROOT))).toList()));
            return new Product(product, file, storage, stage, cte, kw);
        }
    }

    /** The corpus directory from {@value #DIR_PROPERTY}, if it exists. */
    public static Optional<Path> corpusDir() {
        String p = System.getProperty(DIR_PROPERTY);
        if (p == null || p.isBlank()) {
            return Optional.empty();
        }
        Path d = Path.of(p).toAbsolutePath().normalize();
        return Files.isDirectory(d) ? Optional.of(d) : Optional.empty();
    }

    /** The configured (possibly missing) corpus directory, for messages. */
    public static String configuredDir() {
        return String.valueOf(System.getProperty(DIR_PROPERTY));
    }

    public static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRED_PROPERTY, "false"));
    }

    /**
     * For tests that need shared corpus data: when {@code present} is false the test is skipped with the reason,
     * or fails when {@value #REQUIRED_PROPERTY} is true (CI), so a missing corpus can never pass silently.
     */
    public static void assumeCorpus(boolean present, String what) {
        if (present) {
            return;
        }
        if (required()) {
            throw new AssertionError(what + " but -D" + REQUIRED_PROPERTY + "=true");
        }
        Assumptions.abort(what + "; skipped (-D" + REQUIRED_PROPERTY + "=true makes this a failure)");
    }

    /**
     * Case {@code id} of the configured corpus, for a stage-level test: skips the calling test with the reason
     * when the corpus or the case is missing, or fails when {@value #REQUIRED_PROPERTY} is true.
     */
    public static GoldenCase require(String id) {
        Path dir = corpusDir().map(d -> d.resolve(id)).orElse(null);
        if (dir == null || !Files.isRegularFile(dir.resolve("case.json"))) {
            String msg = "golden case " + id + " not found in the corpus at " + configuredDir() + " (-D" + DIR_PROPERTY
                    + ")";
            if (required()) {
                throw new AssertionError(msg + " but -D" + REQUIRED_PROPERTY + "=true");
            }
            Assumptions.abort(msg + "; skipped (-D" + REQUIRED_PROPERTY + "=true makes this a failure)");
        }
        return load(dir);
    }

    /** The product named {@code name} (e.g. {@code jsyn02abq_flt.fits}); fails if case.json does not list it. */
    public Product product(String name) {
        return products.stream().filter(p -> p.product().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(id + ": case.json lists no product " + name));
    }

    /** Every {@code <corpus>/*}{@code /case.json}, sorted by id. */
    public static List<GoldenCase> loadAll(Path corpus) {
        List<GoldenCase> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(corpus)) {
            for (Path d : dirs.sorted().toList()) {
                Path cj = d.resolve("case.json");
                if (Files.isRegularFile(cj) && !d.getFileName().toString().equals("bad-inputs")) {
                    out.add(load(d));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static GoldenCase load(Path caseDir) {
        Map<String, Object> j;
        try {
            j = (Map<String, Object>) Json.parse(Files.readString(caseDir.resolve("case.json"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = str(j, "id");
        List<String> inputs = new ArrayList<>();
        for (Object o : (List<Object>) j.get("inputs")) {
            inputs.add((String) o);
        }
        Path jref = caseDir.resolve(str(j, "jref")).normalize();
        Map<String, Object> oracle = (Map<String, Object>) j.get("oracle");
        List<Product> products = new ArrayList<>();
        for (Object o : (List<Object>) j.get("products")) {
            Map<String, Object> p = (Map<String, Object>) o;
            Map<String, List<String>> kw = new LinkedHashMap<>();
            Object ck = p.get("compare_keywords");
            if (ck instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    List<String> names = new ArrayList<>();
                    for (Object k : (List<Object>) e.getValue()) {
                        names.add((String) k);
                    }
                    kw.put((String) e.getKey(), names);
                }
            }
            products.add(new Product(str(p, "product"), str(p, "file"), str(p, "storage"), str(p, "stage"),
                    Boolean.TRUE.equals(p.get("cte")), kw));
        }
        Map<String, Object> tol = (Map<String, Object>) j.get("tolerances");
        return new GoldenCase(id, caseDir, str(j, "description"), str(j, "input"), inputs, jref,
                str(oracle, "command"), oracle.get("wall_time_s") instanceof Number n ? n.doubleValue() : Double.NaN,
                products, tolerance(tol, "sci_err_non_cte", 1e-5, 1e-3),
                tolerance(tol, "sci_err_cte", 1e-4, 1e-2));
    }

    @SuppressWarnings("unchecked")
    private static Tolerance tolerance(Map<String, Object> tol, String key, double rtol, double atol) {
        if (tol == null || !(tol.get(key) instanceof Map)) {
            return new Tolerance(rtol, atol);
        }
        Map<String, Object> t = (Map<String, Object>) tol.get(key);
        return new Tolerance(((Number) t.get("rtol")).doubleValue(), ((Number) t.get("atol")).doubleValue());
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : v.toString();
    }

    public Tolerance tolerance(Product p) {
        return p.cte() ? cte : nonCte;
    }

    /**
     * The program and arguments of the oracle command, e.g. {@code [calacs, -v, -s, jsyn01aaq_raw.fits]}
     * from {@code "cd <workdir> && export jref=<workdir>/ref/ && calacs.e -v -s jsyn01aaq_raw.fits"}
     * (the program name without {@code .e}).
     */
    public List<String> commandArgs() {
        return commandArgs(oracleCommand);
    }

    public static List<String> commandArgs(String command) {
        String[] parts = command.split("&&");
        String last = parts[parts.length - 1].trim();
        List<String> argv = new ArrayList<>(Arrays.asList(last.split("\\s+")));
        String prog = argv.get(0);
        int slash = prog.lastIndexOf('/');
        prog = slash >= 0 ? prog.substring(slash + 1) : prog;
        if (prog.endsWith(".e")) {
            prog = prog.substring(0, prog.length() - 2);
        }
        argv.set(0, prog.toLowerCase(Locale.ROOT));
        return argv;
    }

    /** True when the command keeps temporaries (-s, possibly combined like -vs). */
    public boolean keepsTemporaries() {
        return commandArgs().stream().skip(1).anyMatch(a -> a.startsWith("-") && !a.startsWith("--") && a.contains("s"));
    }

    /**
     * Makes {@code work} ready to run: every input gunzipped into it, every reference file gunzipped into
     * {@code work/ref/}. Returns the reference directory.
     */
    public Path prepare(Path work) {
        try {
            Files.createDirectories(work);
            for (String in : inputs) {
                gunzipInto(dir.resolve(in), work);
            }
            Path ref = work.resolve("ref");
            copyTree(jrefDir, ref);
            return ref;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gunzips (or copies) every regular file of {@code from} into {@code to}; MANIFEST/JSON files are skipped. */
    public static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (Files.isRegularFile(f) && !n.endsWith(".json")) {
                    gunzipInto(f, to);
                }
            }
        }
    }

    /** Writes {@code file} (gunzipped if it ends in .gz) into directory {@code to}; returns the new path. */
    public static Path gunzipInto(Path file, Path to) throws IOException {
        String n = file.getFileName().toString();
        if (n.endsWith(".gz")) {
            Path out = to.resolve(n.substring(0, n.length() - 3));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            return out;
        }
        Path out = to.resolve(n);
        Files.copy(file, out, StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    @Override
    public String toString() {
        return id;
    }
}
