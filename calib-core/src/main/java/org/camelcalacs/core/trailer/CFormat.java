package org.camelcalacs.core.trailer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * C printf {@code %g} formatting for trailer lines that must read like CALACS's (Java's %g differs): the exact
 * binary value is rounded half-even, as glibc does, then the shorter of fixed/scientific is taken.
 */
public final class CFormat {
    private CFormat() {
    }

    /** {@code %.<precision>g}: shortest of fixed/scientific, trailing zeros removed. */
    public static String g(double v, int precision) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        int p = precision == 0 ? 1 : precision;
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(v).round(new MathContext(p, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        String s;
        if (exp < -4 || exp >= p) {
            s = String.format(Locale.ROOT, "%." + (p - 1) + "e", bd.doubleValue());
            int e = s.indexOf('e');
            String mant = stripZeros(s.substring(0, e));
            int ex = Integer.parseInt(s.substring(e + 1));
            s = mant + "e" + (ex < 0 ? "-" : "+") + (Math.abs(ex) < 10 ? "0" : "") + Math.abs(ex);
        } else {
            int decimals = Math.max(0, p - 1 - exp);
            s = stripZeros(bd.setScale(decimals, RoundingMode.HALF_EVEN).toPlainString());
        }
        return s;
    }

    /** {@code %g} (precision 6). */
    public static String g(double v) {
        return g(v, 6);
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
