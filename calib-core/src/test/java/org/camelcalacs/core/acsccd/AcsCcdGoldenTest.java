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
        return runCase(name, null);
    }

    private Exposure runCase(String name, String member) throws Exception {
        Path dir = GoldenCcd.caseDir(name);
        Path raw = GoldenCcd.prepare(dir, work);
        if (member != null) {
            raw = work.resolve(member + "_raw.fits");
        }
        RunContext ctx = GoldenCcd.context(work, Boolean.getBoolean("calacs.verbose"));
        long t0 = System.nanoTime();
        Path out = AcsCcd.run(raw, ctx);
        System.out.printf("%s %s: ACSCCD %.2f s%n", name, member == null ? "" : member,
                (System.nanoTime() - t0) / 1e9);
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

    /** WFC post-SM4 full frame (bias shift, crosstalk, destripe, sink): the stored blv_tmp expectation itself. */
    @Test
    void wfcFullPostSm4BlvTmp() throws Exception {
        Exposure blv = runCase("wfc-full-postsm4");
        GoldenCcd.Report r = GoldenCcd.compareExpect(blv,
                GoldenCcd.ROOT.resolve("wfc-full-postsm4/expected/jsyn01aaq_blv_tmp_expect.fits.gz"), 1e-5, 1e-3);
        System.out.println("wfc-full-postsm4 blv_tmp: " + r);
        assertThat(r.pass()).as(r.toString()).isTrue();
        GoldenCcd.Report k = GoldenCcd.compareKeywords(blv,
                GoldenCcd.ROOT.resolve("wfc-full-postsm4/expected/jsyn01aaq_blv_tmp_expect.fits.gz"));
        System.out.println("wfc-full-postsm4 blv_tmp keywords: " + k.notes);
        assertThat(k.notes).isEmpty();
    }

    /** WFC1A-2K subarray, post-SM4 bias-shift-only BLEVCORR: FLT geometry, DQ and rebuilt SCI. */
    @Test
    void wfcSub2kGeometry() throws Exception {
        Exposure blv = runCase("wfc-sub2k-cte");
        Path expect = GoldenCcd.ROOT.resolve("wfc-sub2k-cte/expected/jsyn01aaq_flt_expect.fits.gz");
        GoldenCcd.Report r = GoldenCcd.compareDqExpect(blv, expect, 16 | 512);
        System.out.println("wfc-sub2k-cte blv_tmp vs flt DQ: " + r);
        assertThat(r.pass()).as(r.toString()).isTrue();
        GoldenCcd.Report sci = GoldenCcd.reconstructFromFlt(blv, expect, work.resolve("ref"), 1e-5, 1e-2);
        System.out.println("wfc-sub2k-cte blv_tmp SCI vs FLT*FLAT+DARK*DARKTIME: " + sci);
        assertThat(sci.sciFail).as(sci.toString()).isZero();
    }

    /**
     * Association members (CR-split, dither, repeat): each member's blv_tmp DQ (less acs2d's 16/512 and acsrej's
     * 8192) and SCI rebuilt from its FLT expectation.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"hrc-crsplit,jsyn02abq", "hrc-crsplit,jsyn02acq",
        "hrc-dither,jsyn04abq", "hrc-dither,jsyn04acq", "hrc-rpt,jsyn05abq", "hrc-rpt,jsyn05acq",
        "wfc-crsplit,jsyn02abq"})
    void associationMembers(String name, String member) throws Exception {
        Exposure blv = runCase(name, member);
        Path expect = GoldenCcd.ROOT.resolve(name + "/expected/" + member + "_flt_expect.fits.gz");
        GoldenCcd.Report r = GoldenCcd.compareDqExpect(blv, expect, 16 | 512 | 8192);
        System.out.println(name + " " + member + " blv_tmp vs flt DQ: " + r);
        assertThat(r.pass()).as(r.toString()).isTrue();
        GoldenCcd.Report sci = GoldenCcd.reconstructFromFlt(blv, expect, work.resolve("ref"), 1e-5, 1e-2);
        System.out.println(name + " " + member + " blv_tmp SCI vs FLT*FLAT+DARK*DARKTIME: " + sci);
        assertThat(sci.sciFail).as(sci.toString()).isZero();
    }
}
