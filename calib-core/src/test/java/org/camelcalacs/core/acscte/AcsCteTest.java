package org.camelcalacs.core.acscte;

import org.camelcalacs.core.golden.GoldenCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Headers;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage on a small synthetic WFC1A subarray, with the golden reference set's CCDTAB and PCTETAB. */
class AcsCteTest {
    static final Path REFSET = Path.of("/work/shared/golden/refsets/wfc-s12345");

    @TempDir
    Path dir;
    RunContext ctx;
    List<RunContext.ProgressEvent> events = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        GoldenCase.assumeCorpus(Files.exists(REFSET.resolve("syn_cte.fits.gz")), "golden reference set not present: " + REFSET);
        Path ref = Files.createDirectories(dir.resolve("ref"));
        // FitsFile recognises gzip by its magic number, so the .gz files can keep the header's names.
        Files.copy(REFSET.resolve("syn_ccd.fits.gz"), ref.resolve("syn_ccd.fits"));
        Files.copy(REFSET.resolve("syn_cte.fits.gz"), ref.resolve("syn_cte.fits"));
        RefResolver refs = new RefResolver(Map.of("jref", ref), dir, List.of(dir));
        ctx = new RunContext(RunOptions.defaults(dir).withThreads(2, false), refs, Trailer.silent(), Map.of(),
                events::add);
    }

    static Exposure subarray(int nx, int ny) {
        Header p = new Header();
        p.addValue("ROOTNAME", "JSYNTEST", "");
        p.addValue("DETECTOR", "WFC", "");
        p.addValue("SUBARRAY", true, "");
        p.addValue("EXPSTART", 58000.0, "");
        p.addValue("CCDAMP", "A", "");
        p.addValue("CCDGAIN", 2.0, "");
        for (char a : "ABCD".toCharArray()) {
            p.addValue("CCDOFST" + a, 3, "");
        }
        p.addValue("BLEVCORR", "COMPLETE", "");
        p.addValue("PCTECORR", "PERFORM", "");
        p.addValue("CCDTAB", "jref$syn_ccd.fits", "");
        p.addValue("PCTETAB", "jref$syn_cte.fits", "");
        float[] sci = PcteCorrTest.scene(nx, ny, 9, 30);
        float[] err = new float[nx * ny];
        java.util.Arrays.fill(err, 6f);
        short[] dq = new short[nx * ny];
        dq[5] = 4;
        Header sh = Headers.extension("SCI", 1);
        sh.addValue("CCDCHIP", 1, "");
        sh.addValue("LTV1", 0.0, "");
        sh.addValue("LTV2", 0.0, "");
        Imset s = new Imset(1, nx, ny, sci, err, dq, sh, Headers.extension("ERR", 1), Headers.extension("DQ", 1));
        return new Exposure(Path.of("jsyntest_blv_tmp.fits"), p, List.of(s));
    }

    static List<String> history(Header h) {
        List<String> out = new ArrayList<>();
        for (var it = h.iterator(); it.hasNext(); ) {
            HeaderCard c = it.next();
            if ("HISTORY".equals(c.getKey())) {
                out.add(c.getComment() == null ? c.getValue() : c.getComment());
            }
        }
        return out;
    }

    @Test
    void correctsAndRecordsTheCorrection() {
        Exposure in = subarray(64, 80);
        Exposure out = AcsCte.process(in, ctx);
        Header p = out.primary();
        assertEquals("COMPLETE", p.getStringValue("PCTECORR"));
        assertEquals("Par/Serial PixelCTE 2023", p.getStringValue("CTE_NAME"));
        assertEquals("3.0", p.getStringValue("CTE_VER"));
        assertEquals(4.57f, p.getFloatValue("READNSEA"), 0f);
        assertEquals(0f, p.getFloatValue("READNSEB"), 0f);
        assertEquals(2.02f, p.getFloatValue("ATODGNA"), 0f);
        String hist = String.join("\n", history(p));
        assertTrue(hist.contains("CORRTYPE serial - Amp A"), hist);
        // PCTEFRAC = (58000 - 52335) / (56100 - 52335) = 1.504648074369...
        assertTrue(hist.contains("PCTEFRAC   1.504648074369E+00"), hist);
        assertTrue(hist.contains("PCTETLEN           60"), hist);
        // DQ untouched, SCI changed, the input exposure unchanged
        Imset o = out.imsets().get(0);
        Imset i = in.imsets().get(0);
        assertArrayEquals(i.dq, o.dq);
        assertFalse(java.util.Arrays.equals(i.sci, o.sci));
        assertEquals("PERFORM", in.primary().getStringValue("PCTECORR"));
        // ERR only grows: sqrt(err^2 + (0.1 delta)^2)
        for (int k = 0; k < o.err.length; k++) {
            assertTrue(o.err[k] >= 6f, "err " + k);
        }
        assertTrue(events.stream().anyMatch(e -> e.message().contains("amp A")));
    }

    @Test
    void noiseModelOtherThanZeroIsAnErrorAndNoProductIsWritten() throws Exception {
        Exposure e = subarray(32, 40);
        e.primary().addValue("PCTENSMD", 1, "");
        Path in = dir.resolve("jsyntest_blv_tmp.fits");
        AcsFits.write(e, in, false);
        CalacsException ex = assertThrows(CalacsException.class, () -> AcsCte.run(in, ctx));
        assertTrue(ex.getMessage().contains("noise model"), ex.getMessage());
        assertFalse(Files.exists(dir.resolve("jsyntest_blc_tmp.fits")));
    }

    @Test
    void forwardModelWritesCtefmodWithTrails() throws Exception {
        Exposure e = subarray(32, 40);
        Path in = dir.resolve("jsyntest_blv_tmp.fits");
        AcsFits.write(e, in, false);
        Path out = AcsCte.forwardModel(in, ctx);
        assertEquals("jsyntest_ctefmod.fits", String.valueOf(out.getFileName()));
        Exposure f = AcsFits.read(out);
        double before = 0;
        double after = 0;
        for (int k = 0; k < e.imsets().get(0).sci.length; k++) {
            before += e.imsets().get(0).sci[k];
            after += f.imsets().get(0).sci[k];
        }
        // Trails move charge around; the total changes by far less than 1%.
        assertTrue(Math.abs(after - before) < 0.01 * before, after + " vs " + before);
        assertFalse(java.util.Arrays.equals(e.imsets().get(0).sci, f.imsets().get(0).sci));
        Path blc = AcsCte.run(in, ctx);
        assertEquals("jsyntest_blc_tmp.fits", String.valueOf(blc.getFileName()));
        assertEquals("COMPLETE", AcsFits.read(blc).primary().getStringValue("PCTECORR"));
    }

    @Test
    void nothingToDoWhenPctecorrIsNotPerform() throws Exception {
        Exposure e = subarray(32, 40);
        e.primary().addValue("PCTECORR", "OMIT", "");
        Path in = dir.resolve("jsyntest_blv_tmp.fits");
        AcsFits.write(e, in, false);
        assertFalse(AcsCte.willPerform(e, ctx));
        assertEquals(null, AcsCte.run(in, ctx));
        assertFalse(Files.exists(dir.resolve("jsyntest_blc_tmp.fits")));
    }

    @Test
    void imageHeaderOverridesFollowGetCteParsFromImageHeader() {
        org.camelcalacs.core.ref.table.PcteTab tab = org.camelcalacs.core.ref.table.PcteTab.read(
                REFSET.resolve("syn_cte.fits.gz"));
        Exposure e = subarray(8, 8);
        Header p = e.primary();
        p.addValue("PCTENFOR", 5, "");
        p.addValue("PCTENPAR", 1, "");
        p.addValue("PCTETLEN", 30, "");
        p.addValue("FIXROCR", 0, "");
        CteModel m = CteModel.of(tab, tab.parallel(), AcsCte.overrides(e.primaryHdr()), 58000);
        assertEquals(5, m.nForward());
        // values <= 1 do not override (the table's PCTENPAR = 2 stays)
        assertEquals(2, m.nPar());
        assertEquals(30, m.trailLength());
        assertFalse(m.fixRocr());
        // PCTEFRAC = (58000 - 52335) / (56100 - 52335)
        assertEquals((58000.0 - 52335.0) / (56100.0 - 52335.0), m.scaleFrac(), 0);
        // DPDE_W (1.0 in the table) / PCTENPAR
        assertEquals(0.5, m.dpdewPerTransfer()[0], 0);
        p.addValue("FIXROCR", 2, "");
        CalacsException ex = assertThrows(CalacsException.class, () -> AcsCte.overrides(e.primaryHdr()));
        assertTrue(ex.getMessage().contains("FIXROCR"), ex.getMessage());
    }

    @Test
    void untrimmedInputIsRefused() {
        Exposure e = subarray(32, 40);
        e.imsets().get(0).sciHeader.addValue("LTV1", 24.0, "");
        CalacsException ex = assertThrows(CalacsException.class, () -> AcsCte.process(e, ctx));
        assertTrue(ex.getMessage().contains("Overscan region not trimmed"), ex.getMessage());
    }
}
