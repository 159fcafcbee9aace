package org.camelcalacs.core.acsccd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import nom.tam.fits.Header;
import org.camelcalacs.core.calacs.RunContext;
import org.camelcalacs.core.calacs.RunOptions;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.model.Switch;
import org.camelcalacs.core.model.SwitchValue;
import org.camelcalacs.core.model.Verbosity;
import org.camelcalacs.core.trailer.Trailer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage-level behaviour of ACSCCD on the hrc-real-single inputs: errors, no product on failure, keywords. */
class AcsCcdStageTest {
    @TempDir
    Path work;
    Path raw;

    @BeforeEach
    void setUp() throws Exception {
        raw = GoldenCcd.prepare(GoldenCcd.caseDir("hrc-real-single"), work);
    }

    private Path edited(Consumer<Header> edit) {
        Exposure e = AcsFits.read(raw);
        edit.accept(e.primary());
        Path p = work.resolve("jedit1abq_raw.fits");
        AcsFits.write(e, p, true);
        return p;
    }

    private RunContext ctx() {
        return GoldenCcd.context(work, false);
    }

    @Test
    void invalidCcdampIsRefusedWithoutProduct() {
        Path p = edited(h -> h.addValue("CCDAMP", "FOOB", ""));
        assertThatThrownBy(() -> AcsCcd.run(p, ctx())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("CCDAMP = 'FOOB' is invalid. Must be in 'ABCD'");
        assertThat(work.resolve("jedit1abq_blv_tmp.fits")).doesNotExist();
    }

    @Test
    void sbcIsNotACcd() {
        Path p = edited(h -> h.addValue("DETECTOR", "SBC", ""));
        assertThatThrownBy(() -> AcsCcd.run(p, ctx())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("MAMA");
    }

    @Test
    void allMissingReferencesAreReportedTogether() {
        Path p = edited(h -> {
            h.addValue("BIASFILE", "jref$missing_bia.fits", "");
            h.addValue("SATUFILE", "jref$missing_sat.fits", "");
        });
        assertThatThrownBy(() -> AcsCcd.run(p, ctx())).isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("BIASFILE = jref$missing_bia.fits")
                .hasMessageContaining("SATUFILE = jref$missing_sat.fits");
        assertThat(work.resolve("jedit1abq_blv_tmp.fits")).doesNotExist();
    }

    @Test
    void noCcdtabRowIsFatal() {
        Path p = edited(h -> h.addValue("CCDOFSTC", 9, ""));
        assertThatThrownBy(() -> AcsCcd.run(p, ctx())).isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("Matching row not found");
    }

    @Test
    void invalidSwitchValue() {
        Path p = edited(h -> h.addValue("DQICORR", "MAYBE", ""));
        assertThatThrownBy(() -> AcsCcd.run(p, ctx())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("DQICORR = MAYBE is invalid");
    }

    @Test
    void switchesCompleteBiaslevUpdatedOnlyWhenPresentAndTrimmedGeometry() throws Exception {
        Path p = edited(h -> h.addValue("BIASLEVA", 0.0, "mean of amp's bias level"));
        Exposure out = AcsFits.read(AcsCcd.run(p, ctx()));
        Header ph = out.primary();
        assertThat(ph.getStringValue("DQICORR")).isEqualTo("COMPLETE");
        assertThat(ph.getStringValue("BIASCORR")).isEqualTo("COMPLETE");
        assertThat(ph.getStringValue("BLEVCORR")).isEqualTo("COMPLETE");
        assertThat(ph.getStringValue("CAL_VER")).isEqualTo(AcsCcd.CAL_VER);
        // amp C only: BIASLEVC gets the overscan level (oracle trailer: 2506.88), BIASLEVA stays 0
        assertThat(ph.getDoubleValue("BIASLEVC")).isBetween(2506.87, 2506.89);
        assertThat(ph.getDoubleValue("BIASLEVA")).isZero();
        assertThat(ph.getDoubleValue("ATODGNC")).isCloseTo(2.216, org.assertj.core.api.Assertions.within(1e-6));
        var sci = out.imsets().get(0);
        assertThat(sci.nx).isEqualTo(1024);
        assertThat(sci.sciHeader.getDoubleValue("LTV1")).isZero();
        assertThat(sci.sciHeader.getIntValue("SIZAXIS1")).isEqualTo(1024);
        assertThat(sci.sciHeader.getStringValue("BUNIT")).isEqualTo("ELECTRONS");
        // the output exists now: a second run without overwrite is refused before any work
        assertThatThrownBy(() -> AcsCcd.run(p, ctx()))
                .isInstanceOf(org.camelcalacs.core.error.OutputExistsException.class);
    }

    @Test
    void blevcorrOmitWritesTheUntrimmedImage() throws Exception {
        RunOptions o = new RunOptions(Verbosity.QUIET, false, false, 0, false, null, 0,
                Map.of(Switch.BLEVCORR, SwitchValue.OMIT), Map.of(), work, true);
        RunContext c = new RunContext(o, ctx().refs(), Trailer.silent(), Map.of(), null);
        Exposure out = AcsFits.read(AcsCcd.run(raw, c));
        assertThat(out.imsets().get(0).nx).isEqualTo(1062);
        assertThat(out.primary().getStringValue("BLEVCORR")).isEqualTo("OMIT");
        assertThat(Files.exists(work.resolve("j8bt05njq_blv_tmp.fits"))).isTrue();
        // the raw on disk is not modified by the override
        assertThat(AcsFits.read(raw).primary().getStringValue("BLEVCORR")).isEqualTo("PERFORM");
    }
}
