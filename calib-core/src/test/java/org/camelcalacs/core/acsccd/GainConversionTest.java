package org.camelcalacs.core.acsccd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.model.Detector;
import org.junit.jupiter.api.Test;

class GainConversionTest {
    @Test
    void wfcChip2UsesAmpsCAndDSplitAtAmpxPlusLtv() {
        // 6x2 raw, LTV1 = 1 → boundary at AMPX + 1 = 3; gains A..D = 1,2,3,4; chip 2 → columns 0..2 C (3), 3..5 D (4)
        AmpRegions r = AmpRegions.of(Detector.WFC, 2, 2, 0, new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8},
                1.0, 0.0, 6, 2);
        assertThat(r.ampx()).isEqualTo(3);
        float[] sci = {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2};
        float[] err = new float[12];
        java.util.Arrays.fill(err, 0.5f);
        GainConversion.apply(sci, err, 6, 2, r);
        assertThat(sci).containsExactly(3, 3, 3, 4, 4, 4, 6, 6, 6, 8, 8, 8);
        assertThat(err[0]).isEqualTo(1.5f);
        assertThat(err[5]).isEqualTo(2f);
    }

    @Test
    void hrcSingleAmpUsesSlotOneForTheWholeImage() {
        // HRC, CCDAMP C only (gain C = 2.216), AMPX = AMPY = 0 → get_nsegn puts C into slot B for every pixel
        AmpRegions r = AmpRegions.of(Detector.HRC, 1, 0, 0, new float[] {0, 0, 2.216f, 0}, new float[] {0, 0, 4.71f, 0},
                1.0, 0.0, 4, 2);
        float[] sci = {1, 2, 3, 4, 5, 6, 7, 8};
        GainConversion.apply(sci, new float[8], 4, 2, r);
        for (int k = 0; k < 8; k++) {
            assertThat(sci[k]).isEqualTo((k + 1) * 2.216f);
        }
    }

    @Test
    void ampxBeyondTheImageCoversTheWholeLine() {
        // AMPX 10 on a 6-wide image: boundary moves to the image width, so every column uses the first amp
        AmpRegions r = AmpRegions.of(Detector.WFC, 1, 10, 0, new float[] {2, 0, 0, 0}, new float[] {1, 0, 0, 0},
                0.0, 0.0, 6, 1);
        assertThat(r.ampx()).isEqualTo(6);
        float[] sci = {1, 1, 1, 1, 1, 1};
        GainConversion.apply(sci, new float[6], 6, 1, r);
        assertThat(sci).containsOnly(2f);
    }

    @Test
    void ampxZeroWithLtvBeyondTheWidthMovesTheBoundaryToTheEdge() {
        // quirk of to_electrons: AMPX 0 but 0 >= dimx - LTV1 (4 - 19 < 0) → the boundary becomes dimx, slot A is used
        AmpRegions r = AmpRegions.of(Detector.HRC, 1, 0, 0, new float[] {0, 0, 2f, 0}, new float[] {0, 0, 1f, 0},
                19.0, 0.0, 4, 1);
        assertThat(r.ampx()).isEqualTo(4);
        assertThat(r.slot(0, 0)).isEqualTo(AmpRegions.AMP_A);
    }

    @Test
    void zeroGainForAUsedRegionIsAnError() {
        // WFC chip 1 with amp B only but AMPX > 0: the first half needs gain A, which is 0
        AmpRegions r = AmpRegions.of(Detector.WFC, 1, 3, 0, new float[] {0, 2, 0, 0}, new float[] {0, 1, 0, 0},
                0.0, 0.0, 6, 1);
        assertThatThrownBy(() -> GainConversion.apply(new float[6], new float[6], 6, 1, r))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("No valid GAIN value");
    }
}
