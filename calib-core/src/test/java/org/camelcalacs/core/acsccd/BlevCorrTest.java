package org.camelcalacs.core.acsccd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.model.Detector;
import org.camelcalacs.core.ref.table.CcdParameters;
import org.camelcalacs.core.ref.table.OverscanGeometry;
import org.camelcalacs.core.trailer.Trailer;
import org.junit.jupiter.api.Test;

class BlevCorrTest {
    private static CcdKeys keys(Detector d, double expstart, boolean subarray, String aperture, String amp) {
        return new CcdKeys("x", d, aperture, "DS_INT", "", "", 1, expstart, subarray, 1, amp, 2f,
                new int[] {3, 3, 3, 3}, 0f, "", 0, "");
    }

    private static CcdImset imset(OverscanGeometry o, boolean found, int chip) {
        CcdParameters p = new CcdParameters(1, new float[] {0, 0, 2, 0}, new float[] {0, 0, 5, 0},
                new float[] {0, 0, 100, 0}, 0, 0, 65535, 0, 0, 0, "", "");
        return new CcdImset(0, 1, chip, 0, 0, (short) -1, 1, p, o, found);
    }

    @Test
    void pathDispatch() {
        OverscanGeometry virt = new OverscanGeometry(1, 24, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, true);
        List<CcdImset> one = List.of(imset(virt, true, 1));
        assertThat(BlevCorr.choosePath(keys(Detector.HRC, 52000, false, "HRC", "C"), one)).isEqualTo(BlevCorr.Path.CLASSIC);
        assertThat(BlevCorr.choosePath(keys(Detector.WFC, 54000, false, "WFC", "ABCD"), one))
                .isEqualTo(BlevCorr.Path.CLASSIC);
        assertThat(BlevCorr.choosePath(keys(Detector.WFC, 56000, false, "WFC", "ABCD"), one))
                .isEqualTo(BlevCorr.Path.POST_SM4_FULL_FRAME);
        assertThat(BlevCorr.choosePath(keys(Detector.WFC, 58000, true, "WFC1A-2K", "A"), one))
                .isEqualTo(BlevCorr.Path.POST_SM4_SUBARRAY);
        assertThat(BlevCorr.choosePath(keys(Detector.WFC, 58000, true, "WFC1-512", "A"), one))
                .isEqualTo(BlevCorr.Path.CLASSIC);
    }

    @Test
    void wfcAmpsPerChip() {
        assertThat(BlevCorr.ampsForChip(Detector.WFC, "ABCD", 2)).isEqualTo("CD");
        assertThat(BlevCorr.ampsForChip(Detector.WFC, "ABCD", 1)).isEqualTo("AB");
        assertThat(BlevCorr.ampsForChip(Detector.WFC, "C", 1)).isEmpty();
        assertThat(BlevCorr.ampsForChip(Detector.HRC, "C", 1)).isEqualTo("C");
    }

    @Test
    void classicSubtractsTheFittedOverscanLine() {
        // HRC-like single amp C: 6 columns x 4 rows, bias section columns 0..1 (leading), trimx1 = 2, no vy.
        // Overscan holds 100 + 10*row; science columns 2..5 hold 1000 + 100 + 10*row. The fit is exact, but it is
        // evaluated at input rows begy = trimy1 = 0.., so the science becomes exactly 1000.
        int nx = 6;
        int ny = 4;
        Imset x = Imset.blank(1, nx, ny);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                x.sci[j * nx + i] = (i < 2 ? 0 : 1000) + 100 + 10 * j;
            }
        }
        // BIASSECTA 1..2 (1-based) → 0..1; BIASSECTB 0 → -1 (not given)
        OverscanGeometry o = new OverscanGeometry(1, 2, 0, 0, 0, 0, 1, -1, -1, 0, 0, -1, -1, false);
        double[] blev = new double[4];
        boolean[] r = BlevCorr.classic(keys(Detector.HRC, 52000, false, "HRC", "C"), x, imset(o, true, 1), blev,
                Trailer.silent());
        assertThat(r[0]).isTrue();
        for (int j = 0; j < ny; j++) {
            for (int i = 2; i < nx; i++) {
                assertThat(x.sci[j * nx + i]).isEqualTo(1000f);
            }
        }
        // mean bias over rows 0..3 = 100 + 10*1.5 = 115
        assertThat(blev[2]).isCloseTo(115.0, within(1e-9));
        assertThat(x.sciHeader.getDoubleValue("MEANBLEV")).isCloseTo(115.0, within(1e-4));
    }

    @Test
    void noOverscanRowSubtractsTheCcdtabBiasTimesGain() {
        Imset x = Imset.blank(1, 2, 1);
        x.sci[0] = 500;
        x.sci[1] = 300;
        double[] blev = new double[4];
        boolean[] r = BlevCorr.classic(keys(Detector.HRC, 52000, false, "HRC", "C"), x,
                imset(OverscanGeometry.NONE, false, 1), blev, Trailer.silent());
        // CCDBIASC 100 DN × ATODGNC 2 = 200 e
        assertThat(r[0]).isFalse();
        assertThat(x.sci).containsExactly(300f, 100f);
        assertThat(blev[2]).isEqualTo(200.0);
    }
}
