package org.camelcalacs.camel.component.crds;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Makes HST reference files available locally: {@code crds:resolve} for everything an exposure needs,
 * {@code crds:fetch} for one file, {@code crds:prefetch} for a list.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "crds", title = "CRDS reference files", syntax = "crds:operation",
             category = { Category.FILE, Category.CACHE }, producerOnly = true, headersClass = CrdsConstants.class)
public class CrdsEndpoint extends DefaultEndpoint {

    @UriPath(enums = "resolve,fetch,prefetch")
    @Metadata(required = true)
    private CrdsOperation operation;
    @UriParam
    private CrdsConfiguration configuration;

    public CrdsEndpoint(String uri, CrdsComponent component, CrdsOperation operation, CrdsConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public CrdsComponent getComponent() {
        return (CrdsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        CrdsComponent.validate(configuration);
        return new CrdsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("crds: is a producer only");
    }

    /** The operation: resolve, fetch or prefetch. */
    public CrdsOperation getOperation() {
        return operation;
    }

    public CrdsConfiguration getConfiguration() {
        return configuration;
    }

    /** The cache shared with the other endpoints of the same cache path. */
    public CrdsCache cache() {
        return getComponent().cache(configuration);
    }

    /** CRDS server URL. */
    public void setServer(String v) {
        configuration.setServer(v);
    }

    /** Cache root (CRDS_PATH). */
    public void setCachePath(String v) {
        configuration.setCachePath(v);
    }

    /** Connect timeout (ms). */
    public void setConnectTimeout(int v) {
        configuration.setConnectTimeout(v);
    }

    /** Read timeout (ms). */
    public void setReadTimeout(int v) {
        configuration.setReadTimeout(v);
    }

    /** Attempts per file. */
    public void setMaxAttempts(int v) {
        configuration.setMaxAttempts(v);
    }

    /** First retry delay (ms). */
    public void setBackoff(long v) {
        configuration.setBackoff(v);
    }

    /** Longest retry delay (ms). */
    public void setMaxBackoff(long v) {
        configuration.setMaxBackoff(v);
    }

    /** Only references of PERFORM steps. */
    public void setOnlyNeeded(boolean v) {
        configuration.setOnlyNeeded(v);
    }

    /** Fail when a reference cannot be obtained. */
    public void setStrict(boolean v) {
        configuration.setStrict(v);
    }
}
