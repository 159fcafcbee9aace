package org.camelcalacs.core.acsccd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BiasCorrTest {
    @Test
    void subtractsInQuadratureAndOrsDq() {
        float[] sci = {10f, 2f};
        float[] err = {3f, 0f};
        short[] dq = {4, 0};
        BiasCorr.subtract(sci, err, dq, new float[] {3f, 5f}, new float[] {4f, 1.5f}, new short[] {16, 8});
        // 10-3 = 7, 2-5 = -3; sqrt(3²+4²) = 5, sqrt(0+1.5²) = 1.5; 4|16 = 20, 0|8 = 8
        assertThat(sci).containsExactly(7f, -3f);
        assertThat(err).containsExactly(5f, 1.5f);
        assertThat(dq).containsExactly((short) 20, (short) 8);
    }
}
