package org.camelcalacs.core.ref.table;

import java.nio.file.Path;

import org.camelcalacs.core.error.ReferenceFileException;

/**
 * The MAMA linearity table MLINTAB (spec §3; port of GetLinTab, acs2d/getlintab.c): columns DETECTOR,
 * GLOBAL_LIMIT, LOCAL_LIMIT, TAU (double) and EXPAND (float), optional PEDIGREE and DESCRIP. The first row whose
 * DETECTOR equals the header value is used; none is fatal.
 */
public final class MlinTab {
    /**
     * The selected row. {@code pedigree} is the row's PEDIGREE if the column exists, else the primary header's;
     * {@code descrip2} the row's DESCRIP ("" without the column).
     */
    public record Row(int number, String detector, double globalLimit, double localLimit, double tau, float expand,
                      String pedigree, String descrip2) {
        public boolean dummy() {
            return pedigree != null && pedigree.startsWith("DUMMY");
        }
    }

    private MlinTab() {
    }

    /** Reads the table and selects the row for {@code detector}. */
    public static Row lookup(Path path, String detector) {
        TableColumns t = TableColumns.open(path);
        t.requireAll("MLINTAB", "DETECTOR", "GLOBAL_LIMIT", "LOCAL_LIMIT", "TAU", "EXPAND");
        int cDet = t.find("DETECTOR");
        int cGlob = t.find("GLOBAL_LIMIT");
        int cLoc = t.find("LOCAL_LIMIT");
        int cTau = t.find("TAU");
        int cExp = t.find("EXPAND");
        int cPed = t.find("PEDIGREE");
        int cDesc = t.find("DESCRIP");
        for (int r = 0; r < t.rows(); r++) {
            if (CcdTab.sameString(t.getString(r, cDet), detector)) {
                String ped = cPed >= 0 ? t.getString(r, cPed) : t.pedigree();
                String d2 = cDesc >= 0 ? t.getString(r, cDesc) : "";
                return new Row(r + 1, detector, t.getDouble(r, cGlob), t.getDouble(r, cLoc), t.getDouble(r, cTau),
                        t.getFloat(r, cExp), ped, d2);
            }
        }
        throw (ReferenceFileException) new ReferenceFileException("Detector `" + detector + "' not found in MLINTAB `"
                + t.file() + "'.").inFile(t.file()).forKeyword("MLINTAB");
    }
}
