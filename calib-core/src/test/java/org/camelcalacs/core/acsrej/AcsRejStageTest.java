package org.camelcalacs.core.acsrej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import nom.tam.fits.Header;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;
import org.junit.jupiter.api.Test;

/** The ACSREJ stage on in-memory exposures, with every parameter given as an acsrej.e override (no CRREJTAB). */
class AcsRejStageTest {
    private static final int NX = 16;
    private static final int NY = 4;

    private static RunContext ctx() {
        return new RunContext(RunOptions.defaults(Path.of("/tmp")), new RefResolver(Map.of(), Path.of("/tmp"),
                List.of()), Trailer.silent(), Map.of(), null);
    }

    private static RejParams user(String sky, String init, double thresh, boolean mask) {
        return new RejParams(null, false, mask, false, 0.0, init, sky, "5", 0.0, thresh, 39);
    }

    private static Exposure exposure(String name, float exptime, double expstart, float darktime, String imagetyp,
                                     float level) {
        Header ph = new Header();
        ph.addValue("NEXTEND", 3, "");
        ph.addValue("IMAGETYP", imagetyp, "");
        ph.addValue("EXPTIME", exptime, "");
        ph.addValue("EXPSTART", expstart, "");
        ph.addValue("EXPEND", expstart + exptime / 86400.0, "");
        ph.addValue("DARKTIME", darktime, "");
        ph.addValue("CCDAMP", "C", "");
        ph.addValue("DETECTOR", "HRC", "");
        ph.addValue("ATODGNC", 2.0, "");
        ph.addValue("READNSEC", 4.0, "");
        ph.addValue("FLSHCORR", "OMIT", "");
        ph.addValue("ROOTNAME", name, "");
        Imset s = Imset.blank(1, NX, NY);
        Arrays.fill(s.sci, level);
        Arrays.fill(s.err, 3f);
        return new Exposure(Path.of(name + "_blv_tmp.fits"), ph, List.of(s));
    }

    /**
     * Two exposures (20 s and 30 s) of a flat 10 e/s field: SCI 200 and 300 e, ERR 3 e. A CR of 5000 e at (4,1)
     * in the second one. No sky, minimum guess = 10 e/s; sigma 5 threshold = 25·9/900 = 0.25 (e/s)² for the
     * second image, and the CR deviates by (5300/30 − 10)². Output: SCI = 10·50 = 500 e everywhere; ERR =
     * (50/50)·sqrt(9+9) = 4.2426405 where both are good, (50/20)·3 = 7.5 at the CR; ERR[0,0] = −1 (quirk).
     * Keywords: EXPTIME = TEXPTIME = 50, EXPSTART = min, EXPEND = max, DARKTIME = 21+31, NCOMBINE = 2,
     * REJ_RATE = 1/50, MEANEXP = 25, CRCORR = COMPLETE; CRMASK flags the CR in the second input's DQ.
     */
    @Test
    void combinesAndWritesKeywordsAndMask() {
        Exposure a = exposure("ja", 20f, 52700.0, 21f, "EXT", 200f);
        Exposure b = exposure("jb", 30f, 52700.5, 31f, "EXT", 300f);
        b.imsets().get(0).sci[1 * NX + 4] = 5300f;
        AcsRej.Outcome o = AcsRej.process(List.of(a, b), user("none", "minimum", 0.5, true), ctx(),
                "j1_crj_tmp.fits", "prod-crj");
        Imset out = o.product().imsets().get(0);
        for (int p = 0; p < NX * NY; p++) {
            assertEquals(500f, out.sci[p], 1e-3f, "sci " + p);
            assertEquals(0, out.dq[p]);
        }
        assertEquals(-1f, out.err[0]);
        assertEquals((float) Math.sqrt(18f), out.err[1]);
        assertEquals(7.5f, out.err[1 * NX + 4], 1e-6f);
        Hdr h = o.product().primaryHdr();
        assertEquals(50.0, h.reqDouble("EXPTIME"), 1e-6);
        assertEquals(50.0, h.reqDouble("TEXPTIME"), 1e-6);
        assertEquals(52700.0, h.reqDouble("EXPSTART"), 1e-9);
        assertEquals(52700.5 + 30 / 86400.0, h.reqDouble("EXPEND"), 1e-9);
        assertEquals(52.0, h.reqDouble("DARKTIME"), 1e-6);
        assertEquals(0.0, h.reqDouble("FLASHDUR"), 0);
        assertEquals(1.0 / 50.0, h.reqDouble("REJ_RATE"), 1e-7);
        assertEquals(25.0, h.reqDouble("MEANEXP"), 1e-6);
        assertEquals("COMPLETE", h.reqString("CRCORR"));
        assertEquals("J1", h.reqString("ROOTNAME"));
        assertEquals("PROD-CRJ", h.reqString("ASN_MTYP"));
        assertEquals("none", h.reqString("SKYSUB"));
        assertEquals(2, out.sciHeader.getIntValue("NCOMBINE"));
        assertEquals((short) 8192, b.imsets().get(0).dq[1 * NX + 4]);
        assertEquals(0, a.imsets().get(0).dq[1 * NX + 4]);
    }

    /**
     * DQ = 4 (bad pixel) in the first exposure. For science stacks 4 is an EXCLUDE code, so only the second
     * image contributes there: ERR = (40/20)·3 = 6. For IMAGETYP DARK, bit 4 is neither bad nor excluded, so both
     * contribute: ERR = sqrt(18).
     */
    @Test
    void darkStacksKeepBadPixelFlagFour() {
        for (String type : List.of("EXT", "DARK")) {
            Exposure a = exposure("ja", 20f, 52700.0, 20f, type, 200f);
            Exposure b = exposure("jb", 20f, 52700.1, 20f, type, 200f);
            a.imsets().get(0).dq[2 * NX + 7] = 4;
            AcsRej.Outcome o = AcsRej.process(List.of(a, b), user("none", "median", 0.5, false), ctx(), null, null);
            float e = o.product().imsets().get(0).err[2 * NX + 7];
            if (type.equals("DARK")) {
                assertEquals((float) Math.sqrt(18f), e, 1e-6f);
            } else {
                assertEquals(6f, e, 1e-6f);
            }
            assertEquals(4, o.product().imsets().get(0).dq[2 * NX + 7]);
        }
    }

    @Test
    void inputsMustAgreeOnAmpAndFlash() {
        Exposure a = exposure("ja", 20f, 52700.0, 20f, "EXT", 200f);
        Exposure b = exposure("jb", 20f, 52700.1, 20f, "EXT", 200f);
        b.primary().addValue("CCDAMP", "ABCD", "");
        assertThrows(InvalidInputException.class,
                () -> AcsRej.process(List.of(a, b), user("none", "minimum", 0.5, false), ctx(), null, null));
        Exposure c = exposure("jc", 20f, 52700.0, 20f, "EXT", 200f);
        Exposure d = exposure("jd", 40f, 52700.1, 20f, "EXT", 200f);
        for (Exposure e : List.of(c, d)) {
            e.primary().addValue("FLSHCORR", "PERFORM", "");
            e.primary().addValue("FLASHCUR", "LOW", "");
            e.primary().addValue("FLASHDUR", 2.0, "");
        }
        // same FLASHDUR but different EXPTIME: different flash levels
        InvalidInputException ex = assertThrows(InvalidInputException.class,
                () -> AcsRej.process(List.of(c, d), user("none", "minimum", 0.5, false), ctx(), null, null));
        assertTrue(ex.getMessage().contains("flash levels"));
        d.primary().addValue("FLASHDUR", 4.0, "");
        AcsRej.Outcome o = AcsRej.process(List.of(c, d), user("none", "minimum", 0.5, false), ctx(), null, null);
        assertEquals(6.0, o.product().primaryHdr().reqDouble("FLASHDUR"), 1e-6);
        Exposure e1 = exposure("je", 20f, 52700.0, 20f, "EXT", 200f);
        e1.primary().deleteKey("IMAGETYP");
        assertThrows(RuntimeException.class, () -> AcsRej.process(List.of(e1, exposure("jf", 20f, 52700.0, 20f,
                "EXT", 200f)), user("none", "minimum", 0.5, false), ctx(), null, null));
    }

    /** No fixed input limit: 120 exposures of 5 s with a CR in one of them. */
    @Test
    void handles120Inputs() {
        List<Exposure> ins = new ArrayList<>();
        for (int k = 0; k < 120; k++) {
            ins.add(exposure("j" + k, 5f, 52700.0 + k, 5f, "EXT", 50f));
        }
        ins.get(77).imsets().get(0).sci[3 * NX + 9] = 9000f;
        AcsRej.Outcome o = AcsRej.process(ins, user("mode", "median", 0.5, true), ctx(), "jx_crj_tmp.fits", null);
        Imset out = o.product().imsets().get(0);
        // sky mode of a constant 50 e image: bin (50-50)/1 = 0 is the peak -> hmin + 0.5 = 50.5 per image;
        // SCI = ave·600 + Σsky = ((50-50.5)/5)·600 + 120·50.5 = -60 + 6060 = 6000 where all 120 are good
        assertEquals(6000f, out.sci[0], 0.05f);
        assertEquals(6000f, out.sci[3 * NX + 9], 0.05f);
        assertEquals(600.0, o.product().primaryHdr().reqDouble("EXPTIME"), 1e-6);
        assertEquals(120, out.sciHeader.getIntValue("NCOMBINE"));
        assertEquals((short) 8192, ins.get(77).imsets().get(0).dq[3 * NX + 9]);
    }

    @Test
    void userValuesOverrideTheTableRow() {
        org.camelcalacs.core.ref.table.CrrejTab tab = new org.camelcalacs.core.ref.table.CrrejTab("t", List.of(
                new org.camelcalacs.core.ref.table.CrrejTab.Row(2, 100f, 30f, "minimum", "mode", "6.5,5.5,4.5",
                        2.1f, 0.5555f, (short) 39, 1)));
        RejParams some = new RejParams(null, false, false, false, null, "med", null, "7,6", null, null, null);
        RejSettings s = RejSettings.resolve(some, tab, 2, 100f);
        assertEquals("7,6", s.crsigmas());
        assertEquals(2, s.sigmas().length);
        assertEquals("median", s.initgues());
        assertEquals("mode", s.skysub());
        assertEquals(30f, s.scalense());
        assertEquals(false, s.crmask());
        assertEquals(50f, s.meanexp());
        assertTrue(RejSettings.allFromUser(user("none", "minimum", 0.5, true)));
        assertThrows(InvalidInputException.class, () -> RejSettings.resolve(
                new RejParams(null, false, null, false, null, null, null, "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,"
                        + "17,18,19,20,21", null, null, null), tab, 2, 100f));
    }

    /** acsrej.e on files: the product is written, the inputs get the CR flags, the trailer is <root>.tra. */
    @Test
    void runOnFilesRewritesInputsAndWritesTrailer(@org.junit.jupiter.api.io.TempDir Path dir) {
        Exposure a = exposure("ja", 20f, 52700.0, 20f, "EXT", 200f);
        Exposure b = exposure("jb", 20f, 52700.1, 20f, "EXT", 200f);
        b.imsets().get(0).sci[2 * NX + 3] = 4000f;
        Path pa = dir.resolve("ja_blv_tmp.fits");
        Path pb = dir.resolve("jb_blv_tmp.fits");
        org.camelcalacs.core.fits.AcsFits.write(a, pa, false);
        org.camelcalacs.core.fits.AcsFits.write(b, pb, false);
        RunContext c = new RunContext(RunOptions.defaults(dir), new RefResolver(Map.of(), dir, List.of()),
                new Trailer(org.camelcalacs.core.model.Verbosity.NORMAL, false, null), Map.of(), null);
        Path out = AcsRej.run(List.of(pa, pb), dir.resolve("j1_crj_tmp.fits"), user("none", "minimum", 0.5, true), c);
        Exposure prod = org.camelcalacs.core.fits.AcsFits.read(out);
        assertEquals(400f, prod.imsets().get(0).sci[2 * NX + 3], 1e-3f);
        assertEquals((short) 8192, org.camelcalacs.core.fits.AcsFits.read(pb).imsets().get(0).dq[2 * NX + 3]);
        assertTrue(java.nio.file.Files.exists(dir.resolve("j1.tra")));
        assertThrows(org.camelcalacs.core.error.OutputExistsException.class,
                () -> AcsRej.run(List.of(pa, pb), out, user("none", "minimum", 0.5, true), c));
    }
}
