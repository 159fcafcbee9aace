package org.camelcalacs.core.acs2d;

import org.camelcalacs.core.trailer.CFormat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import nom.tam.fits.Header;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.model.Detector;
import org.camelcalacs.core.model.SwitchValue;
import org.camelcalacs.core.ref.table.BpixTab;
import org.junit.jupiter.api.Test;

/** Kernels of the ACS2D steps on arrays of a few pixels; expected values worked out from the formulas. */
class StepKernelsTest {

    @Test
    void overscanCheckNeedsBlevCompleteAndNonPositiveLtv() {
        assertThat(OverscanCheck.trimmed(SwitchValue.COMPLETE, 0, 0)).isTrue();
        assertThat(OverscanCheck.trimmed(SwitchValue.COMPLETE, -10, -3)).isTrue();
        assertThat(OverscanCheck.trimmed(SwitchValue.COMPLETE, 24, 0)).isFalse();
        assertThat(OverscanCheck.trimmed(SwitchValue.PERFORM, 0, 0)).isFalse();
        assertThatThrownBy(() -> OverscanCheck.require(SwitchValue.COMPLETE, 19, 0, "x_blv_tmp.fits", 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Overscan region not trimmed");
    }

    @Test
    void dqiRowsAreOredAlongTheAxisWithLtvAndClipping() {
        // 4x3 image, LTV = (-1, 0) zero-indexed: a detector pixel x lands at x - 1 in the image
        short[] dq = new short[12];
        dq[5] = 1;
        List<BpixTab.Row> rows = List.of(
                new BpixTab.Row(1, "N/A", -999, -999f, -999, 1, 1, 2, 1, (short) 4), // x 1..2 → 0..1 on row 1
                new BpixTab.Row(2, "N/A", -999, -999f, -999, 4, 0, 9, 2, (short) 16), // x 4 → 3, rows 0..8 → 0..2
                new BpixTab.Row(3, "N/A", -999, -999f, -999, 0, 0, 1, 1, (short) 32)); // x 0 → -1: outside
        int n = DqiCorr.applyRows(dq, 4, 3, -1.0, 0.0, rows);
        assertThat(n).isEqualTo(3);
        assertThat(dq).containsExactly(
                0, 0, 0, 16,
                4, 1 | 4, 0, 16,
                0, 0, 0, 16);
    }

    @Test
    void dqiPlaceholderAndAtodSaturation() {
        short[] dq = new short[9];
        DqiCorr.placeholder(dq, 3, 1.0, 1.0);
        assertThat(dq[4]).isEqualTo((short) 64);
        float[] sci = {10, 65535, 65536};
        short[] d2 = new short[3];
        DqiCorr.flagAtodSaturation(sci, d2, 65535);
        assertThat(d2).containsExactly(0, 2048, 2048);
    }

    @Test
    void glinRatioSolvesTheRateEquation() {
        // true rate x with y = x e^(-tau x): the ratio returned must satisfy it
        double y = 1000.0;
        double tau = 1e-5;
        double r = GlinCorr.ratio(y, tau);
        double x = r * y;
        assertThat(x * Math.exp(-tau * x)).isCloseTo(y, within(1e-6));
        assertThat(GlinCorr.ratio(0.0, tau)).isEqualTo(1.0);
        float[] sci = {2, 4};
        float[] err = {1, 3};
        GlinCorr.multiply(sci, err, 1.5f);
        assertThat(sci).containsExactly(3f, 6f);
        assertThat(err).containsExactly(1.5f, 4.5f);
    }

    @Test
    void lflgFlagsADiscOfRadiusExpand() {
        // 5x5, one bright pixel at the centre, EXPAND = 1: the centre and its 4 neighbours (dx²+dy² ≤ 1)
        float[] sci = new float[25];
        sci[12] = 100;
        short[] dq = new short[25];
        int n = LflgCorr.flag(sci, dq, 5, 5, 50.0, 1.0f);
        assertThat(n).isEqualTo(1);
        for (int k = 0; k < 25; k++) {
            boolean inDisc = k == 12 || k == 7 || k == 17 || k == 11 || k == 13;
            assertThat(dq[k]).as("pixel " + k).isEqualTo(inDisc ? (short) 256 : (short) 0);
        }
    }

    @Test
    void gainConversionUsesTheAmpRegions() {
        // HRC-like two-amp layout (not WFC): AMPX = 2, AMPY = 1 on a 4x2 image; gains A=1 B=2 C=3 D=4
        float[] g = {1, 2, 3, 4};
        AmpRegions a = AmpRegions.of(Detector.HRC, 1, 2, 1, 0, 0, 4, 2, g, new float[] {5, 5, 5, 5});
        assertThat(a.ampx()).isEqualTo(2);
        assertThat(a.ampy()).isEqualTo(1);
        float[] sci = {1, 1, 1, 1, 1, 1, 1, 1};
        float[] err = {2, 2, 2, 2, 2, 2, 2, 2};
        GainConversion.toElectrons(sci, err, 4, 2, a);
        // row 0 (< AMPY): C, C, D, D; row 1: A, A, B, B
        assertThat(sci).containsExactly(3, 3, 4, 4, 1, 1, 2, 2);
        assertThat(err).containsExactly(6, 6, 8, 8, 2, 2, 4, 4);
        assertThat(GainConversion.isElectrons("ELECTRONS")).isTrue();
        assertThat(GainConversion.isElectrons("COUNTS")).isFalse();
    }

    @Test
    void gainConversionRefusesAZeroGain() {
        // WFC chip 1 takes amps A/B; with their gains 0 (CCDAMP naming only C/D) there is nothing valid
        AmpRegions a = AmpRegions.of(Detector.WFC, 1, 2048, 0, 0, 0, 2, 1, new float[] {0, 0, 2, 2}, new float[4]);
        assertThatThrownBy(() -> GainConversion.toElectrons(new float[2], new float[2], 2, 1, a))
                .isInstanceOf(CalacsException.class).hasMessageContaining("No valid GAIN");
    }

    @Test
    void mamaGainIsOneAndWfcChipsMapToTheirAmps() {
        AmpRegions sbc = AmpRegions.of(Detector.SBC, 1, 0, 0, 0, 0, 2, 2, new float[4], new float[4]);
        assertThat(sbc.gain()).containsExactly(1f, 1f, 1f, 1f);
        // WFC chip 2 uses C/D on both halves; AMPX = 2048 beyond a 10-pixel subarray is clipped to the width
        AmpRegions w = AmpRegions.of(Detector.WFC, 2, 2048, 0, 0, 0, 10, 4, new float[] {1, 2, 3, 4},
                new float[] {5, 6, 7, 8});
        assertThat(w.ampx()).isEqualTo(10);
        assertThat(w.gain()).containsExactly(3f, 4f, 3f, 4f);
        assertThat(w.noise()).containsExactly(7f, 8f, 7f, 8f);
    }

    @Test
    void noiseInitMamaIsMaxOfOneAndSqrt() {
        float[] sci = {0, 0.25f, 9, 16, -4.7f};
        float[] err = new float[5];
        assertThat(NoiseInit.allZero(err)).isTrue();
        int neg = NoiseInit.mama(sci, err);
        // sqrt(0)=0→1, sqrt(.25)=.5→1, 3, 4, and -4.7 → integer abs 4 → 2
        assertThat(err).containsExactly(1f, 1f, 3f, 4f, 2f);
        assertThat(neg).isEqualTo(1);
        assertThat(NoiseInit.allZero(err)).isFalse();
    }

    @Test
    void noiseInitCcdAddsReadNoiseAndPoisson() {
        AmpRegions a = AmpRegions.of(Detector.HRC, 1, 0, 0, 0, 0, 2, 1, new float[] {0, 0, 2, 0},
                new float[] {0, 0, 3, 0});
        float[] sci = {16, -5};
        float[] err = {0, 4};
        NoiseInit.ccd(sci, err, 2, 1, a, false);
        // one HRC amp (C) goes to slot B: sqrt(16 + 9 + 0) = 5; sqrt(0 + 9 + 16) = 5
        assertThat(err).containsExactly(5f, 5f);
        float[] e2 = {0, 0};
        NoiseInit.ccd(sci, e2, 2, 1, a, true);
        assertThat(e2).containsExactly(3f, 3f);
    }

    @Test
    void darkIsScaledSubtractedWithQuadratureAndMeanOverGoodPixels() {
        float[] sci = {10, 20, 30};
        float[] err = {3, 3, 3};
        short[] dq = {0, 1, 0};
        float[] dsci = {1, 2, 100};
        float[] derr = {1, 1, 1};
        short[] ddq = {0, 0, 16};
        double mean = DarkCorr.apply(sci, err, dq, dsci, derr, ddq, 4.0f, (short) 16);
        // scaled dark 4, 8, 400; pixel 2 has the serious bit 16 → mean (4 + 8)/2 = 6
        assertThat(mean).isEqualTo(6.0);
        assertThat(sci).containsExactly(6f, 12f, -370f);
        assertThat(err).containsExactly(5f, 5f, 5f); // sqrt(9 + 16)
        assertThat(dq).containsExactly((short) 0, (short) 1, (short) 16);
        // SBC: DARKTIME 0 → nothing subtracted, MEANDARK 0
        float[] s2 = {7};
        float[] e2 = {2};
        double m2 = DarkCorr.apply(s2, e2, new short[1], new float[] {5}, new float[] {1}, new short[1],
                DarkCorr.SBC_DARKTIME, (short) -1);
        assertThat(s2[0]).isEqualTo(7f);
        assertThat(e2[0]).isEqualTo(2f);
        assertThat(m2).isEqualTo(0.0);
    }

    @Test
    void flashMeanIsWeightedByGoodPixelsPerLine() {
        // 2x2; line 0 both good (flash 1, 3 → mean 2, weight 1); line 1 one good (flash 5 → mean 5, weight .5)
        float[] sci = {10, 10, 10, 10};
        float[] err = {0, 0, 0, 0};
        short[] dq = new short[4];
        float[] fs = {0.5f, 1.5f, 2.5f, 9f};
        float[] fe = {0, 0, 0, 0};
        short[] fd = {0, 0, 0, 8};
        float mean = FlshCorr.apply(sci, err, dq, 2, 2, fs, fe, fd, 2.0f, (short) 8);
        // scaled by FLASHDUR 2: 1, 3, 5, 18; MEANFLSH = (2·1 + 5·0.5)/(1 + 0.5) = 3
        assertThat(mean).isEqualTo(3.0f);
        assertThat(sci).containsExactly(9f, 7f, 5f, -8f);
        assertThat(dq[3]).isEqualTo((short) 8);
    }

    @Test
    void flatDivisionPropagatesErrorsAndFlagsZeros() {
        float[] sci = {8, 5};
        float[] err = {4, 1};
        short[] dq = {0, 0};
        FlatCorr.divide(sci, err, dq, new float[] {2, 0}, new float[] {0.5f, 1}, new short[] {2, 0});
        // 8/2 = 4; ERR = sqrt((4/2)² + (0.5·8/2/2)²) = sqrt(4 + 1) = sqrt 5
        assertThat(sci[0]).isEqualTo(4f);
        assertThat(err[0]).isCloseTo((float) Math.sqrt(5), within(1e-6f));
        assertThat(dq[0]).isEqualTo((short) 2);
        // zero flat: SCI/ERR untouched, DQ 512
        assertThat(sci[1]).isEqualTo(5f);
        assertThat(err[1]).isEqualTo(1f);
        assertThat(dq[1]).isEqualTo((short) 512);
        short[] d3 = {1, 0};
        FlatCorr.lfltQuirk(d3);
        assertThat(d3).containsExactly((short) 513, (short) 512);
    }

    @Test
    void shadingDividesByOnePlusShadOverExptime() {
        float[] sci = {30};
        float[] err = {3};
        ShadCorr.apply(sci, err, new short[1], new float[] {1}, new float[] {0}, new short[1], 0.5f);
        // factor 1 + 1/0.5 = 3
        assertThat(sci[0]).isCloseTo(10f, within(1e-6f));
        assertThat(err[0]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void photmodeFollowsTheFilterRules() {
        assertThat(PhotMode.build(Detector.SBC, "IMAGING", "F115LP", "N/A", -1, 57084.08812))
                .isEqualTo("ACS SBC F115LP MJD#57084.0881");
        assertThat(PhotMode.build(Detector.WFC, "IMAGING", "CLEAR1L", "F606W", -1, 55000.0))
                .isEqualTo("ACS WFC1 F606W MJD#55000.0000");
        assertThat(PhotMode.build(Detector.HRC, "CORONAGRAPHIC", "F606W", "POL60UV", -1, 52000.5))
                .isEqualTo("ACS HRC CORON F606W POL_UV MJD#52000.5000");
        assertThat(PhotMode.build(Detector.WFC, "IMAGING", "FR853N", "CLEAR2L", 8344.75f, 54718.0))
                .isEqualTo("ACS WFC1 FR853N#8345 MJD#54718.0000");
    }

    @Test
    void statisticsSkipBadPixelsAndNonPositiveErrors() {
        float[] sci = {2, 4, 6, 100};
        float[] err = {1, 2, 0, 1};
        short[] dq = {0, 0, 0, 4};
        ImageStatistics.Stats s = ImageStatistics.compute(sci, err, dq, (short) 4);
        // good: pixels 0, 1 (pixel 2 has ERR 0, pixel 3 a serious flag)
        assertThat(s.numGood()).isEqualTo(2);
        assertThat(s.min()).isEqualTo(2);
        assertThat(s.max()).isEqualTo(4);
        assertThat(s.mean()).isEqualTo(3);
        assertThat(s.snrMin()).isEqualTo(2);
        assertThat(s.snrMax()).isEqualTo(2);
        assertThat(s.errMean()).isEqualTo(1.5);
        Header sh = new Header();
        Header eh = new Header();
        ImageStatistics.write(s, sh, eh);
        assertThat(sh.getIntValue("NGOODPIX")).isEqualTo(2);
        assertThat(eh.getDoubleValue("GOODMAX")).isEqualTo(2.0);
        ImageStatistics.Stats none = ImageStatistics.compute(new float[] {1}, new float[] {0}, new short[1], (short) 0);
        assertThat(ImageStatistics.warning(none, 1)).isEqualTo("No ERR values > 0.");
    }

    @Test
    void cFormatMatchesPrintfG() {
        assertThat(CFormat.g(0.0)).isEqualTo("0");
        assertThat(CFormat.g(1.0354204e-14, 8)).isEqualTo("1.0354204e-14");
        assertThat(CFormat.g(1650.3542, 8)).isEqualTo("1650.3542");
        assertThat(CFormat.g(123456789.0)).isEqualTo("1.23457e+08");
        assertThat(CFormat.g(0.0001)).isEqualTo("0.0001");
        assertThat(CFormat.g(2.5)).isEqualTo("2.5");
    }

    @Test
    void outputNamesFollowAcs2dE() {
        assertThat(Acs2d.outputName(java.nio.file.Path.of("j_raw.fits"))).isEqualTo("j_flt.fits");
        assertThat(Acs2d.outputName(java.nio.file.Path.of("j_blv_tmp.fits"))).isEqualTo("j_flt.fits");
        assertThat(Acs2d.outputName(java.nio.file.Path.of("j_blc_tmp.fits"))).isEqualTo("j_flc.fits");
        assertThat(Acs2d.outputName(java.nio.file.Path.of("j_crj_tmp.fits"))).isEqualTo("j_crj.fits");
        assertThat(Acs2d.outputName(java.nio.file.Path.of("j_crc_tmp.fits"))).isEqualTo("j_crc.fits");
    }

    @Test
    void unbinInterpolatesAndExtrapolatesAtTheEdges() {
        // one row [0, 4] binned by 2 in x: ai = (m - 0.5)/2 → -0.25, 0.25, 0.75, 1.25 (index clamped to 0):
        // 1.25·0 − 0.25·4 = −1, then 1, 3, and −0.25·0 + 1.25·4 = 5
        Unbin.Section z = Unbin.expand(new float[] {0, 4}, new float[] {1, 1}, new short[] {0, 8}, 2, 1, 2, 1);
        assertThat(z.sci()).containsExactly(-1f, 1f, 3f, 5f);
        // variance interpolation with equal errors stays 1 (weights sum to 1)
        assertThat(z.err()[1]).isCloseTo(1f, within(1e-6f));
        // DQ (InterpDQInfo): i1 = (int) ai is 0 for ai = −0.25, 0.25, 0.75, and i1 ≤ 0 means "use i1 only";
        // ai = 1.25 gives i1 = 1 = the last index, also alone
        assertThat(z.dq()).containsExactly((short) 0, (short) 0, (short) 0, (short) 8);
    }

    @Test
    void binnedShadingIsExpandedPairwise() {
        // 4x4 science of 12, shading 2x2 binned by 2 with values 0 (row 0) and 2 (row 1), EXPTIME 1:
        // in y, aj = (n − 0.5)/2 → rows get 1.25·0 − 0.25·2 = −0.5, 0.5, 1.5, 2.5; factor 1 + S
        float[] sci = new float[16];
        java.util.Arrays.fill(sci, 12f);
        float[] err = new float[16];
        ShadCorr.applyBinned(sci, err, new short[16], 4, 4, new float[] {0, 0, 2, 2}, new float[4], new short[4], 2, 2,
                2, 2, 0, 0, 1.0f);
        assertThat(sci[0]).isCloseTo(12f / 0.5f, within(1e-4f));
        assertThat(sci[4]).isCloseTo(12f / 1.5f, within(1e-4f));
        assertThat(sci[8]).isCloseTo(12f / 2.5f, within(1e-4f));
        assertThat(sci[12]).isCloseTo(12f / 3.5f, within(1e-4f));
    }

    @Test
    void spotFlatShiftMovesTheImageAndFillsWithOne() {
        // 3x2 spot flat shifted by dx = 1, dy = 0: out(i, j) = in(i − 1, j); column 0 falls outside → 1;
        // the interpolation at an integer position returns the pixel itself (sx = sy = 0)
        float[] in = {4, 9, 16, 25, 36, 49};
        float[] sci = new float[6];
        float[] err = new float[6];
        SpotFlat.shift(in, 3, 2, 1f, 0f, sci, err);
        assertThat(sci).containsExactly(1f, 4f, 9f, 1f, 25f, 36f);
        assertThat(err).containsExactly(1f, 2f, 3f, 1f, 5f, 6f);
        // half-pixel shift: the mean of the neighbours, 0.5·4 + 0.5·9 = 6.5
        SpotFlat.shift(in, 3, 2, 0.5f, 0f, sci, err);
        assertThat(sci[1]).isCloseTo(6.5f, within(1e-6f));
    }

    @Test
    void spotMultiplicationCombinesRelativeErrors() {
        float[] f = {2};
        float[] fe = {0.2f};
        short[] fd = {1};
        FlatCorr.multiplySpot(f, fe, fd, new float[] {3}, new float[] {0.3f}, new short[] {4});
        // product 6; error sqrt((2·0.3)² + (3·0.2)²) = sqrt(0.72)
        assertThat(f[0]).isEqualTo(6f);
        assertThat(fe[0]).isCloseTo((float) Math.sqrt(0.72), within(1e-6f));
        assertThat(fd[0]).isEqualTo((short) 5);
    }
}
