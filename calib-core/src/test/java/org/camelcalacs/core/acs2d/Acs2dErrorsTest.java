package org.camelcalacs.core.acs2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.model.RefType;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.SwitchValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ACS2D refusals: clear messages, no product written. Inputs come from the golden corpus. */
class Acs2dErrorsTest {
    @TempDir
    Path work;

    private Path sbcRaw(Path c, java.util.function.Consumer<Exposure> edit) throws Exception {
        Exposure raw = AcsFits.read(c.resolve("inputs/jcrx01iiq_raw.fits.gz"));
        edit.accept(raw);
        Path p = work.resolve("jcrx01iiq_raw.fits");
        AcsFits.write(raw, p, true);
        return p;
    }

    @Test
    void untrimmedCcdInputIsRefusedAndNothingIsWritten() throws Exception {
        Path c = Golden.requireCase("hrc-real-single");
        RunContext ctx = Golden.context(c, work);
        Path raw = work.resolve("j8bt05njq_raw.fits");
        Golden.gunzip(c.resolve("inputs/j8bt05njq_raw.fits.gz"), raw);
        assertThatThrownBy(() -> Acs2d.run(raw, null, ctx)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Overscan region not trimmed");
        assertThat(Files.exists(work.resolve("j8bt05njq_flt.fits"))).isFalse();
    }

    @Test
    void missingReferencesAreAllReportedAtOnce() throws Exception {
        Path c = Golden.requireCase("sbc-real-rpt");
        RunContext ctx = Golden.context(c, work);
        Path raw = sbcRaw(c, x -> {
            x.primary().addValue("DARKFILE", "jref$nodark.fits", "");
            x.primary().addValue("PFLTFILE", "jref$noflat.fits", "");
        });
        assertThatThrownBy(() -> Acs2d.run(raw, null, ctx)).isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("DARKFILE").hasMessageContaining("PFLTFILE");
        assertThat(Files.exists(work.resolve("jcrx01iiq_flt.fits"))).isFalse();
    }

    @Test
    void noImphttabRowIsFatal() throws Exception {
        Path c = Golden.requireCase("sbc-real-rpt");
        RunContext ctx = Golden.context(c, work);
        Path raw = sbcRaw(c, x -> x.primary().addValue("FILTER1", "F999X", ""));
        assertThatThrownBy(() -> Acs2d.run(raw, null, ctx)).isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("Matching row not found in IMPHTTAB");
        assertThat(Files.exists(work.resolve("jcrx01iiq_flt.fits"))).isFalse();
    }

    @Test
    void explicitOutputNameIsHonouredAndOverridesApply() throws Exception {
        Path c = Golden.requireCase("sbc-real-rpt");
        RunContext base = Golden.context(c, work);
        RunOptions o = base.options().withOverrides(Map.of(Switch.PHOTCORR, SwitchValue.OMIT), Map.of());
        RunContext ctx = new RunContext(o, base.refs(), base.trailer(), Map.of(), null);
        Path raw = sbcRaw(c, x -> { });
        Path out = Acs2d.run(raw, work.resolve("custom.fits"), ctx);
        assertThat(out.getFileName().toString()).isEqualTo("custom.fits");
        Exposure flt = AcsFits.read(out);
        // PHOTCORR overridden to OMIT: no photometry, but PHOTMODE is always written
        assertThat(flt.primary().getStringValue("PHOTCORR").trim()).isEqualTo("OMIT");
        assertThat(flt.imset(1).sciHeader.getDoubleValue("PHOTFLAM")).isEqualTo(0.0);
        assertThat(flt.imset(1).sciHeader.getStringValue("PHOTMODE")).startsWith("ACS SBC BLOCK1 MJD#");
        assertThat(flt.primary().getStringValue("FLATCORR").trim()).isEqualTo("COMPLETE");
        // a reference override for a missing file is reported as missing
        RunOptions o2 = base.options().withOverrides(Map.of(), Map.of(RefType.PFLTFILE, "jref$other.fits"));
        RunContext ctx2 = new RunContext(o2, base.refs(), base.trailer(), Map.of(), null);
        assertThatThrownBy(() -> Acs2d.process(AcsFits.read(raw), ctx2)).isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("PFLTFILE `jref$other.fits' not found");
    }

    @Test
    void nothingToDoLeavesTheDataAloneAndAcs2dERefuses() throws Exception {
        Path c = Golden.requireCase("sbc-real-rpt");
        RunContext base = Golden.context(c, work);
        Path raw = sbcRaw(c, x -> {
            for (String k : new String[] {"DQICORR", "GLINCORR", "LFLGCORR", "DARKCORR", "FLATCORR", "PHOTCORR"}) {
                x.primary().addValue(k, "OMIT", "");
            }
        });
        Exposure in = AcsFits.read(raw);
        assertThat(Acs2d.hasWork(in, base)).isFalse();
        Exposure out = Acs2d.process(in, base);
        assertThat(out.imset(1).sci).isEqualTo(in.imset(1).sci);
        assertThat(out.imset(1).sciHeader.getStringValue("BUNIT").trim()).isEqualTo("COUNTS");
        assertThatThrownBy(() -> Acs2d.run(raw, null, base)).hasMessageContaining("nothing to do");
        assertThat(Files.exists(work.resolve("jcrx01iiq_flt.fits"))).isFalse();
    }
}
