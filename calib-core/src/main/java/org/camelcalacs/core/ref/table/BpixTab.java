package org.camelcalacs.core.ref.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.camelcalacs.core.error.ReferenceFileException;

/**
 * The bad-pixel table (BPIXTAB, spec §3). Port of the table part of doDQI (dodqi.c): required columns
 * PIX1 PIX2 LENGTH AXIS VALUE CCDCHIP, optional CCDAMP and CCDGAIN; AXIS must be 1 or 2 and LENGTH positive.
 */
public final class BpixTab {
    /** One row; {@code x0, y0} are 0-based detector (trimmed) coordinates (PIX1 - 1, PIX2 - 1). */
    public record Row(int number, String ccdamp, int gainInt, float gainFloat, int ccdchip, int x0, int y0,
                      int length, int axis, short value) {
    }

    private final String file;
    private final boolean hasAmp;
    private final boolean hasGain;
    private final boolean intGain;
    private final List<Row> rows;
    private final String pedigree;
    private final String descrip;

    private BpixTab(String file, boolean hasAmp, boolean hasGain, boolean intGain, List<Row> rows, String pedigree,
                    String descrip) {
        this.file = file;
        this.hasAmp = hasAmp;
        this.hasGain = hasGain;
        this.intGain = intGain;
        this.rows = rows;
        this.pedigree = pedigree;
        this.descrip = descrip;
    }

    public static BpixTab read(Path path) {
        TableColumns t = TableColumns.open(path);
        if (t.rows() < 1) {
            return new BpixTab(t.file(), false, false, false, List.of(), t.pedigree(), t.descrip());
        }
        t.requireAll("BPIXTAB", "PIX1", "PIX2", "LENGTH", "AXIS", "VALUE", "CCDCHIP");
        int cAmp = t.find("CCDAMP");
        int cGain = t.find("CCDGAIN");
        boolean intGain = cGain >= 0 && t.isInteger(cGain);
        int cChip = t.find("CCDCHIP");
        int cx = t.find("PIX1");
        int cy = t.find("PIX2");
        int cl = t.find("LENGTH");
        int ca = t.find("AXIS");
        int cv = t.find("VALUE");
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            int axis = t.getInt(r, ca);
            int length = t.getInt(r, cl);
            if (axis != 1 && axis != 2) {
                throw (ReferenceFileException) new ReferenceFileException("Axis = " + axis
                        + " in BPIXTAB, but it must be 1 or 2 (row " + (r + 1) + ")").inFile(t.file())
                        .forKeyword("BPIXTAB");
            }
            if (length <= 0) {
                throw (ReferenceFileException) new ReferenceFileException("Length = " + length
                        + " in BPIXTAB, but it must be positive (row " + (r + 1) + ")").inFile(t.file())
                        .forKeyword("BPIXTAB");
            }
            rows.add(new Row(r + 1, cAmp < 0 ? null : t.getString(r, cAmp),
                    cGain >= 0 && intGain ? t.getInt(r, cGain) : 0, cGain >= 0 && !intGain ? t.getFloat(r, cGain) : 0f,
                    t.getInt(r, cChip), t.getInt(r, cx) - 1, t.getInt(r, cy) - 1, length, axis,
                    (short) t.getInt(r, cv)));
        }
        return new BpixTab(t.file(), cAmp >= 0, cGain >= 0, intGain, Collections.unmodifiableList(rows),
                t.pedigree(), t.descrip());
    }

    public String file() {
        return file;
    }

    public List<Row> rows() {
        return rows;
    }

    public String pedigree() {
        return pedigree;
    }

    public String descrip() {
        return descrip;
    }

    /** True if the primary PEDIGREE starts with DUMMY. */
    public boolean dummy() {
        return pedigree.startsWith("DUMMY");
    }

    /**
     * The rows that apply to an imset: CCDAMP matches (no column or N/A = any), CCDGAIN matches (no column or
     * -999 = any, int or float comparison by column type), CCDCHIP matches (-999 = any).
     */
    public List<Row> rowsFor(String ccdamp, float ccdgain, int chip) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            boolean sameAmp = !hasAmp || "N/A".equals(r.ccdamp()) || CcdTab.sameString(r.ccdamp(), ccdamp);
            boolean sameGain;
            if (!hasGain) {
                sameGain = true;
            } else if (intGain) {
                sameGain = r.gainInt() == -999 || CcdTab.sameInt(r.gainInt(), (int) ccdgain);
            } else {
                sameGain = CcdTab.sameFlt(r.gainFloat(), -999.0f) || CcdTab.sameFlt(r.gainFloat(), ccdgain);
            }
            boolean sameChip = r.ccdchip() == -999 || CcdTab.sameInt(r.ccdchip(), chip);
            if (sameAmp && sameGain && sameChip) {
                out.add(r);
            }
        }
        return out;
    }
}
