package org.camelcalacs.core.acs2d;

import java.util.Locale;

/** C printf number formats used in CALACS trailer lines ({@code %g}, {@code %.Ng}), which Java's Formatter lacks. */
public final class CFormat {
    private CFormat() {
    }

    /** C {@code %g} (6 significant digits). */
    public static String g(double v) {
        return g(v, 6);
    }

    /** C {@code %.<precision>g}: shortest of %e/%f by the C rule, trailing zeros removed. */
    public static String g(double v, int precision) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        int p = precision == 0 ? 1 : precision;
        if (v == 0.0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        String e = String.format(Locale.ROOT, "%." + (p - 1) + "e", v);
        int ei = e.indexOf('e');
        int exp = Integer.parseInt(e.substring(ei + 1));
        if (exp < -4 || exp >= p) {
            String mant = stripZeros(e.substring(0, ei));
            String sign = exp < 0 ? "-" : "+";
            int ax = Math.abs(exp);
            return mant + "e" + sign + (ax < 10 ? "0" + ax : String.valueOf(ax));
        }
        String f = String.format(Locale.ROOT, "%." + (p - 1 - exp) + "f", v);
        return stripZeros(f);
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        if (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
