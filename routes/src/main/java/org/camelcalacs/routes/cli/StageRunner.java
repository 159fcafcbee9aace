package org.camelcalacs.routes.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camelcalacs.core.acs2d.Acs2d;
import org.camelcalacs.core.acsccd.AcsCcd;
import org.camelcalacs.core.acscte.AcsCte;
import org.camelcalacs.core.acsrej.AcsRej;
import org.camelcalacs.core.acsrej.RejParams;
import org.camelcalacs.core.acssum.AcsSum;
import org.camelcalacs.core.calacs.CalAcs;
import org.camelcalacs.core.calacs.CalAcsResult;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.fits.FitsFile;
import org.camelcalacs.core.model.SwitchValue;
import org.camelcalacs.core.model.Verbosity;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;

/**
 * Runs one stage program with parsed C-style arguments: builds the {@link RunContext} (references from
 * {@code jref}/{@code JREF}, products in the working directory, {@code imclobber=yes} = overwrite) and calls
 * calib-core. Loops over comma lists like the C programs (one failing input does not stop the others, but the
 * exit status is then non-zero). Exceptions propagate to {@link CamelCalacsCli#execute}, the one place that
 * maps them to exit codes.
 */
final class StageRunner {
    private final Program program;
    private final CArgs.Parsed args;
    private final Path cwd;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    StageRunner(Program program, CArgs.Parsed args, Path cwd, Map<String, String> env, PrintStream out,
                PrintStream err) {
        this.program = program;
        this.args = args;
        this.cwd = cwd;
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** The verbosity the flags ask for: -q silences the console whatever else is given (SetTrlQuietMode). */
    Verbosity verbosity() {
        if (args.quiet) {
            return Verbosity.QUIET;
        }
        if (args.debug) {
            return Verbosity.DEBUG;
        }
        return args.verbose ? Verbosity.VERBOSE : Verbosity.NORMAL;
    }

    RunContext context() {
        Trailer trailer = new Trailer(verbosity(), args.timestamps, out);
        RunOptions o = RunOptions.defaults(cwd)
                .withVerbosity(verbosity())
                .withTimestamps(args.timestamps)
                .withSaveTemporaries(args.save)
                .withThreads(args.nthreads, args.oneThread)
                .withOverwrite("yes".equalsIgnoreCase(trim(env.get("imclobber"))));
        List<Path> allowed = new ArrayList<>();
        if (args.pctetab != null && !args.pctetab.isBlank()) {
            // a PCTETAB named on the command line is the user's explicit choice: allow it wherever it is
            Path p = cwd.resolve(args.pctetab).normalize();
            allowed.add(p);
            o = o.withPctetab(p.toString());
            trailer.info("(pctecorr) Using cmd line specified PCTETAB file: '" + args.pctetab + "'");
        }
        if (args.ctegen != 0) {
            trailer.info("(pctecorr) Using generation " + args.ctegen + " CTE algorithm");
        }
        o = new RunOptions(o.verbosity(), o.timestamps(), o.saveTemporaries(), o.threads(), o.oneThread(),
                o.pctetab(), args.ctegen, o.switchOverrides(), o.referenceOverrides(), o.outputDir(), o.overwrite());
        if (args.oneThread && args.nthreads > 0) {
            trailer.warn("Option '-1' takes precedence when used in conjunction with '--nthreads <N>'");
        }
        RefResolver refs = RefResolver.fromEnvironment(env, cwd, allowed);
        return new RunContext(o, refs, trailer, env, null);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    /** Runs the program; returns the exit status (exceptions propagate). */
    int run() {
        RunContext ctx = context();
        return switch (program) {
            case CALACS -> calacs(ctx);
            case ACSCCD -> perInput(ctx, in -> AcsCcd.run(in, ctx));
            case ACSCTE, ACSCTEFORWARDMODEL -> cte(ctx);
            case ACS2D -> acs2d(ctx);
            case ACSREJ -> acsrej(ctx);
            case ACSSUM -> acssum(ctx);
        };
    }

    private int calacs(RunContext ctx) {
        String input = args.positionals.get(0);
        try {
            CalAcsResult r = CalAcs.run(input, ctx);
            if (r != null && r.nothingToDo()) {
                ctx.trailer().info("CALACS did NOT process " + input);
                return 0;
            }
            ctx.trailer().info("CALACS completion for " + input);
            return 0;
        } catch (CalacsException e) {
            throw new StageFailure("CALACS processing NOT completed for " + input, e);
        }
    }

    /** Splits a C comma list (c_imtopen): items trimmed, empty items dropped. */
    static List<String> list(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (String part : s.split(",")) {
            String t = part.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private List<String> outputsMatchingInputs(List<String> inputs) {
        List<String> outs = args.positionals.size() > 1 ? list(args.positionals.get(1)) : List.of();
        // CompareNumbers: an output list, if given, must have as many names as the input list
        if (!outs.isEmpty() && outs.size() != inputs.size()) {
            throw new CArgs.UsageException("The number of input files (" + inputs.size()
                    + ") and output files (" + outs.size() + ") must be the same.", false);
        }
        return outs;
    }

    @FunctionalInterface
    private interface PerInput {
        Path apply(Path input);
    }

    /** Runs {@code action} per input of the comma list; the output argument is checked but not used (C quirk). */
    private int perInput(RunContext ctx, PerInput action) {
        List<String> inputs = list(args.positionals.get(0));
        outputsMatchingInputs(inputs);
        return loop(ctx, inputs, (in, i) -> action.apply(in));
    }

    @FunctionalInterface
    private interface Indexed {
        Path apply(Path input, int index);
    }

    private int loop(RunContext ctx, List<String> inputs, Indexed action) {
        if (inputs.isEmpty()) {
            throw new CArgs.UsageException("no input given", true);
        }
        int failed = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String in = inputs.get(i);
            try {
                action.apply(cwd.resolve(in), i);
            } catch (CalacsException e) {
                if (inputs.size() == 1) {
                    throw new StageFailure("Error processing " + in + ".", e);
                }
                CamelCalacsCli.printError(err, e, verbosity() == Verbosity.DEBUG);
                err.println("ERROR:    Error processing " + in + ".");
                failed++;
            }
        }
        if (failed > 0) {
            throw new StageFailure(failed + " of " + inputs.size() + " inputs failed", null);
        }
        return 0;
    }

    private int cte(RunContext ctx) {
        boolean fwd = args.forwardModelOnly;
        if (fwd) {
            ctx.trailer().info("WARNING: running CTE forward model only");
        }
        List<String> inputs = list(args.positionals.get(0));
        outputsMatchingInputs(inputs);
        return loop(ctx, inputs, (in, i) -> {
            // domaincte.c: a file whose PCTECORR is not PERFORM is skipped (not an error)
            if (!pctecorrIsPerform(in)) {
                ctx.trailer().error("Skipping " + in.getFileName() + " because PCTECORR is not set to PERFORM");
                return null;
            }
            return fwd ? AcsCte.forwardModel(in, ctx) : AcsCte.run(in, ctx);
        });
    }

    private static boolean pctecorrIsPerform(Path in) {
        try (FitsFile f = FitsFile.open(in)) {
            String v = f.primaryHeader().getStringValue("PCTECORR");
            return SwitchValue.parse("PCTECORR", v).isPerform();
        }
    }

    private int acs2d(RunContext ctx) {
        List<String> inputs = list(args.positionals.get(0));
        List<String> outs = outputsMatchingInputs(inputs);
        return loop(ctx, inputs, (in, i) -> Acs2d.run(in, outs.isEmpty() ? null : cwd.resolve(outs.get(i)), ctx));
    }

    private int acsrej(RunContext ctx) {
        List<Path> inputs = new ArrayList<>();
        for (String s : list(args.positionals.get(0))) {
            inputs.add(cwd.resolve(s));
        }
        if (inputs.isEmpty()) {
            throw new CArgs.UsageException("Syntax error: no input", false);
        }
        String table = args.rejTable == null ? null : cwd.resolve(args.rejTable).normalize().toString();
        RejParams p = new RejParams(table, args.rejShadcorr, args.rejCrmask, args.rejReadnoiseOnly, args.rejScale,
                args.rejInit, args.rejSky, args.rejSigmas, args.rejRadius, args.rejThresh, args.rejPdq);
        Path output = cwd.resolve(args.positionals.get(1));
        try {
            AcsRej.run(inputs, output, p, ctx);
        } catch (CalacsException e) {
            throw new StageFailure("Error processing " + args.positionals.get(0) + ".", e);
        }
        return 0;
    }

    private int acssum(RunContext ctx) {
        List<String> names = list(args.positionals.get(0));
        if (names.isEmpty()) {
            throw new CArgs.UsageException("no input given", true);
        }
        List<Path> inputs = new ArrayList<>();
        for (String s : names) {
            inputs.add(cwd.resolve(s));
        }
        String outName = args.positionals.size() > 1 ? args.positionals.get(1) : defaultSumOutput(names.get(0));
        try {
            AcsSum.run(inputs, cwd.resolve(outName), ctx);
        } catch (CalacsException e) {
            throw new StageFailure("Error processing " + args.positionals.get(0) + ".", e);
        }
        return 0;
    }

    /** MkName(input, "_asn", "_sfl", ""): replace a trailing _asn (before .fits), else append _sfl. */
    static String defaultSumOutput(String input) {
        String root = input.endsWith(".fits") ? input.substring(0, input.length() - 5) : input;
        if (root.endsWith("_asn")) {
            root = root.substring(0, root.length() - 4);
        }
        return root + "_sfl.fits";
    }

    /** A stage failed: the C programs' closing line plus the calib-core exception with its context. */
    static final class StageFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StageFailure(String closing, CalacsException cause) {
            super(closing, cause);
        }

        /** The calib-core error, or null when the failures were reported already (comma lists). */
        CalacsException calacsCause() {
            return (CalacsException) getCause();
        }
    }
}
