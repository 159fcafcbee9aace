package org.camelcalacs.core.ref.table;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Locale;

import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.FitsFile;

/**
 * The generation-3 PCTETAB ("Par/Serial PixelCTE 2023"; spec §3.1; port of loadPCTETAB, ctegen2/ctehelpers.c, and
 * getCTE_NAME, acscte/pcte_funcs.c). The primary header gives the algorithm name and version, PCTERNOI, PCTENSMD,
 * PCTETRSH and FIXROCR; 20 extensions follow in 5 sets of QPROF, SCLBYCOL, RPROF, CPROF: set 1 (extensions 1-4)
 * is the parallel model, sets 2..5 (extensions 5, 9, 13, 17) the serial models of amps A, B, C and D.
 */
public final class PcteTab {
    /** The only CTE_NAME accepted by CALACS 10.5.0. */
    public static final String GEN3_NAME = "Par/Serial PixelCTE 2023";
    /** The generation-2 name, recognised only to say it is obsolete. */
    public static final String GEN2_NAME = "PixelCTE 2017";
    /** Version written to CTE_VER of the product (ACS_GEN3_CTE_VER). */
    public static final String GEN3_VERSION = "3.0";
    /** QPROF rows read (TRAPS in pcte.h): exactly this many, so the table needs at least this many rows. */
    public static final int TRAP_ROWS = 9999;
    /** SCLBYCOL rows read: 4 amps x 2048 columns in the CDAB "RAZ" order. */
    public static final int SCALE_ROWS = 8192;
    /** QLEV_Q at or above this marks an inactive trap. */
    public static final double INACTIVE_QLEV = 999999.0;

    private final String file;
    private final String cteName;
    private final String cteVersion;
    private final double readNoise;
    private final int noiseModel;
    private final double threshold;
    private final int fixRocr;
    private final String pedigree;
    private final String descrip;
    private final TrapSet[] sets;

    private PcteTab(String file, String cteName, String cteVersion, double readNoise, int noiseModel,
                    double threshold, int fixRocr, String pedigree, String descrip, TrapSet[] sets) {
        this.file = file;
        this.cteName = cteName;
        this.cteVersion = cteVersion;
        this.readNoise = readNoise;
        this.noiseModel = noiseModel;
        this.threshold = threshold;
        this.fixRocr = fixRocr;
        this.pedigree = pedigree;
        this.descrip = descrip;
        this.sets = sets;
    }

    /**
     * One QPROF/SCLBYCOL/RPROF/CPROF set.
     *
     * @param extver     EXTVER of the set (1 = parallel, 2..5 = serial A..D)
     * @param cteDate0   CTEDATE0 (MJD)
     * @param cteDate1   CTEDATE1 (MJD)
     * @param trailLength PCTETLEN
     * @param nForward   PCTENFOR
     * @param nPar       PCTENPAR
     * @param qlev       QLEV_Q of the first {@link #TRAP_ROWS} rows
     * @param dpdew      DPDE_W of the same rows
     * @param activeTraps number of rows with QLEV_Q below {@link #INACTIVE_QLEV} (used as the first rows)
     * @param iz         SCLBYCOL IZ (RAZ column)
     * @param scale      SENS_0512, SENS_1024, SENS_1536, SENS_2048: {@code scale[k][row]}
     * @param rprof      differential trail profile, {@code rprof[trap * profileLength + transfer]}
     * @param cprof      cumulative trail profile, same layout
     * @param profileLength NAXIS2 of RPROF/CPROF (transfers stored per trap)
     */
    public record TrapSet(int extver, double cteDate0, double cteDate1, int trailLength, int nForward, int nPar,
                          double[] qlev, double[] dpdew, int activeTraps, int[] iz, double[][] scale, float[] rprof,
                          float[] cprof, int profileLength) {
    }

    /** CTE_NAME of the primary header, "" if absent (getCTE_NAME reads it with a blank default). */
    public static String cteName(Path path) {
        try (FitsFile f = FitsFile.open(path)) {
            String v = f.primaryHeader().getStringValue("CTE_NAME");
            return v == null ? "" : v.trim();
        }
    }

    /**
     * Reads the whole table. An older or unknown generation is rejected with the reference's reason.
     *
     * @throws ReferenceFileException for a wrong generation, missing keywords or columns, too few rows
     */
    public static PcteTab read(Path path) {
        String name = String.valueOf(path.getFileName());
        try (FitsFile f = FitsFile.open(path)) {
            Header ph = f.primaryHeader();
            String cteName = str(ph, "CTE_NAME");
            checkGeneration(name, cteName);
            String ver = reqStr(ph, "CTE_VER", name);
            double rn = reqDbl(ph, "PCTERNOI", name);
            int nsmd = reqInt(ph, "PCTENSMD", name);
            double thresh = reqDbl(ph, "PCTETRSH", name);
            int fix = reqInt(ph, "FIXROCR", name);
            TrapSet[] sets = new TrapSet[5];
            for (int k = 0; k < 5; k++) {
                sets[k] = readSet(f, name, 4 * k + 1);
            }
            String ped = str(ph, "PEDIGREE");
            String des = str(ph, "DESCRIP");
            return new PcteTab(name, cteName, ver, rn, nsmd, thresh, fix, ped == null ? "" : ped,
                    des == null ? "" : des, sets);
        } catch (CalacsException e) {
            throw e.inFile(name).forKeyword("PCTETAB");
        }
    }

    /** Generation check of docte.c: gen 3 only; the message says which older generation was found. */
    public static void checkGeneration(String file, String cteName) {
        if (cteName == null || cteName.isEmpty()) {
            throw (ReferenceFileException) new ReferenceFileException("No CTE_NAME keyword found in the primary "
                    + "header of PCTETAB file; this version of PCTETAB is obsolete - use the 'Parallel and Serial "
                    + "PCTETAB' (CTE_NAME = '" + GEN3_NAME + "')").inFile(file).inHdu("PRIMARY").forKeyword("CTE_NAME");
        }
        if (GEN3_NAME.equals(cteName)) {
            return;
        }
        String gen = GEN2_NAME.equals(cteName) ? "Generation 2" : "Generation 1";
        throw (ReferenceFileException) new ReferenceFileException(gen + " PCTETAB file auto-detected (CTE_NAME = '"
                + cteName + "'); this version of PCTETAB is obsolete - use the 'Parallel and Serial PCTETAB' "
                + "(CTE_NAME = '" + GEN3_NAME + "')").inFile(file).inHdu("PRIMARY").forKeyword("CTE_NAME");
    }

    private static TrapSet readSet(FitsFile f, String name, int qprofExt) {
        if (qprofExt + 1 >= f.hduCount()) {
            throw (ReferenceFileException) new ReferenceFileException("PCTETAB has " + (f.hduCount() - 1)
                    + " extensions but the generation-3 format needs 20 (5 sets of QPROF, SCLBYCOL, RPROF, CPROF)")
                    .inFile(name);
        }
        BinaryTableHDU q = f.table(qprofExt);
        Header qh = q.getHeader();
        String qlabel = f.label(qprofExt);
        double d0 = reqDbl(qh, "CTEDATE0", name, qlabel);
        double d1 = reqDbl(qh, "CTEDATE1", name, qlabel);
        int len = reqInt(qh, "PCTETLEN", name, qlabel);
        int nfor = reqInt(qh, "PCTENFOR", name, qlabel);
        int npar = reqInt(qh, "PCTENPAR", name, qlabel);
        if (q.getNRows() < TRAP_ROWS) {
            throw (ReferenceFileException) new ReferenceFileException("QPROF table has " + q.getNRows()
                    + " rows; the reference reads exactly " + TRAP_ROWS + " rows, so at least that many are needed")
                    .inFile(name).inHdu(qlabel);
        }
        double[] qlev = column(q, "QLEV_Q", TRAP_ROWS, name, qlabel);
        double[] dpdew = column(q, "DPDE_W", TRAP_ROWS, name, qlabel);
        column(q, "W", TRAP_ROWS, name, qlabel);
        int active = 0;
        for (double v : qlev) {
            if (v < INACTIVE_QLEV) {
                active++;
            }
        }

        BinaryTableHDU s = f.table(qprofExt + 1);
        String slabel = f.label(qprofExt + 1);
        if (s.getNRows() < SCALE_ROWS) {
            throw (ReferenceFileException) new ReferenceFileException("SCLBYCOL table has " + s.getNRows()
                    + " rows; " + SCALE_ROWS + " are needed (4 amps x 2048 columns)").inFile(name).inHdu(slabel);
        }
        double[] izd = column(s, "IZ", SCALE_ROWS, name, slabel);
        int[] iz = new int[SCALE_ROWS];
        for (int i = 0; i < SCALE_ROWS; i++) {
            iz[i] = (int) izd[i];
        }
        double[][] scale = new double[4][];
        String[] sc = {"SENS_0512", "SENS_1024", "SENS_1536", "SENS_2048"};
        for (int k = 0; k < 4; k++) {
            scale[k] = column(s, sc[k], SCALE_ROWS, name, slabel);
        }

        // RPROF and CPROF are found by EXTNAME and EXTVER = extn/4 + 1, not by position (ctehelpers.c).
        int extver = qprofExt / 4 + 1;
        Profile r = profile(f, name, "RPROF", extver, active);
        Profile c = profile(f, name, "CPROF", extver, active);
        if (r.ny != c.ny) {
            throw (ReferenceFileException) new ReferenceFileException("RPROF and CPROF of set " + extver
                    + " differ in NAXIS2 (" + r.ny + " and " + c.ny + ")").inFile(name);
        }
        return new TrapSet(extver, d0, d1, len, nfor, npar, qlev, dpdew, active, iz, scale, r.data, c.data, r.ny);
    }

    private record Profile(int ny, float[] data) {
    }

    /** Reads a profile image (NAXIS1 = trap, NAXIS2 = transfer) into trap-major order for the active traps. */
    private static Profile profile(FitsFile f, String name, String extname, int extver, int active) {
        int idx = f.find(extname, extver);
        if (idx < 0) {
            throw (ReferenceFileException) new ReferenceFileException("extension " + extname + "," + extver
                    + " not found").inFile(name);
        }
        FitsFile.FloatImage img = f.readFloatImage(idx);
        if (img.nx() < active) {
            throw (ReferenceFileException) new ReferenceFileException(extname + " has NAXIS1 = " + img.nx()
                    + " but the QPROF table has " + active + " active traps").inFile(name).inHdu(extname + "," + extver);
        }
        int ny = img.ny();
        float[] out = new float[Math.max(1, active) * ny];
        float[] src = img.data();
        for (int w = 0; w < active; w++) {
            for (int t = 0; t < ny; t++) {
                out[w * ny + t] = src[t * img.nx() + w];
            }
        }
        return new Profile(ny, out);
    }

    /** A numeric column, found ignoring case, converted to double (cfitsio converts as the C code asks). */
    static double[] column(BinaryTableHDU hdu, String col, int rows, String file, String label) {
        Header h = hdu.getHeader();
        int n = h.getIntValue("TFIELDS", 0);
        int found = -1;
        for (int c = 1; c <= n; c++) {
            String t = h.getStringValue("TTYPE" + c);
            if (t != null && t.trim().equalsIgnoreCase(col)) {
                found = c - 1;
                break;
            }
        }
        if (found < 0) {
            throw (ReferenceFileException) new ReferenceFileException("column " + col + " not found")
                    .inFile(file).inHdu(label);
        }
        try {
            BinaryTable bt = hdu.getData();
            Object data = bt.getColumn(found);
            double scale = h.getDoubleValue("TSCAL" + (found + 1), 1.0);
            double zero = h.getDoubleValue("TZERO" + (found + 1), 0.0);
            double[] out = new double[rows];
            for (int r = 0; r < rows; r++) {
                Object v = Array.get(data, r);
                double d;
                if (v instanceof Number num) {
                    d = num.doubleValue();
                } else if (v != null && v.getClass().isArray() && Array.getLength(v) > 0) {
                    d = ((Number) Array.get(v, 0)).doubleValue();
                } else {
                    throw new ReferenceFileException("column " + col + " is not numeric");
                }
                out[r] = d * scale + zero;
            }
            return out;
        } catch (FitsException | ClassCastException e) {
            throw (ReferenceFileException) new ReferenceFileException("cannot read column " + col + ": "
                    + e.getMessage(), e).inFile(file).inHdu(label);
        }
    }

    private static String str(Header h, String key) {
        String v = h.getStringValue(key);
        return v == null ? null : v.trim();
    }

    private static String reqStr(Header h, String key, String file) {
        if (!h.containsKey(key)) {
            throw missing(key, file, "PRIMARY");
        }
        String v = h.getStringValue(key);
        return v == null ? "" : v.trim();
    }

    private static double reqDbl(Header h, String key, String file) {
        return reqDbl(h, key, file, "PRIMARY");
    }

    private static double reqDbl(Header h, String key, String file, String hdu) {
        if (!h.containsKey(key)) {
            throw missing(key, file, hdu);
        }
        return h.getDoubleValue(key);
    }

    private static int reqInt(Header h, String key, String file) {
        return reqInt(h, key, file, "PRIMARY");
    }

    private static int reqInt(Header h, String key, String file, String hdu) {
        if (!h.containsKey(key)) {
            throw missing(key, file, hdu);
        }
        return (int) Math.round(h.getDoubleValue(key));
    }

    private static ReferenceFileException missing(String key, String file, String hdu) {
        return (ReferenceFileException) new ReferenceFileException(String.format(Locale.ROOT,
                "required keyword %s missing from PCTETAB", key)).inFile(file).inHdu(hdu).forKeyword(key);
    }

    public String file() {
        return file;
    }

    public String cteName() {
        return cteName;
    }

    public String cteVersion() {
        return cteVersion;
    }

    /** PCTERNOI of the table (printed, then ignored: the CCDTAB read noise is used). */
    public double readNoise() {
        return readNoise;
    }

    /** PCTENSMD: read-noise mitigation model; only 0 is implemented by the reference. */
    public int noiseModel() {
        return noiseModel;
    }

    /** PCTETRSH: over-subtraction threshold. */
    public double threshold() {
        return threshold;
    }

    /** FIXROCR: 1 = fix readout cosmic rays. */
    public int fixRocr() {
        return fixRocr;
    }

    public String pedigree() {
        return pedigree;
    }

    public String descrip() {
        return descrip;
    }

    /** The parallel set (extensions 1-4). */
    public TrapSet parallel() {
        return sets[0];
    }

    /** The serial set of an amp, index 0..3 for A..D (extensions 5, 9, 13, 17). */
    public TrapSet serial(int amp) {
        return sets[1 + amp];
    }
}
