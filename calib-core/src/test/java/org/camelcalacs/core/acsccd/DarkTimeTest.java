package org.camelcalacs.core.acsccd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DarkTimeTest {
    @Test
    void overheadRules() {
        assertThat(DarkTime.offset(1.5f, "SUCCESSFUL", 3.2f, 1.1f)).isEqualTo(3.2f);
        assertThat(DarkTime.offset(1.5f, "ABORTED", 3.2f, 1.1f)).isEqualTo(1.1f);
        assertThat(DarkTime.offset(0f, "SUCCESSFUL", 3.2f, 1.1f)).isEqualTo(1.1f);
        assertThat(DarkTime.applies(false, 54962, "WFC")).isTrue();
        assertThat(DarkTime.applies(false, 54961.9, "WFC")).isFalse();
        assertThat(DarkTime.applies(true, 57662, "WFC1A-2K")).isTrue();
        assertThat(DarkTime.applies(true, 57661, "WFC1A-2K")).isFalse();
        assertThat(DarkTime.applies(true, 58000, "WFC1-512")).isFalse();
        // float arithmetic: 102 + 3.2f = 105.2f (105.199997 as printed by the reference)
        assertThat(DarkTime.compute(102.0, 3.2f, true)).isEqualTo(102f + 3.2f);
        assertThat(DarkTime.compute(60.0, 1.1f, false)).isEqualTo(60f);
    }
}
