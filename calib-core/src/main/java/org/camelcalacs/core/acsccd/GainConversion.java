package org.camelcalacs.core.acsccd;

import org.camelcalacs.core.error.InvalidInputException;

/**
 * Conversion of SCI and ERR from DN to electrons per amp region (port of to_electrons, toelectrons.c; spec §5.2
 * step 4). Always done by ACSCCD; BUNIT becomes ELECTRONS.
 */
public final class GainConversion {
    private GainConversion() {
    }

    /**
     * Multiplies SCI and ERR by the gain of each pixel's amp region.
     *
     * @throws InvalidInputException "No valid GAIN value to convert data." when a used region has gain 0
     */
    static void apply(float[] sci, float[] err, int nx, int ny, AmpRegions r) {
        float[] g = r.gain();
        int ampx = r.ampx();
        int ampy = r.ampy();
        for (int j = 0; j < ny; j++) {
            int first = j < ampy ? AmpRegions.AMP_C : AmpRegions.AMP_A;
            int second = j < ampy ? AmpRegions.AMP_D : AmpRegions.AMP_B;
            if (ampx > 0 && g[first] == 0f || ampx == 0 && g[second] == 0f) {
                throw new InvalidInputException("No valid GAIN value to convert data.");
            }
            int row = j * nx;
            for (int i = 0; i < ampx; i++) {
                sci[row + i] = sci[row + i] * g[first];
                err[row + i] = err[row + i] * g[first];
            }
            for (int i = ampx; i < nx; i++) {
                sci[row + i] = sci[row + i] * g[second];
                err[row + i] = err[row + i] * g[second];
            }
        }
    }
}
