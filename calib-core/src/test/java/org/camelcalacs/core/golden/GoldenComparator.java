package org.camelcalacs.core.golden;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import nom.tam.fits.Header;

/**
 * Compares a candidate product with a golden expectation exactly as golden/README.md and golden_compare.py
 * define it: DQ identical; SCI/ERR per stored pixel within {@code atol + rtol·|oracle|} (NaN matches NaN),
 * complete arrays for {@code storage=full} and the sampled rows/columns for {@code storage=expect};
 * {@code compare_keywords} per HDU (strings equal after stripping trailing blanks, integers and booleans
 * exactly, pixel statistics with the product's SCI tolerance, other floats to 1e-6 relative, exact for 0).
 */
public final class GoldenComparator {
    /** Keywords that are statistics of pixel values: compared with the product's pixel tolerance. */
    public static final Set<String> PIXEL_STAT_KW = Set.of("MEANBLEV", "MEANDARK", "MEANFLSH", "GOODMIN", "GOODMAX",
            "GOODMEAN", "SNRMIN", "SNRMAX", "SNRMEAN", "BIASLEVA", "BIASLEVB", "BIASLEVC", "BIASLEVD", "SKYSUM");
    /** Every other float keyword: |cand − oracle| ≤ 1e-6·|oracle|. */
    public static final double KW_REL = 1e-6;
    /** Never compared, even if a case listed them. */
    public static final Set<String> NEVER_COMPARED = Set.of("FILENAME", "DATE", "IRAF-TLM", "ORIGIN", "CAL_VER",
            "PROCTIME", "HISTORY", "COMMENT");
    /** Detail lines kept per product. */
    private static final int MAX_DETAILS = 20;

    private GoldenComparator() {
    }

    /** Deviation statistics of one compared array (e.g. SCI,1 or SCI_ROWS,2). */
    public record ArrayResult(String extension, long compared, long outOfTolerance, double maxAbs, double maxRel,
                              String firstBad) {
    }

    /** Everything learnt about one product. */
    public static final class ProductResult {
        public final String caseId;
        public final String product;
        public boolean missing;
        public final List<ArrayResult> arrays = new ArrayList<>();
        public final Map<String, Long> dqMismatches = new java.util.LinkedHashMap<>();
        public final List<String> keywordMismatches = new ArrayList<>();
        public final List<String> errors = new ArrayList<>();

        public ProductResult(String caseId, String product) {
            this.caseId = caseId;
            this.product = product;
        }

        public boolean pass() {
            return !missing && errors.isEmpty() && keywordMismatches.isEmpty()
                    && dqMismatches.values().stream().allMatch(n -> n == 0)
                    && arrays.stream().allMatch(a -> a.outOfTolerance() == 0);
        }

        public double maxAbs() {
            return arrays.stream().mapToDouble(ArrayResult::maxAbs).max().orElse(Double.NaN);
        }

        public double maxRel() {
            return arrays.stream().mapToDouble(ArrayResult::maxRel).max().orElse(Double.NaN);
        }

        /** Short list of what failed (for assertion messages). */
        public List<String> problems() {
            List<String> p = new ArrayList<>();
            if (missing) {
                p.add("MISSING " + product);
            }
            p.addAll(errors);
            dqMismatches.forEach((k, n) -> {
                if (n != 0) {
                    p.add(k + ": " + n + " pixels differ");
                }
            });
            for (ArrayResult a : arrays) {
                if (a.outOfTolerance() > 0) {
                    p.add(a.extension() + ": " + a.outOfTolerance() + " values out of tolerance, first at " + a.firstBad());
                }
            }
            p.addAll(keywordMismatches);
            return p.size() > MAX_DETAILS ? p.subList(0, MAX_DETAILS) : p;
        }
    }

    /** Compares the product {@code p} of {@code c} written in {@code workDir}. */
    public static ProductResult compare(GoldenCase c, GoldenCase.Product p, Path workDir) {
        ProductResult r = new ProductResult(c.id(), p.product());
        Path cand = workDir.resolve(p.product());
        if (!Files.isRegularFile(cand)) {
            r.missing = true;
            return r;
        }
        try {
            return compare(c, p, FitsView.open(cand));
        } catch (IOException | RuntimeException e) {
            r.errors.add("cannot compare: " + e);
        }
        return r;
    }

    /**
     * Compares a candidate that is already open or only in memory ({@link InMemory#view}) with the expectation
     * of product {@code p} of {@code c}, under the case's tolerance for that product.
     */
    public static ProductResult compare(GoldenCase c, GoldenCase.Product p, FitsView candidate) {
        ProductResult r = new ProductResult(c.id(), p.product());
        try {
            FitsView exp = FitsView.open(c.dir().resolve(p.file()));
            compare(exp, candidate, p, c.tolerance(p), r);
        } catch (IOException | RuntimeException e) {
            r.errors.add("cannot compare: " + e);
        }
        return r;
    }

    /** Compares open files (also used by unit tests with hand-made candidates). */
    public static void compare(FitsView exp, FitsView can, GoldenCase.Product p, GoldenCase.Tolerance tol,
                               ProductResult r) {
        compareKeywords(exp, can, p, tol, r);
        for (int v : exp.sciVersions()) {
            FitsView.Image dqO = image(exp, "DQ", v);
            FitsView.Image dqC = image(can, "DQ", v);
            String dqName = "DQ," + v;
            if (dqO == null || dqC == null || dqO.nx() != dqC.nx() || dqO.ny() != dqC.ny()) {
                r.errors.add(dqName + ": shape/presence differs");
            } else {
                long n = 0;
                for (int i = 0; i < dqO.data().length; i++) {
                    if ((((int) dqO.data()[i]) & 0xFFFF) != (((int) dqC.data()[i]) & 0xFFFF)) {
                        n++;
                    }
                }
                r.dqMismatches.put(dqName, n);
            }
            FitsView.Image sciC = image(can, "SCI", v);
            FitsView.Image errC = image(can, "ERR", v);
            if (sciC == null || errC == null) {
                r.errors.add("SCI/ERR," + v + ": missing in the candidate");
                continue;
            }
            if (p.full()) {
                arrays(r, "SCI," + v, image(exp, "SCI", v), sciC, tol);
                arrays(r, "ERR," + v, image(exp, "ERR", v), errC, tol);
            } else {
                FitsView.Image rows = image(exp, "ROWINDEX", v);
                FitsView.Image cols = image(exp, "COLINDEX", v);
                if (rows == null || cols == null) {
                    r.errors.add("expectation lacks ROWINDEX/COLINDEX," + v);
                    continue;
                }
                arrays(r, "SCI_ROWS," + v, image(exp, "SCI_ROWS", v), pickRows(sciC, rows), tol);
                arrays(r, "ERR_ROWS," + v, image(exp, "ERR_ROWS", v), pickRows(errC, rows), tol);
                arrays(r, "SCI_COLS," + v, image(exp, "SCI_COLS", v), pickCols(sciC, cols), tol);
                arrays(r, "ERR_COLS," + v, image(exp, "ERR_COLS", v), pickCols(errC, cols), tol);
            }
        }
    }

    private static FitsView.Image image(FitsView f, String name, int v) {
        int i = f.find(name, v);
        return i < 0 ? null : f.image(i);
    }

    /** {@code img[rows, :]}; null if an index is out of range (reported as a shape difference). */
    static FitsView.Image pickRows(FitsView.Image img, FitsView.Image rows) {
        int n = rows.data().length;
        double[] d = new double[n * img.nx()];
        for (int k = 0; k < n; k++) {
            int y = (int) rows.data()[k];
            if (y < 0 || y >= img.ny()) {
                return null;
            }
            System.arraycopy(img.data(), y * img.nx(), d, k * img.nx(), img.nx());
        }
        return new FitsView.Image(img.nx(), n, d);
    }

    /** {@code img[:, cols]}. */
    static FitsView.Image pickCols(FitsView.Image img, FitsView.Image cols) {
        int n = cols.data().length;
        double[] d = new double[n * img.ny()];
        for (int k = 0; k < n; k++) {
            int x = (int) cols.data()[k];
            if (x < 0 || x >= img.nx()) {
                return null;
            }
            for (int y = 0; y < img.ny(); y++) {
                d[y * n + k] = img.data()[y * img.nx() + x];
            }
        }
        return new FitsView.Image(n, img.ny(), d);
    }

    private static void arrays(ProductResult r, String name, FitsView.Image o, FitsView.Image c,
                               GoldenCase.Tolerance tol) {
        if (o == null || c == null || o.nx() != c.nx() || o.ny() != c.ny()) {
            r.errors.add(name + ": shape " + shape(c) + " != oracle " + shape(o));
            return;
        }
        long bad = 0;
        double maxAbs = 0;
        double maxRel = 0;
        String first = null;
        double[] od = o.data();
        double[] cd = c.data();
        for (int i = 0; i < od.length; i++) {
            double ov = od[i];
            double cv = cd[i];
            // computed in float64 like numpy: a NaN on one side only is out of tolerance
            if (!tol.ok(cv, ov)) {
                bad++;
                if (first == null) {
                    first = String.format(Locale.ROOT, "(%d, %d): %s vs oracle %s", i / o.nx(), i % o.nx(),
                            Float.toString((float) cv), Float.toString((float) ov));
                }
            }
            double d = Math.abs(cv - ov);
            if (!Double.isNaN(d)) {
                maxAbs = Math.max(maxAbs, d);
                if (ov != 0) {
                    maxRel = Math.max(maxRel, d / Math.abs(ov));
                }
            } else if (Double.isNaN(cv) != Double.isNaN(ov)) {
                maxAbs = Double.POSITIVE_INFINITY;
            }
        }
        r.arrays.add(new ArrayResult(name, od.length, bad, maxAbs, maxRel, first));
    }

    private static String shape(FitsView.Image i) {
        return i == null ? "(none)" : "(" + i.ny() + ", " + i.nx() + ")";
    }

    private static void compareKeywords(FitsView exp, FitsView can, GoldenCase.Product p, GoldenCase.Tolerance tol,
                                        ProductResult r) {
        for (Map.Entry<String, List<String>> e : p.compareKeywords().entrySet()) {
            String ext = e.getKey();
            int ie = exp.find(ext);
            int ic = can.find(ext);
            if (ie < 0) {
                r.errors.add(ext + ": HDU missing in the expectation");
                continue;
            }
            if (ic < 0) {
                r.keywordMismatches.add(ext + ": HDU missing");
                continue;
            }
            Header he = exp.header(ie);
            Header hc = can.header(ic);
            for (String k : e.getValue()) {
                if (NEVER_COMPARED.contains(k.toUpperCase(Locale.ROOT))) {
                    continue;
                }
                Object vc = FitsView.value(hc, k);
                Object vo = FitsView.value(he, k);
                if (vc == null) {
                    r.keywordMismatches.add(ext + " " + k + ": keyword missing");
                } else if (vo == null) {
                    r.keywordMismatches.add(ext + " " + k + ": " + vc + " but the oracle has no such keyword");
                } else if (!keywordEqual(k, vc, vo, tol)) {
                    r.keywordMismatches.add(ext + " " + k + ": " + fmt(vc) + " != oracle " + fmt(vo));
                }
            }
        }
    }

    private static String fmt(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    /** golden_compare._kw_equal. */
    public static boolean keywordEqual(String key, Object vc, Object vo, GoldenCase.Tolerance tol) {
        if (vo instanceof String so) {
            return vc instanceof String sc && rstrip(sc).equals(rstrip(so));
        }
        if (vo instanceof Boolean || vo instanceof Long) {
            // Python ==: True == 1, 2 == 2.0; a string never equals a number
            if (vc instanceof String) {
                return false;
            }
            Double c = number(vc);
            Double o = number(vo);
            return c != null && o != null && c.doubleValue() == o.doubleValue();
        }
        Double c = number(vc);
        Double o = number(vo);
        if (c == null || o == null) {
            return false;
        }
        if (Double.isNaN(o)) {
            return Double.isNaN(c);
        }
        if (PIXEL_STAT_KW.contains(key.toUpperCase(Locale.ROOT))) {
            return tol.ok(c, o);
        }
        return Math.abs(c - o) <= KW_REL * Math.abs(o);
    }

    private static Double number(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            // Python float('1.5') works for strings too (golden_compare: float(v_c))
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static String rstrip(String s) {
        int e = s.length();
        while (e > 0 && Character.isWhitespace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(0, e);
    }
}
