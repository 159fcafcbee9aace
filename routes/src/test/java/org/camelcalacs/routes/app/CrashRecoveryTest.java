package org.camelcalacs.routes.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the service in a separate JVM, kills it with SIGKILL in the middle of a calibration, restarts it, and
 * checks that every input was calibrated, nothing was lost or duplicated, and no temporary is left.
 */
class CrashRecoveryTest {
    private static final int INPUTS = 5;

    @TempDir
    Path tmp;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killAll() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process startService(Path work, Path jref, int port, long sleepMs, Path engineLog, Path out)
            throws Exception {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", cp, "-Dcalacs.fake.sleepMs=" + sleepMs,
                "-Dcalacs.fake.log=" + engineLog, CrashTestMain.class.getName(),
                "--work", work.toString(), "--jref", jref.toString(), "--port", Integer.toString(port),
                "--prop", "calacs.raw.settleMs=100", "--prop", "calacs.inbox.delay=200",
                "--prop", "calacs.retry.cron=", "--prop", "calacs.housekeeping.cron="));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        processes.add(p);
        await().atMost(Duration.ofSeconds(90)).until(() -> !p.isAlive()
                || Files.readString(out, StandardCharsets.UTF_8).contains("camel-calacs service started"));
        assertThat(p.isAlive()).as("service JVM is running; output:%n%s", Files.readString(out)).isTrue();
        return p;
    }

    private static Map<String, Integer> count(Path log, String what) throws Exception {
        Map<String, Integer> m = new TreeMap<>();
        if (Files.exists(log)) {
            for (String l : Files.readAllLines(log)) {
                if (l.startsWith(what + " ")) {
                    m.merge(l.substring(what.length() + 1), 1, Integer::sum);
                }
            }
        }
        return m;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void killDashNineMidRunLosesAndDuplicatesNothing() throws Exception {
        Path work = tmp.resolve("work");
        Path jref = tmp.resolve("jref");
        Path src = tmp.resolve("src");
        DemoData.drop(src, jref);
        WorkDirs dirs = WorkDirs.under(work);
        Path engineLog = tmp.resolve("engine.log");
        int port = freePort();

        Process first = startService(work, jref, port, 1500, engineLog, tmp.resolve("run1.log"));
        List<String> inputs = new ArrayList<>();
        for (int i = 1; i <= INPUTS; i++) {
            String name = "jcrsh" + i + "aq_raw.fits";
            TestFiles.drop(src.resolve(DemoData.ROOT + "_raw.fits"), dirs.inbox(), name);
            inputs.add(name);
        }
        // wait until two inputs are finished and a third is being calibrated
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            int ends = count(engineLog, "end").values().stream().mapToInt(Integer::intValue).sum();
            int starts = count(engineLog, "start").values().stream().mapToInt(Integer::intValue).sum();
            return ends >= 2 && starts > ends;
        });
        Thread.sleep(400);
        new ProcessBuilder("kill", "-9", Long.toString(first.pid())).start().waitFor();
        first.waitFor();
        assertThat(first.exitValue()).isEqualTo(137);

        List<String> doneBeforeRestart = TestFiles.names(dirs.done());
        List<String> inboxAfterCrash = TestFiles.names(dirs.inbox()).stream().filter(n -> !n.startsWith(".")).toList();
        assertThat(doneBeforeRestart.size() + inboxAfterCrash.size()).as("no input lost by the crash").isEqualTo(INPUTS);
        assertThat(inboxAfterCrash).isNotEmpty();

        Process second = startService(work, jref, port, 100, engineLog, tmp.resolve("run2.log"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(TestFiles.names(dirs.done())).containsExactlyInAnyOrderElementsOf(inputs);
            assertThat(TestFiles.names(dirs.inbox())).isEmpty();
        });
        Map<String, Integer> ends = count(engineLog, "end");
        for (String in : inputs) {
            String root = in.split("_")[0];
            assertThat(dirs.products().resolve(root + "_flt.fits")).exists();
            assertThat(dirs.products().resolve(root + ".tra")).exists();
            assertThat(ends.getOrDefault(in, 0)).as("calibrations of %s", in).isGreaterThanOrEqualTo(1);
            if (doneBeforeRestart.contains(in)) {
                assertThat(ends.get(in)).as("%s was finished before the crash and not redone", in).isEqualTo(1);
            }
        }
        // products: one flt and one trailer per input, no temporaries, nothing hidden
        assertThat(TestFiles.names(dirs.products())).hasSize(2 * INPUTS)
                .noneMatch(n -> n.startsWith(".") || n.contains("_tmp"));
        assertThat(TestFiles.names(dirs.staging())).isEmpty();
        assertThat(TestFiles.names(dirs.failed())).isEmpty();
        assertThat(Files.readString(tmp.resolve("run2.log"))).doesNotContain("Exception");

        // the restarted service serves health and metrics on 127.0.0.1
        HttpClient http = HttpClient.newHttpClient();
        String health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(health).contains("UP");
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("calacs_exposures_processed_total{kind=\"raw\"}")
                .contains("calacs_stage_duration_seconds_count{").contains("calacs_exposures_inflight");
        second.destroy();
        second.waitFor();
        assertThat(new File(tmp.toFile(), "run2.log")).exists();
    }
}
