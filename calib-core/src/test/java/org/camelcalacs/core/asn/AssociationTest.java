package org.camelcalacs.core.asn;

import org.camelcalacs.core.golden.GoldenCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.model.Detector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssociationTest {
    private static AsnTable table(AsnTable.Row... rows) {
        return new AsnTable("j0_asn.fits", "ACS", "HRC", List.of(rows));
    }

    @Test
    void crSplitAssociationHasOnePositionWithCrjProduct() {
        Association a = Association.of(table(
                new AsnTable.Row("JSYN02ABQ", "EXP-CRJ", true),
                new AsnTable.Row("JSYN02ACQ", "EXP-CRJ", true),
                new AsnTable.Row("JSYN02011", "PROD-CRJ", false)), Detector.HRC, null);
        assertEquals(Association.Mode.CR, a.mode());
        assertEquals(1, a.positions().size());
        Association.Position p = a.positions().get(0);
        assertEquals(1, p.posid());
        assertEquals("jsyn02011_crj", p.spname());
        assertEquals("prod-crj", p.mtype());
        assertEquals(3, p.asnRow());
        assertEquals(List.of("jsyn02abq", "jsyn02acq"), p.members().stream().map(Association.Member::name).toList());
        assertEquals("jsyn02abq_raw.fits", p.members().get(0).rawFile());
        assertNull(a.dthProduct());
    }

    @Test
    void numberedCrPositionsAndUnderscoreMemtypeAndAbsentMember() {
        Association a = Association.of(table(
                new AsnTable.Row("J1A", "EXP_CR1", true),
                new AsnTable.Row("J1B", "EXP-CR1", false),
                new AsnTable.Row("J1C", "EXP-CR1", true),
                new AsnTable.Row("J2A", "EXP-CR2", true),
                new AsnTable.Row("J2B", "EXP-CR2", true),
                new AsnTable.Row("J11", "PROD-CR1", false),
                new AsnTable.Row("J12", "PROD-CR2", false),
                new AsnTable.Row("J10", "PROD-DTH", false)), Detector.WFC, null);
        assertEquals(Association.Mode.CR, a.mode());
        assertEquals(2, a.positions().size());
        assertEquals(List.of("j1a", "j1c"), a.positions().get(0).members().stream().map(Association.Member::name).toList());
        assertEquals("j12_crj", a.positions().get(1).spname());
        assertEquals("j10", a.dthProduct());
        assertEquals(7, a.numasn());
        assertTrue(a.warnings().stream().anyMatch(w -> w.contains("INVALID")));
        assertTrue(a.warnings().stream().anyMatch(w -> w.contains("\"j1b\" is not present")));
    }

    @Test
    void ditherMembersGetIncrementingPositionsAndSbcRepeatGetsSfl() {
        Association d = Association.of(table(
                new AsnTable.Row("JSYN04ABQ", "EXP-DTH", true),
                new AsnTable.Row("JSYN04ACQ", "EXP-DTH", true),
                new AsnTable.Row("JSYN04010", "PROD-DTH", false)), Detector.HRC, null);
        assertEquals(Association.Mode.DTH, d.mode());
        assertEquals(2, d.positions().size());
        assertEquals(1, d.positions().get(0).posid());
        assertEquals(2, d.positions().get(1).posid());
        assertEquals("jsyn04acq_flt", d.positions().get(1).spname());
        Association s = Association.of(table(
                new AsnTable.Row("JCRX01IIQ", "EXP-RPT", true),
                new AsnTable.Row("JCRX01IJQ", "EXP-RPT", true),
                new AsnTable.Row("JCRX01011", "PROD-RPT", false)), Detector.SBC, null);
        assertEquals(Association.Mode.RPT, s.mode());
        assertEquals("jcrx01011_sfl", s.positions().get(0).spname());
    }

    @Test
    void partialKeepsOnlyTheNamedProductsPosition() {
        Association a = Association.of(table(
                new AsnTable.Row("J1A", "EXP-CR1", true),
                new AsnTable.Row("J2A", "EXP-CR2", true),
                new AsnTable.Row("J11", "PROD-CR1", false),
                new AsnTable.Row("J12", "PROD-CR2", false)), Detector.WFC, "j12");
        assertEquals(1, a.positions().size());
        assertEquals(2, a.positions().get(0).posid());
    }

    @Test
    void noPresentMemberIsAnError() {
        assertThrows(InvalidInputException.class, () -> Association.of(table(
                new AsnTable.Row("J1A", "EXP-CRJ", false)), Detector.WFC, null));
    }

    @Test
    void readsTheGoldenTableAndResolvesInputForms(@TempDir Path dir) throws Exception {
        Path gz = Path.of("/work/shared/golden/hrc-crsplit/inputs/jsyn02010_asn.fits.gz");
        GoldenCase.assumeCorpus(Files.isRegularFile(gz), "golden corpus not available");
        Path asn = dir.resolve("jsyn02010_asn.fits");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, asn);
        }
        AsnTable t = AsnTable.read(asn);
        assertEquals("HRC", t.detector());
        assertEquals(3, t.rows().size());
        assertEquals("PROD-CRJ", t.rows().get(2).memtype());
        assertEquals(AsnInput.Process.FULL, AsnInput.resolve("jsyn02010_asn.fits", dir).process());
        assertEquals(AsnInput.Process.FULL, AsnInput.resolve("jsyn02010", dir).process());
        AsnInput partial = AsnInput.resolve("jsyn02011", dir);
        assertEquals(AsnInput.Process.PARTIAL, partial.process());
        assertEquals(asn, partial.asnTable());
        Files.writeString(dir.resolve("jsyn02abq_raw.fits"), "");
        assertEquals(AsnInput.Process.SINGLE, AsnInput.resolve("jsyn02abq", dir).process());
        assertEquals(AsnInput.Process.SINGLE, AsnInput.resolve("jsyn02abq_raw.fits", dir).process());
        assertThrows(InvalidInputException.class, () -> AsnInput.resolve("nothere_asn.fits", dir));
        // bookkeeping copy: MEMPRSNT of the product row becomes T, ASN_PROD = T, the source is unchanged
        Path out = Files.createDirectories(dir.resolve("out"));
        AsnTable.writeUpdated(gz, out.resolve("jsyn02010_asn.fits"), List.of(3), false);
        AsnTable copy = AsnTable.read(out.resolve("jsyn02010_asn.fits"));
        assertTrue(copy.rows().get(2).present());
        assertFalse(AsnTable.read(asn).rows().get(2).present());
        try (var f = org.camelcalacs.core.fits.FitsFile.open(out.resolve("jsyn02010_asn.fits"))) {
            assertTrue(f.primaryHeader().getBooleanValue("ASN_PROD", false));
        }
    }
}
