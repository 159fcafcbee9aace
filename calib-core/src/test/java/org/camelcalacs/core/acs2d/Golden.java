package org.camelcalacs.core.acs2d;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.golden.GoldenCase;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;

/**
 * Run-context set-up for stage tests on golden inputs (acs2d, acssum, reference tables). Locating cases,
 * case.json, tolerances and comparison are the shared harness's: {@link GoldenCase},
 * {@link org.camelcalacs.core.golden.GoldenComparator}.
 */
public final class Golden {
    private Golden() {
    }

    /** The case directory; skips (or fails if calacs.golden.required=true) when it is missing. */
    public static Path requireCase(String id) {
        return GoldenCase.require(id).dir();
    }

    /** Unzips the case's reference files into {@code work/ref/} and returns a context with jref pointing there. */
    public static RunContext context(Path caseDir, Path work) throws IOException {
        return context(GoldenCase.load(caseDir), work);
    }

    /** As {@link #context(Path, Path)} for a loaded case. */
    public static RunContext context(GoldenCase c, Path work) throws IOException {
        Path ref = work.resolve("ref");
        GoldenCase.copyTree(c.jrefDir(), ref);
        RefResolver rr = new RefResolver(Map.of("jref", ref), work, List.of());
        RunOptions o = RunOptions.defaults(work).withOverwrite(true);
        return new RunContext(o, rr, Trailer.silent(), Map.of(), null);
    }

    /** Gunzips {@code in} to the file {@code out}. */
    public static void gunzip(Path in, Path out) throws IOException {
        try (InputStream i = new GZIPInputStream(Files.newInputStream(in)); OutputStream o = Files.newOutputStream(out)) {
            i.transferTo(o);
        }
    }
}
