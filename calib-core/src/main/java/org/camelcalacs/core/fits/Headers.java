package org.camelcalacs.core.fits;

import java.util.Locale;
import java.util.Set;

import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.util.Cursor;

/** Small helpers on nom-tam-fits headers. */
public final class Headers {
    /** Cards that describe the data layout; the writer produces its own. */
    public static final Set<String> STRUCTURAL = Set.of("SIMPLE", "XTENSION", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2",
            "NAXIS3", "EXTEND", "PCOUNT", "GCOUNT", "BZERO", "BSCALE", "END", "NPIX1", "NPIX2", "PIXVALUE", "BLANK",
            "DATAMIN", "DATAMAX", "CHECKSUM", "DATASUM");

    private Headers() {
    }

    /** A deep copy of a header (cards are copied, so editing one does not change the other). */
    public static Header copy(Header h) {
        Header out = new Header();
        Cursor<String, HeaderCard> it = h.iterator();
        while (it.hasNext()) {
            HeaderCard c = it.next();
            if (!"END".equals(c.getKey())) {
                out.addLine(c.copy());
            }
        }
        return out;
    }

    /** A minimal extension header with EXTNAME and EXTVER. */
    public static Header extension(String extname, int extver) {
        Header h = new Header();
        h.addValue("EXTNAME", extname, "extension name");
        h.addValue("EXTVER", extver, "extension version number");
        return h;
    }

    /** Copies every non-structural card of {@code from} into {@code to} (replacing same-named keyed cards). */
    public static void copyNonStructural(Header from, Header to) {
        Cursor<String, HeaderCard> it = from.iterator();
        while (it.hasNext()) {
            HeaderCard c = it.next();
            String key = c.getKey();
            if (key == null || STRUCTURAL.contains(key.toUpperCase(Locale.ROOT))) {
                continue;
            }
            if (c.isCommentStyleCard()) {
                to.addLine(c.copy());
            } else {
                to.updateLine(key, c.copy());
            }
        }
    }

    /** Appends a HISTORY card at the end of the header (nom-tam inserts at its cursor, which look-ups move). */
    public static void history(Header h, String text) {
        h.seekTail();
        h.insertHistory(text);
    }
}
