package org.camelcalacs.core.golden;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A must-pass list: a plain text resource, one id per line ({@code #} starts a comment). A listed case that
 * fails fails the build; the others run and are reported only. Lists start empty and grow as stages land.
 */
public final class MustPassList {
    private MustPassList() {
    }

    /** Reads a classpath resource (e.g. {@code /golden-must-pass.txt}); a missing resource is an error. */
    public static Set<String> load(String resource) {
        try (InputStream in = MustPassList.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("must-pass list " + resource + " not found on the test classpath");
            }
            Set<String> ids = new LinkedHashSet<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                int hash = line.indexOf('#');
                String t = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!t.isEmpty()) {
                    ids.add(t);
                }
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
