package org.camelcalacs.core.acssum;

import java.nio.file.Path;
import java.util.List;

import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.NotImplementedException;
import org.camelcalacs.core.fits.Exposure;

/** The ACSSUM stage: sums repeat-obs FLTs (SBC RPT) into an _sfl (spec §5.2). */
public final class AcsSum {
    public static final String NAME = "ACSSUM";

    private AcsSum() {
    }

    public static Exposure process(List<Exposure> inputs, RunContext ctx) {
        throw new NotImplementedException("ACSSUM is not implemented yet");
    }

    /** acssum.e: writes {@code output} (default {@code <input with _asn>_sfl.fits}), returns it. */
    public static Path run(List<Path> inputs, Path output, RunContext ctx) {
        throw new NotImplementedException("ACSSUM is not implemented yet");
    }
}
