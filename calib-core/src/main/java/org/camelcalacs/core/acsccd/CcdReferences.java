package org.camelcalacs.core.acsccd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nom.tam.fits.Header;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.FitsFile;
import org.camelcalacs.core.fits.Hdr;
import org.camelcalacs.core.ref.RefResolver;

/**
 * The reference files of ACSCCD (GetACSFlags, acsccd/getacsflag.c): names from the primary header, resolved
 * paths, existence, and PEDIGREE/DESCRIP of the primary header. Missing files are collected so that one
 * {@link ReferenceFileException} lists them all (spec §3, RefExist).
 */
final class CcdReferences {
    /** One reference: header name, path (null for N/A or blank), and its PEDIGREE/DESCRIP. */
    record Ref(String keyword, String name, Path path, boolean exists, String pedigree, String descrip) {
        boolean dummy() {
            return pedigree.startsWith("DUMMY");
        }

        /** A name was given (not blank, not N/A). */
        boolean named() {
            return !RefResolver.isNone(name);
        }
    }

    private final List<String> missing = new ArrayList<>();

    /** Resolves {@code keyword}; reads PEDIGREE/DESCRIP of an existing file's primary header. */
    Ref get(Hdr ph, RefResolver refs, String keyword) {
        String name = ph.optString(keyword, "");
        Optional<Path> p = refs.resolve(keyword, name);
        if (p.isEmpty() || !Files.isRegularFile(p.get())) {
            return new Ref(keyword, name, p.orElse(null), false, "", "");
        }
        String ped = "";
        String des = "";
        try (FitsFile f = FitsFile.open(p.get())) {
            Header h = f.primaryHeader();
            ped = h.getStringValue("PEDIGREE") == null ? "" : h.getStringValue("PEDIGREE").trim();
            des = h.getStringValue("DESCRIP") == null ? "" : h.getStringValue("DESCRIP").trim();
        }
        return new Ref(keyword, name, p.get(), true, ped, des);
    }

    /** Records a file that a PERFORM switch needs but that does not exist (MissingFile). */
    void missing(Ref r) {
        missing.add(r.keyword() + " = " + (r.named() ? r.name().trim() : "(blank or N/A)")
                + (r.path() == null ? "" : " (looked for " + r.path() + ")"));
    }

    void missing(String what) {
        missing.add(what);
    }

    /** Throws one exception naming every missing reference. */
    void throwIfMissing() {
        if (!missing.isEmpty()) {
            throw (ReferenceFileException) new ReferenceFileException("Reference file" + (missing.size() > 1 ? "s" : "")
                    + " missing: " + String.join("; ", missing));
        }
    }
}
