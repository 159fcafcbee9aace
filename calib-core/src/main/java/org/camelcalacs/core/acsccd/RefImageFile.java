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

    /**
     * {@link #imsetForChip} callable from several threads at once: header look-ups synchronised on the file,
     * pixels read concurrently.
     */
    Imset imsetForChipConcurrently(int chip) {
        int extver;
        synchronized (file) {
            int ngrps = file.primaryHeader().getIntValue("NEXTEND", 3) / 3;
            extver = extverForChip(chip, ngrps);
        }
        return AcsFits.readImsetConcurrently(file, extver);
    }

    /**
     * The SCI array of this chip with a copy of its header (the full-well step needs neither ERR nor DQ);
     * callable from several threads at once.
     */
    Sci sciForChip(int chip) {
        int j;
        nom.tam.fits.Header h;
        synchronized (file) { // header look-ups only: the pixels are read concurrently
            int ngrps = file.primaryHeader().getIntValue("NEXTEND", 3) / 3;
            j = file.find("SCI", extverForChip(chip, ngrps));
            h = org.camelcalacs.core.fits.Headers.copy(file.header(j));
        }
        FitsFile.FloatImage img = file.readFloatImage(j);
        return new Sci(h, img.nx(), img.ny(), img.data());
    }

    /** A SCI extension: header, size and pixels. */
    record Sci(nom.tam.fits.Header header, int nx, int ny, float[] data) {
    }

    @Override
    public void close() {
        file.close();
    }
}
