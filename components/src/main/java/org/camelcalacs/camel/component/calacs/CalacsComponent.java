package org.camelcalacs.camel.component.calacs;

import java.util.Locale;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.PropertiesHelper;
import org.camelcalacs.core.model.RefType;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.Verbosity;

/**
 * The {@code calacs:} component: runs CALACS stages ({@code calacs:ccd|cte|2d|rej|sum|forward-model|calacs}) on
 * FITS files named by the message body. It holds the configuration shared by its endpoints (settable with
 * {@code camel.component.calacs.*}) and the calibration engine.
 */
@Component("calacs")
public class CalacsComponent extends HealthCheckComponent {

    @Metadata
    private CalacsConfiguration configuration = new CalacsConfiguration();
    @Metadata(label = "advanced", autowired = true,
              description = "The calibration engine; by default the calib-core stages.")
    private CalacsEngine engine;

    public CalacsComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("calacs: needs a stage, e.g. calacs:ccd (one of ccd, cte, 2d, rej, "
                    + "sum, forward-model, calacs)");
        }
        CalacsStage stage = CalacsStage.parse(remaining);
        CalacsConfiguration conf = configuration.copy();
        CalacsEndpoint endpoint = new CalacsEndpoint(uri, this, stage, conf);
        // prefix maps (camel-kafka additionalProperties. style); taken out before the reflective binding
        Map<String, Object> sw = PropertiesHelper.extractProperties(parameters, "switch.");
        Map<String, Object> refs = PropertiesHelper.extractProperties(parameters, "override.");
        conf.getSwitchOverrides().putAll(sw);
        conf.getReferenceOverrides().putAll(refs);
        setProperties(endpoint, parameters);
        validate(conf);
        return endpoint;
    }

    /** Rejects options that cannot work, naming the option. */
    static void validate(CalacsConfiguration c) {
        if (c.getThreads() < 0) {
            throw new IllegalArgumentException("calacs: option threads must be >= 0, not " + c.getThreads());
        }
        for (Map.Entry<String, Object> e : c.getSwitchOverrides().entrySet()) {
            parseSwitch(e.getKey());
            String v = String.valueOf(e.getValue()).trim().toUpperCase(Locale.ROOT);
            if (!v.equals("PERFORM") && !v.equals("OMIT")) {
                throw new IllegalArgumentException("calacs: option switch." + e.getKey() + " must be PERFORM or OMIT, not "
                        + e.getValue());
            }
        }
        for (String k : c.getReferenceOverrides().keySet()) {
            parseRefType(k);
        }
        try {
            Verbosity.valueOf(c.getVerbosity().trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("calacs: option verbosity must be QUIET, NORMAL, VERBOSE or DEBUG, not "
                    + c.getVerbosity());
        }
    }

    static Switch parseSwitch(String key) {
        try {
            return Switch.valueOf(key.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("calacs: option switch." + key + " names no calibration switch "
                    + "(e.g. switch.PCTECORR, switch.FLATCORR)");
        }
    }

    static RefType parseRefType(String key) {
        try {
            return RefType.valueOf(key.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("calacs: option override." + key + " names no reference file keyword "
                    + "(e.g. override.BIASFILE, override.DARKFILE)");
        }
    }

    public CalacsConfiguration getConfiguration() {
        return configuration;
    }

    /** The configuration shared by all endpoints (each endpoint works on a copy). */
    public void setConfiguration(CalacsConfiguration configuration) {
        this.configuration = configuration;
    }

    public CalacsEngine getEngine() {
        return engine;
    }

    /** The calibration engine; by default the calib-core stages. */
    public void setEngine(CalacsEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (engine == null) {
            // autowiring by type is done by the generated configurer when autowiredEnabled; this covers autowiredEnabled=false
            engine = getCamelContext().getRegistry().findSingleByType(CalacsEngine.class);
        }
        if (engine == null) {
            engine = new DefaultCalacsEngine();
        }
    }

    // component-level shortcuts so that camel.component.calacs.jref=... works without ".configuration."

    /** Default jref directory for all endpoints. */
    public void setJref(String jref) {
        configuration.setJref(jref);
    }

    public String getJref() {
        return configuration.getJref();
    }

    /** Default thread count for all endpoints. */
    public void setThreads(int threads) {
        configuration.setThreads(threads);
    }

    public int getThreads() {
        return configuration.getThreads();
    }

    /** Default overwrite flag for all endpoints. */
    public void setOverwrite(boolean overwrite) {
        configuration.setOverwrite(overwrite);
    }

    public boolean isOverwrite() {
        return configuration.isOverwrite();
    }
}
