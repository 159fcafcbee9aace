package org.camelcalacs.core.model;

/** Message levels of the C programs: -q, default, -v, -d. */
public enum Verbosity {
    QUIET, NORMAL, VERBOSE, DEBUG;

    public boolean atLeast(Verbosity other) {
        return compareTo(other) >= 0;
    }
}
