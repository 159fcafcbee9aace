package org.camelcalacs.core.acsrej;

import java.util.ArrayList;
import java.util.List;

import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.ref.table.CrrejTab;

/**
 * The effective CR-rejection parameters: the acsrej.e command-line values where given, the selected CRREJTAB
 * row otherwise (port of rejpar_in and strtor, acsrej/readpar.c; spec §3 CRREJTAB).
 *
 * @param table     CRREJTAB name used ("" when every parameter came from the user)
 * @param crsigmas  the CRSIGMAS text as written to the output header
 * @param sigmas    the parsed sigma list, one per iteration (1..20)
 * @param skysub    "none" or "mode"
 * @param initgues  "minimum" or "median"
 * @param meanexp   mean exposure time (total EXPTIME / number of images)
 */
public record RejSettings(String table, String crsigmas, float[] sigmas, String skysub, float crradius,
                          float crthresh, String initgues, float scalense, short badinpdq, boolean crmask,
                          float meanexp) {
    /** At most this many iterations (rej.h MAX_ITER). */
    public static final int MAX_ITER = 20;

    /** True if the user gave every table parameter, so that the CRREJTAB is not needed. */
    public static boolean allFromUser(RejParams u) {
        return u.crsigmas() != null && u.skysub() != null && u.crradius() != null && u.crthresh() != null
                && u.initgues() != null && u.scalense() != null && u.badinpdq() != null && u.crmask() != null;
    }

    /**
     * Merges the user's values over the table row chosen for {@code nimgs} images of total exposure
     * {@code exptot} ({@code tab} may be null only when {@link #allFromUser}).
     */
    public static RejSettings resolve(RejParams u, CrrejTab tab, int nimgs, float exptot) {
        float meanexp = exptot / (float) nimgs;
        CrrejTab.Row row = allFromUser(u) ? null : tab.select(nimgs, exptot);
        String sig = u.crsigmas() != null ? u.crsigmas() : row.crsigmas();
        String sky = u.skysub() != null ? u.skysub() : row.skysub();
        float rad = u.crradius() != null ? u.crradius().floatValue() : row.crradius();
        float thr = u.crthresh() != null ? u.crthresh().floatValue() : row.crthresh();
        String init = u.initgues() != null ? u.initgues() : row.initgues();
        float scl = u.scalense() != null ? u.scalense().floatValue() : row.scalense();
        short bad = u.badinpdq() != null ? u.badinpdq().shortValue() : row.badinpdq();
        boolean mask = u.crmask() != null ? u.crmask() : row.crmask() == 1;
        if (init != null && init.startsWith("med")) {
            init = "median";
        } else if (init != null && init.startsWith("min")) {
            init = "minimum";
        }
        float[] sigmas = parseSigmas(sig);
        if (sigmas.length > MAX_ITER) {
            throw new InvalidInputException("No more than " + MAX_ITER + " iterations permitted (CRSIGMAS = '"
                    + sig + "').").forKeyword("CRSIGMAS");
        }
        if (sigmas.length == 0) {
            throw new InvalidInputException("Number of iterations is ZERO (CRSIGMAS = '" + sig + "').")
                    .forKeyword("CRSIGMAS");
        }
        return new RejSettings(tab == null ? "" : tab.name(), sig, sigmas, sky, rad, thr, init, scl, bad, mask,
                meanexp);
    }

    /**
     * Port of strtor: numbers separated by ',', ';', '/' or blanks; a blank string gives no values; a token that
     * does not start with a digit, '-' or '.' (e.g. from repeated separators) is an error.
     */
    public static float[] parseSigmas(String s) {
        if (s == null) {
            return new float[0];
        }
        List<Float> out = new ArrayList<>();
        int ip0 = 0;
        while (ip0 < s.length() && s.charAt(ip0) == ' ') {
            ip0++;
        }
        if (ip0 >= s.length()) {
            return new float[0];
        }
        int ip = ip0;
        while (true) {
            char c = ip < s.length() ? s.charAt(ip) : '\0';
            if (c == ',' || c == ';' || c == '/' || c == ' ' || c == '\0') {
                String tok = s.substring(ip0, ip);
                if (tok.isEmpty() || !(Character.isDigit(tok.charAt(0)) || tok.charAt(0) == '-'
                        || tok.charAt(0) == '.')) {
                    throw new InvalidInputException("illegal CRSIGMAS string '" + s + "'").forKeyword("CRSIGMAS");
                }
                out.add((float) atof(tok));
                if (c == '\0') {
                    break;
                }
                ip++;
                ip0 = ip;
                while (ip0 < s.length() && s.charAt(ip0) == ' ') {
                    ip0++;
                    ip++;
                }
            } else {
                ip++;
            }
            if (ip0 >= s.length()) {
                break;
            }
        }
        float[] r = new float[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    /** C atof: the longest numeric prefix, 0 if none. */
    static double atof(String t) {
        for (int end = t.length(); end > 0; end--) {
            try {
                return Double.parseDouble(t.substring(0, end));
            } catch (NumberFormatException ignored) {
                // try a shorter prefix
            }
        }
        return 0;
    }
}
