package org.camelcalacs.core.calacs;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.camelcalacs.core.model.RefType;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.SwitchValue;
import org.camelcalacs.core.model.Verbosity;

/**
 * Every user-settable parameter of a run, from any surface (calacs.e options, endpoint URI, message headers).
 * Switch and reference overrides are applied to an in-memory copy of the primary header, never to the user's file.
 *
 * @param verbosity          -q / default / -v / -d
 * @param timestamps         -t
 * @param saveTemporaries    -s (keep _blv_tmp, _blc_tmp, _crj_tmp, _crc_tmp)
 * @param threads            CTE threads; 0 = default (OMP_NUM_THREADS or all processors)
 * @param oneThread          -1 (wins over threads)
 * @param pctetab            --pctetab override, or null
 * @param ctegen             --ctegen value (accepted, no effect, as in 10.5.0), or 0
 * @param switchOverrides    switch → PERFORM|OMIT
 * @param referenceOverrides reference keyword → file name (or N/A)
 * @param outputDir          where products go (calacs.e: the current directory)
 * @param overwrite          replace existing outputs (imclobber=yes)
 */
public record RunOptions(Verbosity verbosity, boolean timestamps, boolean saveTemporaries, int threads,
                         boolean oneThread, String pctetab, int ctegen, Map<Switch, SwitchValue> switchOverrides,
                         Map<RefType, String> referenceOverrides, Path outputDir, boolean overwrite) {

    public RunOptions {
        switchOverrides = switchOverrides == null ? Map.of() : Map.copyOf(switchOverrides);
        referenceOverrides = referenceOverrides == null ? Map.of() : Map.copyOf(referenceOverrides);
        for (SwitchValue v : switchOverrides.values()) {
            if (v != SwitchValue.PERFORM && v != SwitchValue.OMIT) {
                throw new IllegalArgumentException("switch overrides must be PERFORM or OMIT, not " + v);
            }
        }
        if (outputDir == null) {
            outputDir = Path.of("").toAbsolutePath();
        }
        if (verbosity == null) {
            verbosity = Verbosity.NORMAL;
        }
    }

    /** Defaults: as calacs.e with no options, writing to {@code outputDir}. */
    public static RunOptions defaults(Path outputDir) {
        return new RunOptions(Verbosity.NORMAL, false, false, 0, false, null, 0, Map.of(), Map.of(), outputDir, false);
    }

    public RunOptions withVerbosity(Verbosity v) {
        return new RunOptions(v, timestamps, saveTemporaries, threads, oneThread, pctetab, ctegen, switchOverrides,
                referenceOverrides, outputDir, overwrite);
    }

    public RunOptions withSaveTemporaries(boolean s) {
        return new RunOptions(verbosity, timestamps, s, threads, oneThread, pctetab, ctegen, switchOverrides,
                referenceOverrides, outputDir, overwrite);
    }

    public RunOptions withOverrides(Map<Switch, SwitchValue> sw, Map<RefType, String> refs) {
        return new RunOptions(verbosity, timestamps, saveTemporaries, threads, oneThread, pctetab, ctegen, sw, refs,
                outputDir, overwrite);
    }

    public RunOptions withOutputDir(Path dir) {
        return new RunOptions(verbosity, timestamps, saveTemporaries, threads, oneThread, pctetab, ctegen,
                switchOverrides, referenceOverrides, dir, overwrite);
    }

    public RunOptions withOverwrite(boolean o) {
        return new RunOptions(verbosity, timestamps, saveTemporaries, threads, oneThread, pctetab, ctegen,
                switchOverrides, referenceOverrides, outputDir, o);
    }

    public RunOptions withThreads(int n, boolean one) {
        return new RunOptions(verbosity, timestamps, saveTemporaries, n, one, pctetab, ctegen, switchOverrides,
                referenceOverrides, outputDir, overwrite);
    }

    public RunOptions withPctetab(String p) {
        return new RunOptions(verbosity, timestamps, saveTemporaries, threads, oneThread, p, ctegen, switchOverrides,
                referenceOverrides, outputDir, overwrite);
    }

    public RunOptions withTimestamps(boolean t) {
        return new RunOptions(verbosity, t, saveTemporaries, threads, oneThread, pctetab, ctegen, switchOverrides,
                referenceOverrides, outputDir, overwrite);
    }

    /** Mutable copy helper for builders. */
    public static Map<Switch, SwitchValue> switchMap() {
        return new EnumMap<>(Switch.class);
    }
}
