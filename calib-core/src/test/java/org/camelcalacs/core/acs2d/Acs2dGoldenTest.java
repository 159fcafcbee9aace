package org.camelcalacs.core.acs2d;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ACS2D on golden inputs, compared with the oracle products under the case's tolerances. */
class Acs2dGoldenTest {
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-3;

    @TempDir
    Path work;

    @Test
    void sbcRealRptFlts() throws Exception {
        Path c = Golden.requireCase("sbc-real-rpt");
        RunContext ctx = Golden.context(c, work);
        for (String root : List.of("jcrx01iiq", "jcrx01ijq", "jcrx01ikq", "jcrx01ilq", "jcrx01imq")) {
            long t0 = System.nanoTime();
            Exposure raw = AcsFits.read(c.resolve("inputs/" + root + "_raw.fits.gz"));
            Exposure flt = Acs2d.process(raw, ctx);
            long t1 = System.nanoTime();
            Path out = work.resolve(root + "_flt.fits");
            AcsFits.write(flt, out, true);
            Exposure written = AcsFits.read(out);
            Exposure expected = AcsFits.read(c.resolve("expected/" + root + "_flt.fits.gz"));
            Map<String, List<String>> kw = Golden.compareKeywords(c, root + "_flt.fits");
            Golden.Report r = Golden.compare(written, expected, kw, RTOL, ATOL);
            System.out.printf("sbc-real-rpt %s_flt: %s (%.0f ms)%n", root, r, (t1 - t0) / 1e6);
            assertThat(r.failures).as(root + "_flt").isEmpty();
            assertThat(Files.exists(out)).isTrue();
        }
    }

    @Test
    void hrcRealSingleFlt() throws Exception {
        Path c = Golden.requireCase("hrc-real-single");
        RunContext ctx = Golden.context(c, work);
        Exposure raw = AcsFits.read(c.resolve("inputs/j8bt05njq_raw.fits.gz"));
        Exposure blv = org.camelcalacs.core.acsccd.AcsCcd.process(raw, ctx);
        long t0 = System.nanoTime();
        Exposure flt = Acs2d.process(blv, ctx);
        long t1 = System.nanoTime();
        Path out = work.resolve("j8bt05njq_flt.fits");
        AcsFits.write(flt, out, true);
        Exposure expected = AcsFits.read(c.resolve("expected/j8bt05njq_flt.fits.gz"));
        Golden.Report r = Golden.compare(AcsFits.read(out), expected,
                Golden.compareKeywords(c, "j8bt05njq_flt.fits"), RTOL, ATOL);
        System.out.printf("hrc-real-single j8bt05njq_flt: %s (acs2d %.0f ms)%n", r, (t1 - t0) / 1e6);
        assertThat(r.failures).isEmpty();
    }

    @Test
    void wfcFullPostSm4Flt() throws Exception {
        wfcCase("wfc-full-postsm4");
    }

    @Test
    void wfcPreSm4Flt() throws Exception {
        wfcCase("wfc-presm4");
    }

    private void wfcCase(String id) throws Exception {
        Path c = Golden.requireCase(id);
        RunContext ctx = Golden.context(c, work);
        Exposure raw = AcsFits.read(c.resolve("inputs/jsyn01aaq_raw.fits.gz"));
        Exposure blv;
        try {
            blv = org.camelcalacs.core.acsccd.AcsCcd.process(raw, ctx);
        } catch (org.camelcalacs.core.error.NotImplementedException e) {
            org.junit.jupiter.api.Assumptions.abort("ACSCCD cannot produce the blv_tmp yet: " + e.getMessage());
            return;
        }
        long t0 = System.nanoTime();
        Exposure flt = Acs2d.process(blv, ctx);
        long t1 = System.nanoTime();
        Golden.Report r = Golden.compareExpect(flt, c.resolve("expected/jsyn01aaq_flt_expect.fits.gz"),
                Golden.compareKeywords(c, "jsyn01aaq_flt.fits"), RTOL, ATOL);
        System.out.printf("%s jsyn01aaq_flt: %s (acs2d %.0f ms)%n", id, r, (t1 - t0) / 1e6);
        assertThat(r.failures).isEmpty();
    }
}
