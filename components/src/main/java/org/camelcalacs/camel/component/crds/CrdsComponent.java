package org.camelcalacs.camel.component.crds;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The {@code crds:} component: a local cache of HST reference files with the CRDS layout, filled on demand from a
 * CRDS-compatible server. One {@link CrdsCache} per cache path is shared by all endpoints, so concurrent
 * requests for the same file download it once.
 */
@Component("crds")
public class CrdsComponent extends HealthCheckComponent {

    @Metadata
    private CrdsConfiguration configuration = new CrdsConfiguration();
    @Metadata(label = "advanced", autowired = true,
              description = "Where missing files are downloaded from; by default HTTP to the configured server.")
    private ReferenceSource referenceSource;

    private final Map<String, CrdsCache> caches = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("crds: needs an operation, e.g. crds:resolve (resolve, fetch, prefetch)");
        }
        CrdsOperation op = CrdsOperation.parse(remaining);
        CrdsConfiguration conf = configuration.copy();
        CrdsEndpoint endpoint = new CrdsEndpoint(uri, this, op, conf);
        setProperties(endpoint, parameters);
        validate(conf);
        return endpoint;
    }

    static void validate(CrdsConfiguration c) {
        if (c.getCachePath() == null || c.getCachePath().isBlank()) {
            throw new IllegalArgumentException("crds: option cachePath (CRDS_PATH) is required; set it on the URI or "
                    + "as camel.component.crds.cachePath");
        }
        if (c.getMaxAttempts() < 1) {
            throw new IllegalArgumentException("crds: option maxAttempts must be >= 1");
        }
        if (c.getConnectTimeout() < 0 || c.getReadTimeout() < 0) {
            throw new IllegalArgumentException("crds: options connectTimeout and readTimeout must be >= 0");
        }
        String s = c.getServer();
        if (s != null && !s.isBlank() && !(s.startsWith("http://") || s.startsWith("https://"))) {
            throw new IllegalArgumentException("crds: option server must be an http(s) URL, not " + s);
        }
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (referenceSource == null) {
            referenceSource = getCamelContext().getRegistry().findSingleByType(ReferenceSource.class);
        }
    }

    /** The shared cache for a configuration (one per cache path and server). */
    CrdsCache cache(CrdsConfiguration c) {
        String key = Path.of(c.getCachePath()).toAbsolutePath().normalize() + "|" + c.getServer();
        return caches.computeIfAbsent(key, k -> {
            ReferenceSource src = referenceSource;
            if (src == null && c.getServer() != null && !c.getServer().isBlank()) {
                src = new HttpReferenceSource(c.getServer(), c.getConnectTimeout(), c.getReadTimeout());
            }
            return new CrdsCache(Path.of(c.getCachePath()), src, c.getMaxAttempts(), c.getBackoff(), c.getMaxBackoff());
        });
    }

    public CrdsConfiguration getConfiguration() {
        return configuration;
    }

    /** The configuration shared by all endpoints (each endpoint works on a copy). */
    public void setConfiguration(CrdsConfiguration configuration) {
        this.configuration = configuration;
    }

    public ReferenceSource getReferenceSource() {
        return referenceSource;
    }

    /** Where missing files are downloaded from; by default HTTP to the configured server. */
    public void setReferenceSource(ReferenceSource referenceSource) {
        this.referenceSource = referenceSource;
    }

    /** Default CRDS server URL for all endpoints. */
    public void setServer(String server) {
        configuration.setServer(server);
    }

    public String getServer() {
        return configuration.getServer();
    }

    /** Default cache path (CRDS_PATH) for all endpoints. */
    public void setCachePath(String cachePath) {
        configuration.setCachePath(cachePath);
    }

    public String getCachePath() {
        return configuration.getCachePath();
    }
}
