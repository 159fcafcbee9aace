package org.camelcalacs.core.calacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import nom.tam.fits.Header;
import org.camelcalacs.core.calacs.StagePlan.Invocation;
import org.camelcalacs.core.calacs.StagePlan.Kind;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.model.Detector;
import org.junit.jupiter.api.Test;

class StagePlanTest {
    private static Hdr header(Map<String, String> kv) {
        Header h = new Header();
        kv.forEach((k, v) -> h.addValue(k, v, ""));
        return new Hdr(h, "test", "PRIMARY");
    }

    private static final Map<String, String> CCD_SW = Map.of("DQICORR", "PERFORM", "BLEVCORR", "PERFORM",
            "BIASCORR", "PERFORM", "DARKCORR", "PERFORM", "FLATCORR", "PERFORM", "PHOTCORR", "PERFORM",
            "CRCORR", "PERFORM", "FLSHCORR", "OMIT", "CRREJTAB", "jref$crr.fits", "DARKFILE", "jref$drk.fits");

    private static List<String> render(List<Invocation> plan) {
        return plan.stream().map(Invocation::toString).toList();
    }

    @Test
    void crSplitWithoutCte() {
        CalFlags f = CalFlags.of(header(CCD_SW), Detector.HRC, 2, true, false);
        assertTrue(f.basicCcd() && f.basic2d() && f.crcorr() && !f.basicCte());
        assertTrue(f.refs().containsKey("CRREJTAB"));
        List<Invocation> plan = StagePlan.plan(new StagePlan.Input(Detector.HRC, true, "j0", "j0_asn.fits", null,
                List.of(new StagePlan.Position(1, "j1", "prod-crj", List.of("ja", "jb"), f))));
        assertEquals(List.of(
                "ACSCCD [ja_raw.fits] -> ja_blv_tmp.fits",
                "ACSCCD [jb_raw.fits] -> jb_blv_tmp.fits",
                "ACSREJ [ja_blv_tmp.fits, jb_blv_tmp.fits] -> j1_crj_tmp.fits",
                "ACS2D [j1_crj_tmp.fits] -> j1_crj.fits (DARKFILE)",
                "ACS2D [ja_blv_tmp.fits] -> ja_flt.fits (DARKFILE)",
                "ACS2D [jb_blv_tmp.fits] -> jb_flt.fits (DARKFILE)",
                "ACSDTH [] -> "), render(plan));
        assertEquals("prod-crj", plan.get(2).mtype());
        assertEquals(List.of("ja", "jb"), plan.get(2).trailerInputs());
        assertEquals(List.of("j1"), plan.get(6).trailerInputs());
        assertEquals("j0", plan.get(6).trailer());
    }

    @Test
    void crSplitWithCteMakesCrcAndFlcWithCteDarks() {
        Map<String, String> sw = new java.util.HashMap<>(CCD_SW);
        sw.put("PCTECORR", "PERFORM");
        CalFlags f = CalFlags.of(header(sw), Detector.WFC, 2, true, false);
        assertTrue(f.refs().containsKey("DRKCFILE") && f.refs().containsKey("PCTETAB"));
        List<Invocation> plan = StagePlan.plan(new StagePlan.Input(Detector.WFC, false, "j0", "j0_asn.fits", null,
                List.of(new StagePlan.Position(1, "j1", "prod-crj", List.of("ja", "jb"), f))));
        assertEquals(List.of(
                "ACSCCD [ja_raw.fits] -> ja_blv_tmp.fits",
                "ACSCTE [ja_blv_tmp.fits] -> ja_blc_tmp.fits",
                "ACSCCD [jb_raw.fits] -> jb_blv_tmp.fits",
                "ACSCTE [jb_blv_tmp.fits] -> jb_blc_tmp.fits",
                "ACSREJ [ja_blv_tmp.fits, jb_blv_tmp.fits] -> j1_crj_tmp.fits",
                "ACS2D [j1_crj_tmp.fits] -> j1_crj.fits (DARKFILE)",
                "ACSREJ [ja_blc_tmp.fits, jb_blc_tmp.fits] -> j1_crc_tmp.fits",
                "ACS2D [j1_crc_tmp.fits] -> j1_crc.fits (DRKCFILE)",
                "ACS2D [ja_blv_tmp.fits] -> ja_flt.fits (DARKFILE)",
                "ACS2D [ja_blc_tmp.fits] -> ja_flc.fits (DRKCFILE)",
                "ACS2D [jb_blv_tmp.fits] -> jb_flt.fits (DARKFILE)",
                "ACS2D [jb_blc_tmp.fits] -> jb_flc.fits (DRKCFILE)"), render(plan));
    }

    @Test
    void noCcdStepsCopiesRawAndNo2dCopiesProducts() {
        CalFlags f = CalFlags.of(header(Map.of("RPTCORR", "PERFORM", "CRREJTAB", "x")), Detector.HRC, 2, false, true);
        assertFalse(f.basicCcd());
        assertFalse(f.refs().containsKey("CRREJTAB"));
        List<Invocation> plan = StagePlan.plan(new StagePlan.Input(Detector.HRC, false, "j0", "j0_asn.fits", null,
                List.of(new StagePlan.Position(1, "j1", "prod-rpt", List.of("ja", "jb"), f))));
        assertEquals(List.of(
                "COPY [ja_raw.fits] -> ja_blv_tmp.fits",
                "COPY [jb_raw.fits] -> jb_blv_tmp.fits",
                "ACSREJ [ja_blv_tmp.fits, jb_blv_tmp.fits] -> j1_crj_tmp.fits",
                "COPY [j1_crj_tmp.fits] -> j1_crj.fits",
                "COPY [ja_blv_tmp.fits] -> ja_flt.fits",
                "COPY [jb_blv_tmp.fits] -> jb_flt.fits"), render(plan));
    }

    @Test
    void sbcRepeatRunsAcs2dThenAcsSum() {
        CalFlags f = CalFlags.of(header(Map.of("DQICORR", "PERFORM", "DARKCORR", "PERFORM", "RPTCORR", "PERFORM")),
                Detector.SBC, 2, false, true);
        assertTrue(f.basic2d() && f.rptcorr() && !f.basicCcd());
        List<Invocation> plan = StagePlan.plan(new StagePlan.Input(Detector.SBC, true, "jc0", "jc0_asn.fits", null,
                List.of(new StagePlan.Position(1, "jc1", "prod-rpt", List.of("ja", "jb"), f))));
        assertEquals(List.of(
                "ACS2D [ja_raw.fits] -> ja_flt.fits (DARKFILE)",
                "ACS2D [jb_raw.fits] -> jb_flt.fits (DARKFILE)",
                "ACSSUM [ja_flt.fits, jb_flt.fits] -> jc1_sfl.fits",
                "ACSDTH [] -> "), render(plan));
        assertEquals(List.of("jc1"), plan.get(3).trailerInputs());
    }

    @Test
    void ditherGivesFltsPerPositionAndTrailerOnlyDth() {
        Map<String, String> sw = new java.util.HashMap<>(CCD_SW);
        sw.put("CRCORR", "OMIT");
        CalFlags f = CalFlags.of(header(sw), Detector.HRC, 1, false, false);
        List<Invocation> plan = StagePlan.plan(new StagePlan.Input(Detector.HRC, true, "j0", "j0_asn.fits", "j0",
                List.of(new StagePlan.Position(1, "ja", "exp-dth", List.of("ja"), f),
                        new StagePlan.Position(2, "jb", "exp-dth", List.of("jb"), f))));
        assertEquals(List.of(
                "ACSCCD [ja_raw.fits] -> ja_blv_tmp.fits",
                "ACS2D [ja_blv_tmp.fits] -> ja_flt.fits (DARKFILE)",
                "ACSCCD [jb_raw.fits] -> jb_blv_tmp.fits",
                "ACS2D [jb_blv_tmp.fits] -> jb_flt.fits (DARKFILE)",
                "ACSDTH [] -> j0"), render(plan));
        assertEquals(List.of("ja", "jb"), plan.get(4).trailerInputs());
    }

    @Test
    void nothingToDoAndSwitchConsistency() {
        CalFlags none = CalFlags.of(header(Map.of("DQICORR", "COMPLETE")), Detector.HRC, 1, false, false);
        assertTrue(none.nothingToDo());
        List<Invocation> plan = StagePlan.plan(new StagePlan.Input(Detector.HRC, false, "ja", "ja_raw.fits", null,
                List.of(new StagePlan.Position(1, "", "", List.of("ja"), none))));
        assertEquals(Kind.NOTHING_TO_DO, plan.get(0).kind());
        assertThrows(InvalidInputException.class, () -> CalFlags.of(
                header(Map.of("CRCORR", "PERFORM", "RPTCORR", "PERFORM")), Detector.HRC, 2, false, false));
        // CRCORR=PERFORM on a single image is downgraded
        CalFlags single = CalFlags.of(header(Map.of("CRCORR", "PERFORM", "DARKCORR", "PERFORM")), Detector.HRC, 1,
                false, false);
        assertFalse(single.crcorr());
    }

    @Test
    void asnMtypeRuleComparesNineCharacters() {
        assertTrue(StagePlan.sameRoot("j8cd02010_asn.fits", "j8cd02010_crj_tmp.fits"));
        assertFalse(StagePlan.sameRoot("jsyn02010_asn.fits", "jsyn02011_crj_tmp.fits"));
    }

    @Test
    void referenceCheckListsEveryMissingFileAndAllowsNaFlats() {
        var refs = new org.camelcalacs.core.ref.RefResolver(Map.of(), java.nio.file.Path.of("/nonexistent-dir"),
                List.of());
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("DARKFILE", "missing_drk.fits");
        m.put("BPIXTAB", "N/A");
        m.put("PFLTFILE", "N/A");
        m.put("DFLTFILE", "N/A");
        m.put("LFLTFILE", "N/A");
        m.put("OSCNTAB", "");
        List<String> missing = RefCheck.missing(m, Detector.HRC, refs);
        assertEquals(3, missing.size(), missing.toString());
        assertTrue(missing.get(0).startsWith("DARKFILE"));
        assertTrue(missing.get(1).startsWith("OSCNTAB"));
        assertTrue(missing.get(2).contains("all blank"));
        assertEquals(4, RefCheck.missing(m, Detector.SBC, refs).size());
    }
}
