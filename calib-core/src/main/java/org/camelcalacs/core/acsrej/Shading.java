package org.camelcalacs.core.acsrej;

import java.nio.file.Path;

import org.camelcalacs.core.error.NotImplementedException;
import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.Exposure;
import org.camelcalacs.core.fits.Imset;

/** The SHADFILE image aligned with a science chip for the shading term of ACSREJ (initShad/getShadBuff). */
final class Shading {
    private Shading() {
    }

    /** SCI of the SHADFILE imset with the science CCDCHIP, cut out at the LTV offset. Binned shading files are refused. */
    static float[] load(Path shadfile, Imset science, int nx, int ny) {
        Exposure ref = AcsFits.read(shadfile);
        Imset r = ref.imsetByChip(science.ccdChip());
        if (r == null) {
            throw new ReferenceFileException("SHADFILE has no imset for CCDCHIP " + science.ccdChip())
                    .inFile(shadfile.getFileName()).forKeyword("SHADFILE");
        }
        if (r.ltm1() != science.ltm1() || r.ltm2() != science.ltm2()) {
            throw new NotImplementedException("binned SHADFILE in ACSREJ is not implemented")
                    .inFile(shadfile.getFileName()).forKeyword("SHADFILE");
        }
        int x0 = (int) Math.round(r.ltv1() - science.ltv1());
        int y0 = (int) Math.round(r.ltv2() - science.ltv2());
        if (x0 < 0 || y0 < 0 || x0 + nx > r.nx || y0 + ny > r.ny) {
            throw new ReferenceFileException("SHADFILE does not cover the science array").inFile(shadfile.getFileName())
                    .forKeyword("SHADFILE");
        }
        float[] out = new float[nx * ny];
        for (int y = 0; y < ny; y++) {
            System.arraycopy(r.sci, (y + y0) * r.nx + x0, out, y * nx, nx);
        }
        return out;
    }
}
