package org.camelcalacs.core.fits;

import java.util.logging.Level;
import java.util.logging.Logger;

import nom.tam.fits.FitsFactory;

/** One-time nom-tam-fits configuration. */
final class FitsSetup {
    private static volatile boolean done;

    private FitsSetup() {
    }

    static synchronized void init() {
        if (done) {
            return;
        }
        FitsFactory.setUseHierarch(true);
        FitsFactory.setLongStringsEnabled(true);
        // we check structure ourselves (FitsScan); nom-tam's own warnings about short files are noise afterwards
        Logger.getLogger("nom.tam").setLevel(Level.SEVERE);
        done = true;
    }
}
