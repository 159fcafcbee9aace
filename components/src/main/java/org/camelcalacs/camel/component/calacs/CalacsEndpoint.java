package org.camelcalacs.camel.component.calacs;

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
 * Runs one CALACS program on the file named by the message body (a path; a list of paths for rej and sum; for
 * calacs a raw, an association table or a rootname). Products and step outcomes come back as headers.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "calacs", title = "CALACS", syntax = "calacs:stage",
             category = { Category.FILE, Category.TRANSFORMATION }, producerOnly = true, remote = false,
             headersClass = CalacsConstants.class)
public class CalacsEndpoint extends DefaultEndpoint {

    @UriPath(enums = "ccd,cte,2d,rej,sum,forward-model,calacs")
    @Metadata(required = true)
    private String stage;
    @UriParam
    private CalacsConfiguration configuration;

    private final CalacsStage stageValue;

    public CalacsEndpoint(String uri, CalacsComponent component, CalacsStage stage, CalacsConfiguration configuration) {
        super(uri, component);
        this.stageValue = stage;
        this.stage = stage.uriName();
        this.configuration = configuration;
    }

    @Override
    public CalacsComponent getComponent() {
        return (CalacsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        CalacsComponent.validate(configuration);
        return new CalacsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("calacs: is a producer only; consume files with file: and send them "
                + "to " + getEndpointUri());
    }

    /** The CALACS program this endpoint runs: ccd, cte, 2d, rej, sum, forward-model or calacs. */
    public String getStage() {
        return stage;
    }

    public CalacsStage stage() {
        return stageValue;
    }

    public CalacsConfiguration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options. */
    public void setConfiguration(CalacsConfiguration configuration) {
        this.configuration = configuration;
    }

    // delegating setters so that URI options bind to the configuration

    /** Threads for parallel kernels (0 = OMP_NUM_THREADS or all processors). */
    public void setThreads(int v) {
        configuration.setThreads(v);
    }

    /** PCTETAB override. */
    public void setPctetab(String v) {
        configuration.setPctetab(v);
    }

    /** Switch overrides, {@code switch.KEYWORD=PERFORM|OMIT}. */
    public void setSwitchOverrides(java.util.Map<String, Object> v) {
        configuration.setSwitchOverrides(v);
    }

    /** Reference overrides, {@code override.KEYWORD=name}. */
    public void setReferenceOverrides(java.util.Map<String, Object> v) {
        configuration.setReferenceOverrides(v);
    }

    /** Keep stage temporaries. */
    public void setSaveTemporaries(boolean v) {
        configuration.setSaveTemporaries(v);
    }

    /** Output directory. */
    public void setOutputDir(String v) {
        configuration.setOutputDir(v);
    }

    /** Replace existing products. */
    public void setOverwrite(boolean v) {
        configuration.setOverwrite(v);
    }

    /** jref directory. */
    public void setJref(String v) {
        configuration.setJref(v);
    }

    /** QUIET, NORMAL, VERBOSE or DEBUG. */
    public void setVerbosity(String v) {
        configuration.setVerbosity(v);
    }

    /** Time stamps in the trailer. */
    public void setTimestamps(boolean v) {
        configuration.setTimestamps(v);
    }

    /** Endpoint that receives progress events (CTE amps, driver stages) as messages. */
    public void setProgressUri(String v) {
        configuration.setProgressUri(v);
    }
}
