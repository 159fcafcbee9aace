package org.camelcalacs.core.acs2d;

import org.camelcalacs.core.trailer.CFormat;
import java.util.Locale;

import org.camelcalacs.core.model.Detector;

/**
 * The PHOTMODE string, always written to the SCI header (port of PhotMode, acs2d/photmode.c; spec §2.3, §5.2
 * acs2d step 10): {@code ACS <SBC|HRC|WFC1> [CORON] [filter1] [filter2] MJD#<EXPSTART %.4f>}. Filters named N/A
 * or CLEAR* are skipped; POL* becomes POL_UV (if the name contains UV) or POL_V; a ramp filter FR* gets
 * {@code #<LRFWAVE %.4g>}. WFC is always WFC1, whichever chip.
 */
public final class PhotMode {
    private PhotMode() {
    }

    public static String build(Detector det, String obstype, String filter1, String filter2, float lrfwave,
                               double expstart) {
        StringBuilder sb = new StringBuilder("ACS");
        sb.append(switch (det) {
            case SBC -> " SBC";
            case HRC -> " HRC";
            case WFC -> " WFC1";
        });
        if (obstype != null && obstype.startsWith("CORON")) {
            sb.append(" CORON");
        }
        appendFilter(sb, filter1, lrfwave);
        appendFilter(sb, filter2, lrfwave);
        sb.append(String.format(Locale.ROOT, " MJD#%.4f", expstart));
        return sb.toString();
    }

    private static void appendFilter(StringBuilder sb, String f, float lrfwave) {
        if (f == null || f.startsWith("N/A") || f.startsWith("CLEAR")) {
            return;
        }
        String name;
        if (f.startsWith("POL")) {
            name = f.contains("UV") ? "POL_UV" : "POL_V";
        } else {
            name = f;
        }
        sb.append(' ').append(name);
        if (f.startsWith("FR")) {
            sb.append('#').append(CFormat.g(lrfwave, 4));
        }
    }
}
