package org.camelcalacs.core.acs2d;

import org.camelcalacs.core.trailer.CFormat;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import nom.tam.fits.Header;
import org.camelcalacs.core.acs2d.Acs2dPlan.Flag;
import org.camelcalacs.core.trailer.Trailer;

/**
 * Trailer lines and HISTORY cards of ACS2D in CALACS wording (ports of PrSwitch, PrRefInfo, PrGrpBegin/End of
 * lib prinfo.c, and UpdateSwitch, TabHistory, ImgHistory of acshist.c/tabhistory.c/imghistory.c).
 */
final class Acs2dTrailer {
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Acs2dTrailer() {
    }

    static String pad(String label) {
        String u = label.toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(u);
        while (sb.length() < 8) {
            sb.append(' ');
        }
        return sb.toString();
    }

    static void prSwitch(Trailer trl, String keyword, Flag value) {
        String v = switch (value) {
            case OMIT -> "OMIT";
            case PERFORM -> "PERFORM";
            case DUMMY -> "SKIPPED";
            case SKIPPED -> "SKIPPED";
            case COMPLETE -> "COMPLETE";
            case IGNORED -> "IGNORED";
        };
        trl.info(pad(keyword) + " " + v);
    }

    static void refInfo(Trailer trl, String keyword, String name, String pedigree, String descrip, String descrip2) {
        String b = pad(keyword);
        trl.info(b + " " + name);
        if (pedigree != null && !pedigree.isEmpty()) {
            trl.info(b + " PEDIGREE=" + pedigree);
        }
        if (descrip != null && !descrip.isEmpty()) {
            trl.info(b + " DESCRIP =" + descrip);
        }
        if (descrip2 != null && !descrip2.isEmpty()) {
            trl.info(b + " DESCRIP =" + descrip2);
        }
    }

    /** UpdateSwitch: PERFORM → COMPLETE, DUMMY/IGNORED → SKIPPED, with a HISTORY line; returns "log it". */
    static boolean updateSwitch(Header ph, String keyword, Flag flag) {
        switch (flag) {
            case PERFORM -> {
                ph.addValue(keyword, "COMPLETE", commentOf(ph, keyword));
                history(ph, keyword + " complete ...");
                return true;
            }
            case DUMMY -> {
                ph.addValue(keyword, "SKIPPED", commentOf(ph, keyword));
                history(ph, keyword + " skipped due to dummy reference file ...");
                return true;
            }
            case IGNORED -> {
                ph.addValue(keyword, "SKIPPED", commentOf(ph, keyword));
                history(ph, keyword + " not performed ...");
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** addHistoryKw: HISTORY goes at the end of the header (nom-tam would insert at its cursor). */
    static void history(Header h, String text) {
        h.seekTail();
        h.insertHistory(text);
    }

    static String commentOf(Header h, String key) {
        nom.tam.fits.HeaderCard c = h.findCard(key);
        return c == null || c.getComment() == null ? "" : c.getComment();
    }

    static void tabHistory(Header ph, String name, String pedigree, String descrip, String descrip2) {
        history(ph, "  reference table " + name);
        for (String t : new String[] {pedigree, descrip, descrip2}) {
            if (t != null && !t.isEmpty()) {
                history(ph, "    " + t);
            }
        }
    }

    static void imgHistory(Header ph, RefFile r) {
        history(ph, "  reference image " + r.name());
        for (String t : new String[] {r.pedigree(), r.descrip()}) {
            if (t != null && !t.isEmpty()) {
                history(ph, "    " + t);
            }
        }
    }

    static String ampList(float[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            if (v[i] > 0) {
                sb.append(CFormat.g(v[i], 5)).append(',');
            }
        }
        if (v[3] > 0) {
            sb.append(CFormat.g(v[3], 5));
        }
        return sb.toString();
    }

    static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(HMS) + " UTC";
    }

    /** PrBegin/PrEnd's date. */
    static String date() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss",
                Locale.ROOT)) + " UTC";
    }
}
