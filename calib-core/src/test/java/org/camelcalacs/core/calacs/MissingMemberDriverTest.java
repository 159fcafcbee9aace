package org.camelcalacs.core.calacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.golden.GoldenCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An association member flagged MEMPRSNT=T whose raw file is absent: as GetSciInfo (calacs/getsciinfo.c) the
 * driver stops with "Member "..." is not present". The reference meets the missing file only when it reaches that
 * member (GetAsnMember, after acsccd wrote the first member's blv_tmp, which it leaves); we check every member
 * before calibrating anything, so nothing is written.
 */
class MissingMemberDriverTest {
    @Test
    void absentMemberRawIsAnErrorAndWritesNothing(@TempDir Path work) throws Exception {
        GoldenCase c = GoldenCase.require("hrc-crsplit");
        Path ref = c.prepare(work);
        Files.delete(work.resolve("jsyn02acq_raw.fits")); // the second member: the first one is valid
        List<String> before = DriverTestSupport.names(work);

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CalAcs.run("jsyn02010_asn.fits", DriverTestSupport.cliContext(work, ref)));
        assertTrue(e.getMessage().contains("Member \"jsyn02acq\" is not present"), e.getMessage());
        assertTrue(e.getMessage().contains("jsyn02acq_raw.fits"), "the message names the file: " + e.getMessage());

        List<String> after = DriverTestSupport.names(work);
        assertTrue(after.stream().noneMatch(n -> n.contains("_flt") || n.contains("_crj") || n.contains("_tmp")
                || n.contains("_blv") || n.startsWith(".")), "files left behind: " + after);
        assertEquals(before, after.stream().filter(n -> !n.endsWith(".tra")).toList(),
                "only trailers may be added");
    }
}
