package org.camelcalacs.core.ref.table;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nom.tam.fits.BinaryTableHDU;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.FitsFile;

/**
 * The cosmic-ray rejection parameter table (CRREJTAB; spec §3), read from the first extension. Port of the table
 * part of rejpar_in (acsrej/readpar.c).
 *
 * <p>Values are converted the way the reference's table library does it: numeric text cells (the real HRC table
 * stores SCALENSE as an 8-character string) are parsed as numbers, logical cells become 1/0, and an undefined
 * (NaN) float cell reads as the IRAF INDEF value {@link #INDEFR}, so a NaN MEANEXP still satisfies
 * {@code MEANEXP >= mean exposure} (the real HRC table has MEANEXP = NaN on every row).
 */
public final class CrrejTab {
    /** IRAF INDEFR: what cfitsio substitutes for a NaN float cell when hstcal's table layer reads it. */
    public static final float INDEFR = 1.6e38f;

    /** One CRREJTAB row; strings are trimmed, MEANEXP is INDEFR for undefined cells. */
    public record Row(int crsplit, float meanexp, float scalense, String initgues, String skysub, String crsigmas,
                      float crradius, float crthresh, short badinpdq, int crmask) {
    }

    private final String name;
    private final List<Row> rows;

    public CrrejTab(String name, List<Row> rows) {
        this.name = name;
        this.rows = List.copyOf(rows);
    }

    public String name() {
        return name;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Reads every row of {@code path} (HDU 1). Missing required columns are a ReferenceFileException. */
    public static CrrejTab read(Path path) {
        String file = String.valueOf(path.getFileName());
        try (FitsFile f = FitsFile.open(path)) {
            BinaryTableHDU t = f.table(1);
            int nrows = t.getNRows();
            int cCrsplit = col(t, file, "CRSPLIT");
            int cMeanexp = col(t, file, "MEANEXP");
            int cScale = col(t, file, "SCALENSE");
            int cInit = col(t, file, "INITGUES");
            int cSky = col(t, file, "SKYSUB");
            int cSig = col(t, file, "CRSIGMAS");
            int cRad = col(t, file, "CRRADIUS");
            int cThr = col(t, file, "CRTHRESH");
            int cBad = col(t, file, "BADINPDQ");
            int cMask = col(t, file, "CRMASK");
            List<Row> rows = new ArrayList<>(nrows);
            for (int r = 0; r < nrows; r++) {
                rows.add(new Row((int) number(t, r, cCrsplit, file), toFloat(number(t, r, cMeanexp, file)),
                        toFloat(number(t, r, cScale, file)), text(t, r, cInit), text(t, r, cSky), text(t, r, cSig),
                        toFloat(number(t, r, cRad, file)), toFloat(number(t, r, cThr, file)),
                        (short) number(t, r, cBad, file), (int) number(t, r, cMask, file)));
            }
            return new CrrejTab(file, rows);
        } catch (CalacsException e) {
            throw e.forKeyword("CRREJTAB").inFile(file);
        } catch (RuntimeException e) {
            throw (ReferenceFileException) new ReferenceFileException("cannot read CRREJTAB: " + e.getMessage(), e)
                    .inFile(file).forKeyword("CRREJTAB");
        }
    }

    /**
     * Row selection of rejpar_in: n = {@code nimgs} capped at the table's largest CRSPLIT; among rows with
     * CRSPLIT == n and {@code MEANEXP - exptot/nimgs >= 0}, the one with the smallest difference (the last one
     * on ties). The comparison is in single precision as in the reference.
     *
     * @throws ReferenceFileException "No matching CRSPLIT and MEANEXP in CRREJTAB"
     */
    public Row select(int nimgs, float exptot) {
        if (rows.isEmpty()) {
            throw noMatch();
        }
        float expIn = exptot / (float) nimgs;
        int maxCrsplit = rows.get(0).crsplit();
        for (Row r : rows) {
            maxCrsplit = Math.max(maxCrsplit, r.crsplit());
        }
        int n = Math.min(nimgs, maxCrsplit);
        Row best = null;
        float mindiff = 0f;
        for (Row r : rows) {
            float diff = r.meanexp() - expIn;
            if (r.crsplit() == n && diff >= 0f) {
                if (best == null || diff <= mindiff) {
                    best = r;
                    mindiff = diff;
                }
            }
        }
        if (best == null) {
            throw noMatch();
        }
        return best;
    }

    private ReferenceFileException noMatch() {
        return (ReferenceFileException) new ReferenceFileException("No matching CRSPLIT and MEANEXP in CRREJTAB")
                .inFile(name).forKeyword("CRREJTAB");
    }

    private static float toFloat(double v) {
        return Double.isNaN(v) ? INDEFR : (float) v;
    }

    /** Column index by case-insensitive name. */
    static int col(BinaryTableHDU t, String file, String name) {
        for (int i = 0; i < t.getNCols(); i++) {
            String c = t.getColumnName(i);
            if (c != null && c.trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw (ReferenceFileException) new ReferenceFileException("column " + name + " does not exist in CRREJTAB")
                .inFile(file).forKeyword("CRREJTAB");
    }

    private static Object cell(BinaryTableHDU t, int row, int col) {
        Object o = t.getElement(row, col);
        if (o != null && o.getClass().isArray()) {
            if (o instanceof char[] cs) {
                return new String(cs);
            }
            if (o instanceof String[] ss) {
                return ss.length == 0 ? "" : ss[0];
            }
            return Array.getLength(o) == 0 ? null : Array.get(o, 0);
        }
        return o;
    }

    static String text(BinaryTableHDU t, int row, int col) {
        Object o = cell(t, row, col);
        return o == null ? "" : o.toString().trim();
    }

    /** A numeric reading of any cell type: numbers, logicals (1/0) and numeric text. */
    static double number(BinaryTableHDU t, int row, int col, String file) {
        Object o = cell(t, row, col);
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (o instanceof Character ch) {
            return ch == 'T' ? 1 : 0;
        }
        String s = o == null ? "" : o.toString().trim();
        if (s.equalsIgnoreCase("T") || s.equalsIgnoreCase("TRUE")) {
            return 1;
        }
        if (s.equalsIgnoreCase("F") || s.equalsIgnoreCase("FALSE")) {
            return 0;
        }
        try {
            return Double.parseDouble(s.replace('D', 'E').replace('d', 'e'));
        } catch (NumberFormatException e) {
            throw (ReferenceFileException) new ReferenceFileException("CRREJTAB column "
                    + t.getColumnName(col).trim().toUpperCase(Locale.ROOT) + " row " + (row + 1)
                    + " is not a number: '" + s + "'").inFile(file).forKeyword("CRREJTAB");
        }
    }
}
