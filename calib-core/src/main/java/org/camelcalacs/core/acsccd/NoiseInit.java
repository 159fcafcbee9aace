package org.camelcalacs.core.acsccd;

import org.camelcalacs.core.error.InvalidInputException;

/**
 * Initialisation of the ERR array for CCDs (port of doNoise, donoise.c; spec §5.2 step 8), always done by ACSCCD
 * whatever ERR holds: {@code ERR = sqrt(max(SCI,0) + RN² + ERR²)} in electrons per amp region, in float
 * arithmetic; for a TARGNAME starting with BIAS, {@code ERR = RN}.
 */
public final class NoiseInit {
    private NoiseInit() {
    }

    /** True for bias exposures: only the read noise goes into ERR. */
    static boolean isBiasTarget(String targname) {
        return targname != null && targname.startsWith("BIAS");
    }

    /**
     * @throws InvalidInputException "No valid READNOISE values to initialize ERR data." when a used region has
     *                               read noise 0
     */
    static void apply(float[] sci, float[] err, int nx, int ny, AmpRegions r, boolean biasTarget) {
        float[] rn = r.noise();
        float[] rn2 = new float[4];
        for (int a = 0; a < 4; a++) {
            rn2[a] = rn[a] * rn[a];
        }
        int ampx = r.ampx();
        int ampy = r.ampy();
        for (int j = 0; j < ny; j++) {
            int first = j < ampy ? AmpRegions.AMP_C : AmpRegions.AMP_A;
            int second = j < ampy ? AmpRegions.AMP_D : AmpRegions.AMP_B;
            if (ampx > 0 && rn[first] == 0f) {
                throw new InvalidInputException("No valid READNOISE values to initialize ERR data.");
            }
            row(sci, err, j * nx, 0, ampx, rn[first], rn2[first], biasTarget);
            if (ampx == 0 && rn[second] == 0f) {
                throw new InvalidInputException("No valid READNOISE values to initialize ERR data.");
            }
            row(sci, err, j * nx, ampx, nx, rn[second], rn2[second], biasTarget);
        }
    }

    private static void row(float[] sci, float[] err, int off, int from, int to, float rn, float rn2,
                            boolean biasTarget) {
        for (int i = from; i < to; i++) {
            int k = off + i;
            if (biasTarget) {
                err[k] = rn;
            } else {
                float value = sci[k] < 0f ? 0f : sci[k];
                float e = err[k];
                err[k] = (float) Math.sqrt(value + rn2 + e * e);
            }
        }
    }
}
