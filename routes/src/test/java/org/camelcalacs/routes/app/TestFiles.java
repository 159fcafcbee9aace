package org.camelcalacs.routes.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Helpers for the service tests: shared data, drop-folder writes, listings. */
final class TestFiles {
    static final Path SHARED = shared();

    private static Path shared() {
        Path p = Path.of(System.getProperty("calacs.shared.dir", "/work/shared"));
        return Files.isDirectory(p.resolve("golden")) ? p : Path.of("/work/shared");
    }

    private TestFiles() {
    }

    /** Writes like a well-behaved producer: hidden name, then rename into the inbox. */
    static void drop(Path src, Path inbox, String name) throws IOException {
        Path tmp = inbox.resolve("." + name + ".part");
        Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static void gunzip(Path gz, Path out) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Gunzips every *.gz of {@code dir} into {@code out}. */
    static void gunzipAll(Path dir, Path out) throws IOException {
        Files.createDirectories(out);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".gz")).toList()) {
                String n = p.getFileName().toString();
                gunzip(p, out.resolve(n.substring(0, n.length() - 3)));
            }
        }
    }

    /**
     * Skips the calling test when the shared corpus is absent, unless -Dcalacs.golden.required=true (CI), in which
     * case a missing corpus fails it.
     */
    static void requireShared() {
        boolean present = Files.isDirectory(SHARED.resolve("golden/bad-inputs"))
                && Files.isDirectory(SHARED.resolve("realdata"));
        if (!present && Boolean.getBoolean("calacs.golden.required")) {
            throw new AssertionError("the shared corpus is required but missing: " + SHARED);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "shared corpus not found at " + SHARED);
    }

    static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
