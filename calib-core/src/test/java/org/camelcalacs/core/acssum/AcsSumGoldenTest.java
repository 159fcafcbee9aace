package org.camelcalacs.core.acssum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camelcalacs.core.acs2d.Acs2d;
import org.camelcalacs.core.acs2d.Golden;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ACSSUM on the sbc-real-rpt case: raw → (our) flt → sfl, compared with the oracle _sfl. */
class AcsSumGoldenTest {
    static final List<String> ROOTS = List.of("jcrx01iiq", "jcrx01ijq", "jcrx01ikq", "jcrx01ilq", "jcrx01imq");

    @TempDir
    Path work;

    @Test
    void sbcRealRptSfl() throws Exception {
        Path c = Golden.requireCase("sbc-real-rpt");
        RunContext ctx = Golden.context(c, work);
        List<Path> flts = new ArrayList<>();
        for (String root : ROOTS) {
            Path out = work.resolve(root + "_flt.fits");
            AcsFits.write(Acs2d.process(AcsFits.read(c.resolve("inputs/" + root + "_raw.fits.gz")), ctx), out, true);
            flts.add(out);
        }
        long t0 = System.nanoTime();
        Path sfl = AcsSum.run(flts, work.resolve("jcrx01011_sfl.fits"), "PROD-RPT", ctx);
        long t1 = System.nanoTime();
        Exposure actual = AcsFits.read(sfl);
        Exposure expected = AcsFits.read(c.resolve("expected/jcrx01011_sfl.fits.gz"));
        Map<String, List<String>> kw = Golden.compareKeywords(c, "jcrx01011_sfl.fits");
        Golden.Report r = Golden.compare(actual, expected, kw, 1e-5, 1e-3);
        System.out.printf("sbc-real-rpt jcrx01011_sfl: %s (%.0f ms)%n", r, (t1 - t0) / 1e6);
        assertThat(r.failures).isEmpty();
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
