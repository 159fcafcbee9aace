package org.camelcalacs.core.golden;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Files of ../shared/realdata (real ACS files; system property calacs.shared.dir, set by the build). */
public final class RealData {
    private RealData() {
    }

    /**
     * The real data file {@code name}. Missing: the test is skipped with the reason, unless
     * calacs.golden.required=true (CI), where it fails.
     */
    public static Path path(String name) {
        String shared = System.getProperty("calacs.shared.dir");
        Path p = shared == null ? null : Path.of(shared, "realdata", name);
        if (p == null || !Files.isRegularFile(p)) {
            if (Boolean.getBoolean("calacs.golden.required")) {
                throw new AssertionError("real data file missing: " + p);
            }
            Assumptions.abort("real data not found (" + p + "); set -Dshared.dir");
        }
        return p;
    }
}
