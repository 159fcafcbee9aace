package org.camelcalacs.camel.component.crds;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nom.tam.fits.Header;
import org.camelcalacs.core.model.RefType;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.ref.RefResolver;

/**
 * Which reference files an exposure needs, from its primary header: every reference keyword that is not N/A and
 * whose calibration switch is PERFORM (all of them with {@code onlyNeeded=false}). This is the prefetch list of
 * stpipe's {@code _precache_references}; the stages still check existence themselves.
 */
public final class ReferenceNeeds {
    private static final Map<RefType, List<Switch>> SWITCHES = new EnumMap<>(RefType.class);

    static {
        SWITCHES.put(RefType.OSCNTAB, List.of(Switch.BLEVCORR));
        SWITCHES.put(RefType.BPIXTAB, List.of(Switch.DQICORR));
        SWITCHES.put(RefType.ATODTAB, List.of(Switch.ATODCORR));
        SWITCHES.put(RefType.BIASFILE, List.of(Switch.BIASCORR));
        SWITCHES.put(RefType.SNKCFILE, List.of(Switch.SINKCORR));
        SWITCHES.put(RefType.PCTETAB, List.of(Switch.PCTECORR));
        SWITCHES.put(RefType.DARKFILE, List.of(Switch.DARKCORR));
        SWITCHES.put(RefType.DRKCFILE, List.of(Switch.PCTECORR));
        SWITCHES.put(RefType.FLSHFILE, List.of(Switch.FLSHCORR));
        SWITCHES.put(RefType.PFLTFILE, List.of(Switch.FLATCORR));
        SWITCHES.put(RefType.DFLTFILE, List.of(Switch.FLATCORR));
        SWITCHES.put(RefType.LFLTFILE, List.of(Switch.FLATCORR));
        SWITCHES.put(RefType.CFLTFILE, List.of(Switch.FLATCORR));
        SWITCHES.put(RefType.SPOTTAB, List.of(Switch.FLATCORR));
        SWITCHES.put(RefType.SHADFILE, List.of(Switch.SHADCORR));
        SWITCHES.put(RefType.CRREJTAB, List.of(Switch.CRCORR, Switch.RPTCORR));
        SWITCHES.put(RefType.IMPHTTAB, List.of(Switch.PHOTCORR));
        SWITCHES.put(RefType.MLINTAB, List.of(Switch.GLINCORR, Switch.LFLGCORR));
        // CCDTAB and SATUFILE: used whenever present on a CCD exposure
    }

    private ReferenceNeeds() {
    }

    /** Reference keyword → header value (as written, e.g. {@code jref$x.fits}) the exposure needs. */
    public static Map<String, String> of(Header primary, boolean onlyNeeded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RefType t : RefType.values()) {
            String v = primary.getStringValue(t.keyword());
            if (RefResolver.isNone(v)) {
                continue;
            }
            if (onlyNeeded && SWITCHES.containsKey(t) && !anyPerform(primary, SWITCHES.get(t))) {
                continue;
            }
            out.put(t.keyword(), v.trim());
        }
        return out;
    }

    private static boolean anyPerform(Header h, List<Switch> switches) {
        List<String> vals = new ArrayList<>();
        for (Switch s : switches) {
            String v = h.getStringValue(s.keyword());
            vals.add(v == null ? "" : v.trim().toUpperCase(Locale.ROOT));
        }
        return vals.contains("PERFORM");
    }
}
