package org.camelcalacs.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import nom.tam.fits.Header;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Imset;
import org.camelcalacs.core.model.Verbosity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calacs.e-compatible command line: option parsing as in the C programs, exit statuses, messages. */
class CamelCalacsCliTest {
    @TempDir
    Path cwd;

    private record Result(int rc, String out, String err) {
    }

    private Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            rc = CamelCalacsCli.execute(args, cwd, env, po, pe);
        }
        return new Result(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private Result run(String... args) {
        return run(Map.of(), args);
    }

    // ---- immediate actions ----

    @Test
    void versionHelpAndShortVersion() {
        Result v = run("calacs", "--version");
        assertThat(v.rc).isZero();
        assertThat(v.out.trim()).isEqualTo("10.5.0 (16-Mar-2026)");
        Result r = run("calacs", "-r");
        assertThat(r.rc).isZero();
        assertThat(r.out).contains("Current version: 10.5.0");
        Result h = run("acs2d", "--help");
        assertThat(h.rc).isZero();
        assertThat(h.out).startsWith("syntax:  acs2d");
        // --version is acted on where it appears, even after an input (C loop order)
        assertThat(run("acsccd", "x_raw.fits", "--version").rc).isZero();
        Result top = run("version");
        assertThat(top.rc).isZero();
        assertThat(top.out).contains("camel-calacs").contains("10.5.0");
        assertThat(run("--help").rc).isZero();
    }

    @Test
    void programNamesOfTheCBinariesAreAccepted() {
        assertThat(Program.of("calacs.e")).contains(Program.CALACS);
        assertThat(Program.of("/usr/local/bin/acscteforwardmodel.e")).contains(Program.ACSCTEFORWARDMODEL);
        assertThat(Program.of("acsfoo")).isEmpty();
        assertThat(run("calacs.e", "--version").rc).isZero();
    }

    // ---- parsing (C argument loops) ----

    @Test
    void combinedFlagsAndLongOptions() {
        CArgs.Parsed p = CArgs.parse(Program.CALACS,
                new String[] {"-tvs", "--nthreads", "3", "-1", "--ctegen", "2", "--pctetab", "my_cte.fits", "j_asn.fits"});
        assertThat(p.timestamps).isTrue();
        assertThat(p.verbose).isTrue();
        assertThat(p.save).isTrue();
        assertThat(p.quiet).isFalse();
        assertThat(p.oneThread).isTrue();
        assertThat(p.nthreads).isEqualTo(3);
        assertThat(p.ctegen).isEqualTo(2);
        assertThat(p.pctetab).isEqualTo("my_cte.fits");
        assertThat(p.positionals).containsExactly("j_asn.fits");
        // atoi semantics: "0" and "abc" give 0, and fewer than 1 thread becomes 1
        assertThat(CArgs.parse(Program.CALACS, new String[] {"--nthreads", "0", "x"}).nthreads).isEqualTo(1);
        assertThat(CArgs.parse(Program.CALACS, new String[] {"--nthreads", "abc", "x"}).nthreads).isEqualTo(1);
        assertThat(CArgs.parse(Program.CALACS, new String[] {"--nthreads", "4x", "x"}).nthreads).isEqualTo(4);
        assertThat(CArgs.parse(Program.CALACS, new String[] {"-d", "x"}).debug).isTrue();
    }

    @Test
    void optionsThatAProgramDoesNotHaveAreRejected() {
        // acsccd/acs2d/acssum have no -s, -1, --nthreads or --pctetab
        for (String[] a : List.of(new String[] {"acsccd", "-s", "x"}, new String[] {"acs2d", "-1", "x"},
                new String[] {"acssum", "--nthreads", "2", "x"}, new String[] {"acsccd", "--pctetab", "p", "x"},
                new String[] {"calacs", "-x", "x"}, new String[] {"calacs", "--bogus", "x"})) {
            Result r = run(a);
            assertThat(r.rc).as(String.join(" ", a)).isEqualTo(2);
            assertThat(r.err).contains("Unrecognized option");
        }
        assertThat(run("calacs", "--ctegen", "3", "x").err).contains("--ctegen - value out of range");
        assertThat(run("calacs", "--ctegen").err).contains("not specified");
        assertThat(run("calacs", "--nthreads").err).contains("number of threads not specified");
        assertThat(run("calacs", "--pctetab").err).contains("no file specified");
        assertThat(run("acscte", "--forwardModelOnly", "--ctegen", "1", "x").err).contains("NOT compatible");
    }

    @Test
    void missingOrTooManyArgumentsAreUsageErrors() {
        Result none = run("calacs");
        assertThat(none.rc).isEqualTo(2);
        assertThat(none.err).contains("syntax:  calacs");
        Result many = run("calacs", "a_raw.fits", "b_raw.fits");
        assertThat(many.rc).isEqualTo(2);
        assertThat(many.err).contains("Too many arguments");
        assertThat(run("acs2d", "a", "b", "c").rc).isEqualTo(2);
        assertThat(run().rc).isEqualTo(2);
        assertThat(run("nonsense").rc).isEqualTo(2);
    }

    @Test
    void forwardModelByNameOrFlag() {
        assertThat(CArgs.parse(Program.ACSCTEFORWARDMODEL, new String[] {"x"}).forwardModelOnly).isTrue();
        assertThat(CArgs.parse(Program.ACSCTE, new String[] {"x"}).forwardModelOnly).isFalse();
        assertThat(CArgs.parse(Program.ACSCTE, new String[] {"--forwardModelOnly", "x", "y"}).forwardModelOnly).isTrue();
    }

    @Test
    void acsrejOptions() {
        CArgs.Parsed p = CArgs.parse(Program.ACSREJ, new String[] {"a_blv_tmp.fits,b_blv_tmp.fits", "o_crj_tmp.fits",
            "-t", "-v", "-shadcorr", "-crmask", "-readnoise_only", "-table", "my_crr.fits", "-scale", "30",
            "-init", "med", "-sky", "mode", "-sigmas", "6.5,5.5,4.5", "-radius", "2.1", "-thresh", "0.5", "-pdq", "31743"});
        assertThat(p.positionals).containsExactly("a_blv_tmp.fits,b_blv_tmp.fits", "o_crj_tmp.fits");
        assertThat(p.timestamps).isTrue();
        assertThat(p.verbose).isTrue();
        assertThat(p.rejShadcorr).isTrue();
        assertThat(p.rejCrmask).isTrue();
        assertThat(p.rejReadnoiseOnly).isTrue();
        assertThat(p.rejTable).isEqualTo("my_crr.fits");
        assertThat(p.rejScale).isEqualTo(30.0);
        assertThat(p.rejInit).isEqualTo("med");
        assertThat(p.rejSky).isEqualTo("mode");
        assertThat(p.rejSigmas).isEqualTo("6.5,5.5,4.5");
        assertThat(p.rejRadius).isEqualTo(2.1);
        assertThat(p.rejThresh).isEqualTo(0.5);
        assertThat(p.rejPdq).isEqualTo(31743);
        // unset values stay null (the CRREJTAB decides)
        CArgs.Parsed d = CArgs.parse(Program.ACSREJ, new String[] {"a", "b"});
        assertThat(d.rejCrmask).isNull();
        assertThat(d.rejScale).isNull();
        // -pdq is a C short: 40000 wraps
        assertThat(CArgs.parse(Program.ACSREJ, new String[] {"a", "b", "-pdq", "40000"}).rejPdq).isEqualTo(40000 - 65536);
    }

    @Test
    void acsrejQuirks() {
        // fewer than two arguments: the syntax and option list, status 0 (rej_command.c)
        Result s = run("acsrej", "a_blv_tmp.fits");
        assertThat(s.rc).isZero();
        assertThat(s.out).contains("-readnoise_only");
        // options are exact words: combined flags are a syntax error; -newbias was renamed
        assertThat(run("acsrej", "a", "b", "-tv").err).contains("Syntax error: -tv");
        Result nb = run("acsrej", "a", "b", "-newbias");
        assertThat(nb.rc).isEqualTo(2);
        assertThat(nb.err).contains("readnoise_only");
        assertThat(run("acsrej", "a", "b", "-table").err).contains("Syntax error: -table");
        assertThat(run("acsrej", "a", "b", "stray").rc).isEqualTo(2);
    }

    @Test
    void cNumberParsing() {
        assertThat(CArgs.atoi(" 12abc")).isEqualTo(12);
        assertThat(CArgs.atoi("-3")).isEqualTo(-3);
        assertThat(CArgs.atoi("x")).isZero();
        assertThat(CArgs.strtod("2.5e1xyz")).isEqualTo(25.0);
        assertThat(CArgs.strtod("1f")).isEqualTo(1.0);
        assertThat(CArgs.strtod("abc")).isZero();
    }

    // ---- lists and names ----

    @Test
    void commaListsAndOutputCounts() {
        assertThat(StageRunner.list(" a_raw.fits, b_raw.fits,,")).containsExactly("a_raw.fits", "b_raw.fits");
        Result r = run("acsccd", "a_raw.fits,b_raw.fits", "x_blv_tmp.fits");
        assertThat(r.rc).isEqualTo(2);
        assertThat(r.err).contains("must be the same");
        assertThat(StageRunner.defaultSumOutput("jcrx01010_asn.fits")).isEqualTo("jcrx01010_sfl.fits");
        assertThat(StageRunner.defaultSumOutput("jcrx01iiq_flt.fits")).isEqualTo("jcrx01iiq_flt_sfl.fits");
    }

    // ---- context: environment, working directory ----

    @Test
    void contextFromEnvironmentAndFlags() throws Exception {
        Path refs = Files.createDirectories(cwd.resolve("refs"));
        CArgs.Parsed p = CArgs.parse(Program.CALACS, new String[] {"-vs1", "--nthreads", "2", "x_raw.fits"});
        RunContext ctx = new StageRunner(Program.CALACS, p, cwd,
                Map.of("jref", refs + "/", "imclobber", "yes"), System.out, System.err).context();
        assertThat(ctx.options().outputDir()).isEqualTo(cwd);
        assertThat(ctx.options().overwrite()).isTrue();
        assertThat(ctx.options().saveTemporaries()).isTrue();
        assertThat(ctx.options().verbosity()).isEqualTo(Verbosity.VERBOSE);
        assertThat(ctx.threads()).isEqualTo(1); // -1 wins over --nthreads
        assertThat(ctx.refs().prefixes().get("jref")).isEqualTo(refs);
        assertThat(ctx.refs().workDir()).isEqualTo(cwd);

        CArgs.Parsed q = CArgs.parse(Program.CALACS, new String[] {"-qv", "x_raw.fits"});
        RunContext quiet = new StageRunner(Program.CALACS, q, cwd, Map.of("JREF", refs.toString()), System.out,
                System.err).context();
        assertThat(quiet.options().verbosity()).isEqualTo(Verbosity.QUIET);
        assertThat(quiet.options().overwrite()).isFalse();
        assertThat(quiet.refs().prefixes().get("jref")).isEqualTo(refs);
    }

    @Test
    void pctetabFromTheCommandLineIsAllowedWhereverItIs() throws Exception {
        Path elsewhere = Files.createTempDirectory("pcte");
        Path tab = Files.writeString(elsewhere.resolve("my_cte.fits"), "x");
        try {
            CArgs.Parsed p = CArgs.parse(Program.ACSCTE, new String[] {"--pctetab", tab.toString(), "x_blv_tmp.fits"});
            RunContext ctx = new StageRunner(Program.ACSCTE, p, cwd, Map.of(), System.out, System.err).context();
            assertThat(ctx.options().pctetab()).isEqualTo(tab.toString());
            assertThat(ctx.refs().require("PCTETAB", ctx.options().pctetab())).isEqualTo(tab);
        } finally {
            Files.deleteIfExists(tab);
            Files.deleteIfExists(elsewhere);
        }
    }

    // ---- failures: one message, exit 2, no stack trace unless -d ----

    @Test
    void failuresGiveAMessageAndStatusTwo() {
        Result r = run("calacs", "-q", "nothing_raw.fits");
        assertThat(r.rc).isEqualTo(2);
        assertThat(r.err).contains("ERROR:").contains("CALACS processing NOT completed for nothing_raw.fits");
        assertThat(r.err).doesNotContain("\tat ");
        Result d = run("calacs", "-d", "nothing_raw.fits");
        assertThat(d.rc).isEqualTo(2);
        assertThat(d.err).contains("\tat ");
        Result ccd = run("acsccd", "nothing_raw.fits");
        assertThat(ccd.rc).isEqualTo(2);
        assertThat(ccd.err).contains("ERROR:").doesNotContain("\tat ");
    }

    @Test
    void unexpectedExceptionsAreMappedToo() {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = CamelCalacsCli.failure(new IllegalStateException("boom"), false,
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(2);
        assertThat(e.toString(StandardCharsets.UTF_8)).contains("internal error").contains("boom").doesNotContain("\tat ");
        assertThat(CamelCalacsCli.failure(new OutOfMemoryError(), false, new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(2);
    }

    @Test
    void acscteSkipsFilesWhosePctecorrIsNotPerform() throws Exception {
        Header h = new Header();
        h.addValue("PCTECORR", "OMIT", "");
        AcsFits.write(new Exposure(null, h, List.of(Imset.blank(1, 3, 2))), cwd.resolve("jx_blv_tmp.fits"), false);
        Result r = run("acscte", "jx_blv_tmp.fits");
        assertThat(r.rc).isZero();
        assertThat(r.out).contains("Skipping jx_blv_tmp.fits because PCTECORR is not set to PERFORM");
        assertThat(cwd.resolve("jx_blc_tmp.fits")).doesNotExist();
        // a file that is not there is an error, not a skip
        assertThat(run("acscte", "missing_blv_tmp.fits").rc).isEqualTo(2);
    }

    @Test
    void usageExceptionCarriesSyntaxFlag() {
        assertThatThrownBy(() -> CArgs.parse(Program.CALACS, new String[] {"-z"}))
                .isInstanceOf(CArgs.UsageException.class).hasMessage("Unrecognized option -z");
    }
}
