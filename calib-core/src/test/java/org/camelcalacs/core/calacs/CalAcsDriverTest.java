package org.camelcalacs.core.calacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import nom.tam.fits.Header;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Driver outcomes that need no calibration stage: nothing to do, the reference check, bad inputs. */
class CalAcsDriverTest {
    private static RunContext ctx(Path dir) {
        Path ref = dir.resolve("ref");
        return new RunContext(RunOptions.defaults(dir), new RefResolver(Map.of("jref", ref), dir, List.of()),
                Trailer.silent(), Map.of(), null);
    }

    private static void raw(Path dir, String root, Map<String, String> kv) {
        Header ph = new Header();
        ph.addValue("INSTRUME", "ACS", "");
        ph.addValue("DETECTOR", "HRC", "");
        ph.addValue("ROOTNAME", root.toUpperCase(), "");
        kv.forEach((k, v) -> ph.addValue(k, v, ""));
        AcsFits.write(new Exposure(null, ph, List.of(Imset.blank(1, 4, 4))), dir.resolve(root + "_raw.fits"), false);
    }

    @Test
    void allSwitchesCompleteIsNothingToDo(@TempDir Path dir) throws Exception {
        // the CCDTAB is checked for every CCD run, before the nothing-to-do decision (as in ACSRefInit)
        raw(dir, "ja", Map.of("DQICORR", "COMPLETE", "DARKCORR", "OMIT", "CCDTAB", "jref$ccd.fits"));
        Files.createDirectories(dir.resolve("ref"));
        assertThrows(ReferenceFileException.class, () -> CalAcs.run("ja_raw.fits", ctx(dir)));
        Files.writeString(dir.resolve("ref/ccd.fits"), "x");
        CalAcsResult r = CalAcs.run("ja_raw.fits", ctx(dir));
        assertTrue(r.nothingToDo());
        assertTrue(r.products().isEmpty());
        assertTrue(Files.readString(dir.resolve("ja.tra")).contains("No calibration switch was set to PERFORM."));
    }

    @Test
    void everyMissingReferenceIsReportedAtOnce(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("ref"));
        Files.writeString(dir.resolve("ref/ccd.fits"), "x");
        raw(dir, "jb", Map.ofEntries(Map.entry("DQICORR", "PERFORM"), Map.entry("BPIXTAB", "N/A"),
                Map.entry("CCDTAB", "jref$ccd.fits"), Map.entry("DARKCORR", "PERFORM"),
                Map.entry("DARKFILE", "jref$nodark.fits"), Map.entry("FLATCORR", "PERFORM"),
                Map.entry("PFLTFILE", "N/A"), Map.entry("DFLTFILE", "N/A"), Map.entry("LFLTFILE", "N/A"),
                Map.entry("BLEVCORR", "PERFORM"), Map.entry("OSCNTAB", "jref$noosc.fits")));
        ReferenceFileException e = assertThrows(ReferenceFileException.class, () -> CalAcs.run("jb", ctx(dir)));
        assertTrue(e.getMessage().startsWith("3 reference files were missing."), e.getMessage());
        assertTrue(e.getMessage().contains("DARKFILE `jref$nodark.fits'"));
        assertTrue(e.getMessage().contains("OSCNTAB `jref$noosc.fits'"));
        assertTrue(e.getMessage().contains("all blank"));
    }

    @Test
    void foreignInstrumentAndUnknownDetector(@TempDir Path dir) {
        raw(dir, "jc", Map.of("DARKCORR", "PERFORM"));
        Header ph = new Header();
        ph.addValue("INSTRUME", "WFC3", "");
        ph.addValue("DETECTOR", "UVIS", "");
        AcsFits.write(new Exposure(null, ph, List.of(Imset.blank(1, 2, 2))), dir.resolve("jd_raw.fits"), false);
        assertThrows(InvalidInputException.class, () -> CalAcs.run("jd_raw.fits", ctx(dir)));
        Header p2 = new Header();
        p2.addValue("INSTRUME", "ACS", "");
        p2.addValue("DETECTOR", "XYZ", "");
        AcsFits.write(new Exposure(null, p2, List.of(Imset.blank(1, 2, 2))), dir.resolve("je_raw.fits"), false);
        assertTrue(CalAcs.run("je_raw.fits", ctx(dir)).nothingToDo());
        assertThrows(InvalidInputException.class, () -> CalAcs.run("nofile_raw.fits", ctx(dir)));
    }

    @Test
    void crAndRptBothPerformIsAnError(@TempDir Path dir) {
        raw(dir, "jf", Map.of("CRCORR", "PERFORM", "RPTCORR", "PERFORM", "CCDTAB", "N/A"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CalAcs.run("jf_raw.fits", ctx(dir)));
        assertTrue(e.getMessage().contains("RPTCORR and CRCORR both set to PERFORM"));
        assertEquals("CALACS", e.stage());
    }
}
