package org.camelcalacs.core.calacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import nom.tam.fits.Header;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Imset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The golden comparator itself must detect differences beyond the tolerances. */
class GoldenProductsTest {
    private static Path write(Path dir, String name, float sci00, short dq11, double skysum) {
        Header ph = new Header();
        ph.addValue("SIMPLE", true, "");
        ph.addValue("SKYSUM", skysum, "");
        ph.addValue("CRCORR", "COMPLETE", "");
        Imset s = Imset.blank(1, 4, 3);
        java.util.Arrays.fill(s.sci, 100f);
        s.sci[0] = sci00;
        s.dq[5] = dq11;
        Path p = dir.resolve(name);
        AcsFits.write(new Exposure(p, ph, List.of(s)), p, true);
        return p;
    }

    @Test
    void toleranceAndDqAndKeywords(@TempDir Path dir) throws Exception {
        Path exp = write(dir, "e.fits", 1000f, (short) 0, 23.0);
        Map<String, List<String>> kw = Map.of("PRIMARY", List.of("SKYSUM", "CRCORR"));
        // within atol + rtol*|x| = 0.001 + 0.01 = 0.011
        Path near = write(dir, "a.fits", 1000.01f, (short) 0, 23.0 + 1e-4);
        GoldenProducts.Report ok = GoldenProducts.compare("a", near.toFile(), exp.toFile(), true, false, kw);
        assertTrue(ok.ok(), ok.toString());
        assertEquals(24, ok.pixelsCompared);
        Path far = write(dir, "b.fits", 1000.05f, (short) 8192, 23.5);
        GoldenProducts.Report bad = GoldenProducts.compare("b", far.toFile(), exp.toFile(), true, false, kw);
        assertFalse(bad.ok());
        assertEquals(1, bad.dqDiffs);
        assertTrue(bad.failures.stream().anyMatch(f -> f.contains("SKYSUM")), bad.failures.toString());
        assertTrue(bad.failures.stream().anyMatch(f -> f.startsWith("SCI,1")), bad.failures.toString());
    }
}
