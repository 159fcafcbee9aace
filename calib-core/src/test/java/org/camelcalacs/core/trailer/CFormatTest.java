package org.camelcalacs.core.trailer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CFormatTest {
    @Test
    void matchesPrintfPercentG() {
        assertThat(CFormat.g(2506.8812)).isEqualTo("2506.88");
        assertThat(CFormat.g(1.369374e-06)).isEqualTo("1.36937e-06");
        assertThat(CFormat.g(-0.0006253571)).isEqualTo("-0.000625357");
        assertThat(CFormat.g(8781.0)).isEqualTo("8781");
        assertThat(CFormat.g(1234567.0)).isEqualTo("1.23457e+06");
        assertThat(CFormat.g(2510.6952, 5)).isEqualTo("2510.7");
        assertThat(CFormat.g(4.71f, 5)).isEqualTo("4.71");
    }
}
