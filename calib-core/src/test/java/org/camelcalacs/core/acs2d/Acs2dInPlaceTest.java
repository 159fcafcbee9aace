package org.camelcalacs.core.acs2d;

import org.camelcalacs.core.golden.GoldenCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.camelcalacs.core.acsccd.AcsCcd;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.model.Verbosity;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;
import org.junit.jupiter.api.Test;

/**
 * {@link Acs2d#processInPlace} calibrates the input's own pixel arrays and writes the same bytes as
 * {@link Acs2d#process} (which works on a copy). The real HRC raw of the hrc-real-single golden case lacks the
 * ERR-header cards ACS2D adds (BUNIT, NGOODPIX, GOODMIN ...), so the product also shows that those cards land where
 * they do on a copied header (nom-tam inserts new cards at the header's cursor).
 */
class Acs2dInPlaceTest {

    @Test
    void inPlaceWritesTheSameBytesAsTheCopyingVariant() throws Exception {
        String prop = System.getProperty("calacs.golden.dir");
        Path golden = prop != null && Files.isDirectory(Path.of(prop)) ? Path.of(prop) : Path.of("/work/shared/golden");
        Path caseDir = golden.resolve("hrc-real-single");
        Path rawGz = caseDir.resolve("inputs/j8bt05njq_raw.fits.gz");
        GoldenCase.assumeCorpus(Files.isRegularFile(rawGz), "golden corpus not available: " + caseDir);
        Path work = Files.createTempDirectory("acs2d-inplace-");
        try {
            Path ref = work.resolve("ref");
            Files.createDirectories(ref);
            try (Stream<Path> s = Files.list(caseDir.resolve("inputs/ref"))) {
                for (Path p : s.toList()) {
                    if (p.toString().endsWith(".gz")) {
                        gunzip(p, ref);
                    }
                }
            }
            Path raw = gunzip(rawGz, work);
            Map<String, String> env = Map.of("jref", ref + "/");
            RunContext ctx = new RunContext(RunOptions.defaults(work).withVerbosity(Verbosity.VERBOSE),
                    RefResolver.fromEnvironment(env, work, List.of()), Trailer.silent(), env, null);
            Exposure blv = AcsCcd.process(AcsFits.read(raw), ctx);

            Exposure copied = Acs2d.process(blv, ctx);
            assertNotSame(blv.imset(1).sci, copied.imset(1).sci, "process works on a copy");
            Path a = Files.createDirectories(work.resolve("a")).resolve("j8bt05njq_flt.fits");
            AcsFits.write(copied, a, false);

            Exposure inPlace = Acs2d.processInPlace(blv, ctx);
            assertSame(blv.imset(1).sci, inPlace.imset(1).sci, "processInPlace calibrates the input's arrays");
            // same file name: FILENAME is written in the primary header
            Path b = Files.createDirectories(work.resolve("b")).resolve("j8bt05njq_flt.fits");
            AcsFits.write(inPlace, b, false);

            assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Path gunzip(Path gz, Path dir) throws IOException {
        String n = gz.getFileName().toString();
        Path target = dir.resolve(n.substring(0, n.length() - 3));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
            Files.copy(in, target);
        }
        return target;
    }
}
