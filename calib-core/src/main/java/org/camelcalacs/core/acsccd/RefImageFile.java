package org.camelcalacs.core.acsccd;

import java.io.Closeable;

import org.camelcalacs.core.error.ReferenceFileException;
import org.camelcalacs.core.fits.AcsFits;
import org.camelcalacs.core.fits.FitsFile;
import org.camelcalacs.core.fits.Imset;

/**
 * A reference image file opened once for all imsets; the imset of a chip is found by the CCDCHIP of its SCI
 * header (DetCCDChip, detchip.c: EXTVER 1..NEXTEND/3).
 */
final class RefImageFile implements Closeable {
    private final CcdReferences.Ref ref;
    private final FitsFile file;

    RefImageFile(CcdReferences.Ref ref) {
        this.ref = ref;
        this.file = FitsFile.open(ref.path());
    }

    CcdReferences.Ref ref() {
        return ref;
    }

    FitsFile file() {
        return file;
    }

    /** EXTVER of the imset with this CCDCHIP among {@code ngroups} imsets. */
    int extverForChip(int chip, int ngroups) {
        for (int n = 1; n <= ngroups; n++) {
            int j = file.find("SCI", n);
            if (j >= 0 && file.header(j).getIntValue("CCDCHIP", 1) == chip) {
                return n;
            }
        }
        throw (ReferenceFileException) new ReferenceFileException("No Reference Data found for chip " + chip)
                .inFile(ref.path().getFileName()).forKeyword(ref.keyword());
    }

    /** The SCI/ERR/DQ imset of this chip. */
    Imset imsetForChip(int chip) {
        int ngrps = file.primaryHeader().getIntValue("NEXTEND", 3) / 3;
        return AcsFits.readImset(file, extverForChip(chip, ngrps));
    }

    /** The SCI array of this chip with its header (the full-well step needs neither ERR nor DQ). */
    Sci sciForChip(int chip) {
        int ngrps = file.primaryHeader().getIntValue("NEXTEND", 3) / 3;
        int j = file.find("SCI", extverForChip(chip, ngrps));
        FitsFile.FloatImage img = file.readFloatImage(j);
        return new Sci(file.header(j), img.nx(), img.ny(), img.data());
    }

    /** A SCI extension: header, size and pixels. */
    record Sci(nom.tam.fits.Header header, int nx, int ny, float[] data) {
    }

    @Override
    public void close() {
        file.close();
    }
}
