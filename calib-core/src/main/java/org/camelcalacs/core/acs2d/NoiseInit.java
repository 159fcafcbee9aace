package org.camelcalacs.core.acs2d;

import org.camelcalacs.core.error.CalacsException;

/**
 * ERR initialisation when the ERR array is all zero (port of check_zero_noise and doNoise, lib/donoise.c; spec
 * §5.2 acs2d step 5). MAMA: {@code ERR = max(1, sqrt(SCI))}, where a negative SCI goes through C's integer
 * {@code abs()} first. CCD: {@code ERR = sqrt(max(SCI,0) + RN² + ERR²)} per amp region, or RN for BIAS targets.
 */
public final class NoiseInit {
    private NoiseInit() {
    }

    /** check_zero_noise. */
    public static boolean allZero(float[] err) {
        for (float v : err) {
            if (v != 0.f) {
                return false;
            }
        }
        return true;
    }

    /** The MAMA rule; returns the number of negative SCI values seen (each is a warning in the C). */
    public static int mama(float[] sci, float[] err) {
        int neg = 0;
        for (int i = 0; i < sci.length; i++) {
            float val = sci[i];
            if (val < 0.0f) {
                neg++;
                val = integerAbs(val);
            }
            float value = (float) Math.sqrt(val);
            err[i] = value > 1 ? value : 1;
        }
        return neg;
    }

    /** doNoise calls the integer abs() on a float: the value is truncated towards zero first (quirk, spec §6). */
    static float integerAbs(float v) {
        return Math.abs((int) v);
    }

    /** The CCD rule. */
    public static void ccd(float[] sci, float[] err, int nx, int ny, AmpRegions a, boolean biasTarget) {
        float[] rn = a.noise();
        float[] rn2 = new float[4];
        for (int k = 0; k < 4; k++) {
            rn2[k] = rn[k] * rn[k];
        }
        for (int j = 0; j < ny; j++) {
            boolean lower = j < a.ampy();
            int left = lower ? AmpRegions.AMP_C : AmpRegions.AMP_A;
            int right = lower ? AmpRegions.AMP_D : AmpRegions.AMP_B;
            if (a.ampx() > 0 && rn[left] == 0.f || a.ampx() == 0 && rn[right] == 0.f) {
                throw new CalacsException("No valid READNOISE values to initialize ERR data.");
            }
            for (int i = 0; i < nx; i++) {
                int s = i < a.ampx() ? left : right;
                int k = j * nx + i;
                float value = sci[k];
                float e = err[k];
                if (value < 0.f) {
                    value = 0.f;
                }
                err[k] = biasTarget ? rn[s] : (float) Math.sqrt(value + rn2[s] + e * e);
            }
        }
    }
}
