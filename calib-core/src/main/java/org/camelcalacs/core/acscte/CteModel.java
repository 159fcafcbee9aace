package org.camelcalacs.core.acscte;

import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.ref.table.PcteTab;

/**
 * The effective parameters of one CTE correction (one PCTETAB set after the image-header overrides of
 * getCTEParsFromImageHeader, ctegen2/ctehelpers.c; spec §3.1), in the form the column kernels use: active traps
 * only, trail profiles in trap-major order, {@code DPDE_W / PCTENPAR} precomputed.
 *
 * @param trailLength PCTETLEN (trail length in transfers)
 * @param nForward    PCTENFOR (forward-model iterations of the inversion)
 * @param nPar        PCTENPAR (transfers simulated per readout)
 * @param fixRocr     FIXROCR: redo columns whose readout cosmic rays were over-subtracted
 * @param threshold   PCTETRSH
 * @param noiseModel  PCTENSMD (only 0 is implemented)
 * @param scaleFrac   PCTEFRAC = (EXPSTART - CTEDATE0) / (CTEDATE1 - CTEDATE0)
 * @param nTraps      active traps (QLEV_Q below 999999), which are the first rows
 * @param qlev        QLEV_Q of the active traps, increasing
 * @param dpdewPerTransfer DPDE_W / PCTENPAR (as the C code divides before multiplying by the trap density)
 * @param rprof       RPROF, {@code [trap * profileLength + transfer]}
 * @param cprof       CPROF, same layout
 * @param profileLength transfers stored per trap
 * @param set         the table set this came from (SCLBYCOL, dates)
 */
public record CteModel(int trailLength, int nForward, int nPar, boolean fixRocr, double threshold, int noiseModel,
                       double scaleFrac, int nTraps, double[] qlev, double[] dpdewPerTransfer, float[] rprof,
                       float[] cprof, int profileLength, PcteTab.TrapSet set) {

    /** Image-header overrides (null = keyword absent), as getCTEParsFromImageHeader applies them. */
    public record Overrides(Integer noiseModel, Integer trailLength, Double readNoise, Integer nForward, Integer nPar,
                            Integer fixRocr) {
        public static final Overrides NONE = new Overrides(null, null, null, null, null, null);
    }

    /**
     * Builds the model of a set: PCTETLEN, PCTENFOR and PCTENPAR override the table only when greater than 1,
     * PCTENSMD always, FIXROCR when 0 or 1 (another value is an error, raised by the caller when it reads it).
     */
    public static CteModel of(PcteTab tab, PcteTab.TrapSet set, Overrides o, double expstart) {
        int len = set.trailLength();
        int nfor = set.nForward();
        int npar = set.nPar();
        int nsmd = tab.noiseModel();
        int fix = tab.fixRocr();
        if (o.noiseModel() != null) {
            nsmd = o.noiseModel();
        }
        if (o.trailLength() != null && o.trailLength() > 1) {
            len = o.trailLength();
        }
        if (o.nForward() != null && o.nForward() > 1) {
            nfor = o.nForward();
        }
        if (o.nPar() != null && o.nPar() > 1) {
            npar = o.nPar();
        }
        if (o.fixRocr() != null && (o.fixRocr() == 0 || o.fixRocr() == 1)) {
            fix = o.fixRocr();
        }
        if (len > set.profileLength()) {
            throw (ReferenceFileException) new ReferenceFileException("PCTETLEN = " + len
                    + " exceeds the " + set.profileLength() + " transfers stored in RPROF/CPROF of set "
                    + set.extver()).inFile(tab.file()).forKeyword("PCTETLEN");
        }
        int n = set.activeTraps();
        double[] q = new double[n];
        double[] d = new double[n];
        for (int w = 0; w < n; w++) {
            q[w] = set.qlev()[w];
            d[w] = set.dpdew()[w] / npar;
        }
        double frac = (expstart - set.cteDate0()) / (set.cteDate1() - set.cteDate0());
        return new CteModel(len, nfor, npar, fix == 1, tab.threshold(), nsmd, frac, n, q, d, set.rprof(),
                set.cprof(), set.profileLength(), set);
    }

    /** A model from explicit arrays (tests and the benchmark). */
    public static CteModel of(int trailLength, int nForward, int nPar, boolean fixRocr, double threshold,
                              double scaleFrac, double[] qlev, double[] dpdew, float[] rprof, float[] cprof,
                              int profileLength) {
        double[] d = new double[qlev.length];
        for (int w = 0; w < d.length; w++) {
            d[w] = dpdew[w] / nPar;
        }
        return new CteModel(trailLength, nForward, nPar, fixRocr, threshold, 0, scaleFrac, qlev.length,
                qlev.clone(), d, rprof, cprof, profileLength, null);
    }
}
