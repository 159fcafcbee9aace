package org.camelcalacs.core.ref.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.FitsFile;

/**
 * Column access on a reference binary table (the cvos {@code c_tbcfnd1}/{@code c_tbegt*} calls the C code uses):
 * columns are found by name ignoring case, numeric cells are converted to the requested type as cfitsio does,
 * string cells lose their trailing blanks. A table name without an extension opens HDU 1 (spec §0, §3). Also
 * carries the PEDIGREE and DESCRIP of the file's primary header (TabPedigree, tabpedigree.c).
 */
public final class TableColumns {
    private final String file;
    private final Object[][] cells;
    private final List<String> names;
    private final List<String> forms;
    private final int nrows;
    private final String pedigree;
    private final String descrip;

    private TableColumns(String file, Object[][] cells, List<String> names, List<String> forms, String pedigree,
                         String descrip) {
        this.file = file;
        this.cells = cells;
        this.names = names;
        this.forms = forms;
        this.nrows = cells.length;
        this.pedigree = pedigree;
        this.descrip = descrip;
    }

    /** Opens HDU 1 of {@code path} as a binary table and loads it. */
    public static TableColumns open(Path path) {
        try (FitsFile f = FitsFile.open(path)) {
            Header ph = f.primaryHeader();
            String ped = ph.getStringValue("PEDIGREE");
            String des = ph.getStringValue("DESCRIP");
            BinaryTableHDU hdu = f.table(1);
            Header h = hdu.getHeader();
            int ncols = h.getIntValue("TFIELDS", 0);
            List<String> names = new ArrayList<>();
            List<String> forms = new ArrayList<>();
            for (int c = 1; c <= ncols; c++) {
                String n = h.getStringValue("TTYPE" + c);
                names.add(n == null ? "" : n.trim().toUpperCase(Locale.ROOT));
                String t = h.getStringValue("TFORM" + c);
                forms.add(t == null ? "" : t.trim().toUpperCase(Locale.ROOT));
            }
            BinaryTable data = hdu.getData();
            // load every cell while the file is open (nom-tam reads table data lazily)
            Object[][] cells = new Object[data.getNRows()][ncols];
            for (int r = 0; r < cells.length; r++) {
                for (int c = 0; c < ncols; c++) {
                    cells[r][c] = data.getElement(r, c);
                }
            }
            return new TableColumns(String.valueOf(path.getFileName()), cells, names, forms,
                    ped == null ? "" : ped.trim(), des == null ? "" : des.trim());
        } catch (FitsException e) {
            throw (ReferenceFileException) new ReferenceFileException("cannot read table: " + e.getMessage(), e)
                    .inFile(path.getFileName());
        }
    }

    public String file() {
        return file;
    }

    public int rows() {
        return nrows;
    }

    /** PEDIGREE of the primary header, "" if absent. */
    public String pedigree() {
        return pedigree;
    }

    /** DESCRIP of the primary header, "" if absent. */
    public String descrip() {
        return descrip;
    }

    /** 0-based column index, or -1 if there is no such column (name compared ignoring case). */
    public int find(String name) {
        return names.indexOf(name.toUpperCase(Locale.ROOT));
    }

    /** 0-based column index; a missing column is a {@link ReferenceFileException} naming file and column. */
    public int require(String table, String name) {
        int c = find(name);
        if (c < 0) {
            throw (ReferenceFileException) new ReferenceFileException(
                    "Column " + name + " not found in " + table).inFile(file).forKeyword(table);
        }
        return c;
    }

    /**
     * Checks all required columns at once and reports every missing one (PrintMissingCols).
     */
    public void requireAll(String table, String... required) {
        List<String> missing = new ArrayList<>();
        for (String n : required) {
            if (find(n) < 0) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw (ReferenceFileException) new ReferenceFileException(missing.size() + " columns not found in "
                    + table + ": " + String.join(", ", missing)).inFile(file).forKeyword(table);
        }
    }

    /** True if the column holds integers (TFORM J, I, K, B), as cvos reports IRAF_INT for the CCDGAIN test. */
    public boolean isInteger(int col) {
        String f = forms.get(col);
        char t = f.isEmpty() ? ' ' : f.charAt(f.length() - 1);
        for (int i = 0; i < f.length(); i++) {
            if (Character.isLetter(f.charAt(i))) {
                t = f.charAt(i);
                break;
            }
        }
        return t == 'J' || t == 'I' || t == 'K' || t == 'B';
    }

    private Object cell(int row, int col) {
        return cells[row][col];
    }

    private double number(int row, int col) {
        Object o = cell(row, col);
        if (o instanceof double[] a) {
            return a[0];
        } else if (o instanceof float[] a) {
            return a[0];
        } else if (o instanceof int[] a) {
            return a[0];
        } else if (o instanceof short[] a) {
            return a[0];
        } else if (o instanceof long[] a) {
            return a[0];
        } else if (o instanceof byte[] a) {
            return a[0];
        } else if (o instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw (ReferenceFileException) new ReferenceFileException("row " + (row + 1) + " column "
                        + names.get(col) + " is not a number: '" + s.trim() + "'").inFile(file);
            }
        } else if (o instanceof Number n) {
            return n.doubleValue();
        }
        throw (ReferenceFileException) new ReferenceFileException("row " + (row + 1) + " column " + names.get(col)
                + " has unsupported type " + (o == null ? "null" : o.getClass().getSimpleName())).inFile(file);
    }

    /** 0-based row; value converted to int (truncation of a float column, as c_tbegti). */
    public int getInt(int row, int col) {
        return (int) number(row, col);
    }

    public float getFloat(int row, int col) {
        return (float) number(row, col);
    }

    public double getDouble(int row, int col) {
        return number(row, col);
    }

    /** String cell without trailing blanks. */
    public String getString(int row, int col) {
        Object o = cell(row, col);
        String s;
        if (o instanceof String str) {
            s = str;
        } else if (o instanceof String[] a) {
            s = a.length == 0 ? "" : a[0];
        } else if (o instanceof byte[] b) {
            s = new String(b, java.nio.charset.StandardCharsets.US_ASCII);
            int z = s.indexOf('\0');
            if (z >= 0) {
                s = s.substring(0, z);
            }
        } else {
            s = String.valueOf(o);
        }
        return s == null ? "" : s.stripTrailing();
    }
}
