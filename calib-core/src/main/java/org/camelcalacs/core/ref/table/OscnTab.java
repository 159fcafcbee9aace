package org.camelcalacs.core.ref.table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The overscan table (OSCNTAB, spec §3): trim widths, bias sections and the virtual-overscan box for each
 * amp/chip/raw size. Port of FindOverscan (acsccd/findover.c).
 */
public final class OscnTab {
    static final String[] REQUIRED = {"CCDAMP", "CCDCHIP", "BINX", "BINY", "NX", "NY", "TRIMX1", "TRIMX2", "TRIMY1",
        "TRIMY2", "VX1", "VX2", "VY1", "VY2", "BIASSECTA1", "BIASSECTA2", "BIASSECTB1", "BIASSECTB2"};
    /** Rows trimmed off for a virtual overscan; a TRIMY of this size means "has virtual overscan" (findover.c). */
    public static final int SZ_VIRTOVERSCAN = 20;
    /** The binning used for matching is always 1 (GetACSGrp hard-codes it, spec §2.2). */
    public static final int MATCH_BIN = 1;

    /** One row as stored (1-based sections). */
    public record Row(int number, String ccdamp, int ccdchip, int binx, int biny, int nx, int ny, int trimx1,
                      int trimx2, int trimy1, int trimy2, int vx1, int vx2, int vy1, int vy2, int biassecta1,
                      int biassecta2, int biassectb1, int biassectb2) {
    }

    private final String file;
    private final List<Row> rows;
    private final String pedigree;
    private final String descrip;

    private OscnTab(String file, List<Row> rows, String pedigree, String descrip) {
        this.file = file;
        this.rows = rows;
        this.pedigree = pedigree;
        this.descrip = descrip;
    }

    public static OscnTab read(Path path) {
        TableColumns t = TableColumns.open(path);
        t.requireAll("OSCNTAB", REQUIRED);
        int[] c = new int[REQUIRED.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = t.find(REQUIRED[i]);
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            int[] v = new int[REQUIRED.length];
            for (int i = 1; i < c.length; i++) {
                v[i] = t.getInt(r, c[i]);
            }
            rows.add(new Row(r + 1, t.getString(r, c[0]), v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                    v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17]));
        }
        return new OscnTab(t.file(), Collections.unmodifiableList(rows), t.pedigree(), t.descrip());
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

    /**
     * The first row matching CCDAMP (exact or ANY), CCDCHIP, BINX = BINY = 1 and NX/NY equal to the raw SCI
     * size (-1/-999 wildcards). Empty if none matches, which is not an error (spec §3).
     */
    public Optional<OverscanGeometry> lookup(String ccdamp, int chip, int nx, int ny) {
        for (Row r : rows) {
            if (CcdTab.sameString(r.ccdamp(), ccdamp) && CcdTab.sameInt(r.ccdchip(), chip)
                    && CcdTab.sameInt(r.binx(), MATCH_BIN) && CcdTab.sameInt(r.biny(), MATCH_BIN)
                    && CcdTab.sameInt(r.nx(), nx) && CcdTab.sameInt(r.ny(), ny)) {
                boolean virt = r.trimy1() == SZ_VIRTOVERSCAN || r.trimy2() == SZ_VIRTOVERSCAN;
                return Optional.of(new OverscanGeometry(r.number(), r.trimx1(), r.trimx2(), r.trimy1(), r.trimy2(),
                        r.biassecta1() - 1, r.biassecta2() - 1, r.biassectb1() - 1, r.biassectb2() - 1,
                        r.vx1() - 1, r.vx2() - 1, r.vy1() - 1, r.vy2() - 1, virt));
            }
        }
        return Optional.empty();
    }
}
