package org.camelcalacs.routes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camelcalacs.camel.component.crds.ReferenceNeeds;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.KeywordMissingException;
import org.camelcalacs.core.error.NotImplementedException;
import org.camelcalacs.core.error.OutputExistsException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.error.SizeMismatchException;
import org.camelcalacs.core.fits.FitsFile;
import org.camelcalacs.core.ref.RefResolver;

/**
 * The {@code <input>.error.txt} written next to a failed input: what failed (input, stage, step), why (the error
 * and its category), and the reference files involved, taken from the {@link CalacsException} context fields.
 * The report is line-oriented ({@code key: value}) so that people read it and the retry job parses it.
 */
public final class FailureReport {
    /** Report line with the category the retry job looks for. */
    public static final String CATEGORY = "category";
    public static final String MISSING_REFERENCE = "missing-reference";
    public static final String MEMBERS = "members";
    public static final String MISSING_FILES = "missing-references";

    private FailureReport() {
    }

    /** A short, stable reason used in reports and as the metrics tag. */
    public static String category(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof UnsupportedInputException) {
            return "unsupported-file";
        }
        if (t instanceof AssociationIncompleteException) {
            return "association-incomplete";
        }
        if (t instanceof ReferenceFileException r) {
            String m = String.valueOf(r.reason()).toLowerCase(Locale.ROOT);
            return m.contains("not found") || m.contains("missing") ? MISSING_REFERENCE : "reference-error";
        }
        if (t instanceof KeywordMissingException) {
            return "keyword-missing";
        }
        if (t instanceof SizeMismatchException) {
            return "size-mismatch";
        }
        if (t instanceof OutputExistsException) {
            return "output-exists";
        }
        if (t instanceof NotImplementedException) {
            return "not-implemented";
        }
        if (t instanceof InvalidInputException) {
            return "invalid-input";
        }
        if (t instanceof CalacsException) {
            return "calibration-error";
        }
        return "internal-error";
    }

    /** The innermost CalacsException, or the root cause. */
    public static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof CalacsException || t instanceof UnsupportedInputException
                    || t instanceof AssociationIncompleteException) {
                return t;
            }
            if (t.getCause() == null || t.getCause() == t) {
                return t;
            }
            t = t.getCause();
        }
        return e;
    }

    /**
     * Builds the report.
     *
     * @param input   the failed input (still in the inbox when this runs)
     * @param members the association members moved along with it (may be empty); their references are listed
     * @param jref    the reference directory used
     */
    public static String build(Path input, Throwable error, List<Path> members, Path jref) {
        Throwable t = unwrap(error);
        StringBuilder sb = new StringBuilder();
        line(sb, "input", input.getFileName().toString());
        line(sb, "time", Instant.now().toString());
        line(sb, CATEGORY, category(error));
        String stage = null;
        String step = null;
        if (t instanceof CalacsException c) {
            stage = c.stage();
            step = c.step();
            line(sb, "stage", stage == null ? "(before calibration)" : stage);
            line(sb, "step", step == null ? "-" : step);
            line(sb, "file", c.file() == null ? "-" : c.file());
            if (c.hdu() != null) {
                line(sb, "hdu", c.hdu());
            }
            if (c.keyword() != null) {
                line(sb, "keyword", c.keyword());
            }
            line(sb, "error", c.getMessage());
        } else {
            line(sb, "stage", "(service)");
            line(sb, "step", "-");
            line(sb, "error", t.getMessage() == null ? t.toString() : t.getMessage());
        }
        line(sb, "exception", t.getClass().getName());
        if (!members.isEmpty()) {
            line(sb, MEMBERS, String.join(",", members.stream().map(p -> p.getFileName().toString()).toList()));
        }
        Map<String, String> refs = references(input, jref);
        for (Path m : members) {
            references(m, jref).forEach((k, v) -> {
                String had = refs.putIfAbsent(k, v);
                if (had != null && !had.equals(v)) {
                    refs.put(k + " (" + m.getFileName() + ")", v);
                }
            });
        }
        List<String> missing = new ArrayList<>();
        sb.append("reference files:\n");
        if (refs.isEmpty()) {
            sb.append("  (none could be read from the input header)\n");
        }
        for (Map.Entry<String, String> e : refs.entrySet()) {
            sb.append("  ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
            if (e.getValue().endsWith("[missing]")) {
                String v = e.getValue();
                int d = v.indexOf('$');
                String name = v.substring(d + 1, v.indexOf(' ') > 0 ? v.indexOf(' ') : v.length());
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            line(sb, MISSING_FILES, String.join(",", missing));
        }
        return sb.toString();
    }

    /** Reference keyword → "value (path) [ok|missing|refused]" for the references the input needs. */
    static Map<String, String> references(Path input, Path jref) {
        Map<String, String> out = new LinkedHashMap<>();
        String n = input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.contains("_raw.fits") || !Files.isRegularFile(input)) {
            return out;
        }
        try (FitsFile f = FitsFile.open(input)) {
            RefResolver r = new RefResolver(jref == null ? Map.of() : Map.of("jref", jref), input.getParent(), List.of());
            for (Map.Entry<String, String> e : ReferenceNeeds.of(f.primaryHeader(), true).entrySet()) {
                String status;
                try {
                    Path p = r.resolve(e.getKey(), e.getValue()).orElse(null);
                    status = p == null ? "" : " (" + p + ")" + (Files.isRegularFile(p) ? " [ok]" : " [missing]");
                } catch (CalacsException ex) {
                    status = " [refused: " + ex.reason() + "]";
                }
                out.put(e.getKey(), e.getValue() + status);
            }
        } catch (RuntimeException e) {
            // unreadable input: the error line already says why
        }
        return out;
    }

    /** Parses {@code key: value} lines of a report. */
    public static Map<String, String> parse(String report) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : report.split("\n")) {
            int c = l.indexOf(':');
            if (c > 0 && !l.startsWith(" ")) {
                m.putIfAbsent(l.substring(0, c).trim(), l.substring(c + 1).trim());
            }
        }
        return m;
    }

    private static void line(StringBuilder sb, String k, String v) {
        sb.append(k).append(": ").append(v.replace('\n', ' ')).append('\n');
    }

    /** A file that is neither a raw exposure nor an association table. */
    public static final class UnsupportedInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnsupportedInputException(String message) {
            super(message);
        }
    }

    /** An association whose present members did not all arrive before the timeout. */
    public static final class AssociationIncompleteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AssociationIncompleteException(String message) {
            super(message);
        }
    }
}
