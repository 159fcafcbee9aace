package org.camelcalacs.core.acsccd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACSCCD against the golden corpus (golden/README.md). Skipped when the corpus is absent unless
 * {@code -Dcalacs.golden.required=true}.
 */
class AcsCcdGoldenTest {
    @TempDir
    Path work;

    private Exposure runCase(String name) throws Exception {
        Path dir = GoldenCcd.caseDir(name);
        Path raw = GoldenCcd.prepare(dir, work);
        RunContext ctx = GoldenCcd.context(work, Boolean.getBoolean("calacs.verbose"));
        long t0 = System.nanoTime();
        Path out = AcsCcd.run(raw, ctx);
        System.out.printf("%s: ACSCCD %.2f s%n", name, (System.nanoTime() - t0) / 1e9);
        return AcsFits.read(out);
    }

    /**
     * HRC real raw, classic BLEVCORR: only the FLT is stored, so the blv_tmp's DQ (less the bits acs2d adds: 16
     * from the dark, 512 from the flat) and geometry are checked against it.
     */
    @Test
    void hrcRealSingleDqAndGeometry() throws Exception {
        Exposure blv = runCase("hrc-real-single");
        assertThat(blv.imsets()).hasSize(1);
        assertThat(blv.imsets().get(0).nx).isEqualTo(1024);
        assertThat(blv.imsets().get(0).ny).isEqualTo(1024);
        GoldenCcd.Report r = GoldenCcd.compareDqWithFull(blv,
                GoldenCcd.ROOT.resolve("hrc-real-single/expected/j8bt05njq_flt.fits.gz"), 16 | 512);
        System.out.println("hrc-real-single blv_tmp vs flt DQ: " + r);
        assertThat(r.pass()).as(r.toString()).isTrue();
        GoldenCcd.Report sci = GoldenCcd.reconstructFromFlt(blv,
                GoldenCcd.ROOT.resolve("hrc-real-single/expected/j8bt05njq_flt.fits.gz"), work.resolve("ref"), 1e-5, 1e-2);
        System.out.println("hrc-real-single blv_tmp SCI vs FLT*FLAT+DARK*DARKTIME: " + sci);
        assertThat(sci.sciFail).as(sci.toString()).isZero();
        assertThat(blv.primary().getStringValue("BLEVCORR")).isEqualTo("COMPLETE");
    }

    /** WFC pre-SM4 full frame, classic BLEVCORR on both chips: DQ (less acs2d's bits) and geometry vs the FLT. */
    @Test
    void wfcPreSm4DqAndGeometry() throws Exception {
        Exposure blv = runCase("wfc-presm4");
        assertThat(blv.imsets()).hasSize(2);
        assertThat(blv.imsets().get(0).nx).isEqualTo(4096);
        assertThat(blv.imsets().get(0).ny).isEqualTo(2048);
        GoldenCcd.Report r = GoldenCcd.compareDqExpect(blv,
                GoldenCcd.ROOT.resolve("wfc-presm4/expected/jsyn01aaq_flt_expect.fits.gz"), 16 | 512);
        System.out.println("wfc-presm4 blv_tmp vs flt DQ: " + r);
        assertThat(r.pass()).as(r.toString()).isTrue();
        GoldenCcd.Report sci = GoldenCcd.reconstructFromFlt(blv,
                GoldenCcd.ROOT.resolve("wfc-presm4/expected/jsyn01aaq_flt_expect.fits.gz"), work.resolve("ref"), 1e-5, 1e-2);
        System.out.println("wfc-presm4 blv_tmp SCI vs FLT*FLAT+DARK*DARKTIME: " + sci);
        assertThat(sci.sciFail).as(sci.toString()).isZero();
    }
}
