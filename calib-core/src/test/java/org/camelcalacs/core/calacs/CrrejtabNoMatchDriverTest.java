package org.camelcalacs.core.calacs;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.golden.GoldenCase;
import org.camelcalacs.core.model.RefType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hrc-crsplit with a CRREJTAB (given as a reference override, as -crrejtab would) whose rows all have CRSPLIT=3:
 * rejpar_in (acsrej/readpar.c) finds no row for CRSPLIT=2 and stops with "No matching CRSPLIT and MEANEXP in
 * CRREJTAB"; no crj and no temporary may be left behind.
 */
class CrrejtabNoMatchDriverTest {
    @Test
    void crrejtabWithoutMatchingRowFailsCleanly(@TempDir Path work) throws Exception {
        GoldenCase c = GoldenCase.require("hrc-crsplit");
        Path ref = c.prepare(work);
        BasicHDU<?>[] hdus = DriverTestSupport.readAll(ref.resolve("n4e12510j_crr_HRC.fits"));
        BinaryTableHDU t = (BinaryTableHDU) hdus[1];
        int col = -1;
        for (int i = 0; i < t.getNCols(); i++) {
            if ("CRSPLIT".equalsIgnoreCase(t.getColumnName(i).trim())) {
                col = i;
            }
        }
        assertTrue(col >= 0, "template CRREJTAB has no CRSPLIT column");
        for (int r = 0; r < t.getNRows(); r++) {
            Object cur = t.getElement(r, col);
            t.setElement(r, col, cur instanceof short[] ? new short[] {3} : cur instanceof long[] ? new long[] {3}
                    : new int[] {3});
        }
        DriverTestSupport.writeAll(hdus, ref.resolve("nomatch_crr.fits"));
        RunOptions o = RunOptions.defaults(work).withOverrides(Map.of(),
                Map.of(RefType.CRREJTAB, "jref$nomatch_crr.fits"));

        CalacsException e = assertThrows(CalacsException.class,
                () -> CalAcs.run("jsyn02010_asn.fits", DriverTestSupport.cliContext(work, ref, o)));
        assertTrue(e.getMessage().contains("No matching CRSPLIT and MEANEXP in CRREJTAB"), e.getMessage());

        List<String> after = DriverTestSupport.names(work);
        // the reference (calacs.c) runs acsccd on every member (blv_tmp files) before acsrej fails, and leaves
        // them; member flts come after acsrej there, so neither writes them. We check the table first: nothing.
        assertTrue(after.stream().noneMatch(n -> n.contains("_crj") || n.contains("_tmp") || n.contains("_flt")
                || n.startsWith(".")), "partial products left: " + after);
    }
}
