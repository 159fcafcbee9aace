package org.camelcalacs.core.acsccd;

import static org.assertj.core.api.Assertions.assertThat;

import org.camelcalacs.core.model.Detector;
import org.junit.jupiter.api.Test;

class NoiseInitTest {
    private static AmpRegions twoAmps() {
        // WFC chip 1, boundary at column 2 of a 4x1 image: A (rn 3) then B (rn 4)
        return AmpRegions.of(Detector.WFC, 1, 2, 0, new float[] {2, 2, 0, 0}, new float[] {3, 4, 0, 0}, 0, 0, 4, 1);
    }

    @Test
    void errIsPoissonPlusReadNoisePlusPreviousErr() {
        float[] sci = {16f, -5f, 0f, 9f};
        float[] err = {0f, 0f, 0f, 12f};
        NoiseInit.apply(sci, err, 4, 1, twoAmps(), false);
        // sqrt(16+9+0)=5; negative signal counts as 0: sqrt(0+9)=3; amp B: sqrt(0+16)=4; sqrt(9+16+144)=13
        assertThat(err).containsExactly(5f, 3f, 4f, 13f);
    }

    @Test
    void biasTargetGetsReadNoiseOnly() {
        float[] sci = {100f, 100f, 100f, 100f};
        float[] err = {7f, 7f, 7f, 7f};
        assertThat(NoiseInit.isBiasTarget("BIAS-FRAME")).isTrue();
        assertThat(NoiseInit.isBiasTarget("NGC104")).isFalse();
        NoiseInit.apply(sci, err, 4, 1, twoAmps(), true);
        assertThat(err).containsExactly(3f, 3f, 4f, 4f);
    }
}
