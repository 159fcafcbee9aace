package org.camelcalacs.routes.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.camelcalacs.camel.component.calacs.CalacsConstants;
import org.camelcalacs.camel.component.calacs.CalacsEngine;
import org.camelcalacs.core.acsrej.RejParams;
import org.camelcalacs.core.calacs.CalAcsResult;
import org.camelcalacs.core.calacs.RunContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example YAML routes in config/routes load against the route templates and do what they say. */
class YamlRoutesTest {
    @TempDir
    Path tmp;

    /** Records stage calls; each stage "writes" a copy of its input under the stage's product name. */
    static final class ChainEngine implements CalacsEngine {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        private Path copy(String op, Path in, String suffix, RunContext ctx) {
            calls.add(op + ":" + in.getFileName() + (ctx.options().pctetab() != null ? ":" + ctx.options().pctetab() : ""));
            Path out = ctx.options().outputDir().resolve(in.getFileName().toString().split("_")[0] + suffix);
            try {
                Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out;
        }

        @Override
        public Path ccd(Path input, RunContext ctx) {
            return copy("ccd", input, "_blv_tmp.fits", ctx);
        }

        @Override
        public Path cte(Path input, RunContext ctx) {
            return copy("cte", input, "_blc_tmp.fits", ctx);
        }

        @Override
        public Path acs2d(Path input, Path output, RunContext ctx) {
            calls.add("2d-switches:" + ctx.options().switchOverrides());
            return copy("2d", input, "_flc.fits", ctx);
        }

        @Override
        public Path rej(List<Path> inputs, Path output, RejParams params, RunContext ctx) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path sum(List<Path> inputs, Path output, RunContext ctx) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path forwardModel(Path input, RunContext ctx) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CalAcsResult calacs(String input, RunContext ctx) {
            Path flt = copy("calacs", Path.of(input), "_flt.fits", ctx);
            return new CalAcsResult(List.of(flt), List.of(), false, java.util.Map.of(), java.util.Map.of());
        }
    }

    @Test
    void exampleRoutesLoadAndRun() throws Exception {
        Path config = Path.of("..", "config", "routes").toAbsolutePath().normalize();
        ChainEngine engine = new ChainEngine();
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.getRegistry().bind("engine", engine);
            ctx.getPropertiesComponent().addInitialProperty("calacs.work", tmp.toString());
            ctx.getPropertiesComponent().addInitialProperty("calacs.crds.server", "");
            ctx.addRoutes(new CalacsRouteTemplates());
            List<Path> yamls;
            try (Stream<Path> s = Files.list(config)) {
                yamls = s.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
            }
            assertThat(yamls).hasSize(3);
            for (Path y : yamls) {
                PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.resolveResource(ctx, "file:" + y));
            }
            ctx.start();
            assertThat(ctx.getRoutes()).extracting(r -> r.getRouteId())
                    .contains("hrc-drop-folder", "ccd-cte-2d", "nightly-prefetch");

            Path raw = tmp.resolve("jwfc01abq_raw.fits");
            Files.writeString(raw, "pretend raw");
            var out = ctx.createProducerTemplate().send("direct:ccd-cte-2d", e -> e.getIn().setBody(raw));
            assertThat(out.getException()).isNull();
            assertThat(engine.calls).containsExactly("ccd:jwfc01abq_raw.fits", "cte:jwfc01abq_blv_tmp.fits:jref$my_cte.fits",
                    "2d-switches:{FLATCORR=PERFORM}", "2d:jwfc01abq_blc_tmp.fits");
            assertThat(out.getMessage().getHeader(CalacsConstants.PRODUCTS, List.class).get(0).toString())
                    .endsWith("jwfc01abq_flc.fits");

            // the same templates from Java
            org.apache.camel.builder.TemplatedRouteBuilder.builder(ctx, "calacs-stage").routeId("java-2d")
                    .parameter("name", "java-2d").parameter("stage", "2d").parameter("next", "log:java-2d").add();
            engine.calls.clear();
            var j = ctx.createProducerTemplate().send("direct:java-2d", e -> e.getIn().setBody(raw.toString()));
            assertThat(j.getException()).isNull();
            assertThat(engine.calls).containsExactly("2d-switches:{}", "2d:jwfc01abq_raw.fits");

            // the templated drop folder
            Path inbox = tmp.resolve("hrc-inbox");
            Files.createDirectories(inbox);
            Files.writeString(inbox.resolve(".jhrc01abq_raw.fits"), "pretend raw");
            Files.move(inbox.resolve(".jhrc01abq_raw.fits"), inbox.resolve("jhrc01abq_raw.fits"));
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(tmp.resolve("hrc-products/jhrc01abq_flt.fits")));
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox.resolve(".done/jhrc01abq_raw.fits")));
        }
    }
}
