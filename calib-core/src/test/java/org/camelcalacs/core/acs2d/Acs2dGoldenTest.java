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
}
