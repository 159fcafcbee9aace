package org.camelcalacs.core.acssum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camelcalacs.core.acs2d.Golden;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.golden.GoldenCase;
import org.camelcalacs.core.golden.GoldenComparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACSSUM alone on the sbc-real-rpt case: the oracle's own member _flt files (stored complete) → _sfl, compared
 * with the oracle _sfl by the shared harness. (raw → flt → sfl end to end is the routes GoldenConformanceTest.)
 */
class AcsSumGoldenTest {
    static final List<String> ROOTS = List.of("jcrx01iiq", "jcrx01ijq", "jcrx01ikq", "jcrx01ilq", "jcrx01imq");

    @TempDir
    Path work;

    @Test
    void sbcRealRptSflFromOracleFlts() throws Exception {
        GoldenCase c = GoldenCase.require("sbc-real-rpt");
        List<Path> flts = new ArrayList<>();
        for (String root : ROOTS) {
            GoldenCase.Product p = c.product(root + "_flt.fits");
            assertThat(p.full()).as(p.product() + " stored complete").isTrue();
            flts.add(GoldenCase.gunzipInto(c.dir().resolve(p.file()), work));
        }
        long t0 = System.nanoTime();
        Path sfl = AcsSum.run(flts, work.resolve("jcrx01011_sfl.fits"), "PROD-RPT", Golden.context(c, work));
        long t1 = System.nanoTime();
        GoldenComparator.ProductResult r = GoldenComparator.compare(c, c.product("jcrx01011_sfl.fits"), work);
        System.out.printf("sbc-real-rpt jcrx01011_sfl: pass=%s maxAbs=%.3g maxRel=%.3g (%.0f ms)%n", r.pass(),
                r.maxAbs(), r.maxRel(), (t1 - t0) / 1e6);
        assertThat(r.pass()).as(r.problems().toString()).isTrue();
        Exposure actual = AcsFits.read(sfl);
        assertThat(actual.primary().getStringValue("ROOTNAME")).isEqualTo("JCRX01011");
        assertThat(actual.primary().getStringValue("ASN_MTYP")).isEqualTo("PROD-RPT");
    }

    @Test
    void defaultOutputNameReplacesAsn() {
        assertThat(AcsSum.defaultOutputName(Path.of("j_asn.fits"))).isEqualTo("j_sfl.fits");
        assertThat(AcsSum.defaultOutputName(Path.of("x_flt.fits"))).isEqualTo("x_flt_sfl.fits");
        assertThat(AcsSum.asnRoot(Path.of("jcrx01011_sfl.fits"))).isEqualTo("jcrx01011");
    }
}
