package org.camelcalacs.core.acscte;

import java.nio.file.Path;

import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.NotImplementedException;
import org.camelcalacs.core.fits.Exposure;

/** The ACSCTE stage (_blv_tmp → _blc_tmp): pixel-based CTE correction, generation 3 (spec §3.1, §5.2). */
public final class AcsCte {
    public static final String NAME = "ACSCTE";

    private AcsCte() {
    }

    /** Corrects a _blv_tmp exposure in memory and returns the _blc_tmp product (the input is not modified). */
    public static Exposure process(Exposure blv, RunContext ctx) {
        throw new NotImplementedException("ACSCTE is not implemented yet");
    }

    /** acscte.e: reads {@code input}, writes {@code <root>_blc_tmp.fits}, returns its path. */
    public static Path run(Path input, RunContext ctx) {
        throw new NotImplementedException("ACSCTE is not implemented yet");
    }

    /** acscteforwardmodel.e: adds CTE trails; writes {@code <root>_ctefmod.fits}, returns its path. */
    public static Path forwardModel(Path input, RunContext ctx) {
        throw new NotImplementedException("the CTE forward model is not implemented yet");
    }
}
