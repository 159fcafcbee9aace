package org.camelcalacs.camel.component.crds;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where missing reference files come from (a CRDS-compatible server). Kept behind an interface so that the cache
 * logic (single flight, verification, atomic placement, retries) is tested without a network.
 */
public interface ReferenceSource {

    /**
     * Copies reference file {@code name} to {@code out}.
     *
     * @throws NotFoundException if the source does not have the file (not worth retrying)
     * @throws IOException       on any other failure (retried)
     */
    void download(String name, OutputStream out) throws IOException;

    /** A file the source does not have. */
    class NotFoundException extends IOException {
        private static final long serialVersionUID = 1L;

        public NotFoundException(String message) {
            super(message);
        }
    }
}
