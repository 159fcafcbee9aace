package org.camelcalacs.routes.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A pre-parser for the C programs' command lines, which picocli cannot express: combined single-letter flags
 * ({@code -tv}, {@code -1}), prefix-matched long options ({@code strncmp(argv[i], "--nthreads", 10)}),
 * immediate actions ({@code --version}, {@code --gitinfo}, {@code --help}, {@code -r}) in argument order,
 * and acsrej's single-dash long options ({@code -table F}, {@code -sigmas 5,4,3}). Ported from the argument
 * loops of pkg/acs/src/main*.c, lib/acscte/domaincte.c and lib/acsrej/rej_command.c.
 */
final class CArgs {
    private CArgs() {
    }

    /** What the user asked for. */
    enum Action { RUN, VERSION, GITINFO, HELP, SHORT_VERSION }

    /** The parsed command line of a stage program. */
    static final class Parsed {
        Action action = Action.RUN;
        boolean timestamps;
        boolean save;
        boolean verbose;
        boolean quiet;
        boolean debug;
        boolean oneThread;
        int nthreads;
        int ctegen;
        String pctetab;
        boolean forwardModelOnly;
        final List<String> positionals = new ArrayList<>();
        // acsrej
        String rejTable;
        boolean rejShadcorr;
        Boolean rejCrmask;
        boolean rejReadnoiseOnly;
        Double rejScale;
        String rejInit;
        String rejSky;
        String rejSigmas;
        Double rejRadius;
        Double rejThresh;
        Integer rejPdq;
        /** acsrej printed its syntax because fewer than two arguments were given (C exits 0 then). */
        boolean rejSyntaxOnly;
    }

    /** A command-line error: the message (C wording) and whether the syntax line should follow. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean showSyntax;

        UsageException(String message, boolean showSyntax) {
            super(message);
            this.showSyntax = showSyntax;
        }
    }

    /** Parses the arguments of {@code p} (everything after the program name). */
    static Parsed parse(Program p, String[] args) {
        if (p == Program.ACSREJ) {
            return parseRej(args);
        }
        Parsed r = new Parsed();
        r.forwardModelOnly = p == Program.ACSCTEFORWARDMODEL;
        int maxPositionals = p == Program.CALACS ? 1 : 2;
        boolean tooMany = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--version")) {
                r.action = Action.VERSION;
                return r;
            }
            if (a.equals("--gitinfo")) {
                r.action = Action.GITINFO;
                return r;
            }
            if (a.equals("--help")) {
                r.action = Action.HELP;
                return r;
            }
            if (p.cteOptions() && a.startsWith("--ctegen")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--ctegen - CTE algorithm generation not specified.", false);
                }
                r.ctegen = atoi(args[++i]);
                if (r.ctegen != 1 && r.ctegen != 2) {
                    throw new UsageException("--ctegen - value out of range. Please specify either generation 1 or 2.",
                            false);
                }
                continue;
            }
            if (p.cteOptions() && a.startsWith("--pctetab")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--pctetab - no file specified", false);
                }
                r.pctetab = args[++i];
                continue;
            }
            if (p.threadOptions() && a.startsWith("--nthreads")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--nthreads - number of threads not specified", false);
                }
                // C: (unsigned) atoi, then values below 1 become 1
                r.nthreads = Math.max(1, atoi(args[++i]));
                continue;
            }
            if ((p == Program.ACSCTE || p == Program.ACSCTEFORWARDMODEL) && a.startsWith("--forwardModelOnly")) {
                r.forwardModelOnly = true;
                continue;
            }
            if (a.startsWith("-") && a.length() > 1) {
                if (a.charAt(1) == '-') {
                    throw new UsageException("Unrecognized option " + a, true);
                }
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    if (p.letters().indexOf(c) < 0) {
                        throw new UsageException("Unrecognized option " + a, true);
                    }
                    switch (c) {
                        case 't' -> r.timestamps = true;
                        case 's' -> r.save = true;
                        case 'v' -> r.verbose = true;
                        case 'q' -> r.quiet = true;
                        case 'd' -> r.debug = true;
                        case '1' -> r.oneThread = true;
                        case 'r' -> {
                            r.action = Action.SHORT_VERSION;
                            return r;
                        }
                        default -> throw new UsageException("Unrecognized option " + a, true);
                    }
                }
            } else if (r.positionals.size() < maxPositionals) {
                r.positionals.add(a);
            } else {
                tooMany = true;
            }
        }
        if (tooMany) {
            throw new UsageException("Too many arguments", true);
        }
        if (r.positionals.isEmpty()) {
            throw new UsageException("no input given", true);
        }
        if (r.forwardModelOnly && r.ctegen == 1) {
            throw new UsageException("--forwardModelOnly NOT compatible with 1st generation CTE algorithm", false);
        }
        return r;
    }

    /** acsrej.e: {@code input output} first, then options that must match exactly (rej_command.c). */
    private static Parsed parseRej(String[] args) {
        Parsed r = new Parsed();
        if (args.length < 2) {
            r.rejSyntaxOnly = true;
            return r;
        }
        r.positionals.add(args[0]);
        r.positionals.add(args[1]);
        int i = 2;
        while (i < args.length) {
            String a = args[i];
            if (!a.startsWith("-")) {
                throw new UsageException("Syntax error: " + a, false);
            }
            String name = a.substring(1);
            switch (name) {
                case "t" -> r.timestamps = true;
                case "v" -> r.verbose = true;
                case "shadcorr" -> r.rejShadcorr = true;
                case "readnoise_only" -> r.rejReadnoiseOnly = true;
                case "newbias" -> throw new UsageException("As of HSTCAL Version 2.0.0 (CALACS Version 10.0.0) the"
                        + " 'newbias' option for ACSREJ has been renamed 'readnoise_only'; please use -readnoise_only",
                        false);
                case "crmask" -> r.rejCrmask = Boolean.TRUE;
                case "table" -> r.rejTable = value(args, i++, a);
                case "scale" -> r.rejScale = strtod(value(args, i++, a));
                case "init" -> r.rejInit = value(args, i++, a);
                case "sky" -> r.rejSky = value(args, i++, a);
                case "sigmas" -> r.rejSigmas = value(args, i++, a);
                case "radius" -> r.rejRadius = strtod(value(args, i++, a));
                case "thresh" -> r.rejThresh = strtod(value(args, i++, a));
                case "pdq" -> r.rejPdq = (int) (short) strtol(value(args, i++, a));
                default -> throw new UsageException("Syntax error: " + a, false);
            }
            i++;
        }
        return r;
    }

    private static String value(String[] args, int i, String option) {
        if (i + 1 >= args.length) {
            throw new UsageException("Syntax error: " + option, false);
        }
        return args[i + 1];
    }

    /** C atoi: leading blanks, optional sign, digits; anything else stops; no digits gives 0. */
    static int atoi(String s) {
        long v = strtol(s);
        return (int) v;
    }

    /** C strtol(s, NULL, 10) without errors: the longest leading integer, or 0. */
    static long strtol(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE) {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        return neg ? -v : v;
    }

    /** C strtod(s, NULL): the longest leading decimal number, or 0. */
    static double strtod(String s) {
        String t = s.trim();
        for (int end = t.length(); end > 0; end--) {
            try {
                String c = t.substring(0, end);
                if (c.endsWith("d") || c.endsWith("D") || c.endsWith("f") || c.endsWith("F")) {
                    continue; // Java would accept these suffixes, C does not
                }
                return Double.parseDouble(c);
            } catch (NumberFormatException ignored) {
                // try a shorter prefix
            }
        }
        return 0.0;
    }
}
