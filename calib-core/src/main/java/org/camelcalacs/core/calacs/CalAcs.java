package org.camelcalacs.core.calacs;

import org.camelcalacs.core.error.NotImplementedException;

/**
 * The calacs driver (calacs.e, CalAcsRun): resolves the input (association, raw, product name or rootname),
 * plans the stages per position, runs them, names products, deletes temporaries unless -s, writes trailers.
 */
public final class CalAcs {
    public static final String NAME = "CALACS";

    private CalAcs() {
    }

    /** Runs calacs on {@code input} (a name relative to the output directory, or a path). */
    public static CalAcsResult run(String input, RunContext ctx) {
        throw new NotImplementedException("the calacs driver is not implemented yet");
    }
}
