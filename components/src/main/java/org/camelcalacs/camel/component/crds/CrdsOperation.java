package org.camelcalacs.camel.component.crds;

import java.util.Locale;

/** What a {@code crds:} endpoint does. */
public enum CrdsOperation {
    /** Body: an exposure (raw or association); makes every reference file it needs available in the cache. */
    resolve,
    /** Body or header: one reference file name; returns its local path. */
    fetch,
    /** Body: a list of reference file names; makes them all available. */
    prefetch;

    public static CrdsOperation parse(String s) {
        try {
            return valueOf(s.trim().toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown crds operation '" + s + "': use resolve, fetch or prefetch");
        }
    }
}
