package org.camelcalacs.core.acsccd.blev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CrosstalkTest {
    private static final double K = 9.1e-5;

    @Test
    void oneRowIsCorrectedInPlaceLeftToRight() {
        float a = 958.9f, b = 100f, c = 100f, d = 4012f;
        float[] row = {a, b, c, d};
        Crosstalk.correct(row, 4, 1);

        // j = 0 and 1 read untouched mirrors (d, c)
        float s0 = a + (float) (d * K);          // 958.9 + 0.365092
        float s1 = b + (float) (c * K);          // 100 + 0.0091
        // j = 2 and 3 read the mirrors corrected just before (s1, s0): the in-place quirk
        float s2 = c + (float) (s1 * K);
        float s3 = d + (float) (s0 * K);
        assertThat(row[0]).isEqualTo(s0);
        assertThat(row[1]).isEqualTo(s1);
        assertThat(row[2]).isEqualTo(s2);
        assertThat(row[3]).isEqualTo(s3);
        assertThat((double) row[0]).isCloseTo(959.2651, within(1e-3));
        assertThat((double) row[3]).isCloseTo(4012.0874, within(5e-5));
        // with a copy of the row (not in place) the last pixel would round to a different float
        float notInPlace = d + (float) (a * K);
        assertThat((double) notInPlace).isCloseTo(4012.0872, within(5e-5));
        assertThat(row[3]).isNotEqualTo(notInPlace);
    }

    @Test
    void rowsAreIndependent() {
        float[] img = {0f, 1000f, 2000f, 0f};
        Crosstalk.correct(img, 2, 2);
        // row 0: [0, 1000] -> [0 + 1000K, 1000 + (0 + 1000K)K]
        float r00 = (float) (1000 * K);
        assertThat(img[0]).isEqualTo(r00);
        assertThat(img[1]).isEqualTo(1000f + (float) (r00 * K));
        // row 1: [2000, 0] -> [2000, 0 + 2000K]
        assertThat(img[2]).isEqualTo(2000f);
        assertThat(img[3]).isEqualTo((float) (2000f * K));
    }
}
