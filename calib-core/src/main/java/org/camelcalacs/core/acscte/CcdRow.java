package org.camelcalacs.core.acscte;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Locale;

import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.FitsFile;

/**
 * The CCDTAB values ACSCTE needs for one chip (GetCCDTab, pkg/acs/lib/getccdtab.c; spec §3): per-amp read noise
 * and gain (0 for amps not in CCDAMP), AMPX clipped to the image width, AMPY, and the pedigree/description lines
 * of the history. The row is the first that matches CCDAMP (exact or ANY), CCDGAIN (-1/-999 wildcards; an integer
 * column compares as int), CCDCHIP and the four CCDOFST.
 *
 * <p>Kept small and local to ACSCTE; the general CCDTAB reader of the ACSCCD stage selects the same row.
 */
record CcdRow(float[] readnoise, float[] atodgain, int ampx, int ampy, String pedigree, String descrip,
              String rowDescrip) {

    static CcdRow lookup(Path path, String ccdamp, float ccdgain, int chip, int[] ofst, int dimx) {
        String name = String.valueOf(path.getFileName());
        try (FitsFile f = FitsFile.open(path)) {
            Header ph = f.primaryHeader();
            BinaryTableHDU t = f.table(1);
            Header h = t.getHeader();
            BinaryTable bt = t.getData();
            int nrows = t.getNRows();
            boolean intGain = tform(h, find(h, "CCDGAIN", name)).matches(".*[IJKB]");
            int cPed = find(h, "PEDIGREE", null);
            int cDes = find(h, "DESCRIP", null);
            for (int r = 0; r < nrows; r++) {
                String amp = str(bt, r, find(h, "CCDAMP", name));
                boolean sameGain;
                double g = num(bt, r, find(h, "CCDGAIN", name));
                if (intGain) {
                    int gi = (int) g;
                    sameGain = gi == -1 || gi == -999 || gi == (int) ccdgain;
                } else {
                    float gf = (float) g;
                    sameGain = gf == -1f || gf == -999f || gf == ccdgain;
                }
                boolean match = ("ANY".equals(amp) || amp.equals(ccdamp)) && sameGain
                        && sameInt((int) num(bt, r, find(h, "CCDCHIP", name)), chip);
                for (int a = 0; a < 4 && match; a++) {
                    match = sameInt((int) num(bt, r, find(h, "CCDOFST" + "ABCD".charAt(a), name)), ofst[a]);
                }
                if (!match) {
                    continue;
                }
                float[] rn = new float[4];
                float[] gn = new float[4];
                for (int a = 0; a < 4; a++) {
                    char l = "ABCD".charAt(a);
                    if (ccdamp.indexOf(l) >= 0) {
                        rn[a] = (float) num(bt, r, find(h, "READNSE" + l, name));
                        gn[a] = (float) num(bt, r, find(h, "ATODGN" + l, name));
                    }
                }
                int ampx = (int) num(bt, r, find(h, "AMPX", name));
                int ampy = (int) num(bt, r, find(h, "AMPY", name));
                String ped = cPed >= 0 ? str(bt, r, cPed) : trim(ph.getStringValue("PEDIGREE"));
                String rowDes = cDes >= 0 ? str(bt, r, cDes) : "";
                return new CcdRow(rn, gn, Math.min(ampx, dimx), ampy, ped, trim(ph.getStringValue("DESCRIP")),
                        rowDes);
            }
            throw (ReferenceFileException) new ReferenceFileException(String.format(Locale.ROOT,
                    "Matching row not found in CCDTAB `%s'. CCDAMP %s, CCDGAIN %4.1f, CCDOFFST %d,%d,%d,%d.", name,
                    ccdamp, ccdgain, ofst[0], ofst[1], ofst[2], ofst[3])).inFile(name).forKeyword("CCDTAB");
        } catch (FitsException e) {
            throw (ReferenceFileException) new ReferenceFileException("cannot read CCDTAB: " + e.getMessage(), e)
                    .inFile(name).forKeyword("CCDTAB");
        }
    }

    private static boolean sameInt(int row, int value) {
        return row == -1 || row == -999 || row == value;
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static int find(Header h, String col, String file) {
        int n = h.getIntValue("TFIELDS", 0);
        for (int c = 1; c <= n; c++) {
            String t = h.getStringValue("TTYPE" + c);
            if (t != null && t.trim().equalsIgnoreCase(col)) {
                return c - 1;
            }
        }
        if (file == null) {
            return -1;
        }
        throw (ReferenceFileException) new ReferenceFileException("CCDTAB column " + col + " not found")
                .inFile(file).forKeyword("CCDTAB");
    }

    private static String tform(Header h, int col) {
        String f = h.getStringValue("TFORM" + (col + 1));
        return f == null ? "" : f.trim().toUpperCase(Locale.ROOT);
    }

    private static double num(BinaryTable bt, int r, int c) {
        Object v = bt.getElement(r, c);
        if (v != null && v.getClass().isArray()) {
            v = Array.get(v, 0);
        }
        return ((Number) v).doubleValue();
    }

    private static String str(BinaryTable bt, int r, int c) {
        Object v = bt.getElement(r, c);
        if (v != null && v.getClass().isArray()) {
            if (v instanceof char[] ch) {
                return new String(ch).trim();
            }
            v = Array.get(v, 0);
        }
        return v == null ? "" : v.toString().trim();
    }
}
