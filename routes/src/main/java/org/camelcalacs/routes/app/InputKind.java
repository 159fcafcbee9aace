package org.camelcalacs.routes.app;

import java.util.Locale;

/** What a dropped file is, by name: a raw exposure, an association table, or anything else. */
public enum InputKind {
    RAW, ASN, OTHER;

    public static InputKind of(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith("_raw.fits") || n.endsWith("_raw.fits.gz")) {
            return RAW;
        }
        if (n.endsWith("_asn.fits") || n.endsWith("_asn.fits.gz")) {
            return ASN;
        }
        return OTHER;
    }

    /** The name without {@code .gz}. */
    public static String plainName(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
    }

    /** Metrics tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
