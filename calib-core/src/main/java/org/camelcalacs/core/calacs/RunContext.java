package org.camelcalacs.core.calacs;

import java.util.Map;
import java.util.function.Consumer;

import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;

/**
 * What a stage needs besides its input: the options, where reference files are, where messages go, the process
 * environment (OMP_NUM_THREADS, imclobber), and a listener for progress events (CTE iterations, stage ends) that
 * the Camel layer turns into observable events.
 */
public record RunContext(RunOptions options, RefResolver refs, Trailer trailer, Map<String, String> env,
                         Consumer<ProgressEvent> progress) {

    public RunContext {
        env = env == null ? Map.of() : Map.copyOf(env);
        progress = progress == null ? e -> { } : progress;
    }

    /** A progress event: stage, step, a message and a fraction done in [0,1] (or -1 if unknown). */
    public record ProgressEvent(String stage, String step, String message, double fraction) {
    }

    public void progress(String stage, String step, String message, double fraction) {
        progress.accept(new ProgressEvent(stage, step, message, fraction));
    }

    /** Threads for parallel kernels: -1 wins, then --nthreads capped by OMP_NUM_THREADS, else all processors. */
    public int threads() {
        if (options.oneThread()) {
            return 1;
        }
        int avail = Runtime.getRuntime().availableProcessors();
        int omp = 0;
        try {
            String v = env.get("OMP_NUM_THREADS");
            if (v != null) {
                omp = Integer.parseInt(v.trim());
            }
        } catch (NumberFormatException ignored) {
            omp = 0;
        }
        int max = omp > 0 ? omp : avail;
        int n = options.threads() > 0 ? Math.min(options.threads(), max) : max;
        return Math.max(1, n);
    }
}
