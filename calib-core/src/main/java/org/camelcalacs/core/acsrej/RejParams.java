package org.camelcalacs.core.acsrej;

/**
 * Command-line overrides of acsrej.e (null/negative = take the CRREJTAB value).
 *
 * @param table         -table: CRREJTAB path, or null for the header's
 * @param shadcorr      -shadcorr
 * @param crmask        -crmask (null: table value)
 * @param readnoiseOnly -readnoise_only (also -newbias)
 * @param scalense      -scale
 * @param initgues      -init med|min
 * @param skysub        -sky none|mode
 * @param crsigmas      -sigmas a,b,...
 * @param crradius      -radius
 * @param crthresh      -thresh
 * @param badinpdq      -pdq
 */
public record RejParams(String table, boolean shadcorr, Boolean crmask, boolean readnoiseOnly, Double scalense,
                        String initgues, String skysub, String crsigmas, Double crradius, Double crthresh,
                        Integer badinpdq) {

    /** All values from the CRREJTAB. */
    public static RejParams fromTable() {
        return new RejParams(null, false, null, false, null, null, null, null, null, null, null);
    }
}
