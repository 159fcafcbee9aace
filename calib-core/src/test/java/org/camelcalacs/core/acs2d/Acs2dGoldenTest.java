package org.camelcalacs.core.acs2d;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.camelcalacs.core.acsccd.AcsCcd;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.golden.GoldenCase;
import org.camelcalacs.core.golden.GoldenComparator;
import org.camelcalacs.core.golden.InMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ACS2D alone on golden inputs, compared with the oracle products by the shared harness (golden/README.md
 * rules and the case's tolerances). Whole cases run end to end are the routes module's GoldenConformanceTest;
 * here ACS2D gets inputs that isolate it: oracle stage products rebuilt from their expectation files, the
 * oracle's CR flags in place of ACSREJ's, or SBC raws (which go to ACS2D directly).
 */
class Acs2dGoldenTest {
    /** Statistics over every pixel: they cannot match on an input rebuilt from sampled rows and columns. */
    static final Set<String> ALL_PIXEL_STATS = Set.of("NGOODPIX", "GOODMIN", "GOODMAX", "GOODMEAN", "SNRMIN",
            "SNRMAX", "SNRMEAN");

    @TempDir
    Path work;

    private static void assertMatches(GoldenComparator.ProductResult r, String what) {
        System.out.printf("%s %s: pass=%s maxAbs=%.3g maxRel=%.3g%n", r.caseId, what, r.pass(), r.maxAbs(), r.maxRel());
        assertThat(r.pass()).as(r.caseId + " " + what + ": " + r.problems()).isTrue();
    }

    /** SBC members: ACS2D on each raw, written and read back as calacs does, and the HISTORY cards too. */
    @Test
    void sbcRealRptFlts() throws Exception {
        GoldenCase c = GoldenCase.require("sbc-real-rpt");
        RunContext ctx = Golden.context(c, work);
        for (String root : List.of("jcrx01iiq", "jcrx01ijq", "jcrx01ikq", "jcrx01ilq", "jcrx01imq")) {
            Exposure flt = Acs2d.process(AcsFits.read(c.dir().resolve("inputs/" + root + "_raw.fits.gz")), ctx);
            Path out = work.resolve(root + "_flt.fits");
            AcsFits.write(flt, out, true);
            GoldenCase.Product p = c.product(root + "_flt.fits");
            assertMatches(GoldenComparator.compare(c, p, work), p.product());
            // HISTORY is not part of the tolerance rules, but ours follows the reference card for card
            assertThat(history(AcsFits.read(out).primary()))
                    .isEqualTo(history(AcsFits.read(c.dir().resolve(p.file())).primary()));
        }
    }

    /**
     * wfc-full-postsm4 (with FLSHCORR) from the oracle's own blv_tmp as far as the expectation file stores it:
     * every per-pixel step is checked on the sampled rows and columns; MEANDARK/MEANFLSH and the other keywords
     * too, except the image statistics (which need every pixel).
     */
    @Test
    void wfcFullPostSm4FromOracleBlvSamples() throws Exception {
        GoldenCase c = GoldenCase.require("wfc-full-postsm4");
        Exposure blv = InMemory.fromExpect(c.dir().resolve(c.product("jsyn01aaq_blv_tmp.fits").file()));
        Exposure flt = Acs2d.process(blv, Golden.context(c, work));
        GoldenCase.Product p = c.product("jsyn01aaq_flt.fits").withoutKeywords(ALL_PIXEL_STATS);
        assertMatches(GoldenComparator.compare(c, p, InMemory.view(flt, p.product())), p.product());
    }

    /** wfc-full-cte FLC from the oracle blc_tmp samples: PCTECORR=COMPLETE selects DRKCFILE; CTE tolerance. */
    @Test
    void wfcFullCteFlcFromOracleBlcSamples() throws Exception {
        GoldenCase c = GoldenCase.require("wfc-full-cte");
        Exposure blc = InMemory.fromExpect(c.dir().resolve(c.product("jsyn01aaq_blc_tmp.fits").file()));
        assertThat(blc.primary().getStringValue("PCTECORR").trim()).isEqualTo("COMPLETE");
        Exposure flc = Acs2d.process(blc, Golden.context(c, work));
        GoldenCase.Product p = c.product("jsyn01aaq_flc.fits").withoutKeywords(ALL_PIXEL_STATS);
        assertThat(p.cte()).isTrue();
        assertMatches(GoldenComparator.compare(c, p, InMemory.view(flc, p.product())), p.product());
    }

    /**
     * CR-SPLIT/RPT members: in an association ACSREJ (CRMASK) writes the CR flag 8192 back into each blv_tmp
     * before ACS2D runs; the oracle's 8192 bits stand in for it, so that ACSCCD + ACS2D are checked without
     * ACSREJ. calacs calls acs2d on the blv_tmp with PCTECORR not COMPLETE (the FLT branch uses DARKFILE).
     */
    @ParameterizedTest(name = "{0} {1}_flt")
    @CsvSource({"hrc-crsplit,jsyn02abq", "hrc-crsplit,jsyn02acq", "hrc-rpt,jsyn05abq", "hrc-rpt,jsyn05acq",
        "wfc-crsplit,jsyn02abq"})
    void memberFltWithOracleCrFlags(String id, String root) throws Exception {
        GoldenCase c = GoldenCase.require(id);
        RunContext ctx = Golden.context(c, work);
        Exposure blv = AcsCcd.process(AcsFits.read(c.dir().resolve("inputs/" + root + "_raw.fits.gz")), ctx);
        GoldenCase.Product p = c.product(root + "_flt.fits");
        Exposure oracle = InMemory.fromExpect(c.dir().resolve(p.file()));
        for (Imset s : blv.imsets()) {
            short[] odq = oracle.imset(s.extver).dq;
            for (int k = 0; k < s.dq.length; k++) {
                s.dq[k] |= (short) (odq[k] & 8192);
            }
        }
        Exposure flt = Acs2d.process(blv, ctx);
        assertMatches(GoldenComparator.compare(c, p, InMemory.view(flt, p.product())), p.product());
    }

    /** Reference prefetching must not change a bit: one thread and two threads give identical products. */
    @Test
    void wfcResultIsIndependentOfThreadCount() throws Exception {
        GoldenCase c = GoldenCase.require("wfc-presm4");
        RunContext base = Golden.context(c, work);
        Exposure blv = AcsCcd.process(AcsFits.read(c.dir().resolve("inputs/jsyn01aaq_raw.fits.gz")), base);
        RunContext one = new RunContext(base.options().withThreads(1, true), base.refs(), base.trailer(), Map.of(),
                null);
        RunContext two = new RunContext(base.options().withThreads(2, false), base.refs(), base.trailer(), Map.of(),
                null);
        Exposure a = Acs2d.process(blv, one);
        Exposure b = Acs2d.process(blv, two);
        for (Imset s : a.imsets()) {
            Imset t = b.imset(s.extver);
            assertThat(Arrays.equals(s.sci, t.sci)).isTrue();
            assertThat(Arrays.equals(s.err, t.err)).isTrue();
            assertThat(Arrays.equals(s.dq, t.dq)).isTrue();
        }
    }

    static List<String> history(Header h) {
        List<String> out = new ArrayList<>();
        var it = h.iterator();
        while (it.hasNext()) {
            HeaderCard c = it.next();
            if ("HISTORY".equals(c.getKey())) {
                out.add(c.getComment() == null ? "" : c.getComment().trim());
            }
        }
        return out;
    }
}
