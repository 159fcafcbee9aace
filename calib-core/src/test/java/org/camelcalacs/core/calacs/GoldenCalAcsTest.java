package org.camelcalacs.core.calacs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.golden.GoldenCase;
import org.camelcalacs.core.golden.GoldenComparator;
import org.camelcalacs.core.model.Verbosity;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CalAcs#run} on association cases of the golden corpus, in the variants that the routes module's
 * GoldenConformanceTest (every case through the CLI exactly as the oracle command says, every product compared)
 * does not cover: keeping temporaries (-s) where the oracle did not, the product rootname as input (PARTIAL
 * processing), and that no {@code _tmp} file is left without -s. Products are compared by the shared harness
 * ({@link GoldenComparator}); a missing corpus skips, or fails with {@code -Dcalacs.golden.required=true}.
 */
class GoldenCalAcsTest {
    @TempDir
    Path work;

    private CalAcsResult run(GoldenCase c, String input, boolean saveTemps) throws IOException {
        Path ref = c.prepare(work);
        RunOptions opts = RunOptions.defaults(work).withVerbosity(Verbosity.VERBOSE).withSaveTemporaries(saveTemps);
        Map<String, String> env = Map.of("jref", ref + "/");
        RunContext ctx = new RunContext(opts, RefResolver.fromEnvironment(env, work, List.of()),
                new Trailer(Verbosity.VERBOSE, false, null), env, null);
        long t0 = System.nanoTime();
        CalAcsResult r = CalAcs.run(input, ctx);
        System.out.printf("%s (input %s%s): %.2f s, stage times (ms) %s%n", c.id(), input, saveTemps ? ", -s" : "",
                (System.nanoTime() - t0) / 1e9, r.timingsMs());
        return r;
    }

    /** Every product of the case matches the oracle's. */
    private void assertProductsMatch(GoldenCase c) {
        List<String> problems = new ArrayList<>();
        for (GoldenCase.Product p : c.products()) {
            GoldenComparator.ProductResult r = GoldenComparator.compare(c, p, work);
            System.out.printf("  %s: pass=%s maxAbs=%.3g maxRel=%.3g%n", p.product(), r.pass(), r.maxAbs(),
                    r.maxRel());
            if (!r.pass()) {
                problems.add(p.product() + ": " + r.problems());
            }
        }
        assertThat(problems).as(c.id()).isEmpty();
    }

    private List<String> tmpFiles() throws IOException {
        try (Stream<Path> s = Files.list(work)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains("_tmp")).sorted().toList();
        }
    }

    /**
     * hrc-crsplit with -s (the oracle ran without): the products still match, and the blv_tmp and crj_tmp files
     * are kept; the crj_tmp has ERR[0,0] = -1 (acsrej quirk, spec §6) and the blv_tmp DQ arrays carry the 8192
     * flags written back by CRMASK.
     */
    @Test
    void saveTemporariesKeepsStageFiles() throws Exception {
        GoldenCase c = GoldenCase.require("hrc-crsplit");
        assertThat(c.keepsTemporaries()).as("the oracle ran without -s").isFalse();
        run(c, c.input(), true);
        assertProductsMatch(c);
        Exposure crjTmp = AcsFits.read(work.resolve("jsyn02011_crj_tmp.fits"));
        assertThat(crjTmp.imsets().get(0).err[0]).as("crj_tmp ERR[0,0]").isEqualTo(-1f);
        for (String m : List.of("jsyn02abq", "jsyn02acq")) {
            Exposure blv = AcsFits.read(work.resolve(m + "_blv_tmp.fits"));
            long crs = 0;
            for (short d : blv.imsets().get(0).dq) {
                if ((d & 8192) != 0) {
                    crs++;
                }
            }
            System.out.printf("  %s_blv_tmp: %d pixels flagged 8192%n", m, crs);
            assertThat(crs).as(m + "_blv_tmp CR flags").isPositive();
        }
    }

    /** Without -s no temporary is left behind, whatever the association path (CR-SPLIT, RPT, dither, SBC sum). */
    @ParameterizedTest
    @ValueSource(strings = {"hrc-crsplit", "hrc-rpt", "hrc-dither", "sbc-real-rpt", "wfc-crsplit"})
    void noTemporariesWithoutSaveTemps(String id) throws Exception {
        GoldenCase c = GoldenCase.require(id);
        assertThat(c.keepsTemporaries()).as("the oracle ran without -s").isFalse();
        CalAcsResult r = run(c, c.input(), false);
        assertThat(r.products()).as("products written").isNotEmpty();
        assertThat(tmpFiles()).as("temporaries without -s").isEmpty();
    }

    /**
     * The product rootname as input: PARTIAL processing of that position through {@code <root>0_asn.fits}. The
     * products match the whole-association ones; no association trailer (the DTH step runs only for a whole
     * association), the product's own trailer, and no temporaries.
     */
    @Test
    void productRootnameProcessesThatProduct() throws Exception {
        GoldenCase c = GoldenCase.require("hrc-rpt");
        run(c, "jsyn05011", false);
        assertProductsMatch(c);
        assertThat(work.resolve("jsyn05010.tra")).as("association trailer for PARTIAL").doesNotExist();
        assertThat(work.resolve("jsyn05011.tra")).as("product trailer").exists();
        assertThat(tmpFiles()).as("temporaries without -s").isEmpty();
    }
}
