package org.camelcalacs.camel.component.calacs;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of a {@code calacs:} endpoint; the component holds a shared instance that each endpoint copies. */
@UriParams
public class CalacsConfiguration implements Cloneable {

    @UriParam(label = "producer", defaultValue = "0")
    private int threads;
    @UriParam(label = "producer")
    private String pctetab;
    @UriParam(label = "producer", prefix = "switch.", multiValue = true)
    private Map<String, Object> switchOverrides = new LinkedHashMap<>();
    @UriParam(label = "producer", prefix = "override.", multiValue = true)
    private Map<String, Object> referenceOverrides = new LinkedHashMap<>();
    @UriParam(label = "producer", defaultValue = "false")
    private boolean saveTemporaries;
    @UriParam(label = "producer")
    private String outputDir;
    @UriParam(label = "producer", defaultValue = "false")
    private boolean overwrite;
    @UriParam(label = "producer")
    private String jref;
    @UriParam(label = "producer,advanced", defaultValue = "NORMAL", enums = "QUIET,NORMAL,VERBOSE,DEBUG")
    @Metadata
    private String verbosity = "NORMAL";
    @UriParam(label = "producer,advanced", defaultValue = "false")
    private boolean timestamps;
    @UriParam(label = "producer,advanced")
    private String progressUri;

    public int getThreads() {
        return threads;
    }

    /** Threads for parallel kernels (CTE); 0 uses OMP_NUM_THREADS or all processors, as calacs.e --nthreads. */
    public void setThreads(int threads) {
        this.threads = threads;
    }

    public String getPctetab() {
        return pctetab;
    }

    /** PCTETAB to use instead of the header's (calacs.e --pctetab). */
    public void setPctetab(String pctetab) {
        this.pctetab = pctetab;
    }

    public Map<String, Object> getSwitchOverrides() {
        return switchOverrides;
    }

    /**
     * Calibration switch overrides as a prefix map: {@code switch.PCTECORR=OMIT}. Values are PERFORM or OMIT; they
     * are applied to an in-memory copy of the primary header, never to the input file.
     */
    public void setSwitchOverrides(Map<String, Object> switchOverrides) {
        this.switchOverrides = switchOverrides == null ? new LinkedHashMap<>() : new LinkedHashMap<>(switchOverrides);
    }

    public Map<String, Object> getReferenceOverrides() {
        return referenceOverrides;
    }

    /** Reference file overrides as a prefix map: {@code override.BIASFILE=jref$mybias.fits} (or N/A). */
    public void setReferenceOverrides(Map<String, Object> referenceOverrides) {
        this.referenceOverrides = referenceOverrides == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(referenceOverrides);
    }

    public boolean isSaveTemporaries() {
        return saveTemporaries;
    }

    /** Keep the intermediate stage files (calacs.e -s). */
    public void setSaveTemporaries(boolean saveTemporaries) {
        this.saveTemporaries = saveTemporaries;
    }

    public String getOutputDir() {
        return outputDir;
    }

    /** Directory products are written to; by default the directory of the input. */
    public void setOutputDir(String outputDir) {
        this.outputDir = outputDir;
    }

    public boolean isOverwrite() {
        return overwrite;
    }

    /** Replace products that exist already (imclobber=yes); otherwise an existing product is an error. */
    public void setOverwrite(boolean overwrite) {
        this.overwrite = overwrite;
    }

    public String getJref() {
        return jref;
    }

    /** Directory that {@code jref$} reference names resolve to; by default the environment variable jref. */
    public void setJref(String jref) {
        this.jref = jref;
    }

    public String getVerbosity() {
        return verbosity;
    }

    /** How much the stages write to the trailer and the log: QUIET, NORMAL, VERBOSE or DEBUG. */
    public void setVerbosity(String verbosity) {
        this.verbosity = verbosity;
    }

    public boolean isTimestamps() {
        return timestamps;
    }

    /** Write time stamps at stage boundaries (calacs.e -t). */
    public void setTimestamps(boolean timestamps) {
        this.timestamps = timestamps;
    }

    public String getProgressUri() {
        return progressUri;
    }

    /**
     * Endpoint that receives a message for each progress event of a long run (CTE: per amp and correction
     * type; the driver: per stage), e.g. {@code seda:calacs-progress}. The body is the event text; headers
     * CamelCalacsProgressStage, CamelCalacsProgressStep and CamelCalacsProgressFraction (-1 when unknown).
     */
    public void setProgressUri(String progressUri) {
        this.progressUri = progressUri;
    }

    /** A deep copy, so endpoints never share the mutable override maps. */
    public CalacsConfiguration copy() {
        try {
            CalacsConfiguration c = (CalacsConfiguration) super.clone();
            c.switchOverrides = new LinkedHashMap<>(switchOverrides);
            c.referenceOverrides = new LinkedHashMap<>(referenceOverrides);
            return c;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
