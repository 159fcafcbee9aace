package org.camelcalacs.core.calacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.golden.GoldenCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hrc-crsplit's association with its second EXP row set to MEMPRSNT=F. The reference (calacs/acstable.c,
 * GetAsnTable) drops the row with the warning 'Member "JSYN02ACQ" is not present'; the CR-split position then has
 * one exposure, so SciFlags turns CRCORR to OMIT ("only one image") while the table's -CR type keeps the
 * association's CRCORR at PERFORM, and CheckCorr (calacs.c, first exposure, before any calibration) stops with
 * "CRCORR and/or RPTCORR values not consistent with ASN table!". No product is written.
 */
class AbsentMemberDriverTest {
    @Test
    void singleRemainingCrSplitMemberFailsCheckCorr(@TempDir Path work) throws Exception {
        GoldenCase c = GoldenCase.require("hrc-crsplit");
        Path ref = c.prepare(work);
        Path asn = work.resolve("jsyn02010_asn.fits");
        BasicHDU<?>[] hdus = DriverTestSupport.readAll(asn);
        DriverTestSupport.setRow((BinaryTableHDU) hdus[1], 1, "JSYN02ACQ", "EXP-CRJ", false);
        DriverTestSupport.writeAll(hdus, asn);
        List<String> before = DriverTestSupport.names(work);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CalAcs.run("jsyn02010_asn.fits", DriverTestSupport.cliContext(work, ref)));
        assertTrue(e.getMessage().contains("CRCORR and/or RPTCORR values not consistent with ASN table!"),
                e.getMessage());

        List<String> after = DriverTestSupport.names(work);
        assertEquals(before, after.stream().filter(n -> !n.endsWith(".tra")).toList(), "only trailers may be added");
        // the warning about the dropped member reaches the association trailer, before the error
        String tra = java.nio.file.Files.readString(work.resolve("jsyn02010.tra"));
        assertTrue(tra.contains("is not present"), tra);
        assertTrue(tra.indexOf("is not present") < tra.indexOf("CRCORR and/or RPTCORR"), tra);
    }
}
