package org.camelcalacs.core.acsccd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SinkCorrTest {
    @Test
    void flagsSinkDownstreamAndUpstreamTailWhileAboveTheSinkValue() {
        // one column, 6 rows, walked bottom-up: row0 sink (-5), row1 downstream (-1), rows 2-4 thresholds, row 5 0
        float[] sink = {-5f, -1f, 30f, 25f, 10f, 40f};
        float[] sci = {20f, 0f, 0f, 0f, 0f, 0f};
        short[] dq = new short[6];
        int n = SinkCorr.apply(sci, dq, 1, 6, sink, 1, 0, 0, true);
        // SCI at the sink = 20: 30 > 20 flag, 25 > 20 flag, 10 <= 20 ends the tail, so row 5 (40) is not flagged
        assertThat(dq).containsExactly((short) 1024, (short) 1024, (short) 1024, (short) 1024, (short) 0, (short) 0);
        assertThat(n).isEqualTo(4);
    }

    @Test
    void extension2WalksTopDown() {
        float[] sink = {40f, 30f, -5f};
        float[] sci = {0f, 0f, 35f};
        short[] dq = new short[3];
        SinkCorr.apply(sci, dq, 1, 3, sink, 1, 0, 0, false);
        // from row 2 (sink, SCI 35) down: row 1 threshold 30 <= 35 ends the tail; row 0 not flagged
        assertThat(dq).containsExactly((short) 0, (short) 0, (short) 1024);
    }
}
