package org.camelcalacs.core.acs2d;

import java.nio.file.Path;

import nom.tam.fits.Header;
import org.camelcalacs.core.ref.table.ImphtTab;

/**
 * PHOTCORR (port of doPhot, acs2d/dophot.c; spec §3 IMPHTTAB, §5.2 acs2d step 10): the PHOTMODE is converted to
 * an obsmode, looked up in the IMPHTTAB, and PHOTFLAM, PHOTZPT, PHOTPLAM, PHOTBW are written (as floats) to the
 * SCI header. A PHOTFLAM of -9999 (extrapolation refused) makes the step SKIPPED, with the values still written.
 */
public final class PhotCorr {
    private PhotCorr() {
    }

    public static ImphtTab.Result compute(Path imphttab, String photmode) {
        return ImphtTab.read(imphttab).compute(photmode);
    }

    public static void write(Header sci, ImphtTab.Result r) {
        sci.addValue("PHOTFLAM", (float) r.photflam(), "inverse sensitivity");
        sci.addValue("PHOTZPT", (float) r.photzpt(), "zero point");
        sci.addValue("PHOTPLAM", (float) r.photplam(), "pivot wavelength");
        sci.addValue("PHOTBW", (float) r.photbw(), "RMS bandwidth");
    }
}
