package org.camelcalacs.routes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.camelcalacs.camel.component.calacs.CalacsMetrics;
import org.camelcalacs.camel.component.calacs.DirectoryHealthCheck;
import org.camelcalacs.camel.component.crds.CrdsCache;
import org.camelcalacs.camel.component.crds.CrdsComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drop-folder service: {@code calacs-inbox} calibrates what lands in inbox/, {@code calacs-retry} (Quartz) puts
 * inputs that failed for a missing reference back, {@code calacs-housekeeping} (Quartz) cleans the reference cache
 * and stale staging areas. Every location and endpoint comes from the {@code calacs.*} properties.
 */
public class CalacsServiceRoutes extends RouteBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(CalacsServiceRoutes.class);

    private ServiceSettings settings;
    private CalibrationProcessor calibration;
    private CrdsCache cache;

    public ServiceSettings settings() {
        return settings;
    }

    private String prop(String key, String dflt) {
        return getContext().getPropertiesComponent().resolveProperty(key).map(String::trim).orElse(dflt);
    }

    @Override
    public void configure() throws Exception {
        String workProp = prop("calacs.work", "calacs-work");
        WorkDirs dirs = WorkDirs.under(Path.of(workProp));
        dirs.create();
        String jrefProp = prop("calacs.jref", "");
        boolean useCrds = jrefProp.isEmpty();
        Path jref = useCrds ? dirs.cacheJref() : Path.of(jrefProp).toAbsolutePath().normalize();
        String server = prop("calacs.crds.server", "");
        CrdsComponent crds = getContext().getComponent("crds", CrdsComponent.class);
        if (crds.getCachePath() == null || crds.getCachePath().isBlank()) {
            crds.setCachePath(dirs.refs().toString());
        }
        if (!server.isEmpty()) {
            crds.setServer(server);
        }
        long asnTimeout = Long.parseLong(prop("calacs.asn.timeoutMs", "300000"));
        long settle = Long.parseLong(prop("calacs.raw.settleMs", "2000"));
        settings = new ServiceSettings(dirs, jref, useCrds, prop("calacs.crds.uri", "crds:resolve"),
                prop("calacs.calacs.uri", "calacs:calacs"),
                prop("calacs.products.uri", directoryUri(dirs.products())),
                prop("calacs.failure.uri", directoryUri(dirs.failed())),
                asnTimeout, getContext().createProducerTemplate());
        calibration = new CalibrationProcessor(settings);
        String doneFile = prop("calacs.inbox.doneFileName", "");
        getContext().getRegistry().bind("calacsInboxFilter", new InboxFilter(dirs, settle, asnTimeout, doneFile));
        getContext().getRegistry().bind("calacsServiceSettings", settings);

        StringBuilder inbox = new StringBuilder("file:").append(dirs.inbox())
                .append("?filter=#calacsInboxFilter&sortBy=file:modified&recursive=false")
                .append("&delay=").append(prop("calacs.inbox.delay", "1000"))
                .append("&readLock=").append(prop("calacs.inbox.readLock", "changed"))
                .append("&readLockCheckInterval=250&readLockMinAge=").append(prop("calacs.inbox.readLockMinAge", "500"))
                .append("&readLockTimeout=30000&readLockMinLength=0&readLockMarkerFile=false&readLockLoggingLevel=WARN")
                .append("&move=${exchangeProperty.").append(CalibrationProcessor.DESTINATION).append("}/${file:name}")
                .append("&moveFailed=").append(dirs.failed()).append("/${file:name}");
        if (!doneFile.isEmpty()) {
            inbox.append("&doneFileName=").append(doneFile);
        }
        String extra = prop("calacs.inbox.options", "");
        if (!extra.isEmpty()) {
            inbox.append('&').append(extra);
        }

        int concurrency = Integer.parseInt(prop("calacs.inbox.concurrency", "1"));
        RouteDefinition route = from(inbox.toString()).routeId("calacs-inbox");
        route.onException(Exception.class).handled(true).process(new FailureProcessor(settings));
        if (concurrency > 1) {
            // inputs in flight stay in the inbox (the consumer's in-progress repository keeps them from being
            // polled twice); each one is committed (moved) by the worker that calibrated it
            route.threads(concurrency, concurrency).threadName("calacs-worker").process(calibration);
        } else {
            route.process(calibration);
        }

        String retryCron = prop("calacs.retry.cron", "0 0/10 * * * ?");
        if (!retryCron.isEmpty()) {
            from("quartz://calacs/retry?cron=" + retryCron.replace(' ', '+')).routeId("calacs-retry")
                    .process(new RetryProcessor(settings, !server.isEmpty()))
                    .log("retry: ${body} failed input(s) put back into the inbox");
        }
        String hkCron = prop("calacs.housekeeping.cron", "0 30 * * * ?");
        cache = new CrdsCache(dirs.refs(), null, 1, 0, 0);
        if (!hkCron.isEmpty()) {
            from("quartz://calacs/housekeeping?cron=" + hkCron.replace(' ', '+')).routeId("calacs-housekeeping")
                    .process(e -> e.getIn().setBody(housekeeping(cache, dirs)))
                    .log("housekeeping: ${body}");
        }
    }

    /** The default product/failure endpoint: a directory, each file written under a hidden name, then renamed. */
    static String directoryUri(Path dir) {
        return "file:" + dir + "?tempPrefix=" + Recovery.WRITING_PREFIX + "&fileExist=Override";
    }

    /**
     * Registers the service gauges once the context (and its Prometheus registry) has started; before that the
     * Micrometer registry of camel-main may not be bound yet.
     */
    public void registerGauges() {
        DirectoryHealthCheck.register(getContext(), java.util.Map.of("inbox", settings.dirs().inbox(), "products",
                settings.dirs().products(), "failed", settings.dirs().failed(), "references", settings.jref()));
        CalacsMetrics m = CalacsMetrics.of(getContext());
        Gauge.builder("calacs.refs.cache.bytes", cache, c -> c.usage()[0])
                .description("bytes of reference files in the local CRDS cache").register(m.registry());
    }

    /** Removes partial downloads and staging areas older than an hour that no exchange is using. */
    String housekeeping(CrdsCache cache, WorkDirs dirs) throws java.io.IOException {
        int parts = cache.cleanPartials(Duration.ofHours(1));
        int staged = 0;
        Instant limit = Instant.now().minus(Duration.ofHours(1));
        try (var ds = Files.newDirectoryStream(dirs.staging())) {
            for (Path p : ds) {
                if (!calibration.activeStaging().contains(p)
                        && Files.getLastModifiedTime(p).toInstant().isBefore(limit)) {
                    CalibrationProcessor.deleteTree(p);
                    staged++;
                }
            }
        }
        long[] u = cache.usage();
        LOG.debug("reference cache: {} files, {} bytes", u[1], u[0]);
        return "removed " + parts + " partial downloads and " + staged + " stale staging areas; cache holds " + u[1]
                + " reference files (" + u[0] / (1024 * 1024) + " MiB)";
    }
}
