package org.camelcalacs.camel.component.calacs;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;

/**
 * The service's own meters, registered in the Camel context's Micrometer registry (the Prometheus one under
 * camel-main, bean {@code metricsRegistry}): per-stage timers, counters of exposures processed and failed (by
 * reason), and in-flight gauges. Shared through the Camel registry as bean {@value #BEAN}.
 */
public final class CalacsMetrics {
    /** Name of this object in the Camel registry. */
    public static final String BEAN = "calacsMetrics";
    /** Micrometer registry bean name used by camel-micrometer (MicrometerConstants.METRICS_REGISTRY_NAME). */
    public static final String CAMEL_REGISTRY_BEAN = "metricsRegistry";

    public static final String STAGE_TIMER = "calacs.stage.duration";
    public static final String PROCESSED = "calacs.exposures.processed";
    public static final String FAILED = "calacs.exposures.failed";
    public static final String INFLIGHT = "calacs.exposures.inflight";
    public static final String STAGES_INFLIGHT = "calacs.stages.inflight";

    private final MeterRegistry registry;
    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicInteger stagesInflight = new AtomicInteger();

    public CalacsMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(INFLIGHT, inflight, AtomicInteger::get)
                .description("inputs (exposures or associations) being calibrated now").register(registry);
        Gauge.builder(STAGES_INFLIGHT, stagesInflight, AtomicInteger::get)
                .description("calacs: endpoint invocations running now").register(registry);
    }

    /**
     * The metrics bound to {@code context}, created on first use over the context's Micrometer registry
     * ({@value #CAMEL_REGISTRY_BEAN}, else the only MeterRegistry bound, else Micrometer's global registry).
     */
    public static CalacsMetrics of(CamelContext context) {
        synchronized (context) {
            CalacsMetrics m = context.getRegistry().lookupByNameAndType(BEAN, CalacsMetrics.class);
            if (m != null) {
                return m;
            }
            MeterRegistry reg = context.getRegistry().lookupByNameAndType(CAMEL_REGISTRY_BEAN, MeterRegistry.class);
            if (reg == null) {
                Set<MeterRegistry> all = context.getRegistry().findByType(MeterRegistry.class);
                reg = all.size() == 1 ? all.iterator().next() : Metrics.globalRegistry;
            }
            m = new CalacsMetrics(reg);
            context.getRegistry().bind(BEAN, m);
            return m;
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Records one stage invocation. */
    public void stageTime(String stage, long nanos, boolean ok) {
        Timer.builder(STAGE_TIMER).description("wall time of calacs stage invocations")
                .tag("stage", stage).tag("outcome", ok ? "success" : "failure")
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** Counts an input calibrated successfully; {@code kind} is raw or asn. */
    public void processed(String kind) {
        Counter.builder(PROCESSED).description("inputs calibrated successfully").tag("kind", kind)
                .register(registry).increment();
    }

    /** Counts an input that went to the failure endpoint, by reason category. */
    public void failed(String reason) {
        Counter.builder(FAILED).description("inputs that failed, by reason").tag("reason", reason)
                .register(registry).increment();
    }

    public void inflightIncrement() {
        inflight.incrementAndGet();
    }

    public void inflightDecrement() {
        inflight.decrementAndGet();
    }

    public int inflight() {
        return inflight.get();
    }

    void stageStarted() {
        stagesInflight.incrementAndGet();
    }

    void stageEnded() {
        stagesInflight.decrementAndGet();
    }
}
