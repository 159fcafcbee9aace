package org.camelcalacs.camel.component.calacs;

import org.apache.camel.spi.Metadata;

/**
 * Header names of the {@code calacs:} component. Request headers override the endpoint options of the same
 * meaning for one exchange; result headers describe what the stage produced.
 */
public final class CalacsConstants {

    // ---- request headers (win over URI options) ----

    @Metadata(label = "producer", description = "Overrides the stage of the endpoint for this exchange "
            + "(ccd, cte, 2d, rej, sum, forward-model, calacs).", javaType = "String")
    public static final String STAGE = "CamelCalacsStage";
    @Metadata(label = "producer", description = "Number of threads for parallel kernels (0 = all processors).",
            javaType = "Integer")
    public static final String THREADS = "CamelCalacsThreads";
    @Metadata(label = "producer", description = "PCTETAB override (the --pctetab option).", javaType = "String")
    public static final String PCTETAB = "CamelCalacsPctetab";
    @Metadata(label = "producer", description = "Switch overrides, keyword to PERFORM or OMIT; merged over the "
            + "endpoint's switch.* options.", javaType = "java.util.Map<String, String>")
    public static final String SWITCH_OVERRIDES = "CamelCalacsSwitchOverrides";
    @Metadata(label = "producer", description = "Reference file overrides, keyword to file name (or N/A); merged "
            + "over the endpoint's override.* options.", javaType = "java.util.Map<String, String>")
    public static final String REFERENCE_OVERRIDES = "CamelCalacsReferenceOverrides";
    @Metadata(label = "producer", description = "Keep the stage temporaries (_blv_tmp, _blc_tmp, _crj_tmp, _crc_tmp).",
            javaType = "Boolean")
    public static final String SAVE_TEMPORARIES = "CamelCalacsSaveTemporaries";
    @Metadata(label = "producer", description = "Directory the products are written to.", javaType = "String")
    public static final String OUTPUT_DIR = "CamelCalacsOutputDir";
    @Metadata(label = "producer", description = "Replace existing products.", javaType = "Boolean")
    public static final String OVERWRITE = "CamelCalacsOverwrite";
    @Metadata(label = "producer", description = "The directory that jref$ names resolve to.", javaType = "String")
    public static final String JREF = "CamelCalacsJref";
    @Metadata(label = "producer", description = "Explicit output file name for 2d, rej and sum.", javaType = "String")
    public static final String OUTPUT_FILE = "CamelCalacsOutputFile";

    // ---- result headers ----

    @Metadata(label = "producer", description = "Products written, as absolute paths in order.",
            javaType = "java.util.List<String>")
    public static final String PRODUCTS = "CamelCalacsProducts";
    @Metadata(label = "producer", description = "Trailer files (.tra) written.", javaType = "java.util.List<String>")
    public static final String TRAILERS = "CamelCalacsTrailers";
    @Metadata(label = "producer", description = "Calibration switches that ended COMPLETE.",
            javaType = "java.util.List<String>")
    public static final String STEPS_PERFORMED = "CamelCalacsStepsPerformed";
    @Metadata(label = "producer", description = "Calibration switches that ended SKIPPED.",
            javaType = "java.util.List<String>")
    public static final String STEPS_SKIPPED = "CamelCalacsStepsSkipped";
    @Metadata(label = "producer", description = "Calibration switches left OMIT.", javaType = "java.util.List<String>")
    public static final String STEPS_OMITTED = "CamelCalacsStepsOmitted";
    @Metadata(label = "producer", description = "Wall time per stage or step in milliseconds.",
            javaType = "java.util.Map<String, Long>")
    public static final String TIMINGS = "CamelCalacsTimings";
    @Metadata(label = "producer", description = "True when calacs had nothing to do for the input.", javaType = "Boolean")
    public static final String NOTHING_TO_DO = "CamelCalacsNothingToDo";

    @Metadata(label = "progress", description = "Progress message: the stage (ACSCTE, CALACS ...).", javaType = "String")
    public static final String PROGRESS_STAGE = "CamelCalacsProgressStage";
    @Metadata(label = "progress", description = "Progress message: the step (PCTECORR ...), if any.", javaType = "String")
    public static final String PROGRESS_STEP = "CamelCalacsProgressStep";
    @Metadata(label = "progress", description = "Progress message: fraction done in [0,1], or -1 when unknown.",
              javaType = "Double")
    public static final String PROGRESS_FRACTION = "CamelCalacsProgressFraction";

    private CalacsConstants() {
    }
}
