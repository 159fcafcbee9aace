package org.camelcalacs.routes.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Done-file mode (by configuration), the directory health checks, the banner, and option errors. */
class DoneFileModeTest {
    @TempDir
    Path tmp;

    @Test
    void inDoneFileModeAFileIsTakenOnlyOnceItsMarkerExists() throws Exception {
        Path jref = tmp.resolve("jref");
        DemoData.drop(tmp.resolve("src"), jref);
        Path cfg = tmp.resolve("done.properties");
        Files.writeString(cfg, "calacs.inbox.doneFileName = ${file:name}.done\ncalacs.raw.settleMs = 100\n"
                + "calacs.inbox.delay = 200\ncamel.management.enabled = false\ncalacs.retry.cron =\n"
                + "calacs.housekeeping.cron =\n");
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        ServiceOptions o = ServiceOptions.parse(new String[] {"--work", tmp.resolve("w").toString(), "--jref",
            jref.toString(), "--config", cfg.toString()}, Map.of());
        CalacsService s = new CalacsService(o, new PrintStream(banner, true, StandardCharsets.UTF_8))
                .bind("engine", new ValidatingFakeEngine());
        s.start(60_000);
        try {
            WorkDirs d = s.dirs();
            assertThat(banner.toString(StandardCharsets.UTF_8)).contains("drop files into : " + d.inbox())
                    .contains("products        : " + d.products());
            // written in place, no marker yet: must wait
            Files.copy(tmp.resolve("src").resolve(DemoData.ROOT + "_raw.fits"), d.inbox().resolve("jdone1aaq_raw.fits"));
            Thread.sleep(1500);
            assertThat(d.inbox().resolve("jdone1aaq_raw.fits")).exists();
            assertThat(TestFiles.names(d.products())).isEmpty();
            Files.writeString(d.inbox().resolve("jdone1aaq_raw.fits.done"), "");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(d.done().resolve("jdone1aaq_raw.fits")));
            assertThat(d.products().resolve("jdone1aaq_flt.fits")).exists();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(TestFiles.names(d.inbox())).isEmpty());
            assertThat(TestFiles.names(d.failed())).isEmpty();

            // a second service on the same work directory refuses to start
            ByteArrayOutputStream err2 = new ByteArrayOutputStream();
            assertThat(ServiceLauncher.run(new String[] {"--work", d.work().toString(), "--port", "0"}, null,
                    new PrintStream(err2, true, StandardCharsets.UTF_8))).isEqualTo(1);
            assertThat(err2.toString(StandardCharsets.UTF_8)).contains("already using");
            var reg = HealthCheckHelper.getHealthCheckRegistry(s.context());
            for (String id : java.util.List.of("inbox", "products", "failed", "references")) {
                HealthCheck c = reg.getCheck(id).orElseThrow();
                assertThat(c.getGroup()).isEqualTo("calacs");
                assertThat(c.call().getState()).as(id).isEqualTo(HealthCheck.State.UP);
            }
            // a missing directory reports DOWN with the reason
            Files.delete(d.failed());
            HealthCheck.Result down = reg.getCheck("failed").orElseThrow().call();
            assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("does not exist"));
            Files.createDirectories(d.failed());
        } finally {
            s.stop();
        }
    }

    @Test
    void badOptionsExitWithStatus2AndHelpWith0() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(ServiceLauncher.run(new String[] {"--port", "x"}, o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port needs a number").contains("Usage:");
        assertThat(ServiceLauncher.run(new String[] {"--bogus"}, o, e)).isEqualTo(2);
        assertThat(ServiceLauncher.run(new String[] {"--config", "/nonexistent.properties"}, o, e)).isEqualTo(2);
        assertThat(ServiceLauncher.run(new String[] {"--help"}, o, e)).isEqualTo(0);
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            err.reset();
            assertThat(ServiceLauncher.run(new String[] {"--work", tmp.resolve("busy").toString(), "--port",
                Integer.toString(busy.getLocalPort())}, o, e)).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("is in use").contains("--port");
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--work DIR");
        ServiceOptions p = ServiceOptions.parse(new String[] {"--work=/w", "--port", "0", "--prop", "a.b=c d",
            "--demo", "--crds-server", "http://127.0.0.1:9"}, Map.of("jref", "/refs/"));
        assertThat(p.work()).isEqualTo(Path.of("/w"));
        assertThat(p.jref()).isEqualTo(Path.of("/refs"));
        assertThat(p.port()).isZero();
        assertThat(p.demo()).isTrue();
        assertThat(p.props()).containsEntry("a.b", "c d");
        assertThat(p.crdsServer()).isEqualTo("http://127.0.0.1:9");
    }
}
