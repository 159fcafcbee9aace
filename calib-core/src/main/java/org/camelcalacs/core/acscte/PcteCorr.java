package org.camelcalacs.core.acscte;

import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.ref.table.PcteTab;

/**
 * PCTECORR for one amp of one chip, serial or parallel (port of doPCTEGen3, acscte/dopcte-gen3.c, with
 * cteSmoothImage, populateTrapPixelMap, inverseCTEBlur and forwardModel of ctegen2/ctegen2.c; spec §5.2 "acscte").
 *
 * <p>The amp is copied into a column-major working image with the readout at row 0 ({@link AmpGeometry}), smoothed
 * for read noise (not for the forward model), corrected (or CTE-blurred) column by column, and then
 * {@code SCI += corrected − smoothed}, {@code ERR = sqrt(ERR² + (0.1·|corrected − smoothed|)²)} are written straight
 * back to the chip. DQ is untouched.
 *
 * <p>Columns are independent: each worker has its own {@link ColumnReadout} scratch and writes only its columns'
 * pixels, so the output is bit-identical for any thread count.
 */
public final class PcteCorr implements AutoCloseable {
    /** Fraction of the correction added in quadrature to ERR. */
    static final double ERR_FRACTION = 0.1;
    /** Columns per work item of the correction pass. */
    private static final int CHUNK = 8;

    private final ColumnPool pool;
    private final ColumnReadout[] scratch;
    private float[] obs = new float[0];
    private float[] smoothed = new float[0];
    private final ReadNoiseSmoothing.Scratch smoothScratch = new ReadNoiseSmoothing.Scratch(0);

    /** What one amp correction did. */
    public record AmpResult(int smoothingIterations, double totalCounts, double totalRawCounts) {
    }

    public PcteCorr(int threads) {
        this.pool = new ColumnPool(threads);
        this.scratch = new ColumnReadout[pool.threads()];
    }

    public int threads() {
        return pool.threads();
    }

    /**
     * Corrects (or, with {@code forwardOnly}, blurs) one amp of a chip in place.
     *
     * @param chip      the chip image (SCI and ERR updated)
     * @param g         the amp's geometry and orientation
     * @param m         the CTE model (serial set of the amp, or the parallel set)
     * @param readNoise the amp's CCDTAB read noise
     */
    public AmpResult apply(Imset chip, AmpGeometry g, CteModel m, double readNoise, boolean forwardOnly) {
        final int nR = g.nRows();
        final int nC = g.nCols();
        final int n = nR * nC;
        if (obs.length < n) {
            obs = new float[n];
        }
        final float[] in = obs;
        final float[] sci = chip.sci;
        final float[] err = chip.err;
        pool.forStatic(nC, (w, from, to) -> {
            for (int c = from; c < to; c++) {
                int base = c * nR;
                int idx = g.offset() + c * g.colStep();
                for (int r = 0; r < nR; r++, idx += g.rowStep()) {
                    in[base + r] = sci[idx];
                }
            }
        });
        final float[] sm;
        int iterations = 0;
        if (forwardOnly) {
            sm = in;
        } else {
            if (smoothed.length < n) {
                smoothed = new float[n];
            }
            sm = smoothed;
            iterations = ReadNoiseSmoothing.smooth(in, sm, nR, nC, readNoise, pool, smoothScratch);
        }
        final double[][] colScale = columnScales(m.set(), g, nC);
        final double rn2 = readNoise * readNoise;
        final double[] colCounts = new double[nC];
        final double[] colRaw = new double[nC];
        pool.forDynamic(nC, CHUNK, (w, from, to) -> {
            ColumnReadout cr = scratch[w];
            if (cr == null || cr.observed.length != nR) {
                cr = new ColumnReadout(nR);
                scratch[w] = cr;
            }
            for (int c = from; c < to; c++) {
                int base = c * nR;
                for (int r = 0; r < nR; r++) {
                    cr.observed[r] = sm[base + r];
                }
                cr.setTraps(colScale == null ? null : colScale[c], m.scaleFrac());
                if (forwardOnly) {
                    cr.forward(m);
                } else {
                    cr.invert(m, rn2);
                }
                float counts = 0;
                float raw = 0;
                int idx = g.offset() + c * g.colStep();
                for (int r = 0; r < nR; r++, idx += g.rowStep()) {
                    float corrected = (float) cr.model[r];
                    float delta = corrected - sm[base + r];
                    counts += delta;
                    raw += sci[idx];
                    double tempErr = ERR_FRACTION * Math.abs(delta);
                    sci[idx] += delta;
                    float e2 = err[idx];
                    e2 *= e2;
                    err[idx] = (float) Math.sqrt(e2 + tempErr * tempErr);
                }
                colCounts[c] = counts;
                colRaw[c] = raw;
            }
        });
        double total = 0;
        double totalRaw = 0;
        for (int c = 0; c < nC; c++) {
            total += colCounts[c];
            totalRaw += colRaw[c];
        }
        return new AmpResult(iterations, total, totalRaw);
    }

    /**
     * SCLBYCOL values per working column: the row whose {@code IZ − razOffset} is the column (the last such row, as
     * the reference overwrites), or null for a column no row names (no traps).
     */
    static double[][] columnScales(PcteTab.TrapSet set, AmpGeometry g, int nCols) {
        if (set == null) {
            return null;
        }
        double[][] out = new double[nCols][];
        int raz = g.razOffset();
        int[] iz = set.iz();
        double[][] s = set.scale();
        for (int i = 0; i < iz.length; i++) {
            long col = (long) iz[i] - raz;
            if (col < 0 || col >= nCols) {
                continue;
            }
            out[(int) col] = new double[] {s[0][i], s[1][i], s[2][i], s[3][i]};
        }
        return out;
    }

    /** Applies to a whole column range with explicit scales (tests and benchmark without a PCTETAB). */
    public AmpResult apply(Imset chip, AmpGeometry g, CteModel m, double[][] colScale, double readNoise,
                           boolean forwardOnly) {
        CteModel withSet = new CteModel(m.trailLength(), m.nForward(), m.nPar(), m.fixRocr(), m.threshold(),
                m.noiseModel(), m.scaleFrac(), m.nTraps(), m.qlev(), m.dpdewPerTransfer(), m.rprof(), m.cprof(),
                m.profileLength(), syntheticSet(colScale, g));
        return apply(chip, g, withSet, readNoise, forwardOnly);
    }

    /** A TrapSet holding only SCLBYCOL rows for the working columns of {@code g}. */
    private static PcteTab.TrapSet syntheticSet(double[][] colScale, AmpGeometry g) {
        int n = colScale.length;
        int[] iz = new int[n];
        double[][] s = new double[4][n];
        for (int c = 0; c < n; c++) {
            iz[c] = c + g.razOffset();
            for (int k = 0; k < 4; k++) {
                s[k][c] = colScale[c][k];
            }
        }
        return new PcteTab.TrapSet(0, 0, 1, 0, 0, 0, new double[0], new double[0], 0, iz, s, new float[0],
                new float[0], 0);
    }

    @Override
    public void close() {
        pool.close();
    }
}
