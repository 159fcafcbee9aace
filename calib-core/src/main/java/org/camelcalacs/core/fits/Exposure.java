package org.camelcalacs.core.fits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import nom.tam.fits.Header;
import org.camelcalacs.core.error.InvalidInputException;

/**
 * An ACS file in memory: the primary header and its imsets (hstio: the primary header plus
 * {@code NEXTEND/3} SingleGroups). Raw exposures, stage products and reference images all have this shape.
 */
public final class Exposure {
    private Path source;
    private final Header primary;
    private final List<Imset> imsets;

    public Exposure(Path source, Header primary, List<Imset> imsets) {
        this.source = source;
        this.primary = primary;
        this.imsets = new ArrayList<>(imsets);
    }

    /** The file this was read from, or the name it will be written to (used in messages). */
    public Path source() {
        return source;
    }

    public void setSource(Path source) {
        this.source = source;
    }

    public String name() {
        return source == null ? "(memory)" : String.valueOf(source.getFileName());
    }

    public Header primary() {
        return primary;
    }

    /** Typed view of the primary header, naming this file in errors. */
    public Hdr primaryHdr() {
        return new Hdr(primary, name(), "PRIMARY");
    }

    public List<Imset> imsets() {
        return imsets;
    }

    public Imset imset(int extver) {
        for (Imset s : imsets) {
            if (s.extver == extver) {
                return s;
            }
        }
        throw (InvalidInputException) new InvalidInputException("no imset with EXTVER " + extver).inFile(name());
    }

    /** The imset whose SCI header has this CCDCHIP (hstio DetCCDChip), or null. */
    public Imset imsetByChip(int chip) {
        for (Imset s : imsets) {
            if (s.ccdChip() == chip) {
                return s;
            }
        }
        return null;
    }

    /** Deep copy. */
    public Exposure copy() {
        List<Imset> copies = new ArrayList<>();
        for (Imset s : imsets) {
            copies.add(s.copy());
        }
        return new Exposure(source, Headers.copy(primary), copies);
    }
}
