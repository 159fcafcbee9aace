package org.camelcalacs.core.acs2d;

import java.nio.file.Path;

import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.NotImplementedException;
import org.camelcalacs.core.fits.Exposure;

/** The ACS2D stage (_blv_tmp/_blc_tmp/_crj_tmp/_crc_tmp/raw → flt/flc/crj/crc; spec §5.2, do2d.c). */
public final class Acs2d {
    public static final String NAME = "ACS2D";

    private Acs2d() {
    }

    /** Calibrates in memory and returns the product (the input is not modified). */
    public static Exposure process(Exposure in, RunContext ctx) {
        throw new NotImplementedException("ACS2D is not implemented yet");
    }

    /**
     * acs2d.e: reads {@code input}; writes {@code output}, or when null the name mapped from the input
     * (_raw/_blv_tmp → _flt, _blc_tmp → _flc, _crj_tmp → _crj, _crc_tmp → _crc) in the output directory.
     */
    public static Path run(Path input, Path output, RunContext ctx) {
        throw new NotImplementedException("ACS2D is not implemented yet");
    }
}
