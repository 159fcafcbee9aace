package org.camelcalacs.core.acscte;

import static org.junit.jupiter.api.Assertions.assertTrue;



import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camelcalacs.core.acs2d.Acs2d;
import org.camelcalacs.core.acsccd.AcsCcd;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.golden.GoldenCase;
import org.camelcalacs.core.golden.GoldenComparator;
import org.camelcalacs.core.ref.RefResolver;
import org.camelcalacs.core.trailer.Trailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACSCTE against the oracle: wfc-full-cte (ACSCCD then ACSCTE on jsyn01aaq_raw, compared with the stored
 * jsyn01aaq_blc_tmp expectation: CTE tolerance rtol 1e-4, atol 1e-2, DQ identical, case.json keywords) and
 * wfc-sub2k-cte (ACSCCD, ACSCTE, ACS2D, compared with the complete _flc). Skips when the corpus is missing unless
 * {@code -Dcalacs.golden.required=true}.
 */
class AcsCteGoldenTest {
    @TempDir
    Path work;

    private static Path corpus() {
        Optional<Path> dir = GoldenCase.corpusDir();
        if (dir.isEmpty()) {
            Path fallback = Path.of("/work/shared/golden");
            if (Files.isDirectory(fallback)) {
                return fallback;
            }
            GoldenCase.assumeCorpus(false, "golden corpus not found at " + GoldenCase.configuredDir());
        }
        return dir.get();
    }

    private RunContext context(int threads) {
        RefResolver refs = new RefResolver(Map.of("jref", work.resolve("ref")), work, List.of());
        RunOptions opts = RunOptions.defaults(work).withThreads(threads, false).withOverwrite(true);
        return new RunContext(opts, refs, Trailer.silent(), Map.of(), null);
    }

    private GoldenCase prepare(String id) {
        Path dir = corpus().resolve(id);
        if (!Files.isDirectory(dir)) {
            GoldenCase.assumeCorpus(false, "golden case " + id + " missing from " + corpus());
        }
        GoldenCase c = GoldenCase.load(dir);
        c.prepare(work);
        return c;
    }

    private static void check(GoldenCase c, String product, Path work) {
        GoldenCase.Product p = c.products().stream().filter(x -> x.product().equals(product)).findFirst()
                .orElseThrow();
        GoldenComparator.ProductResult r = GoldenComparator.compare(c, p, work);
        System.out.printf("%s %s: pass=%s maxAbs=%.3g maxRel=%.3g %s%n", c.id(), product, r.pass(), r.maxAbs(),
                r.maxRel(), r.arrays);
        assertTrue(r.pass(), c.id() + " " + product + ": " + r.problems());
    }

    @Test
    void fullFrameBlcTmpMatchesTheOracle() {
        GoldenCase c = prepare("wfc-full-cte");
        RunContext ctx = context(2);
        Exposure blv = AcsCcd.process(AcsFits.read(work.resolve("jsyn01aaq_raw.fits")), ctx);
        Exposure blc = AcsCte.process(blv, ctx);
        AcsFits.write(blc, work.resolve("jsyn01aaq_blc_tmp.fits"), true);
        check(c, "jsyn01aaq_blc_tmp.fits", work);
    }

    @Test
    void subarrayFlcMatchesTheOracle() {
        GoldenCase c = prepare("wfc-sub2k-cte");
        RunContext ctx = context(2);
        Exposure blv = AcsCcd.process(AcsFits.read(work.resolve("jsyn01aaq_raw.fits")), ctx);
        Exposure blc = AcsCte.process(blv, ctx);
        Path blcPath = work.resolve("jsyn01aaq_blc_tmp.fits");
        AcsFits.write(blc, blcPath, true);
        Acs2d.run(blcPath, work.resolve("jsyn01aaq_flc.fits"), ctx);
        check(c, "jsyn01aaq_flc.fits", work);
    }
}
