package org.camelcalacs.core.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nom.tam.fits.Header;
import org.camelcalacs.core.error.SizeMismatchException;
import org.junit.jupiter.api.Test;

class RefGeometryTest {
    private static Header h(double ltv1, double ltv2) {
        Header h = new Header();
        h.addValue("LTV1", ltv1, "");
        h.addValue("LTV2", ltv2, "");
        return h;
    }

    @Test
    void cornerIsMinusLtvForUnbinnedData() {
        RefGeometry.Corner c = RefGeometry.corner(h(24, 20));
        // corner = (1-1) - 1*LTV = -LTV
        assertThat(c.x()).isEqualTo(-24);
        assertThat(c.y()).isEqualTo(-20);
        assertThat(c.binX()).isEqualTo(1);
    }

    @Test
    void sameSizeNeedsEqualCornersAndWidth() {
        assertThat(RefGeometry.findLine(h(24, 0), 4144, h(24, 0), 4144).sameSize()).isTrue();
        // same corner, different width → not the same size, offset 0
        RefGeometry.Offset o = RefGeometry.findLine(h(24, 0), 2072, h(24, 0), 4144);
        assertThat(o.sameSize()).isFalse();
        assertThat(o.x0()).isZero();
        // a 2K subarray at LTV (24-2072, 20-0)... science corner (-24+2072... ) minus ref corner
        RefGeometry.Offset s = RefGeometry.findLine(h(-2048, -100), 2072, h(24, 0), 4144);
        assertThat(s.x0()).isEqualTo(2048 + 24);
        assertThat(s.y0()).isEqualTo(100);
    }

    @Test
    void cutOutCopiesTheSectionAndChecksBounds() {
        float[] ref = {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23};
        assertThat(RefGeometry.cutOut(ref, 4, 3, 1, 1, 2, 2)).containsExactly(11, 12, 21, 22);
        assertThatThrownBy(() -> RefGeometry.cutOut(ref, 4, 3, 3, 0, 2, 1)).isInstanceOf(SizeMismatchException.class);
    }
}
