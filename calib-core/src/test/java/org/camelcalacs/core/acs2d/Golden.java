package org.camelcalacs.core.acs2d;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;
import org.junit.jupiter.api.Assumptions;

/**
 * Golden-corpus helpers for the acs2d/acssum tests: locating a case (skip with a reason, or fail when
 * {@code -Dcalacs.golden.required=true}), a jref directory with the case's references unzipped, a tiny JSON reader
 * for case.json, and a comparator implementing the README's tolerance rules.
 */
public final class Golden {
    public static final Path ROOT = root();
    static final Set<String> PIXEL_STATS = Set.of("MEANBLEV", "MEANDARK", "MEANFLSH", "GOODMIN", "GOODMAX",
            "GOODMEAN", "SNRMIN", "SNRMAX", "SNRMEAN", "BIASLEVA", "BIASLEVB", "BIASLEVC", "BIASLEVD", "SKYSUM");

    private Golden() {
    }

    /** calacs.golden.dir if it exists (the build sets it relative to the checkout), else /work/shared/golden. */
    private static Path root() {
        String prop = System.getProperty("calacs.golden.dir");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).normalize();
        }
        return Path.of("/work/shared/golden");
    }

    /** The case directory; skips (or fails if calacs.golden.required=true) when it is missing. */
    public static Path requireCase(String id) {
        Path c = ROOT.resolve(id);
        boolean present = Files.isRegularFile(c.resolve("case.json"));
        if (!present && Boolean.getBoolean("calacs.golden.required")) {
            throw new AssertionError("golden case " + id + " is required but missing at " + c);
        }
        Assumptions.assumeTrue(present, "golden corpus case " + id + " not found at " + c
                + " (set -Dcalacs.golden.dir, or -Dcalacs.golden.required=true to fail instead)");
        return c;
    }

    /** Unzips the case's reference files into {@code work/ref/} and returns a context with jref pointing there. */
    public static RunContext context(Path caseDir, Path work) throws IOException {
        Map<String, Object> cj = caseJson(caseDir);
        Path refSrc = caseDir.resolve(String.valueOf(cj.getOrDefault("jref", "inputs/ref/"))).normalize();
        Path ref = work.resolve("ref");
        Files.createDirectories(ref);
        try (var s = Files.list(refSrc)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(".gz")) {
                    gunzip(p, ref.resolve(n.substring(0, n.length() - 3)));
                } else if (n.endsWith(".fits")) {
                    Files.copy(p, ref.resolve(n));
                }
            }
        }
        RefResolver rr = new RefResolver(Map.of("jref", ref), work, List.of());
        RunOptions o = RunOptions.defaults(work).withOverwrite(true);
        return new RunContext(o, rr, Trailer.silent(), Map.of(), null);
    }

    public static void gunzip(Path in, Path out) throws IOException {
        try (InputStream i = new GZIPInputStream(Files.newInputStream(in)); OutputStream o = Files.newOutputStream(out)) {
            i.transferTo(o);
        }
    }

    // ---- case.json ----

    @SuppressWarnings("unchecked")
    public static Map<String, Object> caseJson(Path caseDir) throws IOException {
        return (Map<String, Object>) new Json(Files.readString(caseDir.resolve("case.json"))).value();
    }

    /** compare_keywords of the product named {@code product}. */
    @SuppressWarnings("unchecked")
    public static Map<String, List<String>> compareKeywords(Path caseDir, String product) throws IOException {
        List<Object> products = (List<Object>) caseJson(caseDir).get("products");
        for (Object o : products) {
            Map<String, Object> p = (Map<String, Object>) o;
            if (product.equals(p.get("product"))) {
                Map<String, List<String>> out = new LinkedHashMap<>();
                ((Map<String, Object>) p.get("compare_keywords")).forEach((k, v) -> out.put(k, (List<String>) v));
                return out;
            }
        }
        throw new AssertionError("product " + product + " not in case.json");
    }

    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = (String) value();
                    ws();
                    i++; // :
                    m.put(k, value());
                    ws();
                    if (s.charAt(i++) == '}') {
                        return m;
                    }
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(i++) == ']') {
                        return l;
                    }
                }
            }
            if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (s.charAt(i) != '"') {
                    char ch = s.charAt(i++);
                    if (ch == '\\') {
                        char e = s.charAt(i++);
                        switch (e) {
                            case 'n' -> sb.append('\n');
                            case 't' -> sb.append('\t');
                            case 'u' -> {
                                sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                                i += 4;
                            }
                            default -> sb.append(e);
                        }
                    } else {
                        sb.append(ch);
                    }
                }
                i++;
                return sb.toString();
            }
            int st = i;
            while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String t = s.substring(st, i);
            return switch (t) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> Double.parseDouble(t);
            };
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }

    // ---- comparison ----

    /** Maximum deviations and the list of failures of one product comparison. */
    public static final class Report {
        public double maxSciAbs;
        public double maxErrAbs;
        public double maxSciRatio;
        public double maxErrRatio;
        public long dqDiffs;
        public final List<String> failures = new ArrayList<>();

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "max|dSCI|=%.3g (%.3g of tol) max|dERR|=%.3g (%.3g of tol) dqDiffs=%d%s",
                    maxSciAbs, maxSciRatio, maxErrAbs, maxErrRatio, dqDiffs,
                    failures.isEmpty() ? "" : " FAILURES: " + failures.subList(0, Math.min(15, failures.size())));
        }
    }

    public static Report compare(Exposure actual, Exposure expected, Map<String, List<String>> keywords, double rtol,
                                 double atol) {
        Report r = new Report();
        for (Imset e : expected.imsets()) {
            Imset a = actual.imset(e.extver);
            if (a.nx != e.nx || a.ny != e.ny) {
                r.failures.add("imset " + e.extver + " size " + a.nx + "x" + a.ny + " != " + e.nx + "x" + e.ny);
                continue;
            }
            for (int k = 0; k < e.sci.length; k++) {
                double ds = Math.abs((double) a.sci[k] - e.sci[k]);
                double ts = atol + rtol * Math.abs(e.sci[k]);
                r.maxSciAbs = Math.max(r.maxSciAbs, ds);
                r.maxSciRatio = Math.max(r.maxSciRatio, ds / ts);
                double de = Math.abs((double) a.err[k] - e.err[k]);
                double te = atol + rtol * Math.abs(e.err[k]);
                r.maxErrAbs = Math.max(r.maxErrAbs, de);
                r.maxErrRatio = Math.max(r.maxErrRatio, de / te);
                if (a.dq[k] != e.dq[k]) {
                    if (r.dqDiffs < 5) {
                        r.failures.add("DQ[" + e.extver + "](" + (k % e.nx) + "," + (k / e.nx) + ") " + a.dq[k]
                                + " != " + e.dq[k]);
                    }
                    r.dqDiffs++;
                }
            }
            if (!(r.maxSciRatio <= 1.0) || !(r.maxErrRatio <= 1.0)) {
                r.failures.add("imset " + e.extver + " SCI/ERR beyond tolerance");
            }
        }
        for (Map.Entry<String, List<String>> en : keywords.entrySet()) {
            String hdu = en.getKey();
            Header ah = header(actual, hdu);
            Header eh = header(expected, hdu);
            for (String key : en.getValue()) {
                HeaderCard ec = eh == null ? null : eh.findCard(key);
                HeaderCard ac = ah == null ? null : ah.findCard(key);
                if (ec == null) {
                    if (ac != null) {
                        r.failures.add(hdu + " " + key + " present but not expected");
                    }
                    continue;
                }
                if (ac == null) {
                    r.failures.add(hdu + " " + key + " missing (expected " + ec.getValue() + ")");
                    continue;
                }
                String ev = ec.getValue() == null ? "" : ec.getValue().trim();
                String av = ac.getValue() == null ? "" : ac.getValue().trim();
                Class<?> t = ec.valueType();
                if (t == String.class || t == Boolean.class || t == null) {
                    if (!stripQuotes(ev).equals(stripQuotes(av))) {
                        r.failures.add(hdu + " " + key + " = '" + av + "' expected '" + ev + "'");
                    }
                } else if (Integer.class.isAssignableFrom(t) || Long.class == t || java.math.BigInteger.class == t) {
                    try {
                        if (Long.parseLong(av) != Long.parseLong(ev)) {
                            r.failures.add(hdu + " " + key + " = " + av + " expected " + ev);
                        }
                    } catch (NumberFormatException ex) {
                        r.failures.add(hdu + " " + key + " = " + av + " expected integer " + ev);
                    }
                } else {
                    double e = Double.parseDouble(ev.replace('D', 'E'));
                    double a;
                    try {
                        a = Double.parseDouble(av.replace('D', 'E'));
                    } catch (NumberFormatException ex) {
                        r.failures.add(hdu + " " + key + " = " + av + " expected number " + ev);
                        continue;
                    }
                    boolean ok;
                    if (Double.isNaN(e)) {
                        ok = Double.isNaN(a);
                    } else if (PIXEL_STATS.contains(key)) {
                        ok = Math.abs(a - e) <= atol + rtol * Math.abs(e);
                    } else if (e == 0) {
                        ok = a == 0;
                    } else {
                        ok = Math.abs(a - e) <= 1e-6 * Math.abs(e);
                    }
                    if (!ok) {
                        r.failures.add(hdu + " " + key + " = " + av + " expected " + ev);
                    }
                }
            }
        }
        return r;
    }

    /**
     * Compares with a compact expectation file (README "storage: expect"): headers of every HDU, the complete DQ
     * arrays, and SCI/ERR on the sampled rows (ROWINDEX) and columns (COLINDEX).
     */
    public static Report compareExpect(Exposure actual, Path expectFile, Map<String, List<String>> keywords,
                                       double rtol, double atol) throws Exception {
        Report r = new Report();
        java.util.Map<String, nom.tam.fits.BasicHDU<?>> hdus = new LinkedHashMap<>();
        Header primary;
        try (nom.tam.fits.Fits f = new nom.tam.fits.Fits(expectFile.toFile())) {
            nom.tam.fits.BasicHDU<?>[] all = f.read();
            primary = all[0].getHeader();
            for (int i = 1; i < all.length; i++) {
                Header h = all[i].getHeader();
                String key = h.getStringValue("EXTNAME").trim() + "," + h.getIntValue("EXTVER", 1);
                all[i].getKernel();
                hdus.put(key, all[i]);
            }
        }
        for (Imset a : actual.imsets()) {
            int v = a.extver;
            nom.tam.fits.BasicHDU<?> dqh = hdus.get("DQ," + v);
            if (dqh == null) {
                r.failures.add("expect file has no DQ," + v);
                continue;
            }
            Header dh = dqh.getHeader();
            if (dh.getIntValue("NAXIS", 0) == 0) {
                short pv = (short) dh.getIntValue("PIXVALUE", 0);
                for (int k = 0; k < a.dq.length; k++) {
                    if (a.dq[k] != pv) {
                        if (r.dqDiffs < 5) {
                            r.failures.add("DQ[" + v + "](" + (k % a.nx) + "," + (k / a.nx) + ") " + a.dq[k] + " != "
                                    + pv);
                        }
                        r.dqDiffs++;
                    }
                }
            } else {
                short[][] e = (short[][]) dqh.getKernel();
                for (int y = 0; y < a.ny; y++) {
                    for (int x = 0; x < a.nx; x++) {
                        if (a.dq[y * a.nx + x] != e[y][x]) {
                            if (r.dqDiffs < 5) {
                                r.failures.add("DQ[" + v + "](" + x + "," + y + ") " + a.dq[y * a.nx + x] + " != "
                                        + e[y][x]);
                            }
                            r.dqDiffs++;
                        }
                    }
                }
            }
            int[] rows = (int[]) hdus.get("ROWINDEX," + v).getKernel();
            float[][] srows = (float[][]) hdus.get("SCI_ROWS," + v).getKernel();
            float[][] erows = (float[][]) hdus.get("ERR_ROWS," + v).getKernel();
            for (int k = 0; k < rows.length; k++) {
                for (int x = 0; x < a.nx; x++) {
                    check(r, a.sci[rows[k] * a.nx + x], srows[k][x], a.err[rows[k] * a.nx + x], erows[k][x], rtol,
                            atol);
                }
            }
            int[] cols = (int[]) hdus.get("COLINDEX," + v).getKernel();
            float[][] scols = (float[][]) hdus.get("SCI_COLS," + v).getKernel();
            float[][] ecols = (float[][]) hdus.get("ERR_COLS," + v).getKernel();
            for (int k = 0; k < cols.length; k++) {
                for (int y = 0; y < a.ny; y++) {
                    check(r, a.sci[y * a.nx + cols[k]], scols[y][k], a.err[y * a.nx + cols[k]], ecols[y][k], rtol,
                            atol);
                }
            }
        }
        if (!(r.maxSciRatio <= 1.0) || !(r.maxErrRatio <= 1.0)) {
            r.failures.add("SCI/ERR beyond tolerance");
        }
        List<Imset> hdrOnly = new ArrayList<>();
        for (Imset a : actual.imsets()) {
            hdrOnly.add(new Imset(a.extver, 1, 1, new float[1], new float[1], new short[1],
                    hdus.containsKey("SCI," + a.extver) ? hdus.get("SCI," + a.extver).getHeader() : new Header(),
                    hdus.containsKey("ERR," + a.extver) ? hdus.get("ERR," + a.extver).getHeader() : new Header(),
                    hdus.containsKey("DQ," + a.extver) ? hdus.get("DQ," + a.extver).getHeader() : new Header()));
        }
        Exposure expHdrs = new Exposure(expectFile, primary, hdrOnly);
        List<Imset> actHdrs = new ArrayList<>();
        for (Imset a : actual.imsets()) {
            actHdrs.add(new Imset(a.extver, 1, 1, new float[1], new float[1], new short[1], a.sciHeader, a.errHeader,
                    a.dqHeader));
        }
        Report kr = compare(new Exposure(null, actual.primary(), actHdrs), expHdrs, keywords, rtol, atol);
        r.failures.addAll(kr.failures);
        return r;
    }

    private static void check(Report r, float as, float es, float ae, float ee, double rtol, double atol) {
        double ds = Math.abs((double) as - es);
        r.maxSciAbs = Math.max(r.maxSciAbs, ds);
        r.maxSciRatio = Math.max(r.maxSciRatio, ds / (atol + rtol * Math.abs(es)));
        double de = Math.abs((double) ae - ee);
        r.maxErrAbs = Math.max(r.maxErrAbs, de);
        r.maxErrRatio = Math.max(r.maxErrRatio, de / (atol + rtol * Math.abs(ee)));
    }

    /**
     * Rebuilds a stage product from its expectation file as far as it is stored: headers, complete DQ, and SCI/ERR
     * on the sampled rows and columns; every other SCI/ERR pixel is NaN. Enough to check per-pixel arithmetic of
     * a later stage on the sampled pixels.
     */
    public static Exposure partialFromExpect(Path expectFile) throws Exception {
        java.util.Map<String, nom.tam.fits.BasicHDU<?>> hdus = new LinkedHashMap<>();
        Header primary;
        try (nom.tam.fits.Fits f = new nom.tam.fits.Fits(expectFile.toFile())) {
            nom.tam.fits.BasicHDU<?>[] all = f.read();
            primary = org.camelcalacs.core.fits.Headers.copy(all[0].getHeader());
            for (int i = 1; i < all.length; i++) {
                Header h = all[i].getHeader();
                all[i].getKernel();
                hdus.put(h.getStringValue("EXTNAME").trim() + "," + h.getIntValue("EXTVER", 1), all[i]);
            }
        }
        int n = primary.getIntValue("NEXTEND", 3) / 3;
        List<Imset> imsets = new ArrayList<>();
        for (int v = 1; v <= n; v++) {
            Header sh = org.camelcalacs.core.fits.Headers.copy(hdus.get("SCI," + v).getHeader());
            int nx = sh.getIntValue("ORIGNAX1");
            int ny = sh.getIntValue("ORIGNAX2");
            float[] sci = new float[nx * ny];
            float[] err = new float[nx * ny];
            java.util.Arrays.fill(sci, Float.NaN);
            java.util.Arrays.fill(err, Float.NaN);
            short[] dq = new short[nx * ny];
            nom.tam.fits.BasicHDU<?> dqh = hdus.get("DQ," + v);
            if (dqh.getHeader().getIntValue("NAXIS", 0) == 0) {
                java.util.Arrays.fill(dq, (short) dqh.getHeader().getIntValue("PIXVALUE", 0));
            } else {
                short[][] d = (short[][]) dqh.getKernel();
                for (int y = 0; y < ny; y++) {
                    System.arraycopy(d[y], 0, dq, y * nx, nx);
                }
            }
            int[] rows = (int[]) hdus.get("ROWINDEX," + v).getKernel();
            float[][] sr = (float[][]) hdus.get("SCI_ROWS," + v).getKernel();
            float[][] er = (float[][]) hdus.get("ERR_ROWS," + v).getKernel();
            for (int k = 0; k < rows.length; k++) {
                System.arraycopy(sr[k], 0, sci, rows[k] * nx, nx);
                System.arraycopy(er[k], 0, err, rows[k] * nx, nx);
            }
            int[] cols = (int[]) hdus.get("COLINDEX," + v).getKernel();
            float[][] sc = (float[][]) hdus.get("SCI_COLS," + v).getKernel();
            float[][] ec = (float[][]) hdus.get("ERR_COLS," + v).getKernel();
            for (int k = 0; k < cols.length; k++) {
                for (int y = 0; y < ny; y++) {
                    sci[y * nx + cols[k]] = sc[y][k];
                    err[y * nx + cols[k]] = ec[y][k];
                }
            }
            imsets.add(new Imset(v, nx, ny, sci, err, dq, sh,
                    org.camelcalacs.core.fits.Headers.copy(hdus.get("ERR," + v).getHeader()),
                    org.camelcalacs.core.fits.Headers.copy(dqh.getHeader())));
        }
        return new Exposure(expectFile, primary, imsets);
    }

    private static String stripQuotes(String v) {
        return v.replaceAll("\\s+$", "");
    }

    private static Header header(Exposure x, String hdu) {
        if (hdu.equals("PRIMARY")) {
            return x.primary();
        }
        String[] p = hdu.split(",");
        Imset s;
        try {
            s = x.imset(Integer.parseInt(p[1].trim()));
        } catch (RuntimeException e) {
            return null;
        }
        return switch (p[0].trim()) {
            case "SCI" -> s.sciHeader;
            case "ERR" -> s.errHeader;
            case "DQ" -> s.dqHeader;
            default -> null;
        };
    }
}
