package org.camelcalacs.core.asn;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nom.tam.fits.BinaryTableHDU;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.fits.FitsFile;
import org.camelcalacs.core.fits.Hdr;

/**
 * An association table as stored: the primary header's INSTRUME and DETECTOR, and the rows of extension 1
 * (columns MEMNAME, MEMTYPE, MEMPRSNT, matched case-insensitively; spec §4). Reading only; calacs' in-place
 * updates (MEMPRSNT, ASN_PROD) are not made to the user's file.
 */
public record AsnTable(String fileName, String instrument, String detector, List<Row> rows) {

    /** One row as stored (MEMNAME and MEMTYPE trimmed, not case-converted). */
    public record Row(String memname, String memtype, boolean present) {
    }

    public AsnTable {
        rows = List.copyOf(rows);
    }

    /** Reads {@code path}. INSTRUME and DETECTOR are required; an empty table is an error. */
    public static AsnTable read(Path path) {
        String file = String.valueOf(path.getFileName());
        try (FitsFile f = FitsFile.open(path)) {
            Hdr ph = new Hdr(f.primaryHeader(), file, "PRIMARY");
            String instr = ph.reqString("INSTRUME");
            String det = ph.reqString("DETECTOR");
            BinaryTableHDU t = f.table(1);
            int cName = col(t, file, "MEMNAME");
            int cType = col(t, file, "MEMTYPE");
            int cPrsnt = col(t, file, "MEMPRSNT");
            int n = t.getNRows();
            if (n <= 0) {
                throw new InvalidInputException("Invalid number of rows in " + file).inFile(file);
            }
            List<Row> rows = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                rows.add(new Row(text(t, r, cName), text(t, r, cType), logical(t, r, cPrsnt)));
            }
            return new AsnTable(file, instr, det, rows);
        } catch (CalacsException e) {
            throw e.inFile(file);
        }
    }

    /**
     * Writes a copy of the association {@code src} to {@code dst} with MEMPRSNT = T on the given 1-based rows and
     * ASN_PROD = T in the primary header: calacs' bookkeeping (updateAsnTable), kept out of the user's file.
     */
    public static void writeUpdated(Path src, Path dst, java.util.Collection<Integer> rows, boolean overwrite) {
        String file = String.valueOf(src.getFileName());
        try (java.io.InputStream raw = java.nio.file.Files.newInputStream(src);
             java.io.InputStream in = new java.io.BufferedInputStream(raw)) {
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            java.io.InputStream data = b1 == 0x1f && b2 == 0x8b ? new java.util.zip.GZIPInputStream(in) : in;
            nom.tam.fits.Fits fits = new nom.tam.fits.Fits(data);
            nom.tam.fits.BasicHDU<?>[] hdus = fits.read();
            hdus[0].getHeader().addValue("ASN_PROD", true, "Have products been generated?");
            BinaryTableHDU t = (BinaryTableHDU) hdus[1];
            int c = col(t, file, "MEMPRSNT");
            for (int r : rows) {
                if (r >= 1 && r <= t.getNRows()) {
                    Object cur = t.getElement(r - 1, c);
                    t.setElement(r - 1, c, cur instanceof boolean[] ? new boolean[] {true} : new Boolean[] {true});
                }
            }
            org.camelcalacs.core.fits.AcsFits.writeAtomically(java.util.List.of(hdus), dst, overwrite);
        } catch (java.io.IOException | nom.tam.fits.FitsException e) {
            throw new InvalidInputException("cannot write the association bookkeeping copy: " + e.getMessage(), e)
                    .inFile(file);
        }
    }

    private static int col(BinaryTableHDU t, String file, String name) {
        for (int i = 0; i < t.getNCols(); i++) {
            String c = t.getColumnName(i);
            if (c != null && c.trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new InvalidInputException("Can't find column " + name + " in " + file).inFile(file);
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

    private static String text(BinaryTableHDU t, int row, int col) {
        Object o = cell(t, row, col);
        return o == null ? "" : o.toString().trim();
    }

    private static boolean logical(BinaryTableHDU t, int row, int col) {
        Object o = cell(t, row, col);
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Number n) {
            return n.intValue() != 0;
        }
        String s = o == null ? "" : o.toString().trim().toUpperCase(Locale.ROOT);
        return s.startsWith("T") || s.equals("1");
    }
}
