package org.camelcalacs.core.ref.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.camelcalacs.core.error.ReferenceFileException;

/**
 * The CCD parameters table (CCDTAB, spec §3): one row per amp/gain/chip/offset combination with default bias
 * levels, gains, read noises, amp boundaries, the A-to-D saturation level and the DARKTIME overheads.
 * Port of GetCCDTab (getccdtab.c); {@link #lookup} selects the row exactly as the C code does.
 */
public final class CcdTab {
    /** Amp letters in array order A..D. */
    public static final String AMPS = "ABCD";
    /** Integer wildcard and ignore values of table cells (acswild.h). */
    public static final int INT_WILDCARD = -1;
    public static final int INT_IGNORE = -999;
    public static final String STRING_WILDCARD = "ANY";

    static final String[] REQUIRED = {"CCDAMP", "CCDCHIP", "CCDGAIN", "BINAXIS1", "BINAXIS2", "CCDOFSTA", "CCDOFSTB",
        "CCDOFSTC", "CCDOFSTD", "CCDBIASA", "CCDBIASB", "CCDBIASC", "CCDBIASD", "ATODGNA", "ATODGNB", "ATODGNC",
        "ATODGND", "READNSEA", "READNSEB", "READNSEC", "READNSED", "AMPX", "AMPY", "ATODSAT", "SATURATE", "OVRHFLS",
        "OVRHUFLS"};

    /** One table row as stored. */
    public record Row(int number, String ccdamp, int ccdchip, int gainInt, float gainFloat, int[] ofst, float[] bias,
                      float[] atodgain, float[] readnoise, int ampx, int ampy, int atodsat, float saturate,
                      float ovrhfls, float ovrhufls, String pedigree, String descrip) {
    }

    private final String file;
    private final boolean intGain;
    private final List<Row> rows;
    private final String pedigree;
    private final String descrip;

    private CcdTab(String file, boolean intGain, List<Row> rows, String pedigree, String descrip) {
        this.file = file;
        this.intGain = intGain;
        this.rows = rows;
        this.pedigree = pedigree;
        this.descrip = descrip;
    }

    /** Reads the table (HDU 1); every required column must exist. */
    public static CcdTab read(Path path) {
        TableColumns t = TableColumns.open(path);
        t.requireAll("CCDTAB", REQUIRED);
        int cAmp = t.find("CCDAMP");
        int cChip = t.find("CCDCHIP");
        int cGain = t.find("CCDGAIN");
        boolean intGain = t.isInteger(cGain);
        int cPed = t.find("PEDIGREE");
        int cDes = t.find("DESCRIP");
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            int[] ofst = new int[4];
            float[] bias = new float[4];
            float[] gain = new float[4];
            float[] rn = new float[4];
            for (int a = 0; a < 4; a++) {
                char l = AMPS.charAt(a);
                ofst[a] = t.getInt(r, t.find("CCDOFST" + l));
                bias[a] = t.getFloat(r, t.find("CCDBIAS" + l));
                gain[a] = t.getFloat(r, t.find("ATODGN" + l));
                rn[a] = t.getFloat(r, t.find("READNSE" + l));
            }
            rows.add(new Row(r + 1, t.getString(r, cAmp), t.getInt(r, cChip),
                    intGain ? t.getInt(r, cGain) : 0, intGain ? 0f : t.getFloat(r, cGain), ofst, bias, gain, rn,
                    t.getInt(r, t.find("AMPX")), t.getInt(r, t.find("AMPY")), t.getInt(r, t.find("ATODSAT")),
                    t.getFloat(r, t.find("SATURATE")), t.getFloat(r, t.find("OVRHFLS")),
                    t.getFloat(r, t.find("OVRHUFLS")), cPed < 0 ? null : t.getString(r, cPed),
                    cDes < 0 ? null : t.getString(r, cDes)));
        }
        return new CcdTab(t.file(), intGain, Collections.unmodifiableList(rows), t.pedigree(), t.descrip());
    }

    public String file() {
        return file;
    }

    public List<Row> rows() {
        return rows;
    }

    /** PEDIGREE of the primary header. */
    public String pedigree() {
        return pedigree;
    }

    /** DESCRIP of the primary header. */
    public String descrip() {
        return descrip;
    }

    /** True if the CCDGAIN column holds integers (pre-SM4 tables): the gain is then compared as an int. */
    public boolean integerGain() {
        return intGain;
    }

    /**
     * The first row matching CCDAMP (exact string or ANY), CCDGAIN (int or float comparison by column type,
     * -1/-999 wildcards), CCDCHIP and all four CCDOFST; BINAXIS is not compared. Amps not named in
     * {@code ccdamp} get gain, noise and bias 0; AMPX is clipped to {@code dimx}.
     *
     * @throws ReferenceFileException "Matching row not found in CCDTAB" if no row matches
     */
    public CcdParameters lookup(String ccdamp, float ccdgain, int chip, int[] ccdofst, int dimx) {
        for (Row r : rows) {
            boolean sameGain = intGain ? sameInt(r.gainInt(), (int) ccdgain) : sameFlt(r.gainFloat(), ccdgain);
            if (sameString(r.ccdamp(), ccdamp) && sameGain && sameInt(r.ccdchip(), chip)
                    && sameInt(r.ofst()[0], ccdofst[0]) && sameInt(r.ofst()[1], ccdofst[1])
                    && sameInt(r.ofst()[2], ccdofst[2]) && sameInt(r.ofst()[3], ccdofst[3])) {
                float[] g = new float[4];
                float[] n = new float[4];
                float[] b = new float[4];
                for (int a = 0; a < 4; a++) {
                    if (ccdamp.indexOf(AMPS.charAt(a)) >= 0) {
                        g[a] = r.atodgain()[a];
                        n[a] = r.readnoise()[a];
                        b[a] = r.bias()[a];
                    }
                }
                String ped = r.pedigree() != null ? r.pedigree() : pedigree;
                return new CcdParameters(r.number(), g, n, b, Math.min(r.ampx(), dimx), r.ampy(), r.atodsat(),
                        r.saturate(), r.ovrhfls(), r.ovrhufls(), ped, r.descrip() == null ? "" : r.descrip());
            }
        }
        throw (ReferenceFileException) new ReferenceFileException(String.format(Locale.ROOT,
                "Matching row not found in CCDTAB `%s'. CCDAMP %s, CCDGAIN %4.1f, CCDOFFST %d,%d,%d,%d.", file,
                ccdamp, ccdgain, ccdofst[0], ccdofst[1], ccdofst[2], ccdofst[3])).inFile(file).forKeyword("CCDTAB");
    }

    /** SameInt (sameint.c): the row value matches, or is the wildcard -1 or the ignore value -999. */
    public static boolean sameInt(int rowValue, int value) {
        return rowValue == INT_WILDCARD || rowValue == value || rowValue == INT_IGNORE;
    }

    /** SameFlt (sameint.c). */
    public static boolean sameFlt(float rowValue, float value) {
        return rowValue == -1.0f || rowValue == value || rowValue == -999.0f;
    }

    /** SameString (sameint.c): exact, case-sensitive, or the row is "ANY". */
    public static boolean sameString(String rowValue, String value) {
        return STRING_WILDCARD.equals(rowValue) || rowValue.equals(value);
    }
}
