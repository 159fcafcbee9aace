package org.camelcalacs.core.acs2d;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import nom.tam.fits.Header;
import org.camelcalacs.core.acsccd.AcsCcd;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Switch outcomes other than COMPLETE: FLSHCORR with FLASHDUR 0 (IGNORED → SKIPPED), a DUMMY flat. */
class Acs2dSwitchesTest {
    @TempDir
    Path work;

    private Exposure hrcBlv(RunContext ctx, Path c) {
        return AcsCcd.process(AcsFits.read(c.resolve("inputs/j8bt05njq_raw.fits.gz")), ctx);
    }

    @Test
    void flashWithZeroDurationIsSkipped() throws Exception {
        Path c = Golden.requireCase("hrc-real-single");
        RunContext ctx = Golden.context(c, work);
        Exposure blv = hrcBlv(ctx, c);
        blv.primary().addValue("FLSHCORR", "PERFORM", "");
        blv.primary().addValue("FLASHDUR", 0.0, "");
        blv.primary().addValue("FLSHFILE", "jref$syn_drk.fits", ""); // any trimmed image with LTV = 0
        Exposure flt = Acs2d.process(blv, ctx);
        assertThat(flt.primary().getStringValue("FLSHCORR").trim()).isEqualTo("SKIPPED");
        assertThat(Acs2dGoldenTest.history(flt.primary())).contains(FlshCorr.ZERO_FLASH, "FLSHCORR not performed ...");
        assertThat(flt.imset(1).sciHeader.getDoubleValue("MEANFLSH", -1))
                .isEqualTo(blv.imset(1).sciHeader.getDoubleValue("MEANFLSH", -1));
        // the science is the same as without the flash step
        blv.primary().addValue("FLSHCORR", "OMIT", "");
        Exposure ref = Acs2d.process(blv, ctx);
        assertThat(flt.imset(1).sci).isEqualTo(ref.imset(1).sci);
    }

    @Test
    void dummyFlatIsSkippedAndNotApplied() throws Exception {
        Path c = Golden.requireCase("hrc-real-single");
        RunContext ctx = Golden.context(c, work);
        Exposure flat = AcsFits.read(work.resolve("ref/syn_pfl.fits"));
        flat.primary().addValue("PEDIGREE", "DUMMY", "");
        AcsFits.write(flat, work.resolve("ref/dummy_pfl.fits"), true);
        Exposure blv = hrcBlv(ctx, c);
        Exposure noFlat = blv.copy();
        noFlat.primary().addValue("FLATCORR", "OMIT", "");
        Exposure expected = Acs2d.process(noFlat, ctx);
        blv.primary().addValue("PFLTFILE", "jref$dummy_pfl.fits", "");
        Exposure flt = Acs2d.process(blv, ctx);
        Header ph = flt.primary();
        assertThat(ph.getStringValue("FLATCORR").trim()).isEqualTo("SKIPPED");
        assertThat(Acs2dGoldenTest.history(ph)).contains("FLATCORR skipped due to dummy reference file ...");
        assertThat(flt.imset(1).sci).isEqualTo(expected.imset(1).sci);
    }
}
