package org.camelcalacs.core.acsccd.blev;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmpQuadrantTest {
    // 4 columns x 3 rows, value = 10*y + x
    private static float[] image() {
        float[] s = new float[12];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                s[y * 4 + x] = 10 * y + x;
            }
        }
        return s;
    }

    @Test
    void ampsAreTurnedSoTheAmpIsAtLowerLeft() {
        float[] s = image();
        // C: unchanged, left half
        assertThat(AmpQuadrant.extract(s, 4, 3, Amp.C, 2, null)).containsExactly(0, 1, 10, 11, 20, 21);
        // D: flipped in x, right half read from the right edge
        assertThat(AmpQuadrant.extract(s, 4, 3, Amp.D, 2, null)).containsExactly(3, 2, 13, 12, 23, 22);
        // A: flipped in y, left half read from the top row
        assertThat(AmpQuadrant.extract(s, 4, 3, Amp.A, 2, null)).containsExactly(20, 21, 10, 11, 0, 1);
        // B: both ways
        assertThat(AmpQuadrant.extract(s, 4, 3, Amp.B, 2, null)).containsExactly(23, 22, 13, 12, 3, 2);
        // one-amp subarray: the whole width
        assertThat(AmpQuadrant.extract(s, 4, 3, Amp.B, 4, null))
                .containsExactly(23, 22, 21, 20, 13, 12, 11, 10, 3, 2, 1, 0);
    }

    @Test
    void insertIsTheInverseAndRoundsToFloat() {
        for (Amp amp : Amp.values()) {
            float[] s = image();
            double[] q = AmpQuadrant.extract(s, 4, 3, amp, 2, null);
            q[0] += 0.1; // the amp corner pixel
            float[] t = image();
            AmpQuadrant.insert(q, amp, 2, t, 4, 3);
            int cornerX = amp.flipsX() ? 3 : 0;
            int cornerY = amp.flipsY() ? 2 : 0;
            for (int i = 0; i < 12; i++) {
                float expect = s[i];
                if (i == cornerY * 4 + cornerX) {
                    expect = (float) (s[i] + 0.1);
                }
                assertThat(t[i]).as("amp %s pixel %d", amp, i).isEqualTo(expect);
            }
        }
    }

    @Test
    void ampChipMapping() {
        assertThat(Amp.A.chip()).isEqualTo(1);
        assertThat(Amp.B.chip()).isEqualTo(1);
        assertThat(Amp.C.chip()).isEqualTo(2);
        assertThat(Amp.D.chip()).isEqualTo(2);
        assertThat(Amp.forSubarrayBiasShift("D")).isEqualTo(Amp.D);
        assertThat(Amp.forSubarrayBiasShift("AB")).isEqualTo(Amp.A);
    }

    /** insert with an offset writes (float)(d - offset): the same bits as subtracting first, then inserting. */
    @org.junit.jupiter.api.Test
    void insertWithOffsetEqualsSubtractThenInsert() {
        java.util.Random r = new java.util.Random(3);
        for (Amp a : Amp.values()) {
            double[] d = new double[2 * 3];
            for (int p = 0; p < d.length; p++) {
                d[p] = r.nextDouble() * 1e4;
            }
            double off = 1234.56789;
            double[] sub = d.clone();
            for (int p = 0; p < sub.length; p++) {
                sub[p] -= off;
            }
            float[] expect = new float[12];
            float[] actual = new float[12];
            AmpQuadrant.insert(sub, a, 2, expect, 4, 3);
            AmpQuadrant.insert(d, a, 2, actual, 4, 3, off);
            assertThat(actual).isEqualTo(expect);
        }
    }
}
