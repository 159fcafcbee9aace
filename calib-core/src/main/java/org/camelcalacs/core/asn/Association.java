package org.camelcalacs.core.asn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.model.Detector;

/**
 * An association interpreted as calacs does (port of GetAsnTable, calacs/acstable.c; spec §4): the mode
 * (CR-split, repeat-obs, or dither/single), the positions (sub-products) with their present exposures, the
 * sub-product and DTH product names, and the warnings to print.
 *
 * @param table       the table file name
 * @param mode        CR, RPT or DTH (neither CR nor RPT)
 * @param positions   sub-products in position-id order
 * @param dthProduct  the PROD-DTH member name (lower case), or null
 * @param dthRow      its 1-based row, or 0
 * @param numasn      members counted as present (rows minus absent exposures)
 * @param warnings    messages the reference prints while reading
 */
public record Association(String table, Mode mode, List<Position> positions, String dthProduct, int dthRow,
                          int numasn, List<String> warnings) {

    /** Association mode from the first MEMTYPE containing {@code -cr} or {@code -rp}. */
    public enum Mode {
        CR, RPT, DTH
    }

    /**
     * One position (sub-product).
     *
     * @param posid    position id (1-based)
     * @param name     sub-product member name (lower case), "" if the table has no product row for it
     * @param mtype    sub-product MEMTYPE as normalised (lower case, '-'), e.g. "prod-crj"
     * @param asnRow   1-based row of the sub-product, 0 if none
     * @param spname   the sub-product file stem: {@code <name>_crj}, {@code <name>_sfl}, or for EXP-DTH
     *                 {@code <member>_flt}; "" when none
     * @param members  the present exposures, in table order
     */
    public record Position(int posid, String name, String mtype, int asnRow, String spname, List<Member> members) {
    }

    /** One present exposure: name lower case, MEMTYPE normalised, 1-based row. */
    public record Member(String name, String mtype, int asnRow) {
        /** {@code <name>_raw.fits}. */
        public String rawFile() {
            return name + "_raw.fits";
        }
    }

    private static final int MEMABSENT = -1;

    /**
     * Interprets a table. With {@code onlyRoot} (a product name given as input, PARTIAL processing) only the
     * position of the row whose MEMNAME equals it is kept.
     */
    public static Association of(AsnTable t, Detector detector, String onlyRoot) {
        List<String> warnings = new ArrayList<>();
        int nrows = t.rows().size();
        String[] name = new String[nrows];
        String[] type = new String[nrows];
        boolean[] prsnt = new boolean[nrows];
        int[] posids = new int[nrows];
        for (int r = 0; r < nrows; r++) {
            AsnTable.Row row = t.rows().get(r);
            name[r] = row.memname().toLowerCase(Locale.ROOT);
            String ty = row.memtype().toLowerCase(Locale.ROOT);
            if (ty.indexOf('_') >= 0) {
                ty = ty.replace('_', '-');
                warnings.add("MEMTYPE " + row.memtype() + " in row " + (r + 1)
                        + " was INVALID and needs to be corrected.");
            }
            type[r] = ty;
            prsnt[r] = row.present();
        }
        Mode mode = Mode.DTH;
        int poslen = 3;
        for (int r = 0; r < nrows; r++) {
            if (type[r].contains("-cr")) {
                mode = Mode.CR;
                poslen = 2;
                break;
            } else if (type[r].contains("-rp")) {
                mode = Mode.RPT;
                poslen = 2;
                break;
            }
        }
        int numsp = 0;
        int posid = 0;
        int defid = 1;
        int numasn = nrows;
        String dthName = null;
        int dthRow = 0;
        for (int r = 0; r < nrows; r++) {
            if (type[r].contains("prod-dth")) {
                posids[r] = 0;
                posid = 0;
                if (dthName == null) {
                    dthName = name[r];
                    dthRow = r + 1;
                }
            } else {
                int dash = type[r].indexOf('-');
                String sub = dash < 0 ? type[r] : type[r].substring(0, dash);
                String word = dash < 0 ? "" : type[r].substring(dash + 1);
                if (word.equalsIgnoreCase("crj") || word.equalsIgnoreCase("rpt")) {
                    posid = 1;
                } else if (prsnt[r] || sub.equalsIgnoreCase("prod")) {
                    if (word.length() > poslen && Character.isLetterOrDigit(word.charAt(poslen))) {
                        posid = leadingInt(word.substring(poslen));
                    } else {
                        // not a numbered CR/RP member: a separate pointing
                        posid = defid++;
                    }
                }
                if (posid > numsp && ((prsnt[r] && sub.contains("exp")) || sub.contains("prod"))) {
                    numsp++;
                }
                posids[r] = posid;
            }
            if (!prsnt[r] && !type[r].startsWith("prod-")) {
                warnings.add("Member \"" + name[r] + "\" is not present");
                numasn--;
                posids[r] = MEMABSENT;
            }
        }
        if (numasn < 1) {
            throw new InvalidInputException("No data available for given assoc. table").inFile(t.fileName());
        }
        int procprod = -2;
        if (onlyRoot != null) {
            for (int r = 0; r < nrows; r++) {
                if (name[r].equalsIgnoreCase(onlyRoot)) {
                    procprod = posids[r];
                }
            }
        }
        Map<Integer, List<Member>> members = new TreeMap<>();
        for (int r = 0; r < nrows; r++) {
            if (type[r].contains("exp-") && posids[r] > MEMABSENT && (onlyRoot == null || posids[r] == procprod)) {
                members.computeIfAbsent(posids[r], k -> new ArrayList<>()).add(new Member(name[r], type[r], r + 1));
            }
        }
        String ext = "";
        if (mode == Mode.CR || (mode == Mode.RPT && detector != Detector.SBC)) {
            ext = "_crj";
        } else if (mode == Mode.RPT) {
            ext = "_sfl";
        }
        Map<Integer, String[]> sub = new TreeMap<>();
        for (int r = 0; r < nrows; r++) {
            int p = posids[r];
            if (p == MEMABSENT || !members.containsKey(p) || type[r].contains("prod-dth")) {
                continue;
            }
            if (type[r].contains("exp-")) {
                if (type[r].contains("exp-dth")) {
                    sub.put(p, new String[] {name[r], type[r], "0", name[r] + "_flt"});
                }
            } else {
                sub.put(p, new String[] {name[r], type[r], String.valueOf(r + 1), name[r] + ext});
            }
        }
        List<Position> positions = new ArrayList<>();
        for (Map.Entry<Integer, List<Member>> e : members.entrySet()) {
            String[] s = sub.getOrDefault(e.getKey(), new String[] {"", "", "0", ""});
            positions.add(new Position(e.getKey(), s[0], s[1], Integer.parseInt(s[2]), s[3],
                    Collections.unmodifiableList(e.getValue())));
        }
        return new Association(t.fileName(), mode, List.copyOf(positions), dthName, dthRow, numasn,
                List.copyOf(warnings));
    }

    /** C strtol: the leading decimal integer, 0 if none. */
    static int leadingInt(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == 0 ? 0 : Integer.parseInt(s.substring(0, Math.min(i, 9)));
    }
}
