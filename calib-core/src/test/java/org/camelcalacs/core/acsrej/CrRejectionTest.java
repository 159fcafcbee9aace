package org.camelcalacs.core.acsrej;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CrRejectionTest {
    private static final int NX = 8;
    private static final int NY = 6;

    private static float[] fill(float v) {
        float[] a = new float[NX * NY];
        Arrays.fill(a, v);
        return a;
    }

    /**
     * Two 10 s exposures of a flat 100 e field with ERR = 2 e; image 1 has a cosmic ray of 1000 e at (2,2).
     * Minimum guess = 10 e/s. One iteration, sigma 3, radius 0: threshold = 9·(2²)/10² = 0.36 (e/s)², the CR
     * deviates by (100−10)² = 8100, so it is a HIT and nothing else is. Where both images are good:
     * ave = (100+100)/20 = 10 e/s, SCI = 10·20 = 200 e, ERR = (20/20)·sqrt(4+4) = 2.8284271;
     * at the CR: ave = 100/10 = 10, SCI = 200, ERR = (20/10)·sqrt(4) = 4.
     */
    @Test
    void singleCosmicRayIsRejectedAndReplaced() {
        float[][] sci = {fill(100f), fill(100f)};
        sci[1][2 * NX + 2] = 1000f;
        float[][] err = {fill(2f), fill(2f)};
        short[][] dq = {new short[NX * NY], new short[NX * NY]};
        float[] efac = {10f, 10f};
        float[] sky = {0f, 0f};
        float[] ave = new float[NX * NY];
        InitialGuess.minimum(sci, dq, efac, sky, (short) 39, ave);
        assertEquals(10f, ave[2 * NX + 2]);
        float[] aveErr = new float[NX * NY];
        short[] outDq = new short[NX * NY];
        CrRejection.Result r = CrRejection.run(sci, err, dq, NX, NY, efac, sky, null,
                new CrRejection.Params(new float[] {3f}, 0f, 0.5f, 0f, (short) 39, false), ave, aveErr, outDq);
        assertEquals(1, r.nrej());
        for (int p = 0; p < NX * NY; p++) {
            assertEquals(10f, ave[p], 0f, "ave at " + p);
            assertEquals(0, outDq[p]);
            float expectedErr = p == 2 * NX + 2 ? 4f : (float) Math.sqrt(8f);
            assertEquals(expectedErr, aveErr[p], 0f, "err at " + p);
        }
        CrRejection.applyMask(dq[1], r.crBits()[1], NX, NY);
        CrRejection.applyMask(dq[0], r.crBits()[0], NX, NY);
        assertEquals(CrRejection.CRFLAG, dq[1][2 * NX + 2]);
        assertEquals(0, dq[0][2 * NX + 2]);
        assertEquals(0, dq[1][2 * NX + 3]);
    }

    /**
     * ERR = 10 e, radius 1.5, CRTHRESH 0.5: threshold = 9·100/100 = 9 (e/s)², spill threshold
     * 0.25·9 = 2.25. Image 1: CR of 1000 e at (2,2) and 120 e at (3,2): the neighbour deviates by (12−10)² = 4,
     * not a HIT (4 ≤ 9) but a SPILL (4 > 2.25). Both come from image 0 only: SCI = 200, ERR = 2·10 = 20.
     * Elsewhere ERR = sqrt(200).
     */
    @Test
    void spillNeighbourAndAllRejectedPixel() {
        float[][] sci = {fill(100f), fill(100f)};
        sci[1][2 * NX + 2] = 1000f;
        sci[1][2 * NX + 3] = 120f;
        // (6,4): bad (DQ 32, in BADINPDQ 39) in image 0 and a CR in image 1
        sci[1][4 * NX + 6] = 5000f;
        float[][] err = {fill(10f), fill(10f)};
        short[][] dq = {new short[NX * NY], new short[NX * NY]};
        dq[0][4 * NX + 6] = 32;
        float[] efac = {10f, 10f};
        float[] sky = {0f, 0f};
        float[] ave = new float[NX * NY];
        InitialGuess.minimum(sci, dq, efac, sky, (short) 39, ave);
        // bad in the first image: the minimum rule keeps 0 there (5000/10 is not smaller)
        assertEquals(0f, ave[4 * NX + 6]);
        float[] aveErr = new float[NX * NY];
        short[] outDq = new short[NX * NY];
        CrRejection.Result r = CrRejection.run(sci, err, dq, NX, NY, efac, sky, null,
                new CrRejection.Params(new float[] {3f}, 1.5f, 0.5f, 0f, (short) 39, false), ave, aveErr, outDq);
        assertEquals(10f, ave[2 * NX + 2], 0f);
        assertEquals(10f, ave[2 * NX + 3], 0f);
        assertEquals(20f, aveErr[2 * NX + 2], 0f);
        assertEquals(20f, aveErr[2 * NX + 3], 0f);
        assertEquals((float) Math.sqrt(200f), aveErr[0], 0f);
        // (6,4): image 0 excluded by DQ, image 1 a HIT -> no good input: ave 0. The output CR flag is cleared
        // by any input that was not HIT/SPILL, and an EXCLUDEd input counts as such, so DQ = 32 only.
        assertEquals(0f, ave[4 * NX + 6], 0f);
        assertEquals((short) 32, outDq[4 * NX + 6]);
        assertEquals(0, outDq[2 * NX + 3]);
        byte[] b1 = r.crBits()[1];
        short[] d1 = dq[1].clone();
        CrRejection.applyMask(d1, b1, NX, NY);
        assertEquals(CrRejection.CRFLAG, d1[2 * NX + 2]);
        assertEquals(CrRejection.CRFLAG, d1[2 * NX + 3]);
        assertEquals(0, d1[2 * NX + 1]);
        assertEquals(0, d1[1 * NX + 3]);
        // nrej counts HIT/SPILL pixels of every image: (2,2), (3,2) and (6,4) in image 1, plus spills of the
        // 5000 e hit whose neighbours do not deviate (none), so 3
        assertEquals(3, r.nrej());
    }

    @Test
    void medianOfEvenStackAveragesTheMiddleValues() {
        float[][] sci = {{4f}, {1f}, {3f}, {10f}};
        short[][] dq = {{0}, {0}, {0}, {4}};
        float[] out = new float[1];
        InitialGuess.median(sci, dq, new float[] {1f, 1f, 1f, 1f}, new float[4], (short) 4, out);
        // good values 4, 1, 3 -> sorted 1, 3, 4 -> median 3
        assertEquals(3f, out[0]);
        dq[3][0] = 0;
        InitialGuess.median(sci, dq, new float[] {1f, 1f, 1f, 1f}, new float[4], (short) 4, out);
        // 1, 3, 4, 10 -> (3 + 4) / 2
        assertEquals(3.5f, out[0]);
    }

    /**
     * Histogram: minimum 2 → bins of width 1 from 2 (fewer than 1000 bins, so 1000 bins of width 1);
     * 10.3 → bin 8 (10 pixels), 9.4 → bin 7 (4), 11.6 → bin 9 (2), 2.0 → bin 0 (1).
     * Parabola: dh1 = 10−4 = 6, dh2 = 10−2 = 8, mode = 2 + 8 + 0.5 + 0.5·(6−8)/14 = 10.428571.
     */
    @Test
    void skyModeIsTheParabolicHistogramPeak() {
        float[] a = new float[17];
        int i = 0;
        for (int k = 0; k < 10; k++) {
            a[i++] = 10.3f;
        }
        for (int k = 0; k < 4; k++) {
            a[i++] = 9.4f;
        }
        a[i++] = 11.6f;
        a[i++] = 11.6f;
        a[i] = 2.0f;
        float[] m = SkyMode.modes(new float[][] {a}, new short[][] {new short[17]}, (short) 39);
        assertEquals((float) (2 + (8 + 0.5 + 0.5 * (6.0 - 8.0) / 14.0)), m[0], 1e-6f);
    }

    @Test
    void sigmaListParsing() {
        assertArrayEquals(new float[] {6.5f, 5.5f, 4.5f}, RejSettings.parseSigmas("6.5,5.5,4.5"));
        assertArrayEquals(new float[] {6f, 5f}, RejSettings.parseSigmas(" 6; 5"));
        assertArrayEquals(new float[] {8f, 6f, 4f}, RejSettings.parseSigmas("8/6 4"));
        assertEquals(0, RejSettings.parseSigmas("   ").length);
    }

    /** Both inputs HIT at the same pixel: no good input, so the output keeps 8192 and SCI/ERR are 0. */
    @Test
    void pixelRejectedInEveryInputKeepsTheCrFlag() {
        float[][] sci = {fill(100f), fill(100f), fill(100f)};
        sci[0][NX + 1] = 900f;
        sci[1][NX + 1] = 800f;
        float[][] err = {fill(2f), fill(2f), fill(2f)};
        short[][] dq = {new short[NX * NY], new short[NX * NY], new short[NX * NY]};
        dq[2][NX + 1] = 32;
        float[] efac = {10f, 10f, 10f};
        float[] sky = new float[3];
        float[] ave = new float[NX * NY];
        InitialGuess.minimum(sci, dq, efac, sky, (short) 39, ave);
        // minimum rule: image 0 gives 90, image 1 gives 80 < 90, image 2 gives 10 < 80 but is bad -> 0
        assertEquals(0f, ave[NX + 1]);
        float[] aveErr = new float[NX * NY];
        short[] outDq = new short[NX * NY];
        CrRejection.run(sci, err, dq, NX, NY, efac, sky, null,
                new CrRejection.Params(new float[] {3f}, 0f, 0.5f, 0f, (short) 39, false), ave, aveErr, outDq);
        // images 0 and 1 HIT (deviation from 0 is 90 and 80 e/s), image 2 EXCLUDE -> flag cleared by image 2
        assertEquals((short) 32, outDq[NX + 1]);
        dq[2][NX + 1] = 0;
        sci[2][NX + 1] = 700f;
        float[] ave2 = new float[NX * NY];
        InitialGuess.minimum(sci, dq, efac, sky, (short) 39, ave2);
        ave2[NX + 1] = 0f;
        CrRejection.run(sci, err, dq, NX, NY, efac, sky, null,
                new CrRejection.Params(new float[] {3f}, 0f, 0.5f, 0f, (short) 39, false), ave2, aveErr, outDq);
        // all three deviate from the forced guess 0 by far more than 0.6 e/s: every input rejected
        assertEquals(CrRejection.CRFLAG, outDq[NX + 1]);
        assertEquals(0f, ave2[NX + 1]);
        assertEquals(0f, aveErr[NX + 1]);
    }

    /**
     * Shading rows: the threshold of row r computed while processing line L reads the row
     * (L − L mod 2) + (r mod 2) of the 2-row block buffered for L (reference quirk), scaled as 1 + SHAD/t.
     * With SHAD(y) = 10·y and t = 5: line 4, row 7 → block 4, offset 1 → row 5 → 1 + 50/5 = 11.
     */
    @Test
    void shadingRowsComeFromTheCurrentBlock() {
        int nx = 2;
        int ny = 10;
        float[] shad = new float[nx * ny];
        for (int y = 0; y < ny; y++) {
            shad[y * nx] = 10f * y;
            shad[y * nx + 1] = 10f * y;
        }
        float[] out = new float[nx];
        CrRejection.ShadRows.shadcorr(shad, nx, ny, 4, 7, 5f, out);
        assertEquals(11f, out[0]);
        CrRejection.ShadRows.shadcorr(shad, nx, ny, 4, 4, 5f, out);
        assertEquals(9f, out[1]);
        float[] line = new float[nx];
        CrRejection.ShadRows.line(shad, nx, ny, 7, line);
        assertEquals(70f, line[0]);
    }

    /** The CR mask write-back leaves the last nx % 8 columns of a row untouched (whole bytes only). */
    @Test
    void maskWriteBackSkipsPartialLastByte() {
        int nx = 10;
        short[] dq = new short[nx];
        dq[1] = CrRejection.CRFLAG;
        dq[8] = CrRejection.CRFLAG;
        byte[] bits = new byte[2];
        bits[0] = (byte) 0x80;
        bits[1] = (byte) 0x40;
        CrRejection.applyMask(dq, bits, nx, 1);
        // full byte: bit set -> flag set, bit clear -> flag cleared
        assertEquals(CrRejection.CRFLAG, dq[0]);
        assertEquals(0, dq[1]);
        // partial byte (columns 8, 9): untouched whatever the bits say
        assertEquals(CrRejection.CRFLAG, dq[8]);
        assertEquals(0, dq[9]);
    }
}
