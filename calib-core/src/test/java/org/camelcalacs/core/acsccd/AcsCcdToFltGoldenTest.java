package org.camelcalacs.core.acsccd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.camelcalacs.core.acs2d.Acs2d;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACSCCD followed by ACS2D (raw → blv_tmp → flt) against the oracle FLT of the golden cases (non-CTE product
 * tolerances: rtol 1e-5, atol 1e-3; DQ identical). Checks this stage end to end where only the FLT is stored.
 */
class AcsCcdToFltGoldenTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @CsvSource({"hrc-real-single,,j8bt05njq_flt.fits.gz", "wfc-presm4,,jsyn01aaq_flt_expect.fits.gz",
        "wfc-full-postsm4,,jsyn01aaq_flt_expect.fits.gz", "wfc-sub2k-cte,,jsyn01aaq_flt_expect.fits.gz",
        "hrc-dither,jsyn04abq,jsyn04abq_flt_expect.fits.gz", "hrc-dither,jsyn04acq,jsyn04acq_flt_expect.fits.gz",
        "wfc-full-cte,,jsyn01aaq_flt_expect.fits.gz"})
    void rawToFlt(String name, String member, String expected) throws Exception {
        Path dir = GoldenCcd.caseDir(name);
        Path raw = GoldenCcd.prepare(dir, work);
        if (member != null && !member.isEmpty()) {
            raw = work.resolve(member + "_raw.fits");
        }
        RunContext ctx = GoldenCcd.context(work, false);
        Path blv = AcsCcd.run(raw, ctx);
        Path flt = Acs2d.run(blv, null, ctx);
        Exposure out = AcsFits.read(flt);
        Path exp = dir.resolve("expected/" + expected);
        GoldenCcd.Report r = expected.contains("_expect") ? GoldenCcd.compareExpect(out, exp, 1e-5, 1e-3)
                : GoldenCcd.compareFull(out, exp, 1e-5, 1e-3);
        System.out.println(name + " raw→blv_tmp→flt: " + r);
        assertThat(r.pass()).as(r.toString()).isTrue();
    }
}
