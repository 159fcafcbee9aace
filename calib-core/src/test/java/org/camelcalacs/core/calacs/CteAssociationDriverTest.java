package org.camelcalacs.core.calacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Header;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.golden.GoldenCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CR-SPLIT=2 association of a WFC subarray with PCTECORR=PERFORM through the driver (CalAcs.run on the _asn,
 * as the CLI): the non-CTE branch gives flt + crj, the CTE branch flc + crc. Built from wfc-sub2k-cte's raw
 * (two copies, one with a 2x2 cosmic ray) and hrc-crsplit's _asn as the table template.
 */
class CteAssociationDriverTest {
    private static final String[] MEMBERS = {"jcte01aaq", "jcte01abq"};
    private static final String PRODUCT = "jcte01011";
    /** Member with an injected cosmic ray; the other one must calibrate like the golden single exposure. */
    private static final int CR_MEMBER = 1;

    @Test
    void crSplitAssociationWithCteGivesCrjAndCrc(@TempDir Path work) throws Exception {
        GoldenCase wfc = GoldenCase.require("wfc-sub2k-cte");
        GoldenCase hrc = GoldenCase.require("hrc-crsplit"); // its _asn is the table template
        Path ref = wfc.prepare(work);
        Path raw = work.resolve("jsyn01aaq_raw.fits");
        Path expectedFlc = GoldenCase.gunzipInto(wfc.dir().resolve("expected/jsyn01aaq_flc.fits.gz"),
                Files.createDirectories(work.resolve("expected")));

        for (int m = 0; m < MEMBERS.length; m++) {
            Exposure e = AcsFits.read(raw);
            Header ph = e.primary();
            ph.addValue("ROOTNAME", MEMBERS[m].toUpperCase(), "");
            ph.addValue("CRSPLIT", 2, "");
            ph.addValue("CRCORR", "PERFORM", "");
            ph.addValue("ASN_ID", PRODUCT.substring(0, 8).toUpperCase() + "0", "");
            ph.addValue("ASN_TAB", "jcte01010_asn.fits", "");
            if (m == CR_MEMBER) {
                Imset s = e.imset(1);
                int cx = s.nx / 2;
                int cy = s.ny / 2;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        s.sci[(cy + dy) * s.nx + cx + dx] += 30000f; // a bright cosmic ray, in raw DN
                    }
                }
            }
            AcsFits.write(e, work.resolve(MEMBERS[m] + "_raw.fits"), false);
        }
        Files.delete(raw);
        BasicHDU<?>[] asn = DriverTestSupport.readAll(hrc.dir().resolve("inputs/jsyn02010_asn.fits.gz"));
        asn[0].getHeader().addValue("DETECTOR", "WFC", "");
        BinaryTableHDU t = (BinaryTableHDU) asn[1];
        DriverTestSupport.setRow(t, 0, MEMBERS[0].toUpperCase(), "EXP-CRJ", true);
        DriverTestSupport.setRow(t, 1, MEMBERS[1].toUpperCase(), "EXP-CRJ", true);
        DriverTestSupport.setRow(t, 2, PRODUCT.toUpperCase(), "PROD-CRJ", false);
        DriverTestSupport.writeAll(asn, work.resolve("jcte01010_asn.fits"));

        CalAcs.run("jcte01010_asn.fits", DriverTestSupport.cliContext(work, ref));

        List<String> files = DriverTestSupport.names(work);
        for (String p : List.of(PRODUCT + "_crj.fits", PRODUCT + "_crc.fits", MEMBERS[0] + "_flt.fits",
                MEMBERS[0] + "_flc.fits", MEMBERS[1] + "_flt.fits", MEMBERS[1] + "_flc.fits")) {
            assertTrue(files.contains(p), p + " missing; work dir has " + files);
        }
        assertTrue(files.stream().noneMatch(n -> n.contains("_tmp")), "temporaries left without -s: " + files);

        Exposure crc = AcsFits.read(work.resolve(PRODUCT + "_crc.fits"));
        Exposure crj = AcsFits.read(work.resolve(PRODUCT + "_crj.fits"));
        assertCte(crc, true);
        assertCte(crj, false);
        for (String mem : MEMBERS) {
            assertCte(AcsFits.read(work.resolve(mem + "_flc.fits")), true);
            assertCte(AcsFits.read(work.resolve(mem + "_flt.fits")), false);
        }
        float[] a = crc.imset(1).sci;
        float[] b = crj.imset(1).sci;
        int differ = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                differ++;
            }
        }
        assertTrue(differ > a.length / 10, "CTE correction changed only " + differ + " of " + a.length + " crc pixels");

        // the clean member's flc is the golden single-exposure flc, up to the CR flags acsrej writes back
        Imset got = AcsFits.read(work.resolve(MEMBERS[1 - CR_MEMBER] + "_flc.fits")).imset(1);
        Imset exp = AcsFits.read(expectedFlc).imset(1);
        GoldenCase.Tolerance tol = wfc.tolerance(wfc.product("jsyn01aaq_flc.fits"));
        assertEquals(exp.nx, got.nx);
        assertEquals(exp.ny, got.ny);
        int bad = 0;
        double worst = 0;
        for (int i = 0; i < exp.sci.length; i++) {
            if (!tol.ok(got.sci[i], exp.sci[i])) {
                bad++;
            }
            worst = Math.max(worst, Math.abs(got.sci[i] - exp.sci[i]));
            int diff = (got.dq[i] ^ exp.dq[i]) & 0xffff;
            assertTrue(diff == 0 || diff == 8192, "DQ differs by " + diff + " (not just the CR bit) at " + i);
        }
        assertEquals(0, bad, "flc SCI pixels outside the CTE tolerance (max |diff| " + worst + ")");
        // the injected cosmic ray (the only difference between the two raws) was found and flagged in its flc
        Imset crm = AcsFits.read(work.resolve(MEMBERS[CR_MEMBER] + "_flc.fits")).imset(1);
        int at = -1;
        double most = 0;
        for (int i = 0; i < crm.sci.length; i++) {
            double d = crm.sci[i] - got.sci[i];
            if (d > most) {
                most = d;
                at = i;
            }
        }
        assertTrue(most > 10000, "the injected cosmic ray is missing from the flc (largest excess " + most + ")");
        assertNotEquals(0, crm.dq[at] & 8192, "injected cosmic ray at " + at + " not flagged 8192: dq " + crm.dq[at]);
        assertEquals(0, got.dq[at] & 8192, "the clean member is flagged at the cosmic ray's pixel");
    }

    private static void assertCte(Exposure e, boolean corrected) {
        String pcte = e.primaryHdr().optString("PCTECORR", "").trim();
        String name = e.primaryHdr().optString("CTE_NAME", "").trim();
        if (corrected) {
            assertEquals("COMPLETE", pcte, e.name());
            assertEquals("Par/Serial PixelCTE 2023", name, e.name());
        } else {
            // calacs.c runs acs2d of the non-CTE branch with its PCTECORR switch set to OMIT only in memory: the
            // product keeps the raw's PERFORM (as the golden single-exposure flt does) and gets no CTE_NAME
            assertEquals("PERFORM", pcte, e.name());
            assertEquals("", name, e.name() + " has a CTE_NAME");
        }
    }
}
