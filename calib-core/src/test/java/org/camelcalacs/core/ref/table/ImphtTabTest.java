package org.camelcalacs.core.ref.table;

import org.camelcalacs.core.golden.GoldenCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camelcalacs.core.error.ReferenceFileException;
import org.junit.jupiter.api.Test;

class ImphtTabTest {
    static final Path REAL = Path.of("/work/shared/realdata");

    /** A hand-made table: one plain row and one row parameterised in mjd# with values 10, 20, 40 at 100, 200, 300. */
    static ImphtTab handMade(boolean extrap) {
        Map<String, List<ImphtTab.Row>> ext = new LinkedHashMap<>();
        for (String p : List.of("PHOTFLAM", "PHOTPLAM", "PHOTBW")) {
            List<ImphtTab.Row> rows = new ArrayList<>();
            rows.add(new ImphtTab.Row("acs,hrc,f606w", p, 5.0, new String[] {""}, new int[] {0},
                    new double[][] {{}}, new double[][] {{}}, null, null));
            rows.add(new ImphtTab.Row("acs,sbc,f115lp,mjd#", p + "1", 0.0, new String[] {"mjd#"}, new int[] {3},
                    new double[][] {{100, 200, 300}}, new double[][] {{10, 20, 40}}, "INFLIGHT row", "row descrip"));
            ext.put(p, rows);
        }
        return new ImphtTab("hand", 1, -21.1, extrap, "INFLIGHT", "d", ext);
    }

    @Test
    void plainRowGivesTheScalarColumn() {
        ImphtTab.Result r = handMade(false).compute("ACS HRC F606W");
        assertThat(r.photflam()).isEqualTo(5.0);
        assertThat(r.photzpt()).isEqualTo(-21.1);
    }

    @Test
    void tokensMatchInAnyOrder() {
        assertThat(handMade(false).compute("ACS F606W HRC").photflam()).isEqualTo(5.0);
    }

    @Test
    void parameterIsInterpolatedLinearly() {
        // mjd 250 lies half way between 200 (20) and 300 (40): 20 + 50*(40-20)/100 = 30
        ImphtTab.Result r = handMade(false).compute("ACS SBC F115LP MJD#250.0");
        assertThat(r.photflam()).isCloseTo(30.0, within(1e-12));
        assertThat(r.obsmode()).isEqualTo("acs,sbc,f115lp,mjd#");
        assertThat(r.pedigree()).isEqualTo("INFLIGHT row");
    }

    @Test
    void outOfRangeIsMinus9999WithoutExtrap() {
        assertThat(handMade(false).compute("ACS SBC F115LP MJD#400").photflam()).isEqualTo(-9999.0);
    }

    @Test
    void extrapolatesMjdFromTheLastTwoPointsWithExtrap() {
        // beyond 300: 20 + (400-200)*(40-20)/(300-200) = 60; before 100: 10 + (50-100)*(20-10)/100 = 5
        assertThat(handMade(true).compute("ACS SBC F115LP MJD#400").photflam()).isCloseTo(60.0, within(1e-12));
        assertThat(handMade(true).compute("ACS SBC F115LP MJD#50").photflam()).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void noMatchingRowIsAnError() {
        assertThatThrownBy(() -> handMade(false).compute("ACS WFC1 F814W"))
                .isInstanceOf(ReferenceFileException.class).hasMessageContaining("Matching row not found");
    }

    @Test
    void realExtrapTableMatchesHstcalUnitTest() {
        Path p = REAL.resolve("hstcal__w3m17171j_extrap_imp.fits");
        GoldenCase.assumeCorpus(Files.exists(p), "real IMPHTTAB not available: " + p);
        ImphtTab t = ImphtTab.read(p);
        assertThat(t.extrap()).isTrue();
        // knot cases: expected values from hstcal ctests/test_getphttab.c, where the table and
        // the straight-line rule agree exactly
        check(t, "acs wfc1 fr853n#8158 mjd#52334", 1.1984913607659768e-18, 8158.271171088088, 59.462191932802028);
        check(t, "acs wfc1 fr853n#8905 mjd#59214", 1.522786245291286e-18, 8900.34723883603, 77.771312111848076);
        // EXTRAP=T: mjd before the first knot extrapolates the line through knots 0 and 1 (52334, 53919), after
        // the last knot the line through knots 4 and 5 (equal values, so constant); fr half way 2..3 as below
        double k0 = 1.23434301e-18 + 0.5 * (1.25536694e-18 - 1.23434301e-18);
        double k1 = 1.23824657e-18 + 0.5 * (1.25891985e-18 - 1.23824657e-18);
        double past = k0 + (48000.0 - 52334.0) * (k1 - k0) / (53919.0 - 52334.0);
        assertThat(t.compute("acs wfc1 fr853n#8344.75 mjd#48000").photflam()).isCloseTo(past, within(past * 1e-7));
        double k5 = 1.24452188e-18 + 0.5 * (1.26587485e-18 - 1.24452188e-18);
        assertThat(t.compute("acs wfc1 fr853n#8344.75 mjd#68000").photflam()).isCloseTo(k5, within(k5 * 1e-7));
        // between knots the C interpolates bilinearly (the ctest answers there come from pysynphot and differ by
        // ~0.06%). Row acs,wfc1,fr853n#,mjd#: fr 8344.75 is half way between knots 2 and 3 (8307.4, 8382.1);
        // mjd 54718 is at (54718-53920)/(54976-53920) between knots 2 and 3. Corner values from the table:
        double f22 = 1.25755217e-18, f32 = 1.27923147e-18, f23 = 1.26020397e-18, f33 = 1.28164502e-18;
        double lo = f22 + 0.5 * (f32 - f22);
        double hi = f23 + 0.5 * (f33 - f23);
        double expected = lo + (54718.0 - 53920.0) / (54976.0 - 53920.0) * (hi - lo);
        assertThat(t.compute("acs wfc1 fr853n#8344.75 mjd#54718").photflam()).isCloseTo(expected,
                within(expected * 1e-7));
        // parameter order in the PHOTMODE does not matter
        assertThat(t.compute("acs wfc1 mjd#54718.0 fr853n#8344.75").photflam()).isCloseTo(expected,
                within(expected * 1e-7));
        ImphtTab.Result fr = t.compute("acs wfc1 fr853n#6500 mjd#54718");
        assertThat(fr.photflam()).isEqualTo(-9999.0);
    }

    @Test
    void otherRealTablesAreReadable() {
        for (String n : List.of("hstcal__acstest_v2_imp.fits", "hstcal__new_acs814_imp.fits",
                "reftools__acs_sbc_dev_imp.fits", "reftools__test_acs_wfc1_dev_imp.fits")) {
            Path p = REAL.resolve(n);
            GoldenCase.assumeCorpus(Files.exists(p), "real IMPHTTAB not available: " + p);
            ImphtTab t = ImphtTab.read(p);
            assertThat(t.extensionNames()).startsWith("PHOTFLAM", "PHOTPLAM", "PHOTBW");
            assertThat(t.rows("PHOTFLAM")).isNotEmpty();
        }
    }

    private static void check(ImphtTab t, String mode, double flam, double plam, double bw) {
        ImphtTab.Result r = t.compute(mode);
        assertThat(r.photflam()).as(mode + " PHOTFLAM").isCloseTo(flam, within(Math.abs(flam) * 1e-6));
        assertThat(r.photplam()).as(mode + " PHOTPLAM").isCloseTo(plam, within(Math.abs(plam) * 1e-6));
        assertThat(r.photbw()).as(mode + " PHOTBW").isCloseTo(bw, within(Math.abs(bw) * 1e-6));
    }
}
