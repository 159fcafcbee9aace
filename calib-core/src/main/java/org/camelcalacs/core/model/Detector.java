package org.camelcalacs.core.model;

import java.util.Locale;
import java.util.Optional;

/** ACS detectors. WFC and HRC are CCDs, SBC is a MAMA. */
public enum Detector {
    WFC, HRC, SBC;

    public boolean isCcd() {
        return this != SBC;
    }

    /** Empty for anything that is not an ACS detector name. */
    public static Optional<Detector> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
