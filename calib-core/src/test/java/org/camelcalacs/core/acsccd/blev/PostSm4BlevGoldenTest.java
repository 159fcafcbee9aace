package org.camelcalacs.core.acsccd.blev;

import org.camelcalacs.core.golden.GoldenCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Imset;
import org.junit.jupiter.api.Test;

/**
 * Parity of the post-SM4 full-frame BLEVCORR kernels with CALACS 10.5.0 on the golden case wfc-full-postsm4.
 * The steps before BLEVCORR that change SCI are rebuilt here minimally (TEST ONLY, the stage belongs to the ccd
 * helper): BIASCORR (SCI -= BIAS in DN, float) and the gain conversion (columns < AMPX + LTV1 = 2072 use the
 * chip's first amp gain, the rest the second). DQICORR, full-well saturation, ERR init and SINKCORR do not change
 * SCI. Then the kernels, the trim (x 24..4119; chip 2 rows 0..2047, chip 1 rows 20..2067) and the comparison with
 * SCI_ROWS/SCI_COLS of the compact expectation, plus MEANBLEV, BIASLEVA..D and the DESTRIPE history.
 */
class PostSm4BlevGoldenTest {
    private static final Path GOLDEN = Path.of(System.getProperty("golden.dir", "/work/shared/golden"));
    private static final Path CASE = GOLDEN.resolve("wfc-full-postsm4");
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-3;

    @Test
    void fullFrameMatchesTheBlvTmpExpectation() throws Exception {
        Path raw = CASE.resolve("inputs/jsyn01aaq_raw.fits.gz");
        Path bias = GOLDEN.resolve("refsets/wfc-s12345/syn_bia.fits.gz");
        Path expect = CASE.resolve("expected/jsyn01aaq_blv_tmp_expect.fits.gz");
        GoldenCase.assumeCorpus(Files.exists(raw) && Files.exists(bias) && Files.exists(expect), "golden corpus not present");

        BasicHDU<?>[] exp;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(expect), 1 << 16); Fits f = new Fits(in)) {
            exp = f.read();
        }
        Header ep = exp[0].getHeader();
        float[] gain = {ep.getFloatValue("ATODGNA"), ep.getFloatValue("ATODGNB"), ep.getFloatValue("ATODGNC"),
            ep.getFloatValue("ATODGND")};

        Exposure e = AcsFits.read(raw);
        Exposure b = AcsFits.read(bias);
        Imset chip2 = e.imset(1);
        Imset chip1 = e.imset(2);
        assertThat(chip2.ccdChip()).isEqualTo(2);
        assertThat(chip1.ccdChip()).isEqualTo(1);
        int nx = chip2.nx, ny = chip2.ny;
        assertThat(nx).isEqualTo(4144);
        assertThat(ny).isEqualTo(2068);
        for (Imset im : new Imset[] {chip2, chip1}) {
            float[] bs = b.imsetByChip(im.ccdChip()).sci;
            float g0 = im.ccdChip() == 2 ? gain[2] : gain[0];
            float g1 = im.ccdChip() == 2 ? gain[3] : gain[1];
            int ampx = 2048 + 24;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = y * nx + x;
                    float v = im.sci[i] - bs[i];
                    im.sci[i] = v * (x < ampx ? g0 : g1);
                }
            }
        }
        String jw = e.primaryHdr().optString("JWROTYPE", "");
        double ccdgain = e.primaryHdr().optDouble("CCDGAIN", 1);
        boolean applies = BiasShift.applies(jw, ccdgain);
        assertThat(applies).isTrue();

        float[] c2 = chip2.sci.clone();
        float[] c1 = chip1.sci.clone();
        long t0 = System.nanoTime();
        PostSm4Blev.FullFrameResult r1 = PostSm4Blev.fullFrame(c2, c1, nx, ny, applies, 1);
        long ms1 = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        PostSm4Blev.FullFrameResult r = PostSm4Blev.fullFrame(chip2.sci, chip1.sci, nx, ny, applies, 2);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // any thread count gives the same bits
        assertThat(chip2.sci).isEqualTo(c2);
        assertThat(chip1.sci).isEqualTo(c1);
        assertThat(r.blev()).isEqualTo(r1.blev());

        StringBuilder rep = new StringBuilder("wfc-full-postsm4 blv_tmp parity (kernels: 1 thread " + ms1 + " ms (cold), 2 threads " + ms
                + " ms)\n");
        r.trailerLines().forEach(l -> rep.append("  trl: ").append(l).append('\n'));

        // pixels
        boolean pixelsOk = true;
        int[] yoff = {0, 20};
        Imset[] chips = {chip2, chip1};
        for (int v = 1; v <= 2; v++) {
            float[] full = chips[v - 1].sci;
            int y0 = yoff[v - 1];
            int[] rowIdx = (int[]) find(exp, "ROWINDEX", v).getKernel();
            float[][] rows = (float[][]) find(exp, "SCI_ROWS", v).getKernel();
            int[] colIdx = (int[]) find(exp, "COLINDEX", v).getKernel();
            float[][] cols = (float[][]) find(exp, "SCI_COLS", v).getKernel();
            double maxAbs = 0, maxRel = 0;
            long bad = 0, n = 0, same = 0;
            for (int k = 0; k < rowIdx.length; k++) {
                for (int x = 0; x < 4096; x++) {
                    double o = rows[k][x];
                    double j = full[(rowIdx[k] + y0) * nx + x + 24];
                    double d = Math.abs(j - o);
                    maxAbs = Math.max(maxAbs, d);
                    maxRel = Math.max(maxRel, d / Math.max(Math.abs(o), 1e-30));
                    n++;
                    same += d == 0 ? 1 : 0;
                    if (d > ATOL + RTOL * Math.abs(o)) {
                        bad++;
                    }
                }
            }
            for (int y = 0; y < 2048; y++) {
                for (int k = 0; k < colIdx.length; k++) {
                    double o = cols[y][k];
                    double j = full[(y + y0) * nx + colIdx[k] + 24];
                    double d = Math.abs(j - o);
                    maxAbs = Math.max(maxAbs, d);
                    n++;
                    same += d == 0 ? 1 : 0;
                    if (d > ATOL + RTOL * Math.abs(o)) {
                        bad++;
                    }
                }
            }
            rep.append(String.format(Locale.ROOT, "  SCI,%d: %d sampled pixels, max |diff| %.3g e-, max rel %.3g,"
                    + " bit-identical %d, out of tolerance %d%n", v, n, maxAbs, maxRel, same, bad));
            pixelsOk &= bad == 0;
        }

        // keywords
        float mb1 = find(exp, "SCI", 1).getHeader().getFloatValue("MEANBLEV");
        float mb2 = find(exp, "SCI", 2).getHeader().getFloatValue("MEANBLEV");
        rep.append(String.format(Locale.ROOT, "  MEANBLEV SCI,1 java %.8g oracle %.8g; SCI,2 java %.8g oracle %.8g%n",
                r.destripe().meanBlevChip2(), mb1, r.destripe().meanBlevChip1(), mb2));
        String[] keys = {"BIASLEVA", "BIASLEVB", "BIASLEVC", "BIASLEVD"};
        for (int k = 0; k < 4; k++) {
            rep.append(String.format(Locale.ROOT, "  %s java %.8g oracle %.8g%n", keys[k], (float) r.blev()[k],
                    ep.getFloatValue(keys[k])));
        }
        rep.append("  ").append(r.destripe().historyLines()).append('\n');
        System.out.print(rep);

        assertThat(pixelsOk).as(rep.toString()).isTrue();
        assertThat(within(r.destripe().meanBlevChip2(), mb1)).as("MEANBLEV SCI,1").isTrue();
        assertThat(within(r.destripe().meanBlevChip1(), mb2)).as("MEANBLEV SCI,2").isTrue();
        for (int k = 0; k < 4; k++) {
            assertThat(within((float) r.blev()[k], ep.getFloatValue(keys[k]))).as(keys[k]).isTrue();
        }
        assertThat(r.destripe().historyLines()).containsExactly("DESTRIPE: number of rows fixed per amp: 2067",
                "DESTRIPE: number of rows skipped per amp: 1");
        // trailer values printed by the oracle (oracle_stdout.log)
        assertThat(r.trailerLines()).contains(
                "Bias shift correcting for bias level in Amp A of 8342.7420 electrons (before correction).",
                "Bias shift correcting for bias level in Amp D of 9100.2059 electrons (after correction).",
                "     bias level of -0.663242 electrons was subtracted for AMP A.",
                "     bias level of -0.519084 electrons was subtracted for AMP D.");
    }

    /**
     * wfc-sub2k-cte: the WFC1A-2K subarray (path (c), bias shift only). Only the acsccd keywords can be checked
     * (the stored products include acs2d/CTE): MEANBLEV and BIASLEVA of the FLT expectation, and the oracle's
     * trailer values. The raw corner (-LTV) equals the chip-1 bias corner, so the bias is cut out at offset (0,0);
     * CCDTAB row 'A' has AMPX=4096, so the whole line uses ATODGNA.
     */
    @Test
    void supportedSubarrayMatchesMeanblevAndBiaslev() throws Exception {
        Path sub = GOLDEN.resolve("wfc-sub2k-cte");
        Path raw = sub.resolve("inputs/jsyn01aaq_raw.fits.gz");
        Path bias = GOLDEN.resolve("refsets/wfc-s12345/syn_bia.fits.gz");
        Path expect = sub.resolve("expected/jsyn01aaq_flt_expect.fits.gz");
        GoldenCase.assumeCorpus(Files.exists(raw) && Files.exists(bias) && Files.exists(expect), "golden corpus not present");
        BasicHDU<?>[] exp;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(expect), 1 << 16); Fits f = new Fits(in)) {
            exp = f.read();
        }
        Header ep = exp[0].getHeader();
        float gainA = ep.getFloatValue("ATODGNA");
        Exposure e = AcsFits.read(raw);
        Imset im = e.imset(1);
        Imset bi = AcsFits.read(bias).imsetByChip(im.ccdChip());
        int nx = im.nx, ny = im.ny;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                float v = im.sci[y * nx + x] - bi.sci[y * bi.nx + x];
                im.sci[y * nx + x] = v * gainA;
            }
        }
        String aperture = e.primaryHdr().optString("APERTURE", "").trim().toUpperCase(Locale.ROOT);
        assertThat(BiasShift.isSupportedSubarray(true, aperture, true)).isTrue();
        assertThat(BiasShift.applies(e.primaryHdr().optString("JWROTYPE", ""),
                e.primaryHdr().optDouble("CCDGAIN", 1))).isTrue();
        PostSm4Blev.SubarrayResult r = PostSm4Blev.subarray(im.sci, nx, ny,
                e.primaryHdr().optString("CCDAMP", "").trim().toUpperCase(Locale.ROOT));
        float mb = find(exp, "SCI", 1).getHeader().getFloatValue("MEANBLEV");
        System.out.printf(Locale.ROOT, "wfc-sub2k-cte: MEANBLEV java %.8g oracle %.8g; BIASLEVA java %.8g oracle %.8g%n",
                r.meanBlev(), mb, (float) r.blev()[0], ep.getFloatValue("BIASLEVA"));
        r.trailerLines().forEach(l -> System.out.println("  trl: " + l));
        assertThat(r.meanBlev()).isEqualTo(mb);
        assertThat((float) r.blev()[0]).isEqualTo(ep.getFloatValue("BIASLEVA"));
        assertThat(r.blev()[1]).isZero();
        assertThat(r.trailerLines()).containsExactly("Performing bias-shift correction for subarray data.",
                "Bias shift correcting for bias level in Amp A of 8343.0652 electrons (before correction).",
                "Bias shift correcting for bias level in Amp A of 8335.7596 electrons (after correction).");
    }

    /**
     * The other post-SM4 full frames of the corpus (wfc-crsplit member jsyn02abq, wfc-full-cte): their stored FLT
     * expectations carry the acsccd keywords MEANBLEV (SCI,1 and SCI,2) and BIASLEVA..D, which acs2d keeps.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"wfc-crsplit,jsyn02abq", "wfc-full-cte,jsyn01aaq"})
    void otherFullFramesMatchMeanblevAndBiaslev(String caseId, String root) throws Exception {
        Path raw = GOLDEN.resolve(caseId).resolve("inputs/" + root + "_raw.fits.gz");
        Path bias = GOLDEN.resolve("refsets/wfc-s12345/syn_bia.fits.gz");
        Path expect = GOLDEN.resolve(caseId).resolve("expected/" + root + "_flt_expect.fits.gz");
        GoldenCase.assumeCorpus(Files.exists(raw) && Files.exists(bias) && Files.exists(expect), "golden corpus not present");
        BasicHDU<?>[] exp;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(expect), 1 << 16); Fits f = new Fits(in)) {
            exp = f.read();
        }
        Header ep = exp[0].getHeader();
        float[] gain = {ep.getFloatValue("ATODGNA"), ep.getFloatValue("ATODGNB"), ep.getFloatValue("ATODGNC"),
            ep.getFloatValue("ATODGND")};
        Exposure e = AcsFits.read(raw);
        Exposure b = AcsFits.read(bias);
        Imset chip2 = e.imset(1);
        Imset chip1 = e.imset(2);
        biasAndGain(chip2, b, gain);
        biasAndGain(chip1, b, gain);
        PostSm4Blev.FullFrameResult r = PostSm4Blev.fullFrame(chip2.sci, chip1.sci, chip2.nx, chip2.ny,
                BiasShift.applies(e.primaryHdr().optString("JWROTYPE", ""), e.primaryHdr().optDouble("CCDGAIN", 1)),
                2);
        float mb1 = find(exp, "SCI", 1).getHeader().getFloatValue("MEANBLEV");
        float mb2 = find(exp, "SCI", 2).getHeader().getFloatValue("MEANBLEV");
        StringBuilder rep = new StringBuilder(String.format(Locale.ROOT,
                "%s/%s: MEANBLEV SCI,1 java %.8g oracle %.8g; SCI,2 java %.8g oracle %.8g;", caseId, root,
                r.destripe().meanBlevChip2(), mb1, r.destripe().meanBlevChip1(), mb2));
        for (int k = 0; k < 4; k++) {
            rep.append(String.format(Locale.ROOT, " BIASLEV%c %.8g/%.8g", "ABCD".charAt(k), (float) r.blev()[k],
                    ep.getFloatValue("BIASLEV" + "ABCD".charAt(k))));
        }
        System.out.println(rep);
        assertThat(r.destripe().meanBlevChip2()).as(rep.toString()).isEqualTo(mb1);
        assertThat(r.destripe().meanBlevChip1()).as(rep.toString()).isEqualTo(mb2);
        for (int k = 0; k < 4; k++) {
            assertThat((float) r.blev()[k]).as(rep.toString()).isEqualTo(ep.getFloatValue("BIASLEV" + "ABCD".charAt(k)));
        }
    }

    /** BIASCORR (float subtraction, DN) then the gain (columns < 2072: first amp of the chip) for one chip. */
    private static void biasAndGain(Imset im, Exposure biasFile, float[] gain) {
        float[] bs = biasFile.imsetByChip(im.ccdChip()).sci;
        float g0 = im.ccdChip() == 2 ? gain[2] : gain[0];
        float g1 = im.ccdChip() == 2 ? gain[3] : gain[1];
        int nx = im.nx;
        for (int y = 0; y < im.ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = y * nx + x;
                float v = im.sci[i] - bs[i];
                im.sci[i] = v * (x < 2072 ? g0 : g1);
            }
        }
    }

    private static boolean within(float java, float oracle) {
        return Math.abs(java - oracle) <= ATOL + RTOL * Math.abs(oracle);
    }

    private static BasicHDU<?> find(BasicHDU<?>[] hdus, String name, int ver) {
        for (BasicHDU<?> h : hdus) {
            Header hh = h.getHeader();
            if (name.equals(hh.getStringValue("EXTNAME")) && hh.getIntValue("EXTVER", 1) == ver) {
                return h;
            }
        }
        throw new AssertionError("no HDU " + name + "," + ver);
    }
}
