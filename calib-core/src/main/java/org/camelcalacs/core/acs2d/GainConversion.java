package org.camelcalacs.core.acs2d;

import org.camelcalacs.core.error.CalacsException;

/**
 * Conversion to electrons when BUNIT is not ELECTRONS (port of to_electrons, lib/toelectrons.c; spec §5.2 acs2d
 * step 4): SCI and ERR are multiplied by the gain of the amp region. For the MAMA the gain is 1, so only BUNIT
 * changes. A region whose gain is 0 fails with "No valid GAIN value".
 */
public final class GainConversion {
    private GainConversion() {
    }

    /** True if BUNIT already means electrons (the C compares the first 6 characters with "ELECTR"). */
    public static boolean isElectrons(String bunit) {
        return bunit != null && bunit.startsWith("ELECTR");
    }

    public static void toElectrons(float[] sci, float[] err, int nx, int ny, AmpRegions a) {
        for (int j = 0; j < ny; j++) {
            boolean lower = j < a.ampy();
            int left = lower ? AmpRegions.AMP_C : AmpRegions.AMP_A;
            int right = lower ? AmpRegions.AMP_D : AmpRegions.AMP_B;
            if (a.ampx() > 0 && a.gain()[left] == 0.f || a.ampx() == 0 && a.gain()[right] == 0.f) {
                throw new CalacsException("No valid GAIN value to convert data.");
            }
            for (int i = 0; i < nx; i++) {
                float g = a.gain()[i < a.ampx() ? left : right];
                int k = j * nx + i;
                sci[k] = sci[k] * g;
                err[k] = err[k] * g;
            }
        }
    }
}
