package org.camelcalacs.routes.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * The calacs.e-compatible programs and their exact option sets (spec §1; pkg/acs/src/main*.c,
 * lib/acscte/domaincte.c, lib/acsrej/rej_command.c). The syntax lines mirror the C programs' own.
 */
public enum Program {
    CALACS("calacs", "tsvqrd1", true, true,
            "[--help] [-t] [-s] [-v] [-q] [-r] [--version] [--gitinfo] [-1|--nthreads <N>] [--ctegen <1|2>]"
                    + " [--pctetab <path>] input",
            "Runs the whole pipeline on an association table, a raw file or a rootname."),
    ACSCCD("acsccd", "tvq", false, false, "[--help] [-t] [-v] [-q] [--version] [--gitinfo] input output",
            "CCD stage: raw -> _blv_tmp (DQICORR, BIASCORR, BLEVCORR, SINKCORR). The output argument is ignored."),
    ACSCTE("acscte", "tvq1", true, true,
            "[--help] [-t] [-v] [-q] [--version] [--gitinfo] [-1|--nthreads <N>] [--ctegen <1|2>]"
                    + " [--pctetab <path>] [--forwardModelOnly] input [output]",
            "Pixel-based CTE correction: _blv_tmp -> _blc_tmp. The output argument is ignored."),
    ACSCTEFORWARDMODEL("acscteforwardmodel", "tvq1", true, true,
            "[--help] [-t] [-v] [-q] [--version] [--gitinfo] [-1|--nthreads <N>] [--ctegen <1|2>]"
                    + " [--pctetab <path>] [--forwardModelOnly] input [output]",
            "CTE forward model (adds CTE trails): _blv_tmp -> _ctefmod."),
    ACS2D("acs2d", "tvq", false, false, "[--help] [-t] [-v] [-q] [--version] [--gitinfo] input output",
            "2-D stage: _blv_tmp/_blc_tmp/_crj_tmp/_crc_tmp -> _flt/_flc/_crj/_crc. The output name is honoured."),
    ACSREJ("acsrej", "", false, false, "input output [-t] [-v]",
            "Cosmic-ray rejection of a comma list of _blv_tmp/_blc_tmp files into one output."),
    ACSSUM("acssum", "tvq", false, false, "[--help] [-t] [-v] [-q] [--version] [--gitinfo] input output",
            "Sums repeat-obs _flt files (SBC) into an _sfl.");

    private final String command;
    private final String letters;
    private final boolean threadOptions;
    private final boolean cteOptions;
    private final String syntax;
    private final String description;

    Program(String command, String letters, boolean threadOptions, boolean cteOptions, String syntax,
            String description) {
        this.command = command;
        this.letters = letters;
        this.threadOptions = threadOptions;
        this.cteOptions = cteOptions;
        this.syntax = syntax;
        this.description = description;
    }

    /** The subcommand name (also the wrapper script name in bin/). */
    public String command() {
        return command;
    }

    /** Single-letter flags the program accepts, combinable as in {@code -tv}. */
    public String letters() {
        return letters;
    }

    /** {@code -1} and {@code --nthreads N}. */
    public boolean threadOptions() {
        return threadOptions;
    }

    /** {@code --ctegen} and {@code --pctetab}. */
    public boolean cteOptions() {
        return cteOptions;
    }

    public String syntaxLine() {
        return "syntax:  " + command + " " + syntax;
    }

    public String description() {
        return description;
    }

    /** The program for a command name; the C names ({@code calacs.e}) are accepted too. */
    public static Optional<Program> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        int slash = n.lastIndexOf('/');
        if (slash >= 0) {
            n = n.substring(slash + 1);
        }
        if (n.endsWith(".e")) {
            n = n.substring(0, n.length() - 2);
        }
        for (Program p : values()) {
            if (p.command.equals(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
