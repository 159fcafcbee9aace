package org.camelcalacs.core.model;

import java.util.Locale;

import org.camelcalacs.core.error.InvalidInputException;

/**
 * The value of a calibration switch keyword. Read case-insensitively; {@code SKIPPED} counts as OMIT when
 * deciding whether to run a step (spec §2.3); anything else is an error ("Keyword DQICORR = MAYBE is invalid").
 */
public enum SwitchValue {
    PERFORM, COMPLETE, OMIT, SKIPPED;

    /** Parses a header value; blank or missing means OMIT. */
    public static SwitchValue parse(String keyword, String value) {
        if (value == null || value.isBlank()) {
            return OMIT;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw (InvalidInputException) new InvalidInputException(
                    "Keyword " + keyword + " = " + value.trim() + " is invalid; expected PERFORM, COMPLETE, OMIT or SKIPPED")
                    .forKeyword(keyword);
        }
    }

    public boolean isPerform() {
        return this == PERFORM;
    }
}
