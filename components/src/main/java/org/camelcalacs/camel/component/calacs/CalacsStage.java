package org.camelcalacs.camel.component.calacs;

import java.util.Locale;

/** The operations of the {@code calacs:} endpoint: one per calibration program of CALACS. */
public enum CalacsStage {
    /** acsccd.e: raw to _blv_tmp. */
    CCD("ccd"),
    /** acscte.e: _blv_tmp to _blc_tmp. */
    CTE("cte"),
    /** acs2d.e: to flt/flc/crj/crc. */
    TWO_D("2d"),
    /** acsrej.e: cosmic-ray rejection over a list of inputs. */
    REJ("rej"),
    /** acssum.e: sum of repeat exposures. */
    SUM("sum"),
    /** acscteforwardmodel.e: adds CTE trails. */
    FORWARD_MODEL("forward-model"),
    /** calacs.e: the whole pipeline for a raw, an association or a rootname. */
    CALACS("calacs");

    private final String uriName;

    CalacsStage(String uriName) {
        this.uriName = uriName;
    }

    public String uriName() {
        return uriName;
    }

    /** Parses a URI path or header value; throws IllegalArgumentException naming the valid values. */
    public static CalacsStage parse(String s) {
        if (s != null) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            for (CalacsStage st : values()) {
                if (st.uriName.equals(t) || st.name().toLowerCase(Locale.ROOT).equals(t)) {
                    return st;
                }
            }
        }
        throw new IllegalArgumentException("unknown calacs stage '" + s
                + "': use one of ccd, cte, 2d, rej, sum, forward-model, calacs");
    }

    /** True for stages whose body is a list of files. */
    public boolean takesList() {
        return this == REJ || this == SUM;
    }
}
