package org.camelcalacs.core.acsccd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FullWellSaturationTest {
    @Test
    void fullFrameTestsOnlyTheScienceRegionWithSharedIndexes() {
        // 4x3 untrimmed, science region starts at column 1 (|corner| = 1), 2 wide, rows 0..1
        float[] sci = {900, 900, 50, 900, 900, 900, 900, 900, 900, 900, 900, 900};
        float[] sat = new float[12];
        java.util.Arrays.fill(sat, 100f);
        short[] dq = new short[12];
        FullWellSaturation.fullFrame(sci, dq, 4, sat, 4, 1, 0, 2, 2);
        // flagged: (1,0) (2,0)? sci(2,0)=50 < 100 no; (1,1) (2,1) yes; column 0 and 3 and row 2 never
        assertThat(dq).containsExactly((short) 0, (short) 256, (short) 0, (short) 0, (short) 0, (short) 256, (short) 256,
                (short) 0, (short) 0, (short) 0, (short) 0, (short) 0);
    }

    @Test
    void subarrayStartsAtTheUntrimmedOriginQuirk() {
        // science 3x2; trimmed size 2x1 (xdim, ydim); offset in SAT (x0,y0) = (1,2)
        // science (0,0) is compared with SAT(1,2), science (1,0) with SAT(2,2): the prescan column 0 is tested
        float[] sci = {10, 10, 10, 10, 10, 10};
        float[] sat = new float[4 * 4];
        java.util.Arrays.fill(sat, 100f);
        sat[2 * 4 + 1] = 5f; // SAT(1,2)
        sat[2 * 4 + 2] = 50f; // SAT(2,2)
        short[] dq = new short[6];
        FullWellSaturation.subarray(sci, dq, 3, sat, 4, 1, 2, 2, 1);
        assertThat(dq).containsExactly((short) 256, (short) 0, (short) 0, (short) 0, (short) 0, (short) 0);
    }
}
