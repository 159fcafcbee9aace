package org.camelcalacs.camel.component.crds;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads from a CRDS-compatible server: {@code GET <server>/unchecked_get/references/hst/<name>}, with a connect
 * timeout and a per-read timeout (a stalled body fails instead of hanging).
 */
public class HttpReferenceSource implements ReferenceSource {
    private static final Logger LOG = LoggerFactory.getLogger(HttpReferenceSource.class);

    private final String server;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;

    public HttpReferenceSource(String server, int connectTimeoutMs, int readTimeoutMs) {
        this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
    }

    public String server() {
        return server;
    }

    @Override
    public void download(String name, OutputStream out) throws IOException {
        URI uri = URI.create(server + "/unchecked_get/references/hst/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        LOG.debug("GET {}", uri);
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(connectTimeoutMs);
        c.setReadTimeout(readTimeoutMs);
        c.setInstanceFollowRedirects(true);
        try {
            int code = c.getResponseCode();
            if (code == 404 || code == 410) {
                throw new NotFoundException("the server has no reference file " + name + " (HTTP " + code + ")");
            }
            if (code != 200) {
                throw new IOException("HTTP " + code + " from " + uri);
            }
            try (InputStream in = c.getInputStream()) {
                in.transferTo(out);
            }
        } finally {
            c.disconnect();
        }
    }
}
