package org.camelcalacs.routes.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.camelcalacs.core.fits.FitsFile;
import org.camelcalacs.core.golden.GoldenCase;
import org.camelcalacs.core.golden.GoldenComparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service with the real calib-core engine and no jref: the reference files of a real SBC repeat association
 * (golden case sbc-real-rpt) are fetched from a CRDS-compatible server on 127.0.0.1 into the cache, then the
 * association and its five gzip'ed members are calibrated into five flt and one sfl, which must match the
 * reference implementation's products (the case's expectations and tolerances).
 */
class RealEngineCrdsServiceTest {
    @TempDir
    Path tmp;

    @Test
    void anAssociationIsCalibratedWithReferencesFetchedIntoTheCache() throws Exception {
        TestFiles.requireShared();
        Path golden = TestFiles.SHARED.resolve("golden/sbc-real-rpt/inputs");
        Path served = tmp.resolve("server");
        TestFiles.gunzipAll(golden.resolve("ref"), served);
        Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/unchecked_get/references/hst/", (HttpExchange ex) -> {
            String name = ex.getRequestURI().getPath().substring("/unchecked_get/references/hst/".length());
            hits.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            Path f = served.resolve(name).normalize();
            if (!f.startsWith(served) || !Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(200, Files.size(f));
            try (OutputStream os = ex.getResponseBody()) {
                Files.copy(f, os);
            }
        });
        server.start();
        CalacsService service = null;
        try {
            ServiceOptions o = ServiceOptions.parse(new String[] {"--work", tmp.resolve("work").toString(),
                "--crds-server", "http://127.0.0.1:" + server.getAddress().getPort(), "--port", "0",
                "--prop", "camel.management.enabled=false", "--prop", "calacs.inbox.delay=200",
                "--prop", "calacs.raw.settleMs=1000", "--prop", "calacs.retry.cron=",
                "--prop", "calacs.housekeeping.cron="}, Map.of());
            service = new CalacsService(o, null);
            service.start(60_000);
            WorkDirs d = service.dirs();
            List<Path> inputs;
            try (Stream<Path> s = Files.list(golden)) {
                inputs = s.filter(p -> p.toString().endsWith(".fits.gz")).sorted().toList();
            }
            // the table first, then the members
            for (Path p : inputs) {
                if (p.getFileName().toString().contains("_asn")) {
                    TestFiles.drop(p, d.inbox(), p.getFileName().toString());
                }
            }
            for (Path p : inputs) {
                if (!p.getFileName().toString().contains("_asn")) {
                    TestFiles.drop(p, d.inbox(), p.getFileName().toString());
                }
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(d.done().resolve("jcrx01010_asn.fits.gz"))
                    || Files.exists(d.failed().resolve("jcrx01010_asn.fits.gz")));
            assertThat(TestFiles.names(d.failed())).isEmpty();
            assertThat(TestFiles.names(d.products())).contains("jcrx01iiq_flt.fits", "jcrx01ijq_flt.fits",
                    "jcrx01ikq_flt.fits", "jcrx01ilq_flt.fits", "jcrx01imq_flt.fits", "jcrx01011_sfl.fits")
                    .noneMatch(n -> n.contains("_tmp") || n.startsWith("."));
            assertThat(TestFiles.names(d.done())).hasSize(6);
            try (FitsFile f = FitsFile.open(d.products().resolve("jcrx01011_sfl.fits"))) {
                assertThat(f.primaryHeader().getStringValue("RPTCORR").trim()).isEqualTo("COMPLETE");
            }
            // end to end: what the service placed in products/ matches the reference implementation's products
            GoldenCase c = GoldenCase.require("sbc-real-rpt");
            for (GoldenCase.Product prod : c.products()) {
                GoldenComparator.ProductResult r = GoldenComparator.compare(c, prod, d.products());
                assertThat(r.pass()).as("%s %s %s %s", prod.product(), r.errors, r.keywordMismatches,
                        r.dqMismatches).isTrue();
            }
            // every reference the members need came from the server, once
            assertThat(TestFiles.names(d.cacheJref())).contains("syn_bpx.fits", "syn_drk.fits", "syn_pfl.fits");
            assertThat(hits).isNotEmpty().allSatisfy((k, v) -> assertThat(v.get()).as(k).isEqualTo(1));
        } finally {
            if (service != null) {
                service.stop();
            }
            server.stop(0);
        }
    }
}
