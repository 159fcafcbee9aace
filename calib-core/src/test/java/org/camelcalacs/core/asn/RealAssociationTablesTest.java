package org.camelcalacs.core.asn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camelcalacs.core.golden.RealData;
import org.camelcalacs.core.model.Detector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real SBC dither association tables of ../shared/realdata (from spacetelescope/acs-notebook, see ORIGINS.tsv):
 * each holds two EXP-DTH exposures and the PROD-DTH row named after the association.
 */
class RealAssociationTablesTest {

    @ParameterizedTest
    @ValueSource(strings = {"jcmc11010", "jcmc11020", "jcmc11030", "jcmc11040"})
    void sbcDitherTablesAreReadAndInterpreted(String asn) {
        AsnTable t = AsnTable.read(RealData.path("acsnb__" + asn + "_asn.fits"));
        assertThat(t.instrument()).isEqualTo("ACS");
        assertThat(t.detector()).isEqualTo("SBC");
        assertThat(t.rows()).hasSize(3);
        assertThat(t.rows()).allMatch(AsnTable.Row::present);
        assertThat(t.rows().get(2).memname()).isEqualToIgnoringCase(asn);
        assertThat(t.rows().get(2).memtype()).isEqualToIgnoringCase("PROD-DTH");

        Association a = Association.of(t, Detector.SBC, null);
        assertThat(a.mode()).isEqualTo(Association.Mode.DTH);
        assertThat(a.dthProduct()).isEqualTo(asn);
        assertThat(a.dthRow()).isEqualTo(3);
        // EXP-DTH without a number: each exposure is its own position, ids handed out in order
        assertThat(a.positions()).extracting(Association.Position::posid).containsExactly(1, 2);
        List<String> members = a.positions().stream().flatMap(p -> p.members().stream())
                .map(Association.Member::name).toList();
        assertThat(members).containsExactly(t.rows().get(0).memname().toLowerCase(java.util.Locale.ROOT),
                t.rows().get(1).memname().toLowerCase(java.util.Locale.ROOT));
        assertThat(a.positions().get(0).members().get(0).rawFile()).endsWith("_raw.fits");
        assertThat(a.warnings()).isEmpty();
    }
}
