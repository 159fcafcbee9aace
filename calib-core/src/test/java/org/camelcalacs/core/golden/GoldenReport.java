package org.camelcalacs.core.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The conformance report, {@code target/golden-report.md}: one row per compared array of every product (case,
 * product, extension, max abs and rel deviation, DQ mismatches, keyword mismatches, verdict), per-case timing
 * against the oracle, and the bad-input results. One shared instance per JVM; the file is rewritten after
 * every addition so that it is complete whatever order the tests run in.
 */
public final class GoldenReport {
    private static final GoldenReport SHARED = new GoldenReport(Path.of("target", "golden-report.md"));

    private final Path file;
    private final List<String> caseRows = new ArrayList<>();
    private final List<String> timingRows = new ArrayList<>();
    private final List<String> badRows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int productsPass;
    private int productsFail;
    private int mustPassFailures;
    private int badPass;
    private int badFail;

    public GoldenReport(Path file) {
        this.file = file;
    }

    public static GoldenReport shared() {
        return SHARED;
    }

    public Path file() {
        return file;
    }

    /** Records a compared product (one row per array, or one row if it is missing or could not be read). */
    public synchronized void addProduct(GoldenComparator.ProductResult r, boolean mustPass) {
        String verdict = verdict(r.pass(), mustPass);
        if (r.pass()) {
            productsPass++;
        } else {
            productsFail++;
            if (mustPass) {
                mustPassFailures++;
            }
        }
        String kw = r.keywordMismatches.isEmpty() ? "0" : r.keywordMismatches.size() + ": "
                + esc(String.join("; ", r.keywordMismatches.subList(0, Math.min(5, r.keywordMismatches.size()))));
        if (r.missing || r.arrays.isEmpty()) {
            String why = r.missing ? "product not written" : esc(String.join("; ", r.errors));
            caseRows.add(row(r.caseId, r.product, "—", "—", "—", "—", kw, verdict + (why.isEmpty() ? "" : " (" + why + ")")));
        }
        for (GoldenComparator.ArrayResult a : r.arrays) {
            String ver = a.extension().substring(a.extension().indexOf(',') + 1);
            Long dq = r.dqMismatches.get("DQ," + ver);
            String note = a.outOfTolerance() > 0 ? " (" + a.outOfTolerance() + "/" + a.compared() + " out of tolerance)" : "";
            caseRows.add(row(r.caseId, r.product, a.extension(), num(a.maxAbs()), num(a.maxRel()),
                    dq == null ? "n/a" : String.valueOf(dq), kw, verdict + note));
        }
        if (!r.errors.isEmpty() && !r.arrays.isEmpty()) {
            notes.add(r.caseId + " " + r.product + ": " + String.join("; ", r.errors));
        }
        write();
    }

    /** Records a case whose run did not produce comparable output (e.g. the program failed). */
    public synchronized void addCaseFailure(String caseId, String product, String why, boolean mustPass) {
        // not counted: the products of the case are compared (and counted) anyway
        caseRows.add(row(caseId, product, "—", "—", "—", "—", "—", verdict(false, mustPass) + " (" + esc(why) + ")"));
        write();
    }

    /** Per-case timing: Java wall time in-process against the oracle's (2-core VM). */
    public synchronized void addTiming(String caseId, int exitStatus, double javaSeconds, double oracleSeconds) {
        timingRows.add(row(caseId, String.valueOf(exitStatus), String.format(Locale.ROOT, "%.2f", javaSeconds),
                Double.isNaN(oracleSeconds) ? "—" : String.format(Locale.ROOT, "%.2f", oracleSeconds)));
        write();
    }

    /** Records a bad-input run. */
    public synchronized void addBadInput(String file, int exitStatus, String message, List<String> leftovers,
                                         boolean pass, boolean mustPass, String why) {
        if (pass) {
            badPass++;
        } else {
            badFail++;
            if (mustPass) {
                mustPassFailures++;
            }
        }
        badRows.add(row(file, String.valueOf(exitStatus), esc(truncate(message, 160)),
                leftovers.isEmpty() ? "none" : esc(String.join(", ", leftovers)),
                verdict(pass, mustPass) + (pass ? "" : " (" + esc(why) + ")")));
        write();
    }

    private static String verdict(boolean pass, boolean mustPass) {
        return pass ? "PASS" : (mustPass ? "FAIL (must-pass)" : "FAIL");
    }

    /** One line for the console. */
    public synchronized String summary() {
        return String.format(Locale.ROOT,
                "golden conformance: %d product(s) PASS, %d FAIL; bad inputs: %d PASS, %d FAIL; must-pass failures: %d"
                        + " (report: %s)", productsPass, productsFail, badPass, badFail, mustPassFailures,
                file.toAbsolutePath());
    }

    private synchronized void write() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Golden conformance report\n\n").append(summary()).append("\n\n");
        sb.append("Tolerances: DQ identical; SCI/ERR |java-oracle| <= atol + rtol*|oracle| (non-CTE 1e-5/1e-3, CTE 1e-4/1e-2);"
                + " keywords per golden/README.md. Max rel is over pixels with a non-zero oracle value.\n\n");
        sb.append("## Products\n\n");
        sb.append("| case | product | extension | max abs dev | max rel dev | DQ mismatches | keyword mismatches | verdict |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        caseRows.forEach(r -> sb.append(r).append('\n'));
        if (!timingRows.isEmpty()) {
            sb.append("\n## Timing\n\n| case | exit status | java wall s (in-process) | oracle wall s |\n|---|---|---|---|\n");
            timingRows.forEach(r -> sb.append(r).append('\n'));
        }
        if (!badRows.isEmpty()) {
            sb.append("\n## Bad inputs\n\n| file | exit status | message | products left | verdict |\n|---|---|---|---|---|\n");
            badRows.forEach(r -> sb.append(r).append('\n'));
        }
        if (!notes.isEmpty()) {
            sb.append("\n## Notes\n\n");
            notes.forEach(n -> sb.append("* ").append(esc(n)).append('\n'));
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, file.toAbsolutePath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    private static String truncate(String s, int n) {
        if (s == null) {
            return "";
        }
        return s.length() <= n ? s : s.substring(0, n) + "…";
    }
}
