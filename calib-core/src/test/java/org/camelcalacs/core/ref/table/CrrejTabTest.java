package org.camelcalacs.core.ref.table;

import org.camelcalacs.core.golden.GoldenCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camelcalacs.core.error.ReferenceFileException;
import org.junit.jupiter.api.Test;

class CrrejTabTest {
    private static final Path HRC = Path.of("/work/shared/realdata/hstcr__n4e12510j_crr_HRC.fits");

    /** The real HRC table: MEANEXP is NaN on every row (read as INDEF, so it matches), SCALENSE is a string. */
    @Test
    void realHrcTableWithNanMeanexpAndStringScalense() {
        GoldenCase.assumeCorpus(Files.isRegularFile(HRC), "real HRC CRREJTAB not available");
        CrrejTab t = CrrejTab.read(HRC);
        CrrejTab.Row r = t.select(2, 100f);
        assertEquals(2, r.crsplit());
        assertEquals(CrrejTab.INDEFR, r.meanexp());
        assertEquals(30f, r.scalense());
        assertEquals("minimum", r.initgues());
        assertEquals("mode", r.skysub());
        assertEquals("6.5,5.5,4.5", r.crsigmas());
        assertEquals(39, r.badinpdq());
        assertEquals(1, r.crmask());
        // 20 images: capped at the largest CRSPLIT (8)
        assertEquals(8, t.select(20, 2000f).crsplit());
    }

    @Test
    void selectionPicksSmallestNonNegativeMeanexpDifference() {
        List<CrrejTab.Row> rows = List.of(
                new CrrejTab.Row(2, 40f, 30f, "minimum", "mode", "6", 2f, 0.5f, (short) 39, 1),
                new CrrejTab.Row(2, 100f, 30f, "median", "mode", "5", 2f, 0.5f, (short) 39, 1),
                new CrrejTab.Row(2, 60f, 30f, "minimum", "none", "4", 2f, 0.5f, (short) 39, 0),
                new CrrejTab.Row(3, 60f, 30f, "minimum", "none", "3", 2f, 0.5f, (short) 39, 0));
        CrrejTab t = new CrrejTab("t", rows);
        // mean exposure 50: rows with MEANEXP 100 (diff 50) and 60 (diff 10) qualify; 40 does not
        assertEquals("4", t.select(2, 100f).crsigmas());
        // mean exposure 80: only MEANEXP 100
        assertEquals("5", t.select(2, 160f).crsigmas());
        // mean exposure 200: none
        assertThrows(ReferenceFileException.class, () -> t.select(2, 400f));
    }
}
