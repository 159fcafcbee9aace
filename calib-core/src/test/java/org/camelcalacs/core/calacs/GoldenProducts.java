package org.camelcalacs.core.calacs;

import java.io.File;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;

/**
 * Compares a product with a golden expectation following golden/README.md: DQ identical, SCI/ERR within
 * atol + rtol·|oracle| (all pixels of a "full" file, the sampled rows and columns of an "expect" file), and the
 * listed keywords (strings trimmed, integers/booleans exact, pixel statistics with the SCI tolerance, other
 * floats relative 1e-6).
 */
final class GoldenProducts {
    static final Set<String> PIXEL_STATS = Set.of("MEANBLEV", "MEANDARK", "MEANFLSH", "GOODMIN", "GOODMAX",
            "GOODMEAN", "SNRMIN", "SNRMAX", "SNRMEAN", "BIASLEVA", "BIASLEVB", "BIASLEVC", "BIASLEVD", "SKYSUM");

    /** The outcome for one product. */
    static final class Report {
        final String product;
        final List<String> failures = new ArrayList<>();
        double maxSciDev;
        double maxErrDev;
        long dqDiffs;
        long pixelsCompared;

        Report(String product) {
            this.product = product;
        }

        boolean ok() {
            return failures.isEmpty();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %s, %d pixels, max|dSCI|=%.3e, max|dERR|=%.3e, DQ diffs=%d%s",
                    product, ok() ? "PASS" : "FAIL", pixelsCompared, maxSciDev, maxErrDev, dqDiffs,
                    ok() ? "" : " " + failures.subList(0, Math.min(8, failures.size())));
        }
    }

    private record Hdu(Header header, Object kernel) {
    }

    private static Map<String, Hdu> read(File f) throws Exception {
        Map<String, Hdu> out = new HashMap<>();
        try (Fits fits = new Fits(f)) {
            BasicHDU<?>[] hdus = fits.read();
            for (int i = 0; i < hdus.length; i++) {
                Header h = hdus[i].getHeader();
                String key = i == 0 ? "PRIMARY" : h.getStringValue("EXTNAME", "").trim() + "," + h.getIntValue("EXTVER", 1);
                out.put(key, new Hdu(h, hdus[i].getKernel()));
            }
        }
        return out;
    }

    static Report compare(String product, File actual, File expected, boolean full, boolean cte,
                          Map<String, List<String>> keywords) throws Exception {
        Report r = new Report(product);
        double rtol = cte ? 1e-4 : 1e-5;
        double atol = cte ? 1e-2 : 1e-3;
        Map<String, Hdu> a = read(actual);
        Map<String, Hdu> e = read(expected);
        for (Map.Entry<String, List<String>> kv : keywords.entrySet()) {
            Hdu ha = a.get(kv.getKey());
            Hdu he = e.get(kv.getKey());
            if (ha == null || he == null) {
                r.failures.add("missing HDU " + kv.getKey());
                continue;
            }
            for (String k : kv.getValue()) {
                String why = compareKeyword(k, ha.header().findCard(k), he.header().findCard(k), rtol, atol);
                if (why != null) {
                    r.failures.add(kv.getKey() + " " + why);
                }
            }
        }
        for (int v = 1; v <= 2; v++) {
            Hdu sciE = e.get("SCI," + v);
            if (sciE == null) {
                continue;
            }
            Hdu sciA = a.get("SCI," + v);
            Hdu errA = a.get("ERR," + v);
            Hdu dqA = a.get("DQ," + v);
            if (sciA == null || errA == null || dqA == null) {
                r.failures.add("missing imset " + v);
                continue;
            }
            int nx = sciA.header().getIntValue("NAXIS1", sciA.header().getIntValue("NPIX1", 0));
            int ny = sciA.header().getIntValue("NAXIS2", sciA.header().getIntValue("NPIX2", 0));
            float[][] sa = image(sciA, nx, ny);
            float[][] ea = image(errA, nx, ny);
            float[][] da = image(dqA, nx, ny);
            float[][] dqE = image(e.get("DQ," + v), nx, ny);
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    if ((short) da[y][x] != (short) dqE[y][x]) {
                        if (r.dqDiffs++ < 3) {
                            r.failures.add("DQ," + v + " (" + x + "," + y + ") " + (short) da[y][x] + " != "
                                    + (short) dqE[y][x]);
                        }
                    }
                }
            }
            if (full) {
                float[][] se = image(sciE, nx, ny);
                float[][] ee = image(e.get("ERR," + v), nx, ny);
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        pix(r, "SCI," + v, x, y, sa[y][x], se[y][x], rtol, atol, true);
                        pix(r, "ERR," + v, x, y, ea[y][x], ee[y][x], rtol, atol, false);
                    }
                }
            } else {
                int[] rows = indices(e.get("ROWINDEX," + v));
                int[] cols = indices(e.get("COLINDEX," + v));
                float[][] sr = image(e.get("SCI_ROWS," + v), nx, rows.length);
                float[][] er = image(e.get("ERR_ROWS," + v), nx, rows.length);
                float[][] sc = image(e.get("SCI_COLS," + v), cols.length, ny);
                float[][] ec = image(e.get("ERR_COLS," + v), cols.length, ny);
                for (int k = 0; k < rows.length; k++) {
                    for (int x = 0; x < nx; x++) {
                        pix(r, "SCI," + v, x, rows[k], sa[rows[k]][x], sr[k][x], rtol, atol, true);
                        pix(r, "ERR," + v, x, rows[k], ea[rows[k]][x], er[k][x], rtol, atol, false);
                    }
                }
                for (int k = 0; k < cols.length; k++) {
                    for (int y = 0; y < ny; y++) {
                        pix(r, "SCI," + v, cols[k], y, sa[y][cols[k]], sc[y][k], rtol, atol, true);
                        pix(r, "ERR," + v, cols[k], y, ea[y][cols[k]], ec[y][k], rtol, atol, false);
                    }
                }
            }
        }
        if (r.dqDiffs > 0) {
            r.failures.add(r.dqDiffs + " DQ pixels differ");
        }
        return r;
    }

    private static void pix(Report r, String what, int x, int y, float act, float exp, double rtol, double atol,
                            boolean sci) {
        r.pixelsCompared++;
        double d = Math.abs((double) act - (double) exp);
        if (Float.isNaN(act) && Float.isNaN(exp)) {
            return;
        }
        if (sci) {
            r.maxSciDev = Math.max(r.maxSciDev, d);
        } else {
            r.maxErrDev = Math.max(r.maxErrDev, d);
        }
        if (!(d <= atol + rtol * Math.abs(exp))) {
            long n = r.failures.stream().filter(f -> f.startsWith(what)).count();
            if (n < 3) {
                r.failures.add(what + " (" + x + "," + y + ") " + act + " != " + exp);
            }
        }
    }

    private static int[] indices(Hdu h) {
        Object k = h.kernel();
        int n = Array.getLength(k);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) Array.get(k, i)).intValue();
        }
        return out;
    }

    /** A 2-D image as float[y][x]; constant (NAXIS=0) arrays are expanded from PIXVALUE. */
    private static float[][] image(Hdu h, int nx, int ny) {
        Header hd = h.header();
        double bzero = hd.getDoubleValue("BZERO", 0.0);
        double bscale = hd.getDoubleValue("BSCALE", 1.0);
        float[][] out = new float[ny][nx];
        if (hd.getIntValue("NAXIS", 0) == 0) {
            float v = (float) hd.getDoubleValue("PIXVALUE", 0.0);
            for (float[] row : out) {
                java.util.Arrays.fill(row, v);
            }
            return out;
        }
        Object k = h.kernel();
        for (int y = 0; y < ny; y++) {
            Object row = Array.get(k, y);
            for (int x = 0; x < nx; x++) {
                double v = ((Number) Array.get(row, x)).doubleValue();
                out[y][x] = (float) (v * bscale + bzero);
            }
        }
        return out;
    }

    private static String compareKeyword(String k, HeaderCard a, HeaderCard e, double rtol, double atol) {
        if (e == null && a == null) {
            return null;
        }
        if (e == null || a == null) {
            return k + ": " + (a == null ? "missing" : "unexpected") + " (expected " + (e == null ? null : e.getValue())
                    + ", got " + (a == null ? null : a.getValue()) + ")";
        }
        String ev = e.getValue() == null ? "" : e.getValue();
        String av = a.getValue() == null ? "" : a.getValue();
        if (e.isStringValue()) {
            return stripTrailing(av).equals(stripTrailing(ev)) ? null : k + ": '" + av + "' != '" + ev + "'";
        }
        if (ev.equals("T") || ev.equals("F")) {
            return av.equals(ev) ? null : k + ": " + av + " != " + ev;
        }
        double de;
        double da;
        try {
            de = Double.parseDouble(ev.replace('D', 'E'));
            da = Double.parseDouble(av.replace('D', 'E'));
        } catch (NumberFormatException x) {
            return av.trim().equals(ev.trim()) ? null : k + ": " + av + " != " + ev;
        }
        boolean intLike = !ev.contains(".") && !ev.toUpperCase(Locale.ROOT).contains("E");
        if (intLike && !av.contains(".")) {
            return da == de ? null : k + ": " + av + " != " + ev;
        }
        if (Double.isNaN(de) && Double.isNaN(da)) {
            return null;
        }
        double d = Math.abs(da - de);
        boolean ok = PIXEL_STATS.contains(k) ? d <= atol + rtol * Math.abs(de)
                : (de == 0 ? da == 0 : d <= 1e-6 * Math.abs(de));
        return ok ? null : k + ": " + av + " != " + ev;
    }

    private static String stripTrailing(String s) {
        return s.replaceAll("\\s+$", "");
    }
}
