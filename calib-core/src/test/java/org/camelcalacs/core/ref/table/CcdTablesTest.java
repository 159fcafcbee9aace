package org.camelcalacs.core.ref.table;

import org.camelcalacs.core.golden.GoldenCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camelcalacs.core.error.ReferenceFileException;
import org.junit.jupiter.api.Test;

/** CCDTAB/OSCNTAB/BPIXTAB readers on the golden reference sets and the real HRC BPIXTAB. */
class CcdTablesTest {
    static final Path GOLDEN = locate("calacs.golden.dir", "golden");
    static final Path REAL = locate("calacs.shared.dir", "realdata");

    /** The build's property (…/golden, or the shared dir + realdata), else /work/shared/…. */
    private static Path locate(String property, String sub) {
        String v = System.getProperty(property);
        if (v != null) {
            Path p = Path.of(v);
            Path candidate = property.endsWith("shared.dir") ? p.resolve(sub) : p;
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("/work/shared").resolve(sub);
    }

    private static Path need(Path p) {
        if (!Files.isRegularFile(p) && Boolean.getBoolean("calacs.golden.required")) {
            throw new AssertionError(p + " missing");
        }
        GoldenCase.assumeCorpus(Files.isRegularFile(p), p + " not found");
        return p;
    }

    @Test
    void hrcCcdtabRowForAmpCGain2() {
        CcdTab t = CcdTab.read(need(GOLDEN.resolve("hrc-real-single/inputs/ref/syn_ccd.fits.gz")));
        CcdParameters p = t.lookup("C", 2f, 1, new int[] {3, 3, 3, 3}, 1062);
        // values of the real calibrated header (golden README): ATODGNC 2.216, READNSEC 4.71, CCDBIASC 1133
        assertThat(p.gain(2)).isEqualTo(2.216f);
        assertThat(p.noise(2)).isEqualTo(4.71f);
        assertThat(p.biasOf(2)).isEqualTo(1133f);
        // amps not in CCDAMP are zeroed
        assertThat(p.gain(0)).isZero();
        assertThat(p.noise(3)).isZero();
        assertThat(p.ampx()).isLessThanOrEqualTo(1062);
    }

    @Test
    void noMatchingRowIsAReferenceError() {
        CcdTab t = CcdTab.read(need(GOLDEN.resolve("hrc-real-single/inputs/ref/syn_ccd.fits.gz")));
        assertThatThrownBy(() -> t.lookup("C", 2f, 1, new int[] {9, 9, 9, 9}, 1062))
                .isInstanceOf(ReferenceFileException.class).hasMessageContaining("Matching row not found in CCDTAB");
    }

    @Test
    void wildcardsOfTheRowMatchAnything() {
        assertThat(CcdTab.sameInt(-1, 7)).isTrue();
        assertThat(CcdTab.sameInt(-999, 7)).isTrue();
        assertThat(CcdTab.sameInt(6, 7)).isFalse();
        assertThat(CcdTab.sameString("ANY", "ABCD")).isTrue();
        assertThat(CcdTab.sameString("ABCD", "abcd")).isFalse();
        assertThat(CcdTab.sameFlt(-1f, 2f)).isTrue();
    }

    @Test
    void wfcOscntabGeometryForBothChips() {
        OscnTab t = OscnTab.read(need(GOLDEN.resolve("refsets/wfc-s12345/syn_osc.fits.gz")));
        OverscanGeometry c2 = t.lookup("ABCD", 2, 4144, 2068).orElseThrow();
        OverscanGeometry c1 = t.lookup("ABCD", 1, 4144, 2068).orElseThrow();
        // oracle trailer: x(24,24) y(0,20) for chip 2 and x(24,24) y(20,0) for chip 1
        assertThat(List.of(c2.trimx1(), c2.trimx2(), c2.trimy1(), c2.trimy2())).containsExactly(24, 24, 0, 20);
        assertThat(List.of(c1.trimx1(), c1.trimx2(), c1.trimy1(), c1.trimy2())).containsExactly(24, 24, 20, 0);
        assertThat(c1.virtualOverscan()).isTrue();
        assertThat(c2.trimmedNx(4144)).isEqualTo(4096);
        assertThat(t.lookup("ABCD", 1, 4000, 2068)).isEmpty();
    }

    @Test
    void realHrcBpixtabHasOnlyAmpDRows() {
        BpixTab t = BpixTab.read(need(REAL.resolve("crds__j4d1435jj_bpx.fits")));
        assertThat(t.rows()).isNotEmpty();
        // golden README: every row has CCDAMP='D', so nothing applies to an amp-C exposure
        assertThat(t.rowsFor("C", 2f, 1)).isEmpty();
        assertThat(t.rowsFor("D", 2f, 1)).isNotEmpty();
        for (BpixTab.Row r : t.rows()) {
            assertThat(r.axis()).isIn(1, 2);
            assertThat(r.length()).isPositive();
        }
    }
}
