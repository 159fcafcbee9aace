package org.camelcalacs.core.acsccd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class OverscanFitTest {
    @Test
    void medianOfOddEvenAndTinyArrays() {
        assertThat(OverscanFit.median(new double[] {5, 1, 3}, 3)).isEqualTo(3);
        assertThat(OverscanFit.median(new double[] {4, 1, 3, 2}, 4)).isEqualTo(2.5);
        assertThat(OverscanFit.median(new double[] {7, 9}, 2)).isEqualTo(8);
        assertThat(OverscanFit.median(new double[] {7}, 1)).isEqualTo(7);
    }

    @Test
    void integerAbsTruncatesTheLimit() {
        assertThat(OverscanFit.intAbs(100.9)).isEqualTo(100);
        assertThat(OverscanFit.intAbs(-100.9)).isEqualTo(100);
        assertThat(OverscanFit.intAbs(Double.NaN)).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void cleanRejectsAboveTheTruncatedLimits() {
        // values 100,100,100,100.5,200; mean = 120.1, sd = sqrt(Σ(v-mean)²/4) = 44.7 > sqrt(120.1)=10.96 → sd 10.96
        // limit1 = (int)(3*10.9590 + 120.1) = (int)152.98 = 152 → 200 rejected
        // mean' = (300 + 100.5)/4 = 100.125; limit2 = (int)(3*0.1f + 100.125) = (int)100.425 = 100 → 100.5 rejected,
        // and 200 is counted a second time (the second pass does not look at the mask), so 3 rejections are reported
        double[] v = {100, 100, 100, 100.5, 200};
        boolean[] m = {true, true, true, true, true};
        int n = OverscanFit.clean(v, m, 5, 0.1f);
        assertThat(n).isEqualTo(3);
        assertThat(m).containsExactly(true, true, true, false, false);
    }

    @Test
    void rowLevelUsesGoodPixelsOfBothSections() {
        // 8 columns, row 0: sections 1..2 and 5..6; pixel 2 has a serious DQ bit and is skipped
        float[] sci = {0, 10, 99, 0, 0, 12, 14, 0};
        short[] dq = {0, 0, 4, 0, 0, 0, 128, 0};
        int[] npix = new int[1];
        // sdqflags = 4: DQ 128 is not serious, so pixel 6 counts → values 10, 12, 14 → median 12
        double level = OverscanFit.rowLevel(sci, dq, 8, 0, new int[] {1, 2, 5, 6}, (short) 4, npix);
        assertThat(npix[0]).isEqualTo(3);
        assertThat(level).isEqualTo(12);
    }

    @Test
    void lineFitRecoversAnExactLine() {
        OverscanFit.Line l = new OverscanFit.Line(5);
        for (int j = 0; j < 10; j++) {
            l.accum(j, 100 + 0.5 * j);
        }
        assertThat(l.fit()).isTrue();
        assertThat(l.slope).isCloseTo(0.5, within(1e-12));
        // intercept is the value at the middle line 5: 102.5
        assertThat(l.intercept).isCloseTo(102.5, within(1e-12));
        assertThat(l.eval(7)).isCloseTo(103.5, within(1e-12));
    }

    @Test
    void singularFitFallsBackToTheCcdtabBias() {
        // one row only: d = 0 → singular; the line becomes the constant ccdbias
        float[] sci = {50, 50, 0};
        short[] dq = new short[3];
        List<String> msgs = new ArrayList<>();
        OverscanFit.Line l = OverscanFit.fitRows(sci, dq, 3, 1, 0, new int[] {0, 1, 0, 0}, 42f, (short) -1, 5f,
                msgs::add, msgs::add);
        assertThat(l.eval(0)).isEqualTo(42.0);
        assertThat(msgs).contains("No bias level data, or singular fit;");
    }

    @Test
    void driftSlopeFromVirtualOverscanColumns() {
        // 4x2 image, virtual overscan rows 0..1, columns 0..3 with value 10 + 2*col; bias section 0..1 → zero at 0.5
        float[] sci = {10, 12, 14, 16, 10, 12, 14, 16};
        short[] dq = new short[8];
        OverscanFit.Drift d = OverscanFit.drift(sci, dq, 4, new int[] {0, 3}, new int[] {0, 1}, new int[] {0, 1, 0, 0},
                (short) -1, s -> { }, s -> { });
        assertThat(d.corrected).isTrue();
        assertThat(d.slope).isCloseTo(2.0, within(1e-12));
        assertThat(d.eval(2.5)).isCloseTo(4.0, within(1e-12));
        // DriftMean over 4 output columns = drift at column 2
        assertThat(d.mean(4)).isCloseTo(3.0, within(1e-12));
    }
}
