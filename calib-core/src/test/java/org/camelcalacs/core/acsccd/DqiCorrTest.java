package org.camelcalacs.core.acsccd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camelcalacs.core.ref.table.BpixTab;
import org.junit.jupiter.api.Test;

class DqiCorrTest {
    @Test
    void atodSaturationFlagsValuesAtOrAboveTheLimit() {
        float[] sci = {4094.9f, 4095f, 4096f, 70000f};
        short[] dq = {0, 4, 0, 1};
        DqiCorr.flagAtodSaturation(sci, dq, 4095);
        // 4094.9 < 4095: untouched; 4095 >= 4095: 2048; 4096: 2048; 70000: 1|2048 = 2049
        assertThat(dq).containsExactly((short) 0, (short) (4 | 2048), (short) 2048, (short) 2049);
    }

    @Test
    void rowStartIsPixMinusOnePlusLtvTruncated() {
        // 6x3 image; PIX1=2, PIX2=1 (1-based detector coords) → x0=1, y0=0; LTV1 = 2.7, LTV2 = 1.0
        // xstart = (int)(1 + 2.7) = 3 (truncated, not rounded to 4); ystart = (int)(0 + 1.0) = 1; LENGTH 5 along x
        // → columns 3..7 clipped to 3..5 on row 1
        short[] dq = new short[18];
        BpixTab.Row r = new BpixTab.Row(1, "C", 0, 0f, 1, 1, 0, 5, 1, (short) 16);
        DqiCorr.applyRow(dq, 6, 3, r, 2.7, 1.0);
        for (int k = 0; k < 18; k++) {
            int x = k % 6;
            int y = k / 6;
            assertThat(dq[k]).as("pixel %d,%d", x, y).isEqualTo((short) (y == 1 && x >= 3 ? 16 : 0));
        }
    }

    @Test
    void columnRunAlongYIsClipped() {
        short[] dq = new short[12]; // 3x4
        // x0=2, y0=2, LENGTH 10 along y, LTV 0 → rows 2..3 of column 2
        BpixTab.Row r = new BpixTab.Row(1, null, 0, 0f, 1, 2, 2, 10, 2, (short) 4);
        DqiCorr.applyRow(dq, 3, 4, r, 0, 0);
        assertThat(dq[2 * 3 + 2]).isEqualTo((short) 4);
        assertThat(dq[3 * 3 + 2]).isEqualTo((short) 4);
        assertThat(dq[1 * 3 + 2]).isZero();
    }

    @Test
    void rowOutsideTheImageIsIgnored() {
        short[] dq = new short[12];
        BpixTab.Row r = new BpixTab.Row(1, null, 0, 0f, 1, 0, 7, 3, 1, (short) 4);
        DqiCorr.applyRow(dq, 3, 4, r, 0, 0);
        assertThat(dq).containsOnly((short) 0);
    }

    @Test
    void noApplicableRowPutsPlaceholderAtPixelOneOne() {
        short[] dq = new short[9];
        dq[4] = 1;
        int n = DqiCorr.applyTable(dq, 3, 3, List.of(), 0, 0, 1, 1);
        assertThat(n).isZero();
        // (1,1) 0-based = index 1*3+1 = 4: 1 | 64 = 65
        assertThat(dq[4]).isEqualTo((short) 65);
        assertThat(dq[0]).isZero();
    }
}
