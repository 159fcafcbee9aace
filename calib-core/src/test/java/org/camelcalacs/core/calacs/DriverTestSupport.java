package org.camelcalacs.core.calacs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;

/** Shared plumbing of the driver-level association tests: the CLI's context, FITS edits, directory listings. */
final class DriverTestSupport {
    private DriverTestSupport() {
    }

    /** The context calacs' CLI builds: default options writing to {@code work}, jref$ from the environment. */
    static RunContext cliContext(Path work, Path ref) {
        return cliContext(work, ref, RunOptions.defaults(work));
    }

    static RunContext cliContext(Path work, Path ref, RunOptions options) {
        Map<String, String> env = Map.of("jref", ref + "/");
        return new RunContext(options, RefResolver.fromEnvironment(env, work, List.of()), Trailer.silent(), env, null);
    }

    /** Every HDU of {@code file}, fully read. */
    static BasicHDU<?>[] readAll(Path file) {
        try (Fits f = new Fits(file.toFile())) {
            BasicHDU<?>[] hdus = f.read();
            for (BasicHDU<?> h : hdus) {
                h.getData().getData(); // load before the stream closes
            }
            return hdus;
        } catch (IOException | nom.tam.fits.FitsException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeAll(BasicHDU<?>[] hdus, Path out) {
        AcsFits.writeAtomically(List.of(hdus), out, true);
    }

    /** Sets row {@code row} (0-based) of an association table: MEMNAME, MEMTYPE, MEMPRSNT. */
    static void setRow(BinaryTableHDU t, int row, String name, String type, boolean present) throws Exception {
        t.setElement(row, 0, new String[] {name});
        t.setElement(row, 1, new String[] {type});
        Object cur = t.getElement(row, 2);
        t.setElement(row, 2, cur instanceof boolean[] ? new boolean[] {present} : new Boolean[] {present});
    }

    /** File names in {@code dir} (not recursive), sorted. */
    static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
