package org.camelcalacs.camel.component.crds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import nom.tam.fits.Header;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Imset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crds: against a CRDS-compatible server played by a JDK HttpServer on 127.0.0.1. */
class CrdsTest extends CamelTestSupport {
    private static final byte[] PAYLOAD = "SIMPLE  =  T  pretend reference file".repeat(100).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path cacheRoot;

    private HttpServer server;
    private String url;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    /** Per request number (1-based) of a file: what to do. */
    private volatile Function<Integer, Integer> behaviour = n -> 200;
    private volatile long delayMs;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/unchecked_get/references/hst/", this::handle);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String name = ex.getRequestURI().getPath().substring("/unchecked_get/references/hst/".length());
        int n = hits.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        int code = name.startsWith("absent") ? 404 : behaviour.apply(n);
        try {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = code == 200 ? PAYLOAD : ("error " + code).getBytes(StandardCharsets.US_ASCII);
        if (code == 299) { // 200 with a corrupted payload
            body = PAYLOAD.clone();
            body[10] ^= 0x20;
            code = 200;
        }
        ex.sendResponseHeaders(code, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    private CrdsCache cache(int attempts) {
        return new CrdsCache(cacheRoot, new HttpReferenceSource(url, 2000, 500), attempts, 10, 40);
    }

    private int hits(String name) {
        AtomicInteger a = hits.get(name);
        return a == null ? 0 : a.get();
    }

    @Test
    void downloadsIntoTheCrdsLayoutWithChecksAndThenServesFromTheCache() throws Exception {
        CrdsCache c = cache(3);
        Path p = c.get("x1_bia.fits", (long) PAYLOAD.length, sha1(PAYLOAD));
        assertThat(p).isEqualTo(cacheRoot.resolve("references/hst/acs/x1_bia.fits"));
        assertThat(Files.readAllBytes(p)).isEqualTo(PAYLOAD);
        c.get("jref$x1_bia.fits", null, null);
        assertThat(hits("x1_bia.fits")).isEqualTo(1);
        assertThat(c.downloads()).isEqualTo(1);
    }

    @Test
    void transientServerErrorsAreRetriedWithBackoff() {
        behaviour = n -> n <= 2 ? 503 : 200;
        Path p = cache(4).get("x2_drk.fits", null, null);
        assertThat(p).exists();
        assertThat(hits("x2_drk.fits")).isEqualTo(3);
    }

    @Test
    void aCorruptPayloadIsNeverPlacedAndFailsAfterTheLastAttempt() throws Exception {
        behaviour = n -> 299;
        CrdsCache c = cache(3);
        String sha = sha1(PAYLOAD);
        assertThatThrownBy(() -> c.get("x3_pfl.fits", null, sha)).isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("SHA-1").hasMessageContaining("after 3 attempts");
        assertThat(hits("x3_pfl.fits")).isEqualTo(3);
        assertThat(c.referenceDir().resolve("x3_pfl.fits")).doesNotExist();
        try (var s = Files.list(c.referenceDir())) {
            assertThat(s.toList()).as("no partial download left behind").isEmpty();
        }
        // a wrong size is caught the same way, and a good payload afterwards is accepted
        behaviour = n -> 200;
        assertThatThrownBy(() -> c.get("x3_pfl.fits", PAYLOAD.length + 1L, null)).hasMessageContaining("bytes, expected");
        assertThat(c.get("x3_pfl.fits", (long) PAYLOAD.length, sha)).exists();
    }

    @Test
    void aFileTheServerDoesNotHaveIsMissingAtOnceWithoutRetries() {
        CrdsCache c = cache(4);
        assertThatThrownBy(() -> c.get("absent_bia.fits", null, null)).isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("missing").hasMessageContaining("HTTP 404");
        assertThat(hits("absent_bia.fits")).isEqualTo(1);
    }

    @Test
    void aStalledServerTimesOut() {
        delayMs = 1500; // read timeout is 500 ms
        CrdsCache c = cache(2);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> c.get("x4_flt.fits", null, null)).isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("timed out");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5000);
        assertThat(c.referenceDir().resolve("x4_flt.fits")).doesNotExist();
    }

    @Test
    void manyConcurrentRequestsForOneFileDownloadItOnce() throws Exception {
        delayMs = 300;
        CrdsCache c = cache(2);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Path>> fs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fs.add(pool.submit(() -> {
                go.await();
                return c.get("x5_ccd.fits", null, null);
            }));
        }
        go.countDown();
        for (Future<Path> f : fs) {
            assertThat(f.get()).exists();
        }
        pool.shutdown();
        assertThat(hits("x5_ccd.fits")).isEqualTo(1);
    }

    @Test
    void namesThatEscapeTheCacheAreRefused() {
        CrdsCache c = cache(1);
        assertThatThrownBy(() -> c.get("jref$../../etc/passwd", null, null)).hasMessageContaining("refusing");
        assertThatThrownBy(() -> c.get("..", null, null)).hasMessageContaining("refusing");
        assertThat(hits).isEmpty();
    }

    @Test
    void resolveEndpointFetchesTheReferencesOfPerformSteps() throws Exception {
        Header h = new Header();
        h.addValue("INSTRUME", "ACS", "");
        h.addValue("DETECTOR", "HRC", "");
        h.addValue("DQICORR", "PERFORM", "");
        h.addValue("BIASCORR", "PERFORM", "");
        h.addValue("DARKCORR", "OMIT", "");
        h.addValue("CCDTAB", "jref$r1_ccd.fits", "");
        h.addValue("BPIXTAB", "jref$r1_bpx.fits", "");
        h.addValue("BIASFILE", "jref$r1_bia.fits", "");
        h.addValue("DARKFILE", "jref$r1_drk.fits", "");
        h.addValue("PFLTFILE", "N/A", "");
        Path raw = cacheRoot.resolve("j9_raw.fits");
        AcsFits.write(new Exposure(raw, h, List.of(Imset.blank(1, 2, 2))), raw, false);

        String uri = "crds:resolve?cachePath=" + cacheRoot + "&server=" + url + "&backoff=1";
        Exchange out = template.send(uri, e -> e.getIn().setBody(raw));
        assertThat(out.getException()).isNull();
        Map<String, String> resolved = out.getMessage().getHeader(CrdsConstants.RESOLVED, Map.class);
        assertThat(resolved).containsOnlyKeys("r1_ccd.fits", "r1_bpx.fits", "r1_bia.fits");
        assertThat(out.getMessage().getHeader(CrdsConstants.DOWNLOADED, List.class)).hasSize(3);
        assertThat(hits).doesNotContainKey("r1_drk.fits");
        assertThat(out.getMessage().getHeader(CrdsConstants.JREF, String.class))
                .isEqualTo(cacheRoot.resolve("references/hst/acs") + "/");
        // second time: nothing downloaded
        Exchange again = template.send(uri, e -> e.getIn().setBody(raw.toString()));
        assertThat(again.getMessage().getHeader(CrdsConstants.DOWNLOADED, List.class)).isEmpty();
        // a server that lacks one: strict fails, non-strict lists it
        h.addValue("BIASFILE", "jref$absent_bia.fits", "");
        AcsFits.write(new Exposure(raw, h, List.of(Imset.blank(1, 2, 2))), raw, true);
        Exchange strict = template.send(uri, e -> e.getIn().setBody(raw));
        assertThat(strict.getException()).isInstanceOf(ReferenceFileException.class);
        Exchange lenient = template.send(uri + "&strict=false", e -> e.getIn().setBody(raw));
        assertThat(lenient.getMessage().getHeader(CrdsConstants.MISSING, List.class)).containsExactly("absent_bia.fits");
    }

    @Test
    void fetchEndpointUsesHeadersForNameAndChecksum() throws Exception {
        String uri = "crds:fetch?cachePath=" + cacheRoot + "&server=" + url;
        Exchange out = template.send(uri, e -> {
            e.getIn().setHeader(CrdsConstants.FILE_NAME, "jref$f1_imp.fits");
            e.getIn().setHeader(CrdsConstants.EXPECTED_SHA1, sha1(PAYLOAD));
        });
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody(java.io.File.class)).exists();
        assertThatThrownBy(() -> context.getEndpoint("crds:fetch")).hasMessageContaining("cachePath");
        assertThatThrownBy(() -> context.getEndpoint("crds:fetch?cachePath=/x&server=ftp://a")).hasMessageContaining("http");
        assertThatThrownBy(() -> context.getEndpoint("crds:download?cachePath=/x")).hasMessageContaining("resolve, fetch");
    }
}
