package org.camelcalacs.core.calacs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.model.Detector;
import org.camelcalacs.core.ref.RefResolver;

/**
 * The up-front reference existence check (port of RefExist, calacs/refexist.c; spec §3): every file the
 * switches need must exist; all missing files are reported at once. Blank names are always missing; N/A is
 * allowed for BPIXTAB on a CCD and for up to two of PFLTFILE/DFLTFILE/LFLTFILE.
 */
public final class RefCheck {
    private RefCheck() {
    }

    /** The messages for each missing file (empty when all exist). */
    public static List<String> missing(Map<String, String> refs, Detector det, RefResolver resolver) {
        List<String> out = new ArrayList<>();
        int flatsNotSpecified = 0;
        for (Map.Entry<String, String> e : refs.entrySet()) {
            String kw = e.getKey();
            String name = e.getValue() == null ? "" : e.getValue().trim();
            boolean exists;
            if (name.isEmpty() || name.equalsIgnoreCase("N/A")) {
                exists = false;
            } else {
                String refused = refused(resolver, kw, name);
                if (refused != null) {
                    // unlike RefExist, an unsafe name (escaping the reference directories) is always an error
                    out.add(kw + " `" + name + "' refused: " + refused);
                    continue;
                }
                exists = exists(resolver, kw, name);
            }
            if (exists) {
                continue;
            }
            if (name.isEmpty()) {
                out.add(kw + " `" + name + "' not found or can't open.");
            } else if (kw.equals("BPIXTAB")) {
                if (det == Detector.SBC) {
                    out.add(kw + " `" + name + "' not found or can't open.");
                }
            } else if (kw.equals("PFLTFILE") || kw.equals("DFLTFILE") || kw.equals("LFLTFILE")) {
                flatsNotSpecified++;
            } else {
                out.add(kw + " `" + name + "' not found or can't open.");
            }
        }
        if (flatsNotSpecified == 3) {
            out.add("PFLTFILE, DFLTFILE, LFLTFILE are all blank");
        }
        return out;
    }

    /** Why the resolver refuses this name (path escape, unknown prefix), or null if it accepts it. */
    private static String refused(RefResolver resolver, String kw, String name) {
        try {
            resolver.resolve(kw, name);
            return null;
        } catch (ReferenceFileException e) {
            return e.reason();
        }
    }

    private static boolean exists(RefResolver resolver, String kw, String name) {
        try {
            Optional<Path> p = resolver.resolve(kw, name);
            return p.isPresent() && Files.isRegularFile(p.get());
        } catch (ReferenceFileException e) {
            return false;
        }
    }
}
