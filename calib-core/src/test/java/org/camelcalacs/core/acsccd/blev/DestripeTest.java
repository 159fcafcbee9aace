package org.camelcalacs.core.acsccd.blev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class DestripeTest {

    @Test
    void integerAbsTruncatesBeforeComparing() {
        assertThat(Destripe.cIntAbsExceeds(100.9, 100)).isFalse(); // (int)100.9 = 100
        assertThat(Destripe.cIntAbsExceeds(-100.99, 100)).isFalse();
        assertThat(Destripe.cIntAbsExceeds(101.0, 100)).isTrue();
        assertThat(Destripe.cIntAbsExceeds(-101.5, 100)).isTrue();
        assertThat(Destripe.cIntAbsExceeds(Double.NaN, 100)).isTrue();
    }

    @Test
    void columnClipRejectsTheOutlier() {
        // 99 zeros and one 1000: mean 10, sample sigma sqrt((99*100 + 990^2)/99) = 100; 5 sigma = 500 rejects 1000.
        // pass 1: mean 0 (99 zeros), sigma about the previous mean 10: sqrt(99*100/98); later passes keep the zeros.
        double[] x = new double[100];
        x[99] = 1000;
        double[] ms = new double[2];
        Destripe.clippedMeanStd(100, x, 5.0, ms);
        assertThat(ms[0]).isZero();
        assertThat(ms[1]).isZero();
    }

    @Test
    void biasMeanClipsAtSixMeanAbsoluteDeviationsAndSkipsBadRows() {
        // 5 rows x 30 cols, prescan = 10 everywhere, one prescan pixel 1000 (row 2, col 3), row 0 is bad (5000s).
        // pass 1 over 4*24 = 96 pixels: mean = (95*10 + 1000)/96 = 20.3125,
        // mean |dev| = (95*10.3125 + 979.6875)/96 = 20.41015625, limit 122.46 -> the 1000 is rejected;
        // later passes: mean 10, deviation 0, nothing else rejected -> 10 with 95 pixels.
        int rows = 5, cols = 30;
        double[] a = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 24; j++) {
                a[i * cols + j] = i == 0 ? 5000 : 10;
            }
        }
        a[2 * cols + 3] = 1000;
        boolean[] good = {false, true, true, true, true};
        Destripe.BiasMean m = Destripe.clippedBiasMean(rows, cols, a, good);
        assertThat(m.mean()).isEqualTo(10.0);
        assertThat(m.std()).isZero();
        assertThat(m.pixUsed()).isEqualTo(95);
    }

    @Test
    void goodRows() {
        // 25 rows (5 data + 20 virtual overscan) x 30 cols (24 prescan at 0, 6 science columns 24..29).
        // Data rows are 0 -> amp mean 0, bias mean 0; each row's mean minus prescan reference = its science value.
        int rows = 25, cols = 30;
        double[] a = new double[rows * cols];
        setScience(a, cols, 5, 100.5);   // |100.5| truncates to 100: good
        setScience(a, cols, 6, 101.0);   // 101 > 100: bad
        setScience(a, cols, 7, -100.9);  // good
        setScience(a, cols, 8, -101.2);  // bad
        a[9 * cols + 24] = 70001;        // saturation test, row mean 0: bad
        a[9 * cols + 25] = -70001;
        a[10 * cols + 29] = 70000;       // not above 70000: good (row mean 0)
        a[10 * cols + 28] = -70000;
        boolean[] good = new boolean[rows];
        int n = Destripe.findGoodRows(rows, cols, a, good);
        assertThat(good[0]).isFalse(); // never the first row
        assertThat(good[5]).isTrue();
        assertThat(good[6]).isFalse();
        assertThat(good[7]).isTrue();
        assertThat(good[8]).isFalse();
        assertThat(good[9]).isFalse();
        assertThat(good[10]).isTrue();
        assertThat(n).isEqualTo(24 - 3);
    }

    private static void setScience(double[] a, int cols, int row, double v) {
        for (int j = 24; j < cols; j++) {
            a[row * cols + j] = v;
        }
    }

    @Test
    void stripesAreInterpolatedAlongTheReadout() {
        // 3 rows x 24 cols, 4 amps, every prescan row constant at 170*i (sigma 0, all rows good):
        // row means 0, 170, 340 are linear, so the interpolated stripe at i + (j - 11.5)/(24 + 146) is
        // 170 i + j - 11.5 (also extrapolated below row 0 and clamped at the top) and each pixel becomes 11.5 - j.
        int rows = 3, cols = 24;
        double[][] amps = new double[4][rows * cols];
        boolean[][] good = new boolean[4][rows];
        for (int k = 0; k < 4; k++) {
            Arrays.fill(good[k], true);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    amps[k][i * cols + j] = 170.0 * i;
                }
            }
        }
        int[] fs = Destripe.removeStripes(rows, cols, good, amps);
        assertThat(fs).containsExactly(3, 0);
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    assertThat(amps[k][i * cols + j]).isCloseTo(11.5 - j, within(1e-9));
                }
            }
        }
    }

    @Test
    void rowsWithFewerThanTwoQuietAmpsAreSkipped() {
        // row 1: amps A, B, C have prescan values alternating +-20 (sigma = 20 sqrt(24/23) >= 15): only D is usable
        int rows = 2, cols = 24;
        double[][] amps = new double[4][rows * cols];
        boolean[][] good = new boolean[4][rows];
        for (int k = 0; k < 4; k++) {
            Arrays.fill(good[k], true);
            for (int j = 0; j < cols; j++) {
                amps[k][cols + j] = k < 3 ? (j % 2 == 0 ? 20 : -20) : 5;
            }
        }
        int[] fs = Destripe.removeStripes(rows, cols, good, amps);
        assertThat(fs).containsExactly(1, 1);
        assertThat(good[0][1]).isFalse();
        assertThat(good[3][1]).isTrue();
        // both row means are 0, so nothing is subtracted
        assertThat(amps[3][cols]).isEqualTo(5.0);
        assertThat(amps[0][cols]).isEqualTo(20.0);
    }

    @Test
    void fullFrameConstantAmpsWithLinearStripe() {
        // 2 chips of 60 x 25 (amps of 30 columns: 24 prescan + 6 science; 5 data rows + 20 virtual rows).
        // Amp-oriented row i of every amp holds c_amp + 2 i (A=10, B=20, C=30, D=40).
        // column means: 0 (each prescan row is flat). good rows: row mean - prescan reference of rows i, i-1 = 1,
        // amp mean 0 -> all rows but row 0 good. bias level = mean of c + 2i over rows 1..24 = c + 25
        // (mean |dev| 12.5, limit 75 > 23: no clipping). Then pixels are 2i - 25; stripe row means are 2i - 25 for
        // rows 1..24 and 0 for row 0 (no usable amp: skipped), interpolated at p = i + (j - 11.5)/176.
        int nx = 60, ny = 25, cols = 30;
        float[] chip1 = new float[nx * ny];
        float[] chip2 = new float[nx * ny];
        double[] c = {10, 20, 30, 40};
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int ampRowChip2 = y;          // C and D are not flipped in y
                int ampRowChip1 = ny - 1 - y; // A and B are
                chip1[y * nx + x] = (float) ((x < cols ? c[0] : c[1]) + 2 * ampRowChip1);
                chip2[y * nx + x] = (float) ((x < cols ? c[2] : c[3]) + 2 * ampRowChip2);
            }
        }
        Destripe.Result r = Destripe.apply(chip2, chip1, nx, ny);
        for (int k = 0; k < 4; k++) {
            assertThat(r.biasLevels()[k]).isCloseTo(c[k] + 25, within(1e-9));
        }
        assertThat(r.meanBlevChip1()).isEqualTo(40f);
        assertThat(r.meanBlevChip2()).isEqualTo(60f);
        assertThat(r.rowsFixed()).isEqualTo(24);
        assertThat(r.rowsSkipped()).isEqualTo(1);
        assertThat(r.historyLines()).containsExactly("DESTRIPE: number of rows fixed per amp: 24",
                "DESTRIPE: number of rows skipped per amp: 1");
        assertThat(r.trailerLines().get(0)).isEqualTo("     bias level of 35 electrons was subtracted for AMP A.");

        double[] rm = new double[ny];
        for (int i = 1; i < ny; i++) {
            rm[i] = 2 * i - 25;
        }
        for (int i = 0; i < ny; i++) {
            for (int j = 0; j < cols; j++) {
                double p = i + (j - 11.5) / 176.0;
                int lo = Math.max(0, Math.min(ny - 2, (int) Math.floor(p)));
                double stripe = rm[lo] + (p - lo) * (rm[lo + 1] - rm[lo]);
                float expect = (float) (2 * i - 25 - stripe);
                // chip 2: C at (x=j, y=i), D at (x=nx-1-j, y=i); chip 1: A at (x=j, y=ny-1-i), B at (nx-1-j, ny-1-i)
                assertThat(chip2[i * nx + j]).isCloseTo(expect, within(1e-5f));
                assertThat(chip2[i * nx + nx - 1 - j]).isCloseTo(expect, within(1e-5f));
                assertThat(chip1[(ny - 1 - i) * nx + j]).isCloseTo(expect, within(1e-5f));
                assertThat(chip1[(ny - 1 - i) * nx + nx - 1 - j]).isCloseTo(expect, within(1e-5f));
            }
        }
    }

    /** The fast stripe subtraction is bit-identical to the reference formula with floor() and both clamps. */
    @Test
    void subtractStripesMatchesTheFloorFormulaBitForBit() {
        int rows = 50;
        int cols = 60;
        java.util.Random r = new java.util.Random(7);
        double[] rowMeans = new double[rows];
        for (int i = 0; i < rows; i++) {
            rowMeans[i] = r.nextGaussian() * 3;
        }
        double[] d = new double[rows * cols];
        for (int p = 0; p < d.length; p++) {
            d[p] = r.nextDouble() * 1000;
        }
        double[] expect = d.clone();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double pt = i + (j - 11.5) / (cols + 146.0);
                int lower = (int) Math.floor(pt);
                lower = Math.max(0, Math.min(rows - 2, lower));
                double dist = pt - lower;
                expect[cols * i + j] -= rowMeans[lower] + dist * (rowMeans[lower + 1] - rowMeans[lower]);
            }
        }
        Destripe.subtractStripes(rows, cols, rowMeans, d);
        for (int p = 0; p < d.length; p++) {
            assertThat(Double.doubleToRawLongBits(d[p])).as("pixel %d", p)
                    .isEqualTo(Double.doubleToRawLongBits(expect[p]));
        }
    }

    /** The fused final pass equals level subtraction + stripe subtraction + insert, bit for bit, for every amp. */
    @Test
    void fusedFinalPassMatchesTheSeparatePasses() {
        int rows = 40;
        int cols = 35;
        int nx = 2 * cols;
        java.util.Random r = new java.util.Random(11);
        double[] rowMeans = new double[rows];
        for (int i = 0; i < rows; i++) {
            rowMeans[i] = r.nextGaussian();
        }
        for (Amp a : Amp.values()) {
            double[] d = new double[rows * cols];
            for (int p = 0; p < d.length; p++) {
                d[p] = r.nextDouble() * 500;
            }
            double level = 3.217;
            double[] sep = d.clone();
            for (int p = 0; p < sep.length; p++) {
                sep[p] -= level;
            }
            double[] fusedIn = d.clone();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < Destripe.NBIAS_COLS; j++) {
                    fusedIn[cols * i + j] -= level; // apply() subtracts the level from the prescan first
                }
            }
            Destripe.subtractStripes(rows, cols, rowMeans, sep);
            float[] expect = new float[nx * rows];
            AmpQuadrant.insert(sep, a, cols, expect, nx, rows);
            float[] actual = new float[nx * rows];
            Destripe.subtractLevelAndStripesInto(rows, cols, rowMeans, fusedIn, level, a, actual, nx, rows);
            for (int p = 0; p < expect.length; p++) {
                assertThat(Float.floatToRawIntBits(actual[p])).as("amp %s pixel %d", a, p)
                        .isEqualTo(Float.floatToRawIntBits(expect[p]));
            }
        }
    }
}
