package org.camelcalacs.routes.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The service's directories under {@code --work}: inbox/ (drop here), products/, done/, failed/, refs/ (CRDS cache),
 * and .staging/ (private per-input work areas; products are moved out of it by atomic rename).
 */
public record WorkDirs(Path work, Path inbox, Path products, Path done, Path failed, Path refs, Path staging) {

    public static WorkDirs under(Path work) {
        Path w = work.toAbsolutePath().normalize();
        return new WorkDirs(w, w.resolve("inbox"), w.resolve("products"), w.resolve("done"), w.resolve("failed"),
                w.resolve("refs"), w.resolve(".staging"));
    }

    /** The jref directory inside the CRDS cache. */
    public Path cacheJref() {
        return refs.resolve("references").resolve("hst").resolve("acs");
    }

    public void create() {
        try {
            for (Path p : new Path[] {inbox, products, done, failed, cacheJref(), staging}) {
                Files.createDirectories(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work directories under " + work, e);
        }
    }
}
