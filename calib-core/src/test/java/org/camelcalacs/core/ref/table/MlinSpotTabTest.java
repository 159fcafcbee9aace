package org.camelcalacs.core.ref.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.camelcalacs.core.acs2d.Golden;
import org.camelcalacs.core.error.ReferenceFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlinSpotTabTest {
    @TempDir
    Path work;

    @Test
    void mlintabRowForSbc() throws Exception {
        Path c = Golden.requireCase("sbc-real-rpt");
        Path lin = work.resolve("syn_lin.fits");
        Golden.gunzip(c.resolve("inputs/ref/syn_lin.fits.gz"), lin);
        MlinTab.Row r = MlinTab.lookup(lin, "SBC");
        assertThat(r.detector()).isEqualTo("SBC");
        assertThat(r.globalLimit()).isPositive();
        assertThat(r.tau()).isPositive();
        assertThat(r.descrip2()).isEqualTo("synthetic MLINTAB");
        assertThatThrownBy(() -> MlinTab.lookup(lin, "FUV-MAMA")).isInstanceOf(ReferenceFileException.class)
                .hasMessageContaining("not found in MLINTAB");
    }

    @Test
    void spotDatesFollowTheCMktimeConstruction() {
        // 'dd/mm/yy' 15/03/05 → tm_mon 3 counted from January → 15 April 2005, 12:00 UTC
        long t = SpotTab.tableDateSeconds("15/03/05");
        assertThat(t).isEqualTo(java.time.LocalDateTime.of(2005, 4, 15, 12, 0).toEpochSecond(java.time.ZoneOffset.UTC));
        // DATE-OBS 2005-03-15 → 15 April 2005 00:00: 12 h before the table date
        assertThat(SpotTab.obsDateSeconds("2005-03-15")).isEqualTo(t - 12 * 3600);
        // month 12 rolls into January of the next year, as mktime normalises
        assertThat(SpotTab.obsDateSeconds("2004-12-01")).isEqualTo(
                java.time.LocalDateTime.of(2005, 1, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC));
    }
}
