package org.camelcalacs.core.acsccd;

import java.util.Set;

/**
 * The DARKTIME keyword (port of computeDarktime, acsccd/dodarktime.c; spec §5.2 step 6, §6): the header value
 * (default 0) plus the CCDTAB overhead, OVRHFLS for a successful post-flash and OVRHUFLS otherwise, but only for
 * post-SM4 full frames and for post-Cycle-24 supported subarrays. Computed in float as the C code does.
 */
public final class DarkTime {
    /** MJD of SM4 (acs.h SM4MJD). */
    public static final double SM4_MJD = 54962;
    /** MJD of the start of Cycle 24 (acs.h CYCLE24). */
    public static final double CYCLE24_MJD = 57662;
    /** Subarray apertures that get the overhead after Cycle 24. */
    public static final Set<String> SUBARRAY_APERTURES = Set.of("WFC1A-2K", "WFC1B-2K", "WFC2C-2K", "WFC2D-2K",
            "WFC1A-1K", "WFC1B-1K", "WFC2C-1K", "WFC2D-1K", "WFC1A-512", "WFC1B-512", "WFC2C-512", "WFC2D-512",
            "WFC1-IRAMPQ", "WFC1-MRAMPQ", "WFC2-ORAMPQ", "WFC1-POL0UV", "WFC1-POL0V", "WFC1-POL60UV", "WFC1-POL60V",
            "WFC1-POL120UV", "WFC1-POL120V", "WFC1-SMFL");

    private DarkTime() {
    }

    /** The overhead that applies: OVRHFLS if FLASHDUR > 0 and FLASHSTA is SUCCESSFUL, else OVRHUFLS. */
    public static float offset(float flashdur, String flashsta, float ovrhfls, float ovrhufls) {
        return flashdur > 0.0 && "SUCCESSFUL".equals(flashsta) ? ovrhfls : ovrhufls;
    }

    /** True if the overhead is added for this exposure. */
    public static boolean applies(boolean subarray, double expstart, String aperture) {
        if (!subarray) {
            return expstart >= SM4_MJD;
        }
        return expstart >= CYCLE24_MJD && SUBARRAY_APERTURES.contains(aperture);
    }

    /** The final DARKTIME (float). */
    public static float compute(double headerDarktime, float offset, boolean applies) {
        float base = (float) headerDarktime;
        return applies ? base + offset : base;
    }
}
