package org.camelcalacs.core.ref;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.camelcalacs.core.error.ReferenceFileException;

/**
 * Turns reference names from headers into paths: {@code jref$x.fits} and {@code $jref/x.fits} (the prefix is
 * an environment-variable name, looked up in the configured map, then as upper case; cvos c_vfn2osfn), plain
 * relative or absolute paths, and {@code N/A} or blank (no file).
 *
 * <p>Unlike hstcal, resolved paths must stay inside the configured roots: the prefix directories, the working
 * directory, and paths the user explicitly allowed. A name with {@code ../} that escapes, or an absolute path
 * elsewhere, is refused before anything is opened.
 */
public final class RefResolver {
    private final Map<String, Path> prefixes;
    private final Path workDir;
    private final List<Path> allowed;

    /**
     * @param prefixes prefix name → directory (e.g. {@code jref → /data/jref/}); matched case-sensitively, then upper case
     * @param workDir  directory that relative plain names are resolved against
     * @param allowed  further directories or files that may be used
     */
    public RefResolver(Map<String, Path> prefixes, Path workDir, List<Path> allowed) {
        this.prefixes = new LinkedHashMap<>();
        prefixes.forEach((k, v) -> this.prefixes.put(k, v.toAbsolutePath().normalize()));
        this.workDir = workDir.toAbsolutePath().normalize();
        this.allowed = new ArrayList<>();
        for (Path p : allowed) {
            this.allowed.add(p.toAbsolutePath().normalize());
        }
    }

    /** Builds the prefix map from an environment: {@code jref} (or {@code JREF}), and {@code crotacomp} etc. */
    public static RefResolver fromEnvironment(Map<String, String> env, Path workDir, List<Path> allowed) {
        Map<String, Path> p = new LinkedHashMap<>();
        for (String key : List.of("jref", "JREF")) {
            String v = env.get(key);
            if (v != null && !v.isBlank()) {
                p.put("jref", Path.of(v));
                break;
            }
        }
        return new RefResolver(p, workDir, allowed);
    }

    public Map<String, Path> prefixes() {
        return Map.copyOf(prefixes);
    }

    public Path workDir() {
        return workDir;
    }

    /** True for blank and {@code N/A} names, which mean "no file". */
    public static boolean isNone(String name) {
        if (name == null) {
            return true;
        }
        String t = name.trim();
        return t.isEmpty() || t.equalsIgnoreCase("N/A") || t.equalsIgnoreCase("NONE");
    }

    /**
     * Resolves a header value. Empty for N/A or blank.
     *
     * @param keyword the header keyword the name came from, used in messages
     * @throws ReferenceFileException if the prefix is unknown or the path escapes the allowed roots
     */
    public Optional<Path> resolve(String keyword, String name) {
        if (isNone(name)) {
            return Optional.empty();
        }
        String n = name.trim();
        if (n.indexOf('\0') >= 0 || n.chars().anyMatch(Character::isISOControl)) {
            // Path.of would throw an unchecked InvalidPathException for some of these
            throw unsafe(keyword, n.replaceAll("\\p{Cntrl}", "?"), "it contains control characters");
        }
        Path root;
        String rest;
        int dollar = n.indexOf('$');
        if (dollar > 0) {
            String prefix = n.substring(0, dollar);
            root = prefixDir(keyword, n, prefix);
            rest = n.substring(dollar + 1);
        } else if (dollar == 0) {
            int slash = n.indexOf('/');
            String prefix = slash < 0 ? n.substring(1) : n.substring(1, slash);
            root = prefixDir(keyword, n, prefix);
            rest = slash < 0 ? "" : n.substring(slash + 1);
        } else {
            root = null;
            rest = n;
        }
        Path p;
        if (root != null) {
            if (rest.startsWith("/")) {
                throw unsafe(keyword, n, "an absolute path after the prefix is not allowed");
            }
            p = root.resolve(rest).normalize();
            if (!p.startsWith(root) && !isAllowed(p)) {
                throw unsafe(keyword, n, "it escapes the reference directory " + root);
            }
            return Optional.of(p);
        }
        Path raw = Path.of(rest);
        p = (raw.isAbsolute() ? raw : workDir.resolve(raw)).normalize();
        if (p.startsWith(workDir) || isAllowed(p) || prefixes.values().stream().anyMatch(p::startsWith)) {
            return Optional.of(p);
        }
        throw unsafe(keyword, n, "it is outside the reference directories and the working directory"
                + " (allow it explicitly to use it)");
    }

    /** Resolves and checks that the file exists. */
    public Path require(String keyword, String name) {
        Path p = resolve(keyword, name).orElseThrow(() -> (ReferenceFileException) new ReferenceFileException(
                "reference file " + keyword + " is N/A or blank but the step needs it").forKeyword(keyword));
        if (!Files.isRegularFile(p)) {
            throw (ReferenceFileException) new ReferenceFileException(
                    "reference file " + keyword + " = " + name.trim() + " not found (looked for " + p + ")").forKeyword(keyword);
        }
        return p;
    }

    private boolean isAllowed(Path p) {
        for (Path a : allowed) {
            if (p.startsWith(a)) {
                return true;
            }
        }
        return false;
    }

    private Path prefixDir(String keyword, String name, String prefix) {
        Path d = prefixes.get(prefix);
        if (d == null) {
            d = prefixes.get(prefix.toLowerCase(Locale.ROOT));
        }
        if (d == null) {
            throw (ReferenceFileException) new ReferenceFileException("reference name " + name + " uses the prefix '"
                    + prefix + "$' but no directory is configured for it (set the environment variable " + prefix
                    + " or --jref)").forKeyword(keyword);
        }
        return d;
    }

    private static ReferenceFileException unsafe(String keyword, String name, String why) {
        return (ReferenceFileException) new ReferenceFileException("refusing reference name " + name + ": " + why)
                .forKeyword(keyword);
    }
}
