package org.camelcalacs.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.camelcalacs.core.golden.GoldenCase;
import org.camelcalacs.core.golden.GoldenComparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers in bin/ as a user runs them: a fresh JVM from the packaged jar (failsafe runs this after
 * {@code package}, so routes/target/camel-calacs.jar and lib/ exist).
 */
class LaunchersIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path cwd;

    private static Process start(Path dir, Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as(out).isTrue();
        return out;
    }

    @Test
    void wrappersExistAndReportTheVersionAndUsageErrors() throws Exception {
        assertThat(ROOT.resolve("routes/target/camel-calacs.jar")).isRegularFile();
        for (String w : List.of("camel-calacs", "calacs", "acsccd", "acscte", "acs2d", "acsrej", "acssum",
                "acscteforwardmodel")) {
            assertThat(ROOT.resolve("bin").resolve(w)).isExecutable();
        }
        Process v = start(cwd, Map.of(), ROOT.resolve("bin/calacs").toString(), "--version");
        String out = finish(v);
        assertThat(v.exitValue()).as(out).isZero();
        assertThat(out.trim()).isEqualTo("10.5.0 (16-Mar-2026)");

        Process bad = start(cwd, Map.of(), ROOT.resolve("bin/calacs").toString(), "-x", "y");
        String badOut = finish(bad);
        assertThat(bad.exitValue()).as(badOut).isEqualTo(2);
    }

    @Test
    void binCalacsCalibratesARealHrcExposureInTheCurrentDirectory() throws Exception {
        GoldenCase c = GoldenCase.require("hrc-real-single");
        Path ref = c.prepare(cwd);
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(ROOT.resolve("bin/calacs").toString());
        cmd.addAll(c.commandArgs().subList(1, c.commandArgs().size()));
        Process p = start(cwd, Map.of("jref", ref + "/"), cmd.toArray(String[]::new));
        String out = finish(p);
        assertThat(p.exitValue()).as(out).isZero();
        for (GoldenCase.Product prod : c.products()) {
            assertThat(cwd.resolve(prod.product())).isRegularFile();
            GoldenComparator.ProductResult r = GoldenComparator.compare(c, prod, cwd);
            assertThat(r.pass()).as("%s %s %s %s", prod.product(), r.errors, r.keywordMismatches, r.dqMismatches).isTrue();
        }
        assertThat(cwd.resolve("j8bt05njq.tra")).isRegularFile();
        try (var files = Files.list(cwd)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains("_tmp") || n.startsWith("."));
        }
    }
}
