package org.camelcalacs.core.acsccd.blev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class BiasShiftTest {
    private static final int ROWS = 2068;
    private static final double[] DSI = {2.9188919e-3, 10.805754e-3, 12.432145e-3, 3.8596253e-3};
    private static final double[] TAU = {37.290251, 36.180001, 37.867770, 42.461249};

    @Test
    void gapIs146Pixels() {
        // (int)(1000/22 * 3.212 + 0.5) = (int)(146.0 + 0.5)
        assertThat(BiasShift.NGAP_PIX).isEqualTo(146);
    }

    @Test
    void constantAmpBecomesZeroAndTheLevelIsTheScaledConstant() {
        // DC level of a constant v is the fixed point 0.3 v, so every pixel becomes v - dsi*0.3 v,
        // the magic square after correction is v (1 - 0.3 dsi), and that is subtracted: all pixels 0.
        int cols = 30;
        double v = 1000;
        for (Amp amp : Amp.values()) {
            double[] a = new double[ROWS * cols];
            Arrays.fill(a, v);
            BiasShift.AmpShift s = BiasShift.correctAmp(a, ROWS, cols, amp);
            assertThat(s.magicSquareBefore()).isEqualTo(v);
            assertThat(s.magicSquareAfter()).isCloseTo(v * (1 - 0.3 * DSI[amp.ordinal()]), within(1e-9));
            for (double x : a) {
                assertThat(x).isCloseTo(0.0, within(1e-9));
            }
        }
    }

    @Test
    void singleBrightPixelLeavesTheDcRestoreTail() {
        // zero image, one pixel p at amp row 0, column 5: the DC level jumps by 0.3 f p at that pixel and then
        // decays by (1 - f) per pixel; correction = v - dsi*dc[j+1] - (10/22)(dc[j+1] - dc[j]).
        int cols = 30;
        double p = 50000;
        Amp amp = Amp.C;
        double f = 1 - Math.exp(-1 / (TAU[2] * (1000.0 / 22)));
        double[] a = new double[ROWS * cols];
        a[5] = p;
        BiasShift.AmpShift s = BiasShift.correctAmp(a, ROWS, cols, amp);
        assertThat(s.magicSquareBefore()).isZero();
        assertThat(s.magicSquareAfter()).isCloseTo(0.0, within(1e-30)); // the tail has died out long before row 2057
        double dc1 = 0.3 * f * p;
        double dc2 = (1 - f) * dc1;
        double dc3 = (1 - f) * dc2;
        assertThat(a[4]).isCloseTo(0.0, within(1e-30)); // only minus the (tiny) magic-square mean
        assertThat(a[5]).isCloseTo(p - DSI[2] * dc1 - 10.0 / 22 * dc1, within(1e-9));
        assertThat(a[6]).isCloseTo(-DSI[2] * dc2 - 10.0 / 22 * (dc2 - dc1), within(1e-9));
        assertThat(a[7]).isCloseTo(-DSI[2] * dc3 - 10.0 / 22 * (dc3 - dc2), within(1e-9));
        // the next row continues the decay across the 146 gap pixels (row 1, col 0 is pixel 30 + 146 of the chain)
        double dcRow1 = dc1 * Math.pow(1 - f, (cols + 146) - 5);
        double dcRow1Prev = dcRow1 / (1 - f);
        assertThat(a[cols]).isCloseTo(-DSI[2] * dcRow1 - 10.0 / 22 * (dcRow1 - dcRow1Prev), within(1e-9));
    }

    @Test
    void fullFrameRoutesAmpsToChips() {
        // nx = 60 (two amps of 30 columns), ny = 2068; chip 1 = A|B, chip 2 = C|D, constant per amp
        int nx = 60;
        float[] chip1 = new float[nx * ROWS];
        float[] chip2 = new float[nx * ROWS];
        for (int y = 0; y < ROWS; y++) {
            for (int x = 0; x < nx; x++) {
                chip1[y * nx + x] = x < 30 ? 100f : 200f;
                chip2[y * nx + x] = x < 30 ? 300f : 400f;
            }
        }
        BiasShift.Result r = BiasShift.fullFrame(chip2, chip1, nx, ROWS);
        double[] b = r.blevContribution();
        double[] v = {100, 200, 300, 400};
        for (int k = 0; k < 4; k++) {
            assertThat(r.amps().get(k).amp()).isEqualTo(Amp.values()[k]);
            assertThat(r.amps().get(k).magicSquareBefore()).isEqualTo(v[k]);
            assertThat(b[k]).isCloseTo(v[k] * (1 - 0.3 * DSI[k]), within(1e-9));
        }
        for (int i = 0; i < chip1.length; i++) {
            assertThat(chip1[i]).isCloseTo(0f, within(1e-6f));
            assertThat(chip2[i]).isCloseTo(0f, within(1e-6f));
        }
        assertThat(r.trailerLines().get(0))
                .isEqualTo("Bias shift correcting for bias level in Amp A of 100.0000 electrons (before correction).");
    }

    @Test
    void subarrayMagicSquareIsReadInAmpOrientation() {
        // amp B subarray 30x2068: amp (row i, col j) is raw (row ny-1-i, col nx-1-j). A value 1000 in the whole raw
        // region of the magic square (amp rows 2057..2066 = raw rows 1..10, amp cols 13..22 = raw cols 16..7) and
        // 0 elsewhere gives a magic-square mean of 1000 before correction.
        int nx = 30;
        float[] sci = new float[nx * ROWS];
        for (int y = 1; y <= 10; y++) {
            for (int x = 7; x <= 16; x++) {
                sci[y * nx + x] = 1000f;
            }
        }
        PostSm4Blev.SubarrayResult r = PostSm4Blev.subarray(sci, nx, ROWS, "B");
        BiasShift.AmpShift s = r.biasShift().amps().get(0);
        assertThat(s.amp()).isEqualTo(Amp.B);
        assertThat(s.magicSquareBefore()).isEqualTo(1000.0);
        assertThat(r.meanBlev()).isEqualTo((float) s.magicSquareAfter());
        assertThat(r.blev()[1]).isEqualTo(s.magicSquareAfter());
        assertThat(r.blev()[0]).isZero();
        // the DC-restore correction removes only a small fraction of the square's signal
        assertThat(s.magicSquareAfter()).isBetween(950.0, 1000.0);
    }

    @Test
    void switchesAndSupportedApertures() {
        assertThat(BiasShift.applies("DS_int", 2.0)).isTrue();
        assertThat(BiasShift.applies("DS_INT", 1.0)).isFalse();
        assertThat(BiasShift.applies("SL_INT", 2.0)).isFalse();
        assertThat(BiasShift.applies(null, 2.0)).isFalse();
        assertThat(BiasShift.isSupportedSubarray(true, "WFC1A-2K", true)).isTrue();
        assertThat(BiasShift.isSupportedSubarray(true, "WFC1A-2K", false)).isFalse();
        assertThat(BiasShift.isSupportedSubarray(true, "WFC1A-1K", true)).isFalse();
        assertThat(BiasShift.isSupportedSubarray(false, "WFC1A-2K", true)).isFalse();
        assertThat(BiasShift.isSupportedSubarray(true, "WFC2-POL120V", true)).isTrue();
    }
}
