package org.camelcalacs.routes.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden bad inputs and the broken real files, dropped with good exposures in between, through the service
 * with the real calib-core engine: every broken file lands in failed/ with a report naming the problem, no product
 * of theirs appears, and the good exposures are calibrated.
 */
class BadInputsRealEngineTest {
    @TempDir
    Path tmp;

    @Test
    void brokenFilesFailWithAReasonAndGoodOnesKeepFlowing() throws Exception {
        TestFiles.requireShared();
        Path jref = tmp.resolve("jref");
        Path src = tmp.resolve("src");
        DemoData.drop(src, jref);
        TestFiles.gunzipAll(TestFiles.SHARED.resolve("golden/bad-inputs/inputs/ref"), jref);
        ServiceOptions o = ServiceOptions.parse(new String[] {"--work", tmp.resolve("work").toString(), "--jref",
            jref.toString(), "--port", "0", "--prop", "camel.management.enabled=false",
            "--prop", "calacs.inbox.delay=200", "--prop", "calacs.raw.settleMs=200", "--prop", "calacs.retry.cron=",
            "--prop", "calacs.housekeeping.cron="}, Map.of());
        CalacsService service = new CalacsService(o, null);
        service.start(60_000);
        try {
            WorkDirs d = service.dirs();
            List<String> bad = new ArrayList<>();
            try (Stream<Path> s = Files.list(TestFiles.SHARED.resolve("golden/bad-inputs/inputs"))) {
                for (Path p : s.filter(p -> p.toString().endsWith("_raw.fits.gz")).sorted().toList()) {
                    TestFiles.drop(p, d.inbox(), p.getFileName().toString());
                    bad.add(p.getFileName().toString());
                }
            }
            TestFiles.drop(src.resolve(DemoData.ROOT + "_raw.fits"), d.inbox(), "jgood1aaq_raw.fits");
            int i = 0;
            try (Stream<Path> s = Files.list(TestFiles.SHARED.resolve("realdata"))) {
                for (Path p : s.filter(p -> p.getFileName().toString().matches(".*(bad|broke).*")).sorted().toList()) {
                    String renamed = "jrb0" + (++i) + "aaq_raw.fits";
                    TestFiles.drop(p, d.inbox(), renamed);
                    bad.add(renamed);
                }
            }
            TestFiles.drop(src.resolve(DemoData.ROOT + "_raw.fits"), d.inbox(), "jgood2aaq_raw.fits");
            assertThat(bad).hasSize(11);
            await().atMost(Duration.ofSeconds(150)).untilAsserted(() -> {
                for (String b : bad) {
                    assertThat(d.failed().resolve(b + ".error.txt")).as(b).exists();
                    assertThat(d.failed().resolve(b)).as(b).exists();
                }
                assertThat(d.done().resolve("jgood2aaq_raw.fits")).exists();
            });
            assertThat(TestFiles.names(d.products())).contains("jgood1aaq_flt.fits", "jgood2aaq_flt.fits");
            for (String b : bad) {
                String root = b.split("_")[0];
                assertThat(TestFiles.names(d.products())).as(b).noneMatch(n -> n.startsWith(root + "_"));
                Map<String, String> r = FailureReport.parse(Files.readString(d.failed().resolve(b + ".error.txt"),
                        StandardCharsets.UTF_8));
                assertThat(r.get("error")).as(b).isNotBlank();
                assertThat(r.get("category")).as(b).isNotIn("internal-error", "not-implemented");
            }
            // the report's reference listing says the traversal name is refused (never resolved to /etc/passwd)
            assertThat(Files.readString(d.failed().resolve("jbad04ptq_raw.fits.gz.error.txt")))
                    .contains("DARKFILE = jref$../../../../../etc/passwd [refused:");
            Map<String, String> missing = FailureReport.parse(Files.readString(d.failed().resolve("jbad03mrq_raw.fits.gz.error.txt")));
            assertThat(missing.get("category")).isEqualTo("missing-reference");
            assertThat(TestFiles.names(d.staging())).isEmpty();
        } finally {
            service.stop();
        }
    }
}
