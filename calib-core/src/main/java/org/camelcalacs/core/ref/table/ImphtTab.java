package org.camelcalacs.core.ref.table;

import org.camelcalacs.core.trailer.CFormat;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Header;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.FitsFile;

/**
 * The IMPHTTAB photometry table (spec §3 IMPHTTAB; port of GetPhotTab and helpers, hstcal lib/getphttab.c).
 *
 * <p>Primary header: {@code PARNUM}, {@code PHOTZPT}, {@code NEXTEND} (extension k = 1..NEXTEND is read by the
 * fixed name list PHOTFLAM, PHOTPLAM, PHOTBW, PHTFLAM1, PHTFLAM2), optional {@code EXTRAP}. Each extension has
 * rows with {@code OBSMODE}, {@code DATACOL}, the scalar column {@code <EXT>}, and for n = 1..PARNUM the
 * (usually variable-length) array columns {@code <EXT>n}, {@code PARnVALUES} plus {@code NELEMn} and
 * {@code PARnNAMES}. A parameterised row is interpolated linearly in every parameter; outside the tabulated range
 * the value is -9999 unless EXTRAP=T and the parameter is {@code mjd#}, which extrapolates from the last two points.
 */
public final class ImphtTab {
    /** hstcal's fixed extension-name list; extension k uses entry k. */
    static final String[] PHOTNAMES = {"PHOTZPT", "PHOTFLAM", "PHOTPLAM", "PHOTBW", "PHTFLAM1", "PHTFLAM2"};
    /** The value GetPhotTab returns when asked to extrapolate. */
    public static final double OUT_OF_RANGE = -9999.0;

    /** One table row, as read. Arrays are indexed by parameter (0-based) where the C uses 1-based column numbers. */
    public record Row(String obsmode, String datacol, double scalar, String[] parNames, int[] nelem,
                      double[][] parValues, double[][] results, String pedigree, String descrip) {
    }

    /** The values computed for one obsmode. {@code pedigree}/{@code descrip2} come from the matching row if present. */
    public record Result(double photflam, double photplam, double photbw, double phtflam1, double phtflam2,
                         double photzpt, String obsmode, String pedigree, String descrip2, List<String> messages) {
        public boolean dummyRow() {
            return pedigree != null && pedigree.startsWith("DUMMY");
        }
    }

    private final String name;
    private final int parnum;
    private final double photzpt;
    private final boolean extrap;
    private final String pedigree;
    private final String descrip;
    private final Map<String, List<Row>> extensions;

    ImphtTab(String name, int parnum, double photzpt, boolean extrap, String pedigree, String descrip,
             Map<String, List<Row>> extensions) {
        this.name = name;
        this.parnum = parnum;
        this.photzpt = photzpt;
        this.extrap = extrap;
        this.pedigree = pedigree;
        this.descrip = descrip;
        this.extensions = extensions;
    }

    public String name() {
        return name;
    }

    public boolean extrap() {
        return extrap;
    }

    public double photzpt() {
        return photzpt;
    }

    /** PEDIGREE of the primary header ("" if absent). */
    public String pedigree() {
        return pedigree;
    }

    /** DESCRIP of the primary header ("" if absent). */
    public String descrip() {
        return descrip;
    }

    /** Extension names in the order they are evaluated. */
    public List<String> extensionNames() {
        return List.copyOf(extensions.keySet());
    }

    public List<Row> rows(String extname) {
        return extensions.getOrDefault(extname, List.of());
    }

    /** Reads an IMPHTTAB file. */
    public static ImphtTab read(Path path) {
        String fname = String.valueOf(path.getFileName());
        try (FitsFile f = FitsFile.open(path)) {
            Header ph = f.primaryHeader();
            if (!ph.containsKey("PARNUM")) {
                throw ref(fname, "PRIMARY", "keyword PARNUM is missing from the primary header");
            }
            if (!ph.containsKey("PHOTZPT")) {
                throw ref(fname, "PRIMARY", "keyword PHOTZPT is missing from the primary header");
            }
            if (!ph.containsKey("NEXTEND")) {
                throw ref(fname, "PRIMARY", "keyword NEXTEND is missing from the primary header");
            }
            int parnum = ph.getIntValue("PARNUM");
            double zpt = ph.getDoubleValue("PHOTZPT");
            int nextend = ph.getIntValue("NEXTEND");
            boolean extrap = ph.containsKey("EXTRAP") && ph.getBooleanValue("EXTRAP", false);
            String ped = trimEnd(ph.getStringValue("PEDIGREE"));
            String desc = trimEnd(ph.getStringValue("DESCRIP"));
            if (nextend < 1 || nextend >= PHOTNAMES.length) {
                throw ref(fname, "PRIMARY", "NEXTEND = " + nextend + " but IMPHTTAB extensions must be 1.."
                        + (PHOTNAMES.length - 1));
            }
            Map<String, List<Row>> ext = new LinkedHashMap<>();
            for (int k = 1; k <= nextend; k++) {
                String pname = PHOTNAMES[k];
                int idx = findExtension(f, pname);
                if (idx < 0) {
                    throw ref(fname, pname, "IMPHTTAB extension " + pname + " not found");
                }
                ext.put(pname, readRows(f.table(idx), pname, parnum, fname));
            }
            return new ImphtTab(fname, parnum, zpt, extrap, ped, desc, ext);
        } catch (CalacsException e) {
            throw e.inFile(fname).forKeyword("IMPHTTAB");
        } catch (RuntimeException e) {
            throw (ReferenceFileException) new ReferenceFileException("cannot read IMPHTTAB: " + e.getMessage(), e)
                    .inFile(fname).forKeyword("IMPHTTAB");
        }
    }

    private static int findExtension(FitsFile f, String extname) {
        for (int i = 1; i < f.hduCount(); i++) {
            String en = f.header(i).getStringValue("EXTNAME");
            if (en != null && en.trim().equalsIgnoreCase(extname)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Row> readRows(BinaryTableHDU hdu, String pname, int parnum, String fname) {
        BinaryTable t = hdu.getData();
        int cObs = col(hdu, "OBSMODE");
        int cData = col(hdu, "DATACOL");
        int cScalar = col(hdu, pname);
        int[] cRes = new int[parnum + 1];
        int[] cNelem = new int[parnum + 1];
        int[] cNames = new int[parnum + 1];
        int[] cVals = new int[parnum + 1];
        List<String> missing = new ArrayList<>();
        for (int n = 1; n <= parnum; n++) {
            cRes[n] = col(hdu, pname + n);
            cNelem[n] = col(hdu, "NELEM" + n);
            cNames[n] = col(hdu, "PAR" + n + "NAMES");
            cVals[n] = col(hdu, "PAR" + n + "VALUES");
            if (cRes[n] < 0) {
                missing.add(pname + n);
            }
        }
        if (cObs < 0) {
            missing.add("OBSMODE");
        }
        if (cData < 0) {
            missing.add("DATACOL");
        }
        if (!missing.isEmpty()) {
            throw ref(fname, pname, "column(s) " + String.join(", ", missing) + " not found in IMPHTTAB extension "
                    + pname);
        }
        int cPed = col(hdu, "PEDIGREE");
        int cDesc = col(hdu, "DESCRIP");
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < t.getNRows(); r++) {
            String obs = str(t, r, cObs);
            String dc = str(t, r, cData);
            double scalar = cScalar < 0 ? Double.NaN : num(t.get(r, cScalar));
            String[] names = new String[parnum];
            int[] nel = new int[parnum];
            double[][] vals = new double[parnum][];
            double[][] res = new double[parnum][];
            for (int n = 1; n <= parnum; n++) {
                names[n - 1] = cNames[n] < 0 ? "" : str(t, r, cNames[n]);
                nel[n - 1] = cNelem[n] < 0 ? 0 : (int) num(t.get(r, cNelem[n]));
                vals[n - 1] = cVals[n] < 0 ? new double[0] : doubles(t.get(r, cVals[n]));
                res[n - 1] = doubles(t.get(r, cRes[n]));
            }
            rows.add(new Row(obs, dc, scalar, names, nel, vals, res, cPed < 0 ? null : str(t, r, cPed),
                    cDesc < 0 ? null : str(t, r, cDesc)));
        }
        return rows;
    }

    /**
     * Computes PHOTFLAM, PHOTPLAM, PHOTBW (and PHTFLAM1/2 if present) for a PHOTMODE string such as
     * {@code "ACS SBC BLOCK1 MJD#57084.0881"} (converted as doPhot's Phot2Obs does: blanks to commas, lower case).
     *
     * @throws ReferenceFileException if no row matches
     */
    public Result compute(String photmode) {
        String obsmodeIn = photmodeToObsmode(photmode);
        List<String> msgs = new ArrayList<>();
        Interpreted in = interpret(obsmodeIn, msgs);
        double[] values = new double[PHOTNAMES.length];
        String rowPedigree = pedigree;
        String rowDescrip2 = "";
        for (Map.Entry<String, List<Row>> e : extensions.entrySet()) {
            String pname = e.getKey();
            Row match = null;
            for (Row row : e.getValue()) {
                if (sameObsmode(row.obsmode(), in.obsmode)) {
                    match = row;
                    break;
                }
            }
            if (match == null) {
                throw (ReferenceFileException) new ReferenceFileException("Matching row not found in IMPHTTAB for OBSMODE "
                        + in.obsmode + " (extension " + pname + ")").inFile(name).forKeyword("IMPHTTAB");
            }
            if (match.pedigree() != null) {
                rowPedigree = match.pedigree();
            }
            rowDescrip2 = match.descrip() == null ? "" : match.descrip();
            double v = computeValue(match, pname, in);
            msgs.add("==> Value of " + pname + " = " + CFormat.g(v, 8));
            for (int k = 1; k < PHOTNAMES.length; k++) {
                if (PHOTNAMES[k].equals(pname)) {
                    values[k] = v;
                }
            }
        }
        return new Result(values[1], values[2], values[3], values[4], values[5], photzpt, in.obsmode, rowPedigree,
                rowDescrip2, msgs);
    }

    /** doPhot's Phot2Obs: blanks become commas and letters lower case. */
    public static String photmodeToObsmode(String photmode) {
        StringBuilder sb = new StringBuilder(photmode.length());
        for (char c : photmode.toCharArray()) {
            sb.append(c == ' ' ? ',' : Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /** The obsmode with {@code #value} parts cut to {@code name#}, and the parameters found. */
    record Interpreted(String obsmode, List<String> parNames, List<Double> parValues) {
    }

    /** Port of InterpretPhotmode: tokens separated by commas; {@code name#value} tokens are parameters. */
    static Interpreted interpret(String obsmode, List<String> msgs) {
        List<String> tokens = new ArrayList<>();
        for (String t : obsmode.split(",")) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        List<String> names = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        int numpar = 0;
        for (String t : tokens) {
            if (t.indexOf('#') >= 0) {
                numpar++;
                msgs.add("Found parameterized variable " + numpar + ".");
            }
        }
        msgs.add("NUMPAR=" + numpar + ", N=" + Math.max(numpar, 1));
        if (numpar == 0) {
            return new Interpreted(obsmode, names, vals);
        }
        int tok = 0;
        List<String> out = new ArrayList<>();
        for (String t : tokens) {
            int h = t.indexOf('#');
            if (h >= 0) {
                msgs.add("Adding parameter " + t + " as parnames[" + tok + "]");
                tok++;
                String[] parts = t.split("#", -1);
                // strtok skips empty fields: the name is the first non-empty part, the value the next one
                List<String> nonEmpty = new ArrayList<>();
                for (String p : parts) {
                    if (!p.isEmpty()) {
                        nonEmpty.add(p);
                    }
                }
                names.add((nonEmpty.isEmpty() ? "" : nonEmpty.get(0)) + "#");
                vals.add(nonEmpty.size() > 1 ? atof(nonEmpty.get(1)) : 0.0);
                out.add(t.substring(0, h + 1));
            } else {
                out.add(t);
            }
        }
        return new Interpreted(String.join(",", out), names, vals);
    }

    /**
     * CompareObsModes: same length, and every comma token of the row's OBSMODE occurs (as a substring, the C uses
     * strstr) in the science obsmode; case is ignored.
     */
    static boolean sameObsmode(String rowObsmode, String obsmode) {
        if (rowObsmode.length() != obsmode.length()) {
            return false;
        }
        String a = rowObsmode.toLowerCase(Locale.ROOT);
        String b = obsmode.toLowerCase(Locale.ROOT);
        for (String t : a.split(",")) {
            if (!t.isEmpty() && !b.contains(t)) {
                return false;
            }
        }
        return true;
    }

    /** Port of ComputeValue: the scalar column, or multilinear interpolation in PARnVALUES. */
    double computeValue(Row row, String pname, Interpreted in) {
        int ndim = parnumOf(row.datacol(), pname);
        if (ndim == 0) {
            return row.scalar();
        }
        if (ndim > parnum) {
            throw (ReferenceFileException) new ReferenceFileException("DATACOL " + row.datacol() + " names parameter "
                    + ndim + " but PARNUM = " + parnum).inFile(name).forKeyword("IMPHTTAB");
        }
        double[] obsvals = new double[ndim];
        double[] obsindx = new double[ndim];
        int[][] bounds = new int[ndim][2];
        for (int p = 0; p < ndim; p++) {
            String tabName = row.parNames()[p];
            for (int n = 0; n < in.parNames.size(); n++) {
                if (prefixEqualsIgnoreCase(tabName, in.parNames.get(n))) {
                    obsvals[p] = in.parValues.get(n);
                    break;
                }
            }
            if (obsvals[p] == 0.0) {
                return 0.0; // the C returns '\0' (zero) when the parameter is absent from the obsmode
            }
            int nx = row.nelem()[p];
            double[] pv = row.parValues()[p];
            if (nx < 1 || pv.length < nx) {
                throw (ReferenceFileException) new ReferenceFileException("row " + row.obsmode() + ": NELEM" + (p + 1)
                        + " = " + nx + " but PAR" + (p + 1) + "VALUES has " + pv.length + " values")
                        .inFile(name).forKeyword("IMPHTTAB");
            }
            if (obsvals[p] < pv[0] || obsvals[p] > pv[nx - 1]) {
                // the C indexes the science parameter list by the table's dimension here (quirk kept)
                String obsName = p < in.parNames.size() ? in.parNames.get(p) : "";
                if (!extrap || !obsName.equalsIgnoreCase("mjd#")) {
                    return OUT_OF_RANGE;
                }
            }
        }
        for (int p = 0; p < ndim; p++) {
            int nx = row.nelem()[p];
            double[] pv = row.parValues()[p];
            double[] out = new double[nx];
            for (int n = 0; n < nx; n++) {
                out[n] = n;
            }
            double value;
            if (obsvals[p] < pv[0]) {
                value = 0;
            } else if (obsvals[p] > pv[nx - 1]) {
                value = nx - 1;
            } else {
                value = linterp(pv, nx, out, obsvals[p]);
            }
            if (value == -99) {
                return 0.0;
            }
            obsindx[p] = value;
            int[] b = computeBounds(out, nx, Math.floor(value));
            bounds[p][0] = b[0];
            bounds[p][1] = b[1];
        }
        int npts = 1 << ndim;
        double[] cur = new double[npts];
        double[][] pos = new double[npts][ndim];
        int telem = 1;
        for (int p = 0; p < ndim; p++) {
            telem *= row.nelem()[p];
        }
        double[] results = row.results()[ndim - 1];
        if (results.length < telem) {
            throw (ReferenceFileException) new ReferenceFileException("row " + row.obsmode() + ": column " + pname
                    + ndim + " has " + results.length + " values, expected " + telem).inFile(name)
                    .forKeyword("IMPHTTAB");
        }
        for (int k = 0; k < npts; k++) {
            long indx = 0;
            long size = 1;
            for (int n = 0; n < ndim; n++) {
                int pindx = bounds[n][(k >> n) & 1];
                pos[k][n] = row.parValues()[n][pindx];
                indx += size * pindx;
                size *= row.nelem()[n];
            }
            cur[k] = results[(int) indx];
        }
        // reduce dimension 0 first, then 1, ... (pairs differ in the lowest remaining bit), as the C does
        int len = npts;
        for (int d = 0; d < ndim; d++) {
            double[] next = new double[len / 2];
            for (int k = 0; k < len / 2; k++) {
                double x0 = pos[2 * k << d][d];
                double x1 = pos[(2 * k + 1) << d][d];
                double r = linterp(new double[] {x0, x1}, 2, new double[] {cur[2 * k], cur[2 * k + 1]}, obsvals[d]);
                if (r == -99) {
                    return 0.0;
                }
                next[k] = r;
            }
            cur = next;
            len /= 2;
        }
        return cur[0];
    }

    /** The parameter count encoded in DATACOL after the extension name ("PHOTFLAM1" → 1); strtol semantics. */
    static int parnumOf(String datacol, String pname) {
        if (datacol.length() <= pname.length()) {
            return 0;
        }
        String rest = datacol.substring(pname.length()).trim();
        int i = 0;
        boolean neg = false;
        if (i < rest.length() && (rest.charAt(i) == '+' || rest.charAt(i) == '-')) {
            neg = rest.charAt(i) == '-';
            i++;
        }
        int v = 0;
        while (i < rest.length() && Character.isDigit(rest.charAt(i))) {
            v = v * 10 + (rest.charAt(i) - '0');
            i++;
        }
        return neg ? -v : v;
    }

    /** linterp of getphttab.c: -99 when the bracketing abscissae coincide. */
    static double linterp(double[] x, int nx, double[] fx, double xpos) {
        int[] b = computeBounds(x, nx, xpos);
        int i0 = b[0];
        int i1 = b[1];
        if ((x[i1] - x[i0]) == 0) {
            return -99;
        }
        return fx[i0] + (xpos - x[i0]) * (fx[i1] - fx[i0]) / (x[i1] - x[i0]);
    }

    /** computebounds of getphttab.c: the bracketing indices, clamped to the first/last pair. */
    static int[] computeBounds(double[] x, int nx, double val) {
        int i0 = 0;
        int i1 = Math.min(1, nx - 1);
        if (x[nx - 1] <= val) {
            return new int[] {Math.max(nx - 2, 0), nx - 1};
        }
        for (int n = 0; n < nx; n++) {
            if (x[n] <= val) {
                i0 = n;
            } else {
                if (n > 0 && n < nx - 1) {
                    i1 = n;
                } else if (n == 0) {
                    i0 = 0;
                    i1 = 1;
                } else {
                    i0 = nx - 2;
                    i1 = nx - 1;
                }
                break;
            }
        }
        return new int[] {i0, i1};
    }

    /** strneq_ic over the table name's length: false for an empty name or a shorter science name. */
    private static boolean prefixEqualsIgnoreCase(String tab, String obs) {
        int n = tab.length();
        if (n == 0 || obs.length() < n) {
            return false;
        }
        return tab.regionMatches(true, 0, obs, 0, n);
    }

    private static double atof(String s) {
        // C atof: the longest numeric prefix, 0 if none
        int end = s.length();
        while (end > 0) {
            try {
                return Double.parseDouble(s.substring(0, end));
            } catch (NumberFormatException e) {
                end--;
            }
        }
        return 0.0;
    }

    static int col(BinaryTableHDU hdu, String name) {
        BinaryTable t = hdu.getData();
        for (int c = 0; c < t.getNCols(); c++) {
            String n = hdu.getColumnName(c);
            if (n != null && n.trim().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return -1;
    }

    static String str(BinaryTable t, int row, int col) {
        Object o = t.get(row, col);
        if (o instanceof String s) {
            return trimEnd(s);
        }
        if (o instanceof String[] a) {
            return a.length == 0 ? "" : trimEnd(a[0]);
        }
        if (o instanceof char[] c) {
            return trimEnd(new String(c));
        }
        if (o instanceof byte[] b) {
            return trimEnd(new String(b, java.nio.charset.StandardCharsets.US_ASCII));
        }
        return o == null ? "" : trimEnd(String.valueOf(o));
    }

    static double num(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o != null && o.getClass().isArray() && Array.getLength(o) > 0) {
            Object e = Array.get(o, 0);
            if (e instanceof Number n) {
                return n.doubleValue();
            }
            return num(e);
        }
        return Double.NaN;
    }

    static double[] doubles(Object o) {
        if (o instanceof double[] d) {
            return d;
        }
        if (o instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        if (o != null && o.getClass().isArray()) {
            int n = Array.getLength(o);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = ((Number) Array.get(o, i)).doubleValue();
            }
            return d;
        }
        return new double[0];
    }

    static String trimEnd(String s) {
        if (s == null) {
            return "";
        }
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static ReferenceFileException ref(String file, String hdu, String msg) {
        return (ReferenceFileException) new ReferenceFileException(msg).inFile(file).inHdu(hdu).forKeyword("IMPHTTAB");
    }
}
