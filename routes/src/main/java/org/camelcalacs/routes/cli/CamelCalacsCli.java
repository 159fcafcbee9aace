package org.camelcalacs.routes.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.routes.app.ServiceLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The {@code camel-calacs} command line (the routes jar's Main-Class; bin/camel-calacs and the calacs.e-style
 * wrappers in bin/ call it).
 *
 * <pre>
 *   camel-calacs calacs|acsccd|acscte|acs2d|acsrej|acssum|acscteforwardmodel [C options] input [output]
 *   camel-calacs run [service options]      the drop-folder service (foreground)
 *   camel-calacs demo                       the service on the bundled demo data
 *   camel-calacs version
 * </pre>
 *
 * The stage subcommands take exactly the options of the C programs (spec §1), parsed by {@link CArgs} because
 * picocli cannot express combined C flags and single-dash long options; picocli handles the top level.
 * Reference directories come from the {@code jref} (or {@code JREF}) environment variable, products go to the
 * working directory, {@code imclobber=yes} allows overwriting. Exit status: 0 on success and on "nothing to
 * do", 2 on any error ({@link #failure} is the one place that maps exceptions to exit codes).
 */
public final class CamelCalacsCli {
    /** The CALACS version whose behaviour this port reproduces (acsversion.h ACS_CAL_VER). */
    public static final String ACS_CAL_VER = "10.5.0 (16-Mar-2026)";
    /** Exit status of every error (hstcal ERROR_RETURN). */
    public static final int ERROR_RETURN = 2;

    private CamelCalacsCli() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && Program.of(args[0]).isPresent()) {
            quietTrailerLogging();
        }
        int rc = execute(args, Path.of("").toAbsolutePath(), System.getenv(), System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(rc);
    }

    /**
     * Runs a command in-process (tests, embedding).
     *
     * @param args command and its arguments, e.g. {@code calacs -v j_raw.fits}
     * @param cwd  the working directory: inputs are resolved against it and products are written to it
     * @param env  the environment ({@code jref}, {@code imclobber}, {@code OMP_NUM_THREADS})
     * @return the exit status
     */
    public static int execute(String[] args, Path cwd, Map<String, String> env, PrintStream out, PrintStream err) {
        Path dir = cwd.toAbsolutePath().normalize();
        Map<String, String> environment = env == null ? Map.of() : env;
        if (args.length > 0) {
            Optional<Program> p = Program.of(args[0]);
            if (p.isPresent()) {
                return runProgram(p.get(), Arrays.copyOfRange(args, 1, args.length), dir, environment, out, err);
            }
            // the service parses its own options (--work, --port, --help ...): hand them over untouched
            if (args[0].equals("run") || args[0].equals("demo")) {
                List<String> service = new ArrayList<>();
                if (args[0].equals("demo")) {
                    service.add("--demo");
                }
                service.addAll(Arrays.asList(args).subList(1, args.length));
                return ServiceLauncher.run(service.toArray(String[]::new));
            }
        }
        CommandLine cl = new CommandLine(new Root());
        for (Program p : Program.values()) {
            CommandLine sub = new CommandLine(new StageCommand(p, dir, environment, out, err));
            sub.getCommandSpec().usageMessage().description(p.description(), "C syntax: " + p.syntaxLine().substring(9));
            cl.addSubcommand(p.command(), sub);
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExpandAtFiles(false);
        cl.setExecutionExceptionHandler((ex, line, parse) -> failure(ex, false, err));
        if (args.length == 0) {
            cl.usage(err);
            return ERROR_RETURN;
        }
        return cl.execute(args);
    }

    /**
     * The stage programs print their trailer lines to stdout themselves (as the C programs do); logging them
     * as well would print every line twice. Only in {@link #main}: embedders keep their own configuration.
     */
    static void quietTrailerLogging() {
        if (System.getProperty("logback.configurationFile") != null) {
            return; // the user configured logging explicitly
        }
        org.slf4j.Logger trailer = org.slf4j.LoggerFactory.getLogger("org.camelcalacs.trailer");
        if (trailer instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.OFF);
        }
        for (String name : new String[] {org.slf4j.Logger.ROOT_LOGGER_NAME, "org.camelcalacs"}) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger l) {
                l.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    /** Runs a stage program; every outcome, including unexpected exceptions, becomes an exit status here. */
    static int runProgram(Program p, String[] args, Path cwd, Map<String, String> env, PrintStream out,
                          PrintStream err) {
        CArgs.Parsed parsed;
        try {
            parsed = CArgs.parse(p, args);
        } catch (CArgs.UsageException u) {
            return usageError(p, u, err);
        }
        switch (parsed.action) {
            case VERSION -> {
                out.println(ACS_CAL_VER);
                return 0;
            }
            case SHORT_VERSION -> {
                out.println("Current version: " + ACS_CAL_VER);
                return 0;
            }
            case GITINFO -> {
                out.println(gitInfo());
                return 0;
            }
            case HELP -> {
                out.println(p.syntaxLine());
                return 0;
            }
            default -> {
                // RUN
            }
        }
        if (parsed.rejSyntaxOnly) {
            // rej_command.c: fewer than two arguments print the syntax and the option list; status stays 0
            out.println("Syntax error: acsrej input output [-t] [-v]");
            for (String line : REJ_HELP) {
                out.println(line);
            }
            return 0;
        }
        try {
            return new StageRunner(p, parsed, cwd, env, out, err).run();
        } catch (CArgs.UsageException u) {
            return usageError(p, u, err);
        } catch (Throwable t) {
            return failure(t, parsed.debug, err);
        }
    }

    private static int usageError(Program p, CArgs.UsageException u, PrintStream err) {
        err.println("ERROR: " + u.getMessage());
        if (u.showSyntax) {
            err.println(p.syntaxLine());
        }
        return ERROR_RETURN;
    }

    /**
     * The one place that turns a failure into a message and an exit status: calib-core errors print their
     * message with context (file, HDU, keyword, stage, step), other exceptions their type and message; a stack
     * trace only with {@code -d}.
     */
    static int failure(Throwable t, boolean debug, PrintStream err) {
        if (t instanceof StageRunner.StageFailure f) {
            if (f.calacsCause() != null) {
                printError(err, f.calacsCause(), debug);
            }
            err.println("ERROR:    " + f.getMessage());
        } else if (t instanceof CalacsException c) {
            printError(err, c, debug);
        } else if (t instanceof OutOfMemoryError) {
            err.println("ERROR:    out of memory (give the JVM more heap, e.g. JAVA_OPTS=-Xmx8g)");
            if (debug) {
                t.printStackTrace(err);
            }
        } else {
            err.println("ERROR:    internal error: " + t);
            if (debug) {
                t.printStackTrace(err);
            } else {
                err.println("ERROR:    (run with -d for the stack trace)");
            }
        }
        err.flush();
        return ERROR_RETURN;
    }

    static void printError(PrintStream err, CalacsException e, boolean debug) {
        err.println("ERROR:    " + e.getMessage());
        if (debug) {
            e.printStackTrace(err);
        }
    }

    static String version() {
        String v = CamelCalacsCli.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    static String gitInfo() {
        return "camel-calacs " + version() + " (Java " + System.getProperty("java.version")
                + "), reproducing CALACS " + ACS_CAL_VER;
    }

    private static final List<String> REJ_HELP = List.of(
            "                    [-shadcorr] [-crmask] [-readnoise_only] ",
            "                    [-table <filename>] [-scale #]",
            "                    [-init (med|min)] [-sky (none|mode)]",
            "                    [-sigmas #] [-radius #] [-thresh #]",
            "                    [-pdq #]",
            "",
            "input             comma-delimited string (e.g., filename or filename1,filename2,filename3)",
            "output            string",
            "-t                print timestamps",
            "-v                turn on verbose mode",
            "-shadcorr         turn on shutter shading correction (intended for CCD images only)",
            "-crmask           flag CR-rejected pixels in the input files",
            "-readnoise_only   use read noise and not Poisson noise to create the ERR array (intended for BIAS images)",
            "-table filename   cosmic ray rejection table to use for default parameter values",
            "-scale #          multiplicative factor (in percent) applied to noise",
            "-init med|min     scheme for computing initial guess image (median or minimum)",
            "-sky none|mode    scheme for computing sky levels to be subtracted",
            "-sigmas #[,#...]  cosmic ray rejection thresholds, no. of thresholds are the no. of iterations",
            "-radius #         radius (in pixels) to propagate the cosmic ray",
            "-thresh #         cosmic ray rejection propagation threshold",
            "-pdq #            data quality flag used for cosmic ray rejection");

    /** The top level: help, version, and the subcommands. */
    @Command(name = "camel-calacs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"CALACS (HST ACS calibration) in Java: the calacs.e-compatible programs and the"
                    + " drop-folder service.", "Reference files: set jref=/path/to/refs/ (with the trailing slash)."
                    + " Products are written to the current directory; imclobber=yes allows overwriting."},
            subcommands = {RunCommand.class, DemoCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
    static final class Root implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return ERROR_RETURN;
        }
    }

    /** Version for {@code --version} of the top level. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {gitInfo()};
        }
    }

    @Command(name = "version", description = "Prints the camel-calacs version and the CALACS version it reproduces.")
    static final class VersionCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(gitInfo());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "run", description = "Runs the drop-folder service in the foreground (options: see run --help).")
    static final class RunCommand implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ARG", description = "service arguments (--work DIR --jref DIR ...)")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            return ServiceLauncher.run(args.toArray(String[]::new));
        }
    }

    @Command(name = "demo", description = "Runs the service on the bundled demo data (run --demo).")
    static final class DemoCommand implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ARG", description = "further service arguments")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> all = new ArrayList<>();
            all.add("--demo");
            all.addAll(args);
            return ServiceLauncher.run(all.toArray(String[]::new));
        }
    }

    /** A stage program as a picocli subcommand (help listing); {@link #execute} dispatches stages itself. */
    @Command
    static final class StageCommand implements Callable<Integer> {
        private final Program program;
        private final Path cwd;
        private final Map<String, String> env;
        private final PrintStream out;
        private final PrintStream err;

        @Parameters(arity = "0..*", paramLabel = "ARG", description = "the C program's options and file names")
        List<String> args = new ArrayList<>();

        StageCommand(Program program, Path cwd, Map<String, String> env, PrintStream out, PrintStream err) {
            this.program = program;
            this.cwd = cwd;
            this.env = env;
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            return runProgram(program, args.toArray(String[]::new), cwd, env, out, err);
        }
    }
}
