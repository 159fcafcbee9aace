package org.camelcalacs.core.acsccd;

import org.camelcalacs.core.golden.GoldenCase;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.model.Verbosity;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;


/**
 * Test utility: runs ACSCCD on a golden case (spec corpus, golden/README.md) in a work directory and compares a
 * product with the case's expectation (compact "expect" file or a complete oracle product): SCI/ERR on the
 * sampled rows and columns with the README tolerances, DQ on every pixel, and the geometry.
 */
final class GoldenCcd {
    /** The corpus: -Dcalacs.golden.dir (set by the build), else -Dcalacs.golden, else /work/shared/golden. */
    static final Path ROOT = locate();

    private static Path locate() {
        for (String p : new String[] {System.getProperty("calacs.golden.dir"), System.getProperty("calacs.golden"),
            "/work/shared/golden"}) {
            if (p != null && Files.isDirectory(Path.of(p))) {
                return Path.of(p).normalize();
            }
        }
        return Path.of(System.getProperty("calacs.golden.dir", "/work/shared/golden"));
    }

    private GoldenCcd() {
    }

    /** Skips (or fails with -Dcalacs.golden.required=true) when the corpus case is missing. */
    static Path caseDir(String name) {
        Path dir = ROOT.resolve(name);
        GoldenCase.assumeCorpus(Files.isRegularFile(dir.resolve("case.json")),
                "golden corpus case " + dir + " not found (-Dcalacs.golden.dir)");
        return dir;
    }

    /** Gunzips the inputs into {@code work} and the references into {@code work/ref}; returns the input raw. */
    static Path prepare(Path caseDir, Path work) throws IOException {
        String json = Files.readString(caseDir.resolve("case.json"));
        Matcher m = Pattern.compile("\"jref\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        String jref = m.find() ? m.group(1) : "inputs/ref/";
        Path refSrc = caseDir.resolve(jref).normalize();
        Path ref = Files.createDirectories(work.resolve("ref"));
        try (Stream<Path> s = Files.list(caseDir.resolve("inputs"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.toString().endsWith(".gz")) {
                    gunzip(p, work);
                }
            }
        }
        try (Stream<Path> s = Files.list(refSrc)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.toString().endsWith(".gz")) {
                    gunzip(p, ref);
                }
            }
        }
        Matcher in = Pattern.compile("\"input\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!in.find()) {
            throw new AssertionError("case.json has no input");
        }
        return work.resolve(in.group(1));
    }

    private static void gunzip(Path gz, Path dir) throws IOException {
        String n = gz.getFileName().toString();
        Path out = dir.resolve(n.substring(0, n.length() - 3));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static RunContext context(Path work, boolean verbose) {
        RunOptions opts = RunOptions.defaults(work).withVerbosity(verbose ? Verbosity.VERBOSE : Verbosity.QUIET)
                .withTimestamps(Boolean.getBoolean("calacs.timestamps"));
        RefResolver refs = new RefResolver(Map.of("jref", work.resolve("ref")), work, List.of());
        PrintStream console = verbose ? System.out : null;
        return new RunContext(opts, refs, new Trailer(opts.verbosity(), opts.timestamps(), console), Map.of(), null);
    }

    /** Largest deviations found by a comparison. */
    static final class Report {
        double maxAbsSci;
        double maxRelSci;
        double maxAbsErr;
        double maxRelErr;
        long sciFail;
        long errFail;
        long dqDiff;
        long compared;
        final List<String> notes = new ArrayList<>();

        boolean pass() {
            return sciFail == 0 && errFail == 0 && dqDiff == 0 && notes.isEmpty();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "compared %d px; SCI max abs %.3g rel %.3g (fail %d); ERR max abs %.3g"
                    + " rel %.3g (fail %d); DQ differing %d; %s", compared, maxAbsSci, maxRelSci, sciFail, maxAbsErr,
                    maxRelErr, errFail, dqDiff, notes);
        }

        void sci(double java, double oracle, double rtol, double atol) {
            compared++;
            double d = Math.abs(java - oracle);
            maxAbsSci = Math.max(maxAbsSci, d);
            if (oracle != 0) {
                maxRelSci = Math.max(maxRelSci, d / Math.abs(oracle));
            }
            if (!(d <= atol + rtol * Math.abs(oracle)) && !(Double.isNaN(java) && Double.isNaN(oracle))) {
                sciFail++;
            }
        }

        void err(double java, double oracle, double rtol, double atol) {
            double d = Math.abs(java - oracle);
            maxAbsErr = Math.max(maxAbsErr, d);
            if (oracle != 0) {
                maxRelErr = Math.max(maxRelErr, d / Math.abs(oracle));
            }
            if (!(d <= atol + rtol * Math.abs(oracle)) && !(Double.isNaN(java) && Double.isNaN(oracle))) {
                errFail++;
            }
        }
    }

    private static List<BasicHDU<?>> readAll(Path gz) throws Exception {
        List<BasicHDU<?>> out = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz)); Fits f = new Fits(in)) {
            BasicHDU<?> h;
            while ((h = f.readHDU()) != null) {
                if (h instanceof ImageHDU img) {
                    img.getKernel();
                }
                out.add(h);
            }
        }
        return out;
    }

    private static BasicHDU<?> find(List<BasicHDU<?>> hdus, String extname, int extver) {
        for (BasicHDU<?> h : hdus) {
            Header hd = h.getHeader();
            String n = hd.getStringValue("EXTNAME");
            if (n != null && n.trim().equals(extname) && hd.getIntValue("EXTVER", 1) == extver) {
                return h;
            }
        }
        return null;
    }

    private static int[] ints(BasicHDU<?> h) throws Exception {
        Object k = ((ImageHDU) h).getKernel();
        if (k instanceof int[] a) {
            return a;
        }
        if (k instanceof long[] a) {
            int[] o = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                o[i] = (int) a[i];
            }
            return o;
        }
        throw new AssertionError("index array of type " + k.getClass());
    }

    private static float[][] floats(BasicHDU<?> h) throws Exception {
        return (float[][]) ((ImageHDU) h).getKernel();
    }

    /** Compares a product with a compact expect file. */
    static Report compareExpect(Exposure product, Path expectGz, double rtol, double atol) throws Exception {
        List<BasicHDU<?>> e = readAll(expectGz);
        Report r = new Report();
        for (Imset s : product.imsets()) {
            int v = s.extver;
            BasicHDU<?> dqh = find(e, "DQ", v);
            Header dqHeader = dqh.getHeader();
            int enx = dqHeader.containsKey("ORIGNAX1") ? dqHeader.getIntValue("ORIGNAX1")
                    : dqHeader.getIntValue("NPIX1");
            int eny = dqHeader.containsKey("ORIGNAX2") ? dqHeader.getIntValue("ORIGNAX2")
                    : dqHeader.getIntValue("NPIX2");
            if (enx != s.nx || eny != s.ny) {
                r.notes.add("imset " + v + " size " + s.nx + "x" + s.ny + " but expected " + enx + "x" + eny);
                continue;
            }
            compareDq(r, s, dqh);
            BasicHDU<?> sciHdr = find(e, "SCI", v);
            for (String key : new String[] {"LTV1", "LTV2"}) {
                double ev = sciHdr.getHeader().getDoubleValue(key, 0);
                double jv = s.sciHeader.getDoubleValue(key, 0);
                if (ev != jv) {
                    r.notes.add("SCI," + v + " " + key + " = " + jv + " but expected " + ev);
                }
            }
            int[] rows = ints(find(e, "ROWINDEX", v));
            float[][] sr = floats(find(e, "SCI_ROWS", v));
            float[][] er = floats(find(e, "ERR_ROWS", v));
            for (int k = 0; k < rows.length; k++) {
                for (int i = 0; i < s.nx; i++) {
                    r.sci(s.sci[rows[k] * s.nx + i], sr[k][i], rtol, atol);
                    r.err(s.err[rows[k] * s.nx + i], er[k][i], rtol, atol);
                }
            }
            int[] cols = ints(find(e, "COLINDEX", v));
            float[][] sc = floats(find(e, "SCI_COLS", v));
            float[][] ec = floats(find(e, "ERR_COLS", v));
            for (int j = 0; j < s.ny; j++) {
                for (int k = 0; k < cols.length; k++) {
                    r.sci(s.sci[j * s.nx + cols[k]], sc[j][k], rtol, atol);
                    r.err(s.err[j * s.nx + cols[k]], ec[j][k], rtol, atol);
                }
            }
        }
        return r;
    }

    /** Compares only DQ (minus {@code ignoreBits}) and the geometry with an expect file. */
    static Report compareDqExpect(Exposure product, Path expectGz, int ignoreBits) throws Exception {
        List<BasicHDU<?>> e = readAll(expectGz);
        Report r = new Report();
        for (Imset s : product.imsets()) {
            BasicHDU<?> dqh = find(e, "DQ", s.extver);
            Header h = dqh.getHeader();
            int enx = h.containsKey("ORIGNAX1") ? h.getIntValue("ORIGNAX1") : h.getIntValue("NPIX1");
            int eny = h.containsKey("ORIGNAX2") ? h.getIntValue("ORIGNAX2") : h.getIntValue("NPIX2");
            if (enx != s.nx || eny != s.ny) {
                r.notes.add("imset " + s.extver + " size " + s.nx + "x" + s.ny + " but expected " + enx + "x" + eny);
                continue;
            }
            compareDq(r, s, dqh, ignoreBits);
        }
        return r;
    }

    private static void compareDq(Report r, Imset s, BasicHDU<?> dqh) throws Exception {
        compareDq(r, s, dqh, 0);
    }

    private static void compareDq(Report r, Imset s, BasicHDU<?> dqh, int ignore) throws Exception {
        Header h = dqh.getHeader();
        if (h.getIntValue("NAXIS", 0) == 0) {
            int pv = h.getIntValue("PIXVALUE", 0);
            for (short d : s.dq) {
                r.compared++;
                if ((d & ~ignore) != (pv & ~ignore)) {
                    r.dqDiff++;
                }
            }
            return;
        }
        short[][] dq = (short[][]) ((ImageHDU) dqh).getKernel();
        for (int j = 0; j < s.ny; j++) {
            for (int i = 0; i < s.nx; i++) {
                r.compared++;
                if ((dq[j][i] & ~ignore) != (s.dq[j * s.nx + i] & ~ignore)) {
                    r.dqDiff++;
                }
            }
        }
    }

    /** Compares the DQ and geometry of a product with a complete oracle product (e.g. the FLT for a blv_tmp). */
    static Report compareDqWithFull(Exposure product, Path fullGz, int ignoreBits) throws Exception {
        Exposure o = AcsFits.read(fullGz);
        Report r = new Report();
        for (Imset s : product.imsets()) {
            Imset oi = o.imset(s.extver);
            if (oi.nx != s.nx || oi.ny != s.ny) {
                r.notes.add("imset " + s.extver + " size " + s.nx + "x" + s.ny + " but oracle " + oi.nx + "x" + oi.ny);
                continue;
            }
            for (int k = 0; k < s.dq.length; k++) {
                r.compared++;
                if ((s.dq[k] & ~ignoreBits) != (oi.dq[k] & ~ignoreBits)) {
                    r.dqDiff++;
                }
            }
            for (String key : new String[] {"LTV1", "LTV2"}) {
                if (oi.sciHeader.getDoubleValue(key, 0) != s.sciHeader.getDoubleValue(key, 0)) {
                    r.notes.add("SCI," + s.extver + " " + key + " differs");
                }
            }
        }
        return r;
    }

    /**
     * Diagnostic for cases whose blv_tmp is not stored: rebuilds the blv_tmp SCI from the oracle FLT as
     * {@code FLT·FLAT + DARK·DARKTIME} (acs2d's DARKCORR and FLATCORR undone; no flash) on the sampled rows, and
     * compares it with ours. Pixels with a zero flat (DQ 512) are skipped.
     */
    static Report reconstructFromFlt(Exposure blv, Path fltExpectOrFull, Path refDir, double rtol, double atol)
            throws Exception {
        Report r = new Report();
        String darkName = blv.primary().getStringValue("DARKFILE").trim().replace("jref$", "");
        String flatName = blv.primary().getStringValue("PFLTFILE").trim().replace("jref$", "");
        Exposure dark = AcsFits.read(refDir.resolve(darkName));
        Exposure flat = AcsFits.read(refDir.resolve(flatName));
        boolean full = !fltExpectOrFull.toString().contains("_expect");
        List<BasicHDU<?>> e = full ? null : readAll(fltExpectOrFull);
        Exposure flt = full ? AcsFits.read(fltExpectOrFull) : null;
        double darktime = blv.primary().getDoubleValue("DARKTIME");
        for (Imset s : blv.imsets()) {
            Imset d = dark.imsetByChip(s.ccdChip());
            Imset f = flat.imsetByChip(s.ccdChip());
            int[] rows;
            float[][] sr;
            if (full) {
                Imset o = flt.imset(s.extver);
                rows = new int[s.ny];
                sr = new float[s.ny][];
                for (int j = 0; j < s.ny; j++) {
                    rows[j] = j;
                    sr[j] = java.util.Arrays.copyOfRange(o.sci, j * s.nx, (j + 1) * s.nx);
                }
            } else {
                rows = ints(find(e, "ROWINDEX", s.extver));
                sr = floats(find(e, "SCI_ROWS", s.extver));
            }
            var od = org.camelcalacs.core.array.RefGeometry.findLine(s.sciHeader, s.nx, d.sciHeader, d.nx);
            var of = org.camelcalacs.core.array.RefGeometry.findLine(s.sciHeader, s.nx, f.sciHeader, f.nx);
            for (int k = 0; k < rows.length; k++) {
                for (int i = 0; i < s.nx; i++) {
                    int p = rows[k] * s.nx + i;
                    int pd = (rows[k] + od.y0()) * d.nx + i + od.x0();
                    int pf = (rows[k] + of.y0()) * f.nx + i + of.x0();
                    if (f.sci[pf] == 0f) {
                        continue;
                    }
                    double rebuilt = (double) sr[k][i] * f.sci[pf] + (double) d.sci[pd] * darktime;
                    r.sci(s.sci[p], rebuilt, rtol, atol);
                }
            }
        }
        return r;
    }

    /** Compares the calibration keywords of the primary and SCI headers with an expect file (README rules). */
    static Report compareKeywords(Exposure product, Path expectGz) throws Exception {
        List<BasicHDU<?>> e = readAll(expectGz);
        Report r = new Report();
        String[] prim = {"DQICORR", "ATODCORR", "BLEVCORR", "BIASCORR", "SINKCORR", "FLSHCORR", "DARKCORR", "FLATCORR",
            "PHOTCORR", "PCTECORR", "DARKTIME", "BIASLEVA", "BIASLEVB", "BIASLEVC", "BIASLEVD", "ATODGNA", "ATODGNB",
            "ATODGNC", "ATODGND", "READNSEA", "READNSEB", "READNSEC", "READNSED"};
        keys(r, "PRIMARY", product.primary(), e.get(0).getHeader(), prim);
        for (Imset s : product.imsets()) {
            keys(r, "SCI," + s.extver, s.sciHeader, find(e, "SCI", s.extver).getHeader(),
                    new String[] {"BUNIT", "MEANBLEV", "LTV1", "LTV2", "SIZAXIS1", "SIZAXIS2"});
        }
        return r;
    }

    private static void keys(Report r, String hdu, Header java, Header oracle, String[] keys) {
        for (String k : keys) {
            var oc = oracle.findCard(k);
            var jc = java.findCard(k);
            if (oc == null && jc == null) {
                continue;
            }
            if (oc == null || jc == null) {
                r.notes.add(hdu + " " + k + ": java " + (jc == null ? "missing" : jc.getValue()) + " oracle "
                        + (oc == null ? "missing" : oc.getValue()));
                continue;
            }
            String ov = oc.getValue() == null ? "" : oc.getValue().trim();
            String jv = jc.getValue() == null ? "" : jc.getValue().trim();
            try {
                double o = Double.parseDouble(ov.replace('D', 'E'));
                double j = Double.parseDouble(jv.replace('D', 'E'));
                double tol = k.startsWith("BIASLEV") || k.equals("MEANBLEV") ? 1e-3 + 1e-5 * Math.abs(o)
                        : 1e-6 * Math.abs(o);
                if (Math.abs(o - j) > tol) {
                    r.notes.add(hdu + " " + k + ": java " + jv + " oracle " + ov);
                }
            } catch (NumberFormatException ex) {
                if (!ov.equals(jv)) {
                    r.notes.add(hdu + " " + k + ": java '" + jv + "' oracle '" + ov + "'");
                }
            }
        }
    }

    /** Compares every pixel of a product with a complete oracle product. */
    static Report compareFull(Exposure product, Path fullGz, double rtol, double atol) {
        Exposure o = AcsFits.read(fullGz);
        Report r = new Report();
        for (Imset s : product.imsets()) {
            Imset oi = o.imset(s.extver);
            if (oi.nx != s.nx || oi.ny != s.ny) {
                r.notes.add("imset " + s.extver + " size " + s.nx + "x" + s.ny + " but oracle " + oi.nx + "x" + oi.ny);
                continue;
            }
            for (int k = 0; k < s.sci.length; k++) {
                r.sci(s.sci[k], oi.sci[k], rtol, atol);
                r.err(s.err[k], oi.err[k], rtol, atol);
                if (s.dq[k] != oi.dq[k]) {
                    r.dqDiff++;
                }
            }
        }
        return r;
    }
}
