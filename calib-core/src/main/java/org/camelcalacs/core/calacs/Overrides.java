package org.camelcalacs.core.calacs;

import java.util.Map;

import nom.tam.fits.Header;
import org.camelcalacs.core.model.RefType;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.SwitchValue;

/**
 * Applies the user's switch and reference overrides to an in-memory primary header (never to the user's file),
 * recording each one in HISTORY so that the product says how it was made.
 */
public final class Overrides {
    private Overrides() {
    }

    /** Applies {@code options}' overrides (and --pctetab) to {@code primary}; returns true if anything changed. */
    public static boolean apply(Header primary, RunOptions options) {
        boolean changed = false;
        for (Map.Entry<Switch, SwitchValue> e : options.switchOverrides().entrySet()) {
            primary.addValue(e.getKey().keyword(), e.getValue().name(), "calibration switch (user override)");
            primary.insertHistory("Override: " + e.getKey().keyword() + "=" + e.getValue().name());
            changed = true;
        }
        for (Map.Entry<RefType, String> e : options.referenceOverrides().entrySet()) {
            primary.addValue(e.getKey().keyword(), e.getValue(), "reference file (user override)");
            primary.insertHistory("Override: " + e.getKey().keyword() + "=" + e.getValue());
            changed = true;
        }
        if (options.pctetab() != null && !options.pctetab().isBlank()) {
            primary.addValue(RefType.PCTETAB.keyword(), options.pctetab(), "CTE correction table (--pctetab)");
            changed = true;
        }
        return changed;
    }
}
