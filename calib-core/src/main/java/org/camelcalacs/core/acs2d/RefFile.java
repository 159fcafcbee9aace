package org.camelcalacs.core.acs2d;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import nom.tam.fits.Header;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.FitsFile;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.ref.RefResolver;

/**
 * A reference file named by a primary-header keyword (GetImageRef/GetTabRef): the header value, the resolved
 * path if it exists, PEDIGREE and DESCRIP from the file's primary header. A PEDIGREE starting with DUMMY makes the
 * step DUMMY (skipped).
 */
public record RefFile(String keyword, String name, Path path, boolean exists, String pedigree, String descrip) {

    /** Looks the keyword up in the header; missing or unreadable files give {@code exists == false}. */
    public static RefFile of(String keyword, String headerValue, RunContext ctx) {
        String name = headerValue == null ? "" : headerValue.trim();
        if (RefResolver.isNone(name)) {
            return new RefFile(keyword, name, null, false, "", "");
        }
        Path p;
        try {
            Optional<Path> o = ctx.refs().resolve(keyword, name);
            p = o.orElse(null);
        } catch (CalacsException e) {
            throw e;
        }
        if (p == null || !Files.isRegularFile(p)) {
            return new RefFile(keyword, name, p, false, "", "");
        }
        try (FitsFile f = FitsFile.open(p)) {
            Header h = f.primaryHeader();
            String ped = h.getStringValue("PEDIGREE");
            String des = h.getStringValue("DESCRIP");
            return new RefFile(keyword, name, p, true, ped == null ? "" : ped.trim(), des == null ? "" : des.trim());
        }
    }

    /** True for a blank or N/A name (GotFileName false). */
    public boolean blank() {
        return RefResolver.isNone(name);
    }

    public boolean dummy() {
        return pedigree.startsWith("DUMMY");
    }

    /**
     * DetCCDChip + getSingleGroup: the imset whose SCI header has {@code CCDCHIP == chip} (default 1), among the
     * NEXTEND/3 imsets of the file.
     */
    public Imset imsetForChip(int chip) {
        try (FitsFile f = FitsFile.open(path)) {
            int n = f.primaryHeader().getIntValue("NEXTEND", 3) / 3;
            for (int v = 1; v <= n; v++) {
                int si = f.find("SCI", v);
                if (si >= 0 && f.header(si).getIntValue("CCDCHIP", 1) == chip) {
                    return AcsFits.readImset(f, v);
                }
            }
            throw (ReferenceFileException) new ReferenceFileException("no imset with CCDCHIP = " + chip
                    + " in reference file").inFile(path.getFileName()).forKeyword(keyword);
        }
    }

    /** SCI header of EXTVER 1 (for the FLSHFILE LTV check). */
    public Header firstSciHeader() {
        try (FitsFile f = FitsFile.open(path)) {
            int si = f.find("SCI", 1);
            if (si < 0) {
                throw (ReferenceFileException) new ReferenceFileException("no SCI,1 extension")
                        .inFile(path.getFileName()).forKeyword(keyword);
            }
            return f.header(si);
        }
    }
}
