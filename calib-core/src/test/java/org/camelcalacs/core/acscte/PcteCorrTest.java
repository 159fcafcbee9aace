package org.camelcalacs.core.acscte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.camelcalacs.core.fits.Imset;
import org.junit.jupiter.api.Test;

class PcteCorrTest {

    /** Trail profile of length {@code len}: rprof decays, cprof is the remaining fraction. */
    static CteModel model(double[] q, int len, int nFor, int nPar, boolean fix, double frac) {
        int ny = 100;
        float[] rp = new float[q.length * ny];
        float[] cp = new float[q.length * ny];
        for (int w = 0; w < q.length; w++) {
            double sum = 0;
            double[] r = new double[len];
            for (int t = 0; t < len; t++) {
                r[t] = Math.exp(-t / 6.0);
                sum += r[t];
            }
            double cum = 1;
            for (int t = 0; t < len; t++) {
                rp[w * ny + t] = (float) (r[t] / sum);
                cp[w * ny + t] = (float) cum;
                cum -= r[t] / sum;
            }
        }
        double[] d = new double[q.length];
        java.util.Arrays.fill(d, 1.0);
        return CteModel.of(len, nFor, nPar, fix, -10.0, frac, q, d, rp, cp, ny);
    }

    static double[] levels(int n, double lo, double hi) {
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = Math.round(lo * Math.pow(hi / lo, i / (double) Math.max(1, n - 1)));
        }
        return q;
    }

    static double[][] scales(int nCols) {
        double[][] s = new double[nCols][];
        for (int c = 0; c < nCols; c++) {
            s[c] = new double[] {1.0 + 0.001 * (c % 7), 1.05, 1.1 - 0.002 * (c % 5), 1.15};
        }
        return s;
    }

    /** A sky + stars + cosmic rays image. */
    static float[] scene(int nx, int ny, long seed, double sky) {
        Random rnd = new Random(seed);
        float[] a = new float[nx * ny];
        for (int k = 0; k < a.length; k++) {
            a[k] = (float) (sky + rnd.nextGaussian() * Math.sqrt(Math.max(sky, 0) + 4.2 * 4.2));
        }
        for (int s = 0; s < nx * ny / 400; s++) {
            int x = rnd.nextInt(nx);
            int y = rnd.nextInt(ny);
            double f = 200 + rnd.nextDouble() * 20000;
            for (int dy = -2; dy <= 2; dy++) {
                for (int dx = -2; dx <= 2; dx++) {
                    int xx = x + dx;
                    int yy = y + dy;
                    if (xx >= 0 && xx < nx && yy >= 0 && yy < ny) {
                        a[yy * nx + xx] += (float) (f * Math.exp(-(dx * dx + dy * dy) / 2.0));
                    }
                }
            }
        }
        return a;
    }

    @Test
    void readoutMovesChargeIntoTheTrailByHand() {
        // One trap at level 5 with DPDE_W = 1, PCTENPAR = 1, a constant density 0.5 and a 3-transfer trail
        // with release fractions 0.5, 0.3, 0.2: the bright pixel loses 1 * 0.5 = 0.5 and the next three gain
        // 0.5*0.5, 0.3*0.5, 0.2*0.5.
        int ny = 100;
        float[] rp = new float[ny];
        float[] cp = new float[ny];
        rp[0] = 0.5f;
        rp[1] = 0.3f;
        rp[2] = 0.2f;
        CteModel m = CteModel.of(3, 2, 1, false, -10, 1.0, new double[] {5}, new double[] {1}, rp, cp, ny);
        ColumnReadout cr = new ColumnReadout(8);
        java.util.Arrays.fill(cr.traps, 0.5f);
        cr.updateRatios();
        double[] col = {0, 0, 10, 0, 0, 0, 0, 0};
        cr.readoutPass(col, m);
        assertEquals(9.5, col[2], 0);
        assertEquals(0.5f * 0.5, col[3], 1e-15);
        assertEquals(0.3f * 0.5, col[4], 1e-15);
        assertEquals(0.2f * 0.5, col[5], 1e-15);
        assertEquals(0.0, col[6], 0);
        assertEquals(0.0, col[1], 0);
    }

    @Test
    void trapDensityInterpolatesSclbycolByHand() {
        double[] s = {1.0, 1.05, 1.1, 1.15};
        float[] t = new float[2048];
        ColumnReadout.trapColumn(t, 2048, s, 1.5);
        assertEquals((float) (1.0 * (1 / 2048.0) * 1.5), t[0], 0);
        // row 768: ro = 1.5, between 1.05 and 1.1: 1.075 * 769/2048 * 1.5
        assertEquals((float) ((1.05 + (1.1 - 1.05) * 0.5) * (769 / 2048.0) * 1.5), t[768], 0);
        // rows from 1536 on use ro clipped to 2.999
        assertEquals((float) ((1.1 + (1.15 - 1.1) * (2.999 - 2)) * (2048 / 2048.0) * 1.5), t[2047], 0);
    }

    @Test
    void crOverSubtractionLowersTrapsOfTheTrail() {
        int n = 30;
        double[] model = new double[n];
        double[] obs = new double[n];
        float[] traps = new float[n];
        java.util.Arrays.fill(traps, 1f);
        // pixel 15 is at -11 (below the -10 threshold), 11 below the observed; pixel 12 was the most raised.
        model[15] = -11;
        model[12] = 50;
        obs[12] = 20;
        assertTrue(ColumnReadout.correctCrOverSubtraction(traps, model, obs, n, -10));
        for (int i = 0; i < n; i++) {
            assertEquals(i >= 12 && i <= 15 ? 0.75f : 1f, traps[i], 0, "row " + i);
        }
        float[] t2 = new float[n];
        java.util.Arrays.fill(t2, 1f);
        assertFalse(ColumnReadout.correctCrOverSubtraction(t2, new double[n], new double[n], n, -10));
    }

    @Test
    void fastReadoutEqualsTheLiteralReferenceBitForBit() {
        Random rnd = new Random(7);
        CteModel m = model(levels(40, 2, 60000), 60, 3, 3, true, 1.3);
        for (int trial = 0; trial < 20; trial++) {
            int n = 300 + rnd.nextInt(200);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = rnd.nextDouble() < 0.05 ? rnd.nextDouble() * 50000 : rnd.nextGaussian() * 5 + trial * 3;
            }
            ColumnReadout cr = new ColumnReadout(n);
            double[] sc = {1.0, 0.9, 1.2, 0.8};
            cr.setTraps(sc, 1.1);
            if (trial % 3 == 0) {
                for (int i = 100; i < 140; i++) {
                    cr.traps[i] *= 0.75f;
                }
                cr.updateRatios();
            }
            float[] traps = cr.traps.clone();
            double[] b = a.clone();
            cr.simulate(a, m);
            LiteralCte.simulate(b, traps, m);
            for (int i = 0; i < n; i++) {
                assertTrue(a[i] == b[i], "trial " + trial + " row " + i + ": " + a[i] + " vs " + b[i]);
            }
            // the inversion, with CR fixes, as well
            for (int i = 0; i < n; i++) {
                cr.observed[i] = b[i];
            }
            cr.setTraps(sc, 1.1);
            float[] t2 = cr.traps.clone();
            cr.invert(m, 16.0);
            double[] ref = LiteralCte.invert(b.clone(), t2, m, 16.0);
            for (int i = 0; i < n; i++) {
                assertTrue(cr.model[i] == ref[i], "invert trial " + trial + " row " + i);
            }
        }
    }

    @Test
    void smoothingFastPathEqualsTheLiteralReferenceBitForBit() {
        int nR = 70;
        int nC = 9;
        float[] in = scene(nC, nR, 3, 30);
        try (ColumnPool pool = new ColumnPool(2)) {
            float[] out = new float[in.length];
            int it = ReadNoiseSmoothing.smooth(in, out, new float[in.length], nR, nC, 4.0, pool);
            assertTrue(it > 1, "smoothing should iterate");
            float[] ref = LiteralCte.smooth(in, nR, nC, 4.0);
            for (int k = 0; k < in.length; k++) {
                assertTrue(out[k] == ref[k], "pixel " + k);
            }
            float[] copy = new float[in.length];
            assertEquals(0, ReadNoiseSmoothing.smooth(in, copy, new float[in.length], nR, nC, 0.05, pool));
            assertTrue(java.util.Arrays.equals(in, copy));
        }
    }

    @Test
    void ampGeometryMatchesTheLiteralRotationAndAlignment() {
        int nx = 7;
        int ny = 5;
        for (int amp = 0; amp < 4; amp++) {
            for (boolean serial : new boolean[] {false, true}) {
                LiteralCte.Img img = new LiteralCte.Img(nx, ny, new float[nx * ny]);
                for (int k = 0; k < nx * ny; k++) {
                    img.d[k] = k;
                }
                if (serial) {
                    LiteralCte.rotate(img, amp);
                }
                LiteralCte.align(img, amp);
                AmpGeometry g = AmpGeometry.map(amp, 0, nx, ny, nx, serial);
                assertEquals(img.nx, g.nCols());
                assertEquals(img.ny, g.nRows());
                for (int c = 0; c < g.nCols(); c++) {
                    for (int r = 0; r < g.nRows(); r++) {
                        assertEquals(img.get(c, r), g.index(c, r), "amp " + amp + " serial " + serial);
                    }
                }
                // and back: the literal inverse restores the original order
                LiteralCte.align(img, amp);
                if (serial) {
                    LiteralCte.derotate(img, amp);
                }
                for (int k = 0; k < nx * ny; k++) {
                    assertEquals(k, img.d[k], 0);
                }
            }
        }
    }

    @Test
    void ampRegionsFollowAmpx() {
        AmpGeometry c = AmpGeometry.of(AmpGeometry.AMP_C, "CD", 2048, 0, 4096, 2048, false);
        AmpGeometry d = AmpGeometry.of(AmpGeometry.AMP_D, "CD", 2048, 0, 4096, 2048, false);
        assertEquals(0, c.xBegin());
        assertEquals(2048, c.width());
        assertEquals(2048, d.xBegin());
        assertEquals(2048, d.width());
        assertEquals(2048 + 4096, AmpGeometry.of(AmpGeometry.AMP_B, "AB", 2048, 0, 4096, 2048, true).razOffset());
        AmpGeometry a = AmpGeometry.of(AmpGeometry.AMP_A, "A", 2048, 0, 2048, 2048, false);
        assertEquals(2048, a.width());
        assertEquals("CD", AmpGeometry.chipAmps("ABCD", 2));
        assertEquals("A", AmpGeometry.chipAmps("A", 1));
    }

    @Test
    void wholeAmpEqualsLiteralReferenceForEveryAmpAndOrientation() {
        int nx = 24;
        int ny = 40;
        CteModel m = model(levels(12, 3, 30000), 20, 2, 2, true, 1.5);
        for (int amp = 0; amp < 4; amp++) {
            for (boolean serial : new boolean[] {false, true}) {
                for (boolean forward : new boolean[] {false, true}) {
                    float[] sci = scene(nx, ny, amp * 10 + (serial ? 1 : 0), 40);
                    float[] err = new float[nx * ny];
                    java.util.Arrays.fill(err, 5f);
                    Imset chip = new Imset(1, nx, ny, sci.clone(), err.clone(), new short[nx * ny],
                            new nom.tam.fits.Header(), new nom.tam.fits.Header(), new nom.tam.fits.Header());
                    AmpGeometry g = AmpGeometry.map(amp, 0, nx, ny, nx, serial);
                    double[][] sc = scales(g.nCols());
                    try (PcteCorr corr = new PcteCorr(2)) {
                        corr.apply(chip, g, m, sc, 4.0, forward);
                    }
                    LiteralCte.doAmp(sci, err, nx, ny, amp, 0, nx, serial, m, sc, 4.0, forward);
                    for (int k = 0; k < nx * ny; k++) {
                        assertTrue(chip.sci[k] == sci[k], "amp " + amp + " serial " + serial + " fwd " + forward
                                + " sci " + k + ": " + chip.sci[k] + " vs " + sci[k]);
                        assertTrue(chip.err[k] == err[k], "err " + k);
                    }
                }
            }
        }
    }

    @Test
    void bitIdenticalForOneTwoAndThreeThreads() {
        int nx = 64;
        int ny = 300;
        CteModel m = model(levels(30, 2, 40000), 40, 3, 3, true, 1.4);
        float[][] results = new float[3][];
        for (int t = 1; t <= 3; t++) {
            float[] sci = scene(nx, ny, 11, 25);
            Imset chip = new Imset(1, nx, ny, sci, new float[nx * ny], new short[nx * ny], new nom.tam.fits.Header(),
                    new nom.tam.fits.Header(), new nom.tam.fits.Header());
            try (PcteCorr corr = new PcteCorr(t)) {
                AmpGeometry gs = AmpGeometry.map(AmpGeometry.AMP_C, 0, nx, ny, nx, true);
                corr.apply(chip, gs, m, scales(gs.nCols()), 4.2, false);
                AmpGeometry gp = AmpGeometry.map(AmpGeometry.AMP_C, 0, nx, ny, nx, false);
                corr.apply(chip, gp, m, scales(gp.nCols()), 4.2, false);
            }
            results[t - 1] = chip.sci;
        }
        assertTrue(java.util.Arrays.equals(results[0], results[1]));
        assertTrue(java.util.Arrays.equals(results[0], results[2]));
    }

    @Test
    void correctionRecoversAnImageBlurredByTheForwardModel() {
        // Forward model (adds trails), then correct with no read-noise smoothing (rn = 0.05 < 0.1; rn = 0 would give 0/0 in the damping, as in the C): the inversion must
        // give back the injected image to a small fraction of the trails it removes.
        int nx = 48;
        int ny = 512;
        CteModel m = model(levels(20, 5, 50000), 60, 6, 2, false, 1.5);
        float[] truth = scene(nx, ny, 5, 30);
        Imset chip = new Imset(1, nx, ny, truth.clone(), new float[nx * ny], new short[nx * ny],
                new nom.tam.fits.Header(), new nom.tam.fits.Header(), new nom.tam.fits.Header());
        AmpGeometry g = AmpGeometry.map(AmpGeometry.AMP_C, 0, nx, ny, nx, false);
        try (PcteCorr corr = new PcteCorr(2)) {
            corr.apply(chip, g, m, scales(nx), 0.05, true);
            float[] blurred = chip.sci.clone();
            corr.apply(chip, g, m, scales(nx), 0.05, false);
            double trail = 0;
            double resid = 0;
            double maxResid = 0;
            for (int k = 0; k < truth.length; k++) {
                trail += (blurred[k] - truth[k]) * (double) (blurred[k] - truth[k]);
                double d = chip.sci[k] - truth[k];
                resid += d * d;
                maxResid = Math.max(maxResid, Math.abs(d));
            }
            assertTrue(trail > 1e3, "the forward model must add visible trails: " + trail);
            // bound: residual energy below 2% of the trail energy
            assertTrue(resid < 0.02 * trail, "residual " + resid + " vs trails " + trail + ", max " + maxResid);
        }
    }
}
