package org.camelcalacs.core.acsccd;

import java.nio.file.Path;

import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.NotImplementedException;
import org.camelcalacs.core.fits.Exposure;

/** The ACSCCD stage (raw → _blv_tmp): DQICORR, BIASCORR, gain, BLEVCORR, SINKCORR ... (spec §5.2, doccd.c). */
public final class AcsCcd {
    public static final String NAME = "ACSCCD";

    private AcsCcd() {
    }

    /** Calibrates a raw CCD exposure in memory and returns the _blv_tmp product (the input is not modified). */
    public static Exposure process(Exposure raw, RunContext ctx) {
        throw new NotImplementedException("ACSCCD is not implemented yet");
    }

    /** acsccd.e: reads {@code input}, writes {@code <root>_blv_tmp.fits} in the output directory, returns its path. */
    public static Path run(Path input, RunContext ctx) {
        throw new NotImplementedException("ACSCCD is not implemented yet");
    }
}
