package org.camelcalacs.camel.component.calacs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.model.RefType;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.SwitchValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalacsComponentTest extends CamelTestSupport {
    private final FakeEngine engine = new FakeEngine();

    @TempDir
    Path dir;

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        registry.bind("engine", engine);
        registry.bind(CalacsMetrics.CAMEL_REGISTRY_BEAN, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    private Path input(String name) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "not read by the fake engine");
        return p;
    }

    @Test
    void uriOptionsBindToTheConfiguration() {
        CalacsEndpoint e = context.getEndpoint("calacs:2d?threads=3&switch.FLATCORR=omit&switch.PCTECORR=PERFORM"
                + "&override.BIASFILE=jref$b.fits&saveTemporaries=true&outputDir=/x&overwrite=true&jref=/j&pctetab=p.fits",
                CalacsEndpoint.class);
        CalacsConfiguration c = e.getConfiguration();
        assertThat(e.stage()).isEqualTo(CalacsStage.TWO_D);
        assertThat(c.getThreads()).isEqualTo(3);
        assertThat(c.getSwitchOverrides()).containsEntry("FLATCORR", "omit").containsEntry("PCTECORR", "PERFORM");
        assertThat(c.getReferenceOverrides()).containsEntry("BIASFILE", "jref$b.fits");
        assertThat(c.isSaveTemporaries()).isTrue();
        assertThat(c.isOverwrite()).isTrue();
        assertThat(c.getOutputDir()).isEqualTo("/x");
        assertThat(c.getJref()).isEqualTo("/j");
        assertThat(c.getPctetab()).isEqualTo("p.fits");
        // endpoints never share the override maps
        CalacsEndpoint other = context.getEndpoint("calacs:ccd", CalacsEndpoint.class);
        assertThat(other.getConfiguration().getSwitchOverrides()).isEmpty();
    }

    @Test
    void badOptionsAreRejectedNamingTheOption() {
        assertThatThrownBy(() -> context.getEndpoint("calacs:flt")).isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("unknown calacs stage 'flt'");
        assertThatThrownBy(() -> context.getEndpoint("calacs:2d?switch.NOPECORR=OMIT"))
                .hasMessageContaining("switch.NOPECORR");
        assertThatThrownBy(() -> context.getEndpoint("calacs:2d?switch.FLATCORR=MAYBE"))
                .hasMessageContaining("PERFORM or OMIT");
        assertThatThrownBy(() -> context.getEndpoint("calacs:2d?override.FOOFILE=x"))
                .hasMessageContaining("override.FOOFILE");
        assertThatThrownBy(() -> context.getEndpoint("calacs:2d?threads=-2")).hasMessageContaining("threads");
        assertThatThrownBy(() -> context.getEndpoint("calacs:2d?verbosity=LOUD")).hasMessageContaining("verbosity");
    }

    @Test
    void everyStageCallsItsEngineMethodAndReportsProducts() throws Exception {
        Path raw = input("j1_raw.fits");
        for (String stage : List.of("ccd", "cte", "2d", "forward-model", "calacs")) {
            Exchange out = template.send("calacs:" + stage + "?outputDir=" + dir.resolve(stage), e -> e.getIn().setBody(raw));
            assertThat(out.getException()).as(stage).isNull();
            List<String> products = out.getMessage().getHeader(CalacsConstants.PRODUCTS, List.class);
            assertThat(products).as(stage).hasSize(1);
            assertThat(Path.of(products.get(0))).exists().startsWith(dir.resolve(stage));
            assertThat(out.getMessage().getHeader(CalacsConstants.STEPS_PERFORMED, List.class)).as(stage)
                    .contains("DQICORR");
            assertThat(out.getMessage().getHeader(CalacsConstants.STEPS_SKIPPED, List.class)).as(stage)
                    .containsExactly("FLATCORR");
            Map<String, Long> timings = out.getMessage().getHeader(CalacsConstants.TIMINGS, Map.class);
            assertThat(timings).as(stage).isNotEmpty();
        }
        assertThat(engine.calls).containsExactly("ccd:j1_raw.fits", "cte:j1_raw.fits", "2d:j1_raw.fits",
                "forward-model:j1_raw.fits", "calacs:j1_raw.fits");
        // the driver's per-stage timings become stage timers, tagged by stage only
        assertThat(CalacsMetrics.of(context).registry().find(CalacsMetrics.STAGE_TIMER).tag("stage", "acs2d").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(12.0);
        // single stages read the switches from the product they wrote
        Exchange ccd = template.send("calacs:ccd?outputDir=" + dir.resolve("again") , e -> e.getIn().setBody(raw.toString()));
        assertThat(ccd.getMessage().getHeader(CalacsConstants.STEPS_OMITTED, List.class)).containsExactly("PCTECORR");
        assertThat(ccd.getMessage().getBody()).isInstanceOf(File.class);
    }

    @Test
    void rejAndSumTakeAListBody() throws Exception {
        List<Path> in = List.of(input("ja_flt.fits"), input("jb_flt.fits"), input("jc_flt.fits"));
        template.sendBody("calacs:rej", in);
        template.sendBody("calacs:sum", in.stream().map(Path::toString).toList());
        assertThat(engine.calls).contains("rej-inputs:3", "sum-inputs:3");
        assertThatThrownBy(() -> template.sendBody("calacs:2d", in)).isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage("calacs:2d takes one input file, not 3");
    }

    @Test
    void headersWinOverUriOptions() throws Exception {
        Path raw = input("j2_raw.fits");
        template.send("calacs:2d?threads=3&switch.FLATCORR=OMIT&override.DARKFILE=a.fits&overwrite=false", e -> {
            e.getIn().setBody(raw);
            e.getIn().setHeader(CalacsConstants.THREADS, 1);
            e.getIn().setHeader(CalacsConstants.SWITCH_OVERRIDES, Map.of("FLATCORR", "PERFORM", "DQICORR", "OMIT"));
            e.getIn().setHeader(CalacsConstants.REFERENCE_OVERRIDES, Map.of("DARKFILE", "b.fits"));
            e.getIn().setHeader(CalacsConstants.OUTPUT_DIR, dir.resolve("h").toString());
            e.getIn().setHeader(CalacsConstants.JREF, "/refs");
            e.getIn().setHeader(CalacsConstants.STAGE, "ccd");
        });
        RunOptions o = engine.contexts.get(0).options();
        assertThat(engine.calls).containsExactly("ccd:j2_raw.fits");
        assertThat(o.threads()).isEqualTo(1);
        assertThat(o.switchOverrides()).containsEntry(Switch.FLATCORR, SwitchValue.PERFORM)
                .containsEntry(Switch.DQICORR, SwitchValue.OMIT);
        assertThat(o.referenceOverrides()).containsEntry(RefType.DARKFILE, "b.fits");
        assertThat(o.outputDir()).isEqualTo(dir.resolve("h"));
        assertThat(engine.contexts.get(0).env()).containsEntry("jref", "/refs/");
        assertThat(engine.contexts.get(0).refs().prefixes()).containsEntry("jref", Path.of("/refs"));
    }

    @Test
    void uriOptionsApplyWithoutHeadersAndOutputDefaultsToTheInputDirectory() throws Exception {
        Path raw = input("j3_raw.fits");
        template.sendBody("calacs:2d?threads=3&switch.FLATCORR=OMIT&saveTemporaries=true", raw.toFile());
        RunOptions o = engine.contexts.get(0).options();
        assertThat(o.threads()).isEqualTo(3);
        assertThat(o.switchOverrides()).containsExactly(Map.entry(Switch.FLATCORR, SwitchValue.OMIT));
        assertThat(o.saveTemporaries()).isTrue();
        assertThat(o.outputDir()).isEqualTo(dir);
    }

    @Test
    void calibrationErrorsPropagateWithTheInputNamed() throws Exception {
        Path raw = input("j4_raw.fits");
        engine.failWith = (ReferenceFileException) new ReferenceFileException("reference file BIASFILE not found")
                .forKeyword("BIASFILE").inStage("ACSCCD");
        Exchange out = template.send("calacs:ccd", e -> e.getIn().setBody(raw));
        assertThat(out.getException()).isInstanceOf(ReferenceFileException.class);
        ReferenceFileException r = (ReferenceFileException) out.getException();
        assertThat(r.file()).isEqualTo("j4_raw.fits");
        assertThat(r.keyword()).isEqualTo("BIASFILE");
        assertThat(r.stage()).isEqualTo("ACSCCD");
        // the failed invocation is timed with outcome=failure
        assertThat(CalacsMetrics.of(context).registry().find(CalacsMetrics.STAGE_TIMER).tag("stage", "ccd")
                .tag("outcome", "failure").timer().count()).isEqualTo(1);
    }

    @Test
    void progressEventsBecomeMessagesOnTheProgressEndpoint() throws Exception {
        org.apache.camel.component.mock.MockEndpoint progress = getMockEndpoint("mock:progress");
        progress.expectedBodiesReceived("amp A of chip 1 done", "amp B of chip 1 done");
        progress.expectedHeaderValuesReceivedInAnyOrder(CalacsConstants.PROGRESS_FRACTION, 0.5, 1.0);
        progress.allMessages().header(CalacsConstants.PROGRESS_STAGE).isEqualTo("ACSCTE");
        progress.allMessages().header(CalacsConstants.PROGRESS_STEP).isEqualTo("PCTECORR");
        Path out = dir.resolve("out");
        template.sendBody("calacs:cte?progressUri=mock:progress&outputDir=" + out, input("jx_blv_tmp.fits").toString());
        progress.assertIsSatisfied();
        assertThat(out.resolve("jx_blc_tmp.fits")).isRegularFile();
    }

    @Test
    void withoutProgressUriNothingIsSent() throws Exception {
        getMockEndpoint("mock:progress").expectedMessageCount(0);
        template.sendBody("calacs:cte?outputDir=" + dir.resolve("o2"), input("jy_blv_tmp.fits").toString());
        getMockEndpoint("mock:progress").assertIsSatisfied();
    }
}
