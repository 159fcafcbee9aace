package org.camelcalacs.core.acs2d;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.model.Verbosity;
import org.camelcalacs.core.trailer.Trailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ACS2D trailer uses CALACS wording (compare golden/sbc-real-rpt/expected/oracle_stdout.log). */
class Acs2dTrailerTest {
    @TempDir
    Path work;

    @Test
    void sbcTrailerLinesFollowTheOracle() throws Exception {
        Path c = Golden.requireCase("sbc-real-rpt");
        RunContext base = Golden.context(c, work);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Trailer trl = new Trailer(Verbosity.VERBOSE, false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        RunContext ctx = new RunContext(base.options(), base.refs(), trl, Map.of(), null);
        Path raw = work.resolve("jcrx01iiq_raw.fits");
        Golden.gunzip(c.resolve("inputs/jcrx01iiq_raw.fits.gz"), raw);
        Acs2d.run(raw, null, ctx);
        String out = bytes.toString(StandardCharsets.UTF_8);
        List<String> expectedInOrder = List.of("Output   jcrx01iiq_flt.fits", "DQICORR  PERFORM",
                "DQITAB   jref$syn_bpx.fits", "DQITAB   PEDIGREE=INFLIGHT 01/01/2002 01/01/2002",
                "DQICORR  COMPLETE", "GLINCORR PERFORM", "LFLGCORR PERFORM", "MLINTAB  jref$syn_lin.fits",
                "GLINCORR COMPLETE", "LFLGCORR COMPLETE", "         Uncertainty array initialized,",
                "DARKCORR PERFORM", "DARKFILE jref$syn_drk.fits", "Darktime from header 0.000000",
                "Performing dark subtraction on chip 1 in imset 1", "Image has an offset of 0,0",
                "Mean of dark image (MEANDARK) = 0", "DARKCORR COMPLETE", "FLSHCORR OMIT", "FLATCORR PERFORM",
                "PFLTFILE jref$syn_pfl.fits", "ratio of flat/input = 1,1 offset by 0,0", "FLATCORR COMPLETE",
                "PHOTCORR PERFORM", "Keyword PHOTMODE built as: ACS SBC BLOCK1 MJD#57084.0881",
                "Created SYNPHOT obsmode of: acs,sbc,block1,mjd#57084.0881", "==> Value of PHOTFLAM = 1.0354204e-14",
                "==> Value of PHOTPLAM = 1650.3542", "==> Value of PHOTBW = 120.3542",
                "Computed PHOTFLAM value of 1.03542e-14", "IMPHTTAB jref$syn_imp.fits", "PHOTCORR COMPLETE",
                "*** ACS2D complete ***");
        int pos = 0;
        for (String line : expectedInOrder) {
            int at = out.indexOf(line + "\n", pos);
            assertThat(at).as("line '" + line + "' after position " + pos + " in:\n" + out).isGreaterThanOrEqualTo(0);
            pos = at + line.length();
        }
        assertThat(Files.readString(work.resolve("jcrx01iiq.tra"))).contains("PHOTCORR COMPLETE");
    }
}
