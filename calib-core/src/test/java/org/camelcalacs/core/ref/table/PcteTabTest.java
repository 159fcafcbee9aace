package org.camelcalacs.core.ref.table;

import org.camelcalacs.core.golden.GoldenCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;
import org.camelcalacs.core.error.ReferenceFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcteTabTest {
    static final Path GOLDEN = Path.of("/work/shared/golden/refsets/wfc-s12345/syn_cte.fits.gz");

    @Test
    void readsTheGoldenGen3Table() {
        GoldenCase.assumeCorpus(Files.exists(GOLDEN), "golden corpus not present: " + GOLDEN);
        PcteTab t = PcteTab.read(GOLDEN);
        assertEquals(PcteTab.GEN3_NAME, t.cteName());
        assertEquals("3.0", t.cteVersion());
        assertEquals(0, t.noiseModel());
        assertEquals(-10.0, t.threshold());
        assertEquals(1, t.fixRocr());
        assertEquals(4.0, t.readNoise());
        PcteTab.TrapSet p = t.parallel();
        assertEquals(1, p.extver());
        assertEquals(12, p.activeTraps());
        assertEquals(60, p.trailLength());
        assertEquals(2, p.nForward());
        assertEquals(2, p.nPar());
        assertEquals(52335.0, p.cteDate0());
        assertEquals(56100.0, p.cteDate1());
        assertEquals(3.0, p.qlev()[0]);
        assertEquals(31623.0, p.qlev()[11]);
        assertEquals(999999.0, p.qlev()[12]);
        assertEquals(100, p.profileLength());
        // RPROF[transfer 0, trap 0] and [transfer 1, trap 0] of the file (NAXIS1 = trap, NAXIS2 = transfer)
        assertEquals(0.11750354f, p.rprof()[0], 1e-7f);
        assertEquals(0.1036965f, p.rprof()[1], 1e-7f);
        assertEquals(1.0f, p.cprof()[0], 0f);
        assertEquals(0, p.iz()[0]);
        assertEquals(8191, p.iz()[8191]);
        assertEquals(1.15, p.scale()[3][5], 1e-7);
        assertEquals(2, t.serial(0).extver());
        assertEquals(5, t.serial(3).extver());
    }

    @Test
    void rejectsOlderGenerationsWithTheReason() {
        ReferenceFileException e2 = assertThrows(ReferenceFileException.class,
                () -> PcteTab.checkGeneration("x.fits", "PixelCTE 2017"));
        assertTrue(e2.getMessage().contains("Generation 2"), e2.getMessage());
        ReferenceFileException e1 = assertThrows(ReferenceFileException.class,
                () -> PcteTab.checkGeneration("x.fits", "something else"));
        assertTrue(e1.getMessage().contains("Generation 1"), e1.getMessage());
        ReferenceFileException e0 = assertThrows(ReferenceFileException.class,
                () -> PcteTab.checkGeneration("x.fits", ""));
        assertTrue(e0.getMessage().contains("No CTE_NAME"), e0.getMessage());
    }

    @Test
    void rejectsAQprofWithFewerThan9999Rows(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("short_cte.fits");
        try (Fits fits = new Fits()) {
            BasicHDU<?> prim = new nom.tam.fits.NullDataHDU();
            Header ph = prim.getHeader();
            ph.addValue("CTE_NAME", PcteTab.GEN3_NAME, "");
            ph.addValue("CTE_VER", "3.0", "");
            ph.addValue("PCTERNOI", 4.0, "");
            ph.addValue("PCTENSMD", 0, "");
            ph.addValue("PCTETRSH", -10.0, "");
            ph.addValue("FIXROCR", 1, "");
            fits.addHDU(prim);
            int n = 10;
            BinaryTableHDU q = (BinaryTableHDU) Fits.makeHDU(new Object[] {new short[n], new int[n], new float[n]});
            q.setColumnName(0, "W", null);
            q.setColumnName(1, "QLEV_Q", null);
            q.setColumnName(2, "DPDE_W", null);
            Header qh = q.getHeader();
            qh.addValue("EXTNAME", "QPROF", "");
            qh.addValue("EXTVER", 1, "");
            qh.addValue("CTEDATE0", 52335.0, "");
            qh.addValue("CTEDATE1", 56100.0, "");
            qh.addValue("PCTETLEN", 60, "");
            qh.addValue("PCTENFOR", 2, "");
            qh.addValue("PCTENPAR", 2, "");
            fits.addHDU(q);
            for (int k = 0; k < 3; k++) {
                fits.addHDU(Fits.makeHDU(new float[2][2]));
            }
            try (FitsOutputStream os = new FitsOutputStream(Files.newOutputStream(f))) {
                fits.write(os);
            }
        }
        ReferenceFileException e = assertThrows(ReferenceFileException.class, () -> PcteTab.read(f));
        assertTrue(e.getMessage().contains("9999"), e.getMessage());
        assertEquals("short_cte.fits", e.file());
    }
}
