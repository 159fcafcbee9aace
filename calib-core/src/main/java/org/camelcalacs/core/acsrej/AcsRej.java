package org.camelcalacs.core.acsrej;

import java.nio.file.Path;
import java.util.List;

import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.NotImplementedException;
import org.camelcalacs.core.fits.Exposure;

/** The ACSREJ stage: cosmic-ray rejection combining CR-split or repeat exposures (spec §5.2, acsrej_do.c). */
public final class AcsRej {
    public static final String NAME = "ACSREJ";

    private AcsRej() {
    }

    /** Combines the inputs in memory; with CRMASK the inputs' DQ arrays get 8192 where rejected. */
    public static Exposure process(List<Exposure> inputs, RejParams params, RunContext ctx) {
        throw new NotImplementedException("ACSREJ is not implemented yet");
    }

    /** acsrej.e: reads the inputs, writes {@code output}, returns it. */
    public static Path run(List<Path> inputs, Path output, RejParams params, RunContext ctx) {
        throw new NotImplementedException("ACSREJ is not implemented yet");
    }
}
