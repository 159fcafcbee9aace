package org.camelcalacs.core.fits;

import java.util.Locale;

import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.camelcalacs.core.error.KeywordMissingException;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.SwitchValue;

/**
 * Typed keyword access on a header. {@code req*} methods fail with a {@link KeywordMissingException} that names
 * the file, the extension and the keyword (hstio's NO_DEFAULT); {@code opt*} methods return the default given.
 */
public final class Hdr {
    private final Header header;
    private final String file;
    private final String hdu;

    public Hdr(Header header, String file, String hdu) {
        this.header = header;
        this.file = file;
        this.hdu = hdu;
    }

    public Header header() {
        return header;
    }

    public boolean has(String key) {
        return header.containsKey(key);
    }

    private HeaderCard card(String key) {
        HeaderCard c = header.findCard(key);
        if (c == null || c.getValue() == null) {
            throw missing(key, "is missing");
        }
        return c;
    }

    private KeywordMissingException missing(String key, String what) {
        return (KeywordMissingException) new KeywordMissingException("required keyword " + key + " " + what)
                .inFile(file).inHdu(hdu).forKeyword(key);
    }

    public String reqString(String key) {
        HeaderCard c = card(key);
        return c.getValue().trim();
    }

    public String optString(String key, String dflt) {
        HeaderCard c = header.findCard(key);
        if (c == null || c.getValue() == null) {
            return dflt;
        }
        return c.getValue().trim();
    }

    public int reqInt(String key) {
        String v = reqString(key);
        try {
            return (int) Math.round(Double.parseDouble(v.replace('D', 'E')));
        } catch (NumberFormatException e) {
            throw missing(key, "must be an integer but is '" + v + "'");
        }
    }

    public int optInt(String key, int dflt) {
        return has(key) && header.findCard(key).getValue() != null ? reqInt(key) : dflt;
    }

    public double reqDouble(String key) {
        String v = reqString(key);
        try {
            return Double.parseDouble(v.replace('D', 'E').replace('d', 'e'));
        } catch (NumberFormatException e) {
            throw missing(key, "must be a number but is '" + v + "'");
        }
    }

    public double optDouble(String key, double dflt) {
        return has(key) && header.findCard(key).getValue() != null ? reqDouble(key) : dflt;
    }

    public boolean reqBool(String key) {
        String v = reqString(key).toUpperCase(Locale.ROOT);
        if (v.equals("T") || v.equals("TRUE")) {
            return true;
        }
        if (v.equals("F") || v.equals("FALSE")) {
            return false;
        }
        throw missing(key, "must be a logical but is '" + v + "'");
    }

    public boolean optBool(String key, boolean dflt) {
        return has(key) ? reqBool(key) : dflt;
    }

    /** A calibration switch; a missing switch counts as OMIT (spec §2.3), an invalid value is an error. */
    public SwitchValue switchValue(Switch s) {
        try {
            return SwitchValue.parse(s.keyword(), optString(s.keyword(), null));
        } catch (KeywordMissingException e) {
            throw e;
        } catch (RuntimeException e) {
            if (e instanceof org.camelcalacs.core.error.CalacsException ce) {
                ce.inFile(file).inHdu(hdu);
            }
            throw e;
        }
    }

    public void set(String key, String value, String comment) {
        header.addValue(key, value, comment);
    }

    public void set(String key, String value) {
        HeaderCard c = header.findCard(key);
        header.addValue(key, value, c == null ? "" : c.getComment());
    }

    public void set(String key, double value) {
        HeaderCard c = header.findCard(key);
        header.addValue(key, value, c == null ? "" : c.getComment());
    }

    public void set(String key, float value) {
        HeaderCard c = header.findCard(key);
        header.addValue(key, value, c == null ? "" : c.getComment());
    }

    public void set(String key, int value) {
        HeaderCard c = header.findCard(key);
        header.addValue(key, value, c == null ? "" : c.getComment());
    }

    public void set(String key, boolean value) {
        HeaderCard c = header.findCard(key);
        header.addValue(key, value, c == null ? "" : c.getComment());
    }

    public void setSwitch(Switch s, SwitchValue v) {
        set(s.keyword(), v.name());
    }

    /** Appends a HISTORY card at the end of the header (nom-tam inserts at its cursor, which look-ups move). */
    public void history(String text) {
        Headers.history(header, text);
    }
}
