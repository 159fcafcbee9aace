package org.camelcalacs.routes.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.BinaryTable;
import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;
import nom.tam.util.FitsOutputStream;

/**
 * Generates, in Java, a small synthetic ACS/SBC exposure and the reference files it names (bad-pixel table, dark,
 * pixel-to-pixel flat), so that a newcomer sees the service produce an {@code _flt} within a minute. SBC goes
 * through ACS2D only (DQICORR, DARKCORR, FLATCORR here; PHOTCORR and the MAMA linearity steps are OMIT so that no
 * photometry or linearity table is needed). The scene is a flat sky with a few stars and fixed seeds, so the files
 * are the same on every run.
 */
public final class DemoData {
    /** Rootname of the demo exposure. */
    public static final String ROOT = "jdemo1saq";
    public static final String BPX = "calacs_demo_bpx.fits";
    public static final String DRK = "calacs_demo_drk.fits";
    public static final String PFL = "calacs_demo_pfl.fits";
    static final int N = 1024;

    private DemoData() {
    }

    /**
     * Writes the reference files into {@code jref} and then the raw into {@code inbox} (hidden name, then rename).
     *
     * @return the names written into the inbox
     */
    public static List<String> drop(Path inbox, Path jref) throws IOException {
        Files.createDirectories(jref);
        Files.createDirectories(inbox);
        try {
            write(bpixtab(), jref.resolve(BPX));
            write(refImage("DARK", 7L, 0.0f, 1.0e-5f), jref.resolve(DRK));
            write(refImage("PIXEL-TO-PIXEL FLAT", 11L, 1.0f, 0.02f), jref.resolve(PFL));
            String raw = ROOT + "_raw.fits";
            write(raw(), inbox.resolve(raw));
            return List.of(raw);
        } catch (FitsException e) {
            throw new IOException("cannot build the demo FITS files: " + e.getMessage(), e);
        }
    }

    /** The raw exposure: int16 counts, constant ERR and DQ (as real raws are stored). */
    static List<BasicHDU<?>> raw() throws FitsException {
        Header p = primaryHeader();
        p.addValue("NEXTEND", 3, "Number of standard extensions");
        p.addValue("FILENAME", ROOT + "_raw.fits", "name of file");
        p.addValue("FILETYPE", "SCI", "type of data found in data file");
        p.addValue("TELESCOP", "HST", "telescope used to acquire data");
        p.addValue("INSTRUME", "ACS", "identifier for instrument used to acquire data");
        p.addValue("ROOTNAME", ROOT, "rootname of the observation set");
        p.addValue("IMAGETYP", "EXT", "type of exposure identifier");
        p.addValue("TARGNAME", "CALACS-DEMO", "proposer's target name");
        p.addValue("DATE-OBS", "2020-01-01", "UT date of start of observation (yyyy-mm-dd)");
        p.addValue("TIME-OBS", "00:00:00", "UT time of start of observation (hh:mm:ss)");
        p.addValue("EXPSTART", 58849.0, "exposure start time (Modified Julian Date)");
        p.addValue("EXPEND", 58849.00347222222, "exposure end time (Modified Julian Date)");
        p.addValue("EXPTIME", 300.0, "exposure duration (seconds)--calculated");
        p.addValue("OBSTYPE", "IMAGING", "observation type - imaging or spectroscopic");
        p.addValue("OBSMODE", "ACCUM", "operating mode");
        p.addValue("NRPTEXP", 1, "number of repeat exposures in set: default 1");
        p.addValue("SUBARRAY", false, "data from a subarray (T) or full frame (F)");
        p.addValue("DETECTOR", "SBC", "detector in use: WFC, HRC, or SBC");
        p.addValue("FILTER1", "F125LP", "element selected from filter wheel 1");
        p.addValue("FILTER2", "N/A", "element selected from filter wheel 2");
        p.addValue("APERTURE", "SBC", "aperture name");
        p.addValue("SDQFLAGS", 31743, "serious data quality flags");
        for (String[] s : new String[][] {{"DQICORR", "PERFORM"}, {"GLINCORR", "OMIT"}, {"LFLGCORR", "OMIT"},
                {"PCTECORR", "OMIT"}, {"DARKCORR", "PERFORM"}, {"FLATCORR", "PERFORM"}, {"PHOTCORR", "OMIT"},
                {"RPTCORR", "OMIT"}, {"CRCORR", "OMIT"}, {"ATODCORR", "OMIT"}, {"BLEVCORR", "OMIT"},
                {"BIASCORR", "OMIT"}, {"FLSHCORR", "OMIT"}, {"SHADCORR", "OMIT"}, {"SINKCORR", "OMIT"},
                {"EXPSCORR", "OMIT"}, {"DRIZCORR", "OMIT"}}) {
            p.addValue(s[0], s[1], "calibration switch");
        }
        p.addValue("BPIXTAB", "jref$" + BPX, "bad pixel table");
        p.addValue("DARKFILE", "jref$" + DRK, "dark image file name");
        p.addValue("PFLTFILE", "jref$" + PFL, "pixel to pixel flat field file name");
        for (String k : new String[] {"MLINTAB", "PCTETAB", "DRKCFILE", "DFLTFILE", "LFLTFILE", "CFLTFILE", "SPOTTAB",
                "IMPHTTAB", "CCDTAB", "OSCNTAB", "ATODTAB", "BIASFILE", "SATUFILE", "SNKCFILE", "FLSHFILE", "SHADFILE",
                "CRREJTAB"}) {
            p.addValue(k, "N/A", "reference file");
        }
        p.addValue("ASN_ID", "NONE", "unique identifier assigned to association");
        p.addValue("ASN_TAB", "NONE", "name of the association table");
        p.addValue("ASN_MTYP", "", "Role of the Member in the Association");

        short[][] sci = new short[N][N];
        Random r = new Random(20261121L);
        double[][] stars = new double[40][3];
        for (double[] s : stars) {
            s[0] = 20 + r.nextInt(N - 40);
            s[1] = 20 + r.nextInt(N - 40);
            s[2] = 50 + r.nextInt(2000);
        }
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                double v = 2.0 + Math.abs(r.nextGaussian()) * 1.5;
                for (double[] s : stars) {
                    double dx = x - s[0];
                    double dy = y - s[1];
                    double d2 = dx * dx + dy * dy;
                    if (d2 < 100) {
                        v += s[2] * Math.exp(-d2 / 4.5);
                    }
                }
                sci[y][x] = (short) Math.min(Short.MAX_VALUE, Math.round(v));
            }
        }
        ImageHDU sciHdu = ImageData.from(sci).toHDU();
        Header h = sciHdu.getHeader();
        h.addValue("INHERIT", true, "inherit the primary header");
        extension(h, "SCI");
        h.addValue("ROOTNAME", ROOT, "rootname of the observation set");
        h.addValue("BUNIT", "COUNTS", "brightness units");
        h.addValue("LTV1", 0.0, "offset in X to subsection start");
        h.addValue("LTV2", 0.0, "offset in Y to subsection start");
        h.addValue("LTM1_1", 1.0, "reciprocal of sampling rate in X");
        h.addValue("LTM2_2", 1.0, "reciprocal of sampling rate in Y");
        h.addValue("GLOBRATE", 12.5, "global count rate");
        h.addValue("SDQFLAGS", 31743, "serious data quality flags");
        return List.of(primary(p), sciHdu, constant("ERR", -32, 0), constant("DQ", 16, 0));
    }

    /** A bad-pixel table with a few rows (a column, a row segment and a single pixel), matching any amp and gain. */
    static List<BasicHDU<?>> bpixtab() throws FitsException {
        Header p = refPrimary("BAD PIXELS", "synthetic BPIXTAB for the camel-calacs demo");
        p.addValue("NEXTEND", 1, "");
        BinaryTable t = BinaryTable.fromColumnMajor(new Object[] {
            new String[] {"N/A ", "N/A ", "N/A "}, new int[] {1, 1, 1}, new float[] {-999f, -999f, -999f},
            new int[] {100, 300, 512}, new int[] {50, 700, 512}, new int[] {30, 12, 1}, new int[] {2, 1, 1},
            new short[] {4, 16, 32}});
        BinaryTableHDU hdu = t.toHDU();
        String[] names = {"CCDAMP", "CCDCHIP", "CCDGAIN", "PIX1", "PIX2", "LENGTH", "AXIS", "VALUE"};
        for (int i = 0; i < names.length; i++) {
            hdu.setColumnName(i, names[i], null);
        }
        hdu.getHeader().addValue("EXTNAME", "BPIXTAB", "extension name");
        return List.of(primary(p), hdu);
    }

    /** A reference image (one imset, trimmed 1024×1024, CCDCHIP 1): {@code base + spread·gauss}, fixed seed. */
    static List<BasicHDU<?>> refImage(String filetype, long seed, float base, float spread) throws FitsException {
        Header p = refPrimary(filetype, "synthetic " + filetype + " for the camel-calacs demo");
        p.addValue("NEXTEND", 3, "");
        p.addValue("FILTER1", "ANY", "");
        p.addValue("FILTER2", "ANY", "");
        Random r = new Random(seed);
        float[][] sci = new float[N][N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                sci[y][x] = base + spread * (float) Math.abs(r.nextGaussian());
            }
        }
        ImageHDU s = ImageData.from(sci).toHDU();
        Header h = s.getHeader();
        extension(h, "SCI");
        h.addValue("CCDCHIP", 1, "");
        h.addValue("LTV1", 0.0, "");
        h.addValue("LTV2", 0.0, "");
        h.addValue("LTM1_1", 1.0, "");
        h.addValue("LTM2_2", 1.0, "");
        BasicHDU<?> err = constant("ERR", -32, spread);
        BasicHDU<?> dq = constant("DQ", 16, 0);
        return List.of(primary(p), s, err, dq);
    }

    private static Header primaryHeader() throws FitsException {
        Header p = new Header();
        p.addValue("SIMPLE", true, "data conform to FITS standard");
        p.addValue("BITPIX", 16, "bits per data value");
        p.addValue("NAXIS", 0, "number of data axes");
        p.addValue("EXTEND", true, "File may contain standard extensions");
        return p;
    }

    private static Header refPrimary(String filetype, String descrip) throws FitsException {
        Header p = primaryHeader();
        p.addValue("INSTRUME", "ACS", "");
        p.addValue("DETECTOR", "SBC", "");
        p.addValue("FILETYPE", filetype, "");
        p.addValue("USEAFTER", "Jan 01 2002 00:00:00", "");
        p.addValue("PEDIGREE", "INFLIGHT 01/01/2002 01/01/2002", "");
        p.addValue("DESCRIP", descrip, "");
        return p;
    }

    private static BasicHDU<?> primary(Header h) throws FitsException {
        return new ImageHDU(h, new ImageData());
    }

    private static void extension(Header h, String extname) {
        h.addValue("EXTNAME", extname, "extension name");
        h.addValue("EXTVER", 1, "extension version number");
    }

    /** An hstio constant array: NAXIS = 0 with NPIX1, NPIX2, PIXVALUE. */
    private static BasicHDU<?> constant(String extname, int bitpix, double value) throws FitsException {
        Header h = new Header();
        h.addValue("XTENSION", "IMAGE", "Image extension");
        h.addValue("BITPIX", bitpix, "bits per data value");
        h.addValue("NAXIS", 0, "number of data axes");
        h.addValue("PCOUNT", 0, "number of group parameters");
        h.addValue("GCOUNT", 1, "number of groups");
        h.addValue("INHERIT", true, "inherit the primary header");
        extension(h, extname);
        h.addValue("NPIX1", N, "length of constant array axis 1");
        h.addValue("NPIX2", N, "length of constant array axis 2");
        if (bitpix == 16) {
            h.addValue("PIXVALUE", (int) value, "values of pixels in constant array");
        } else {
            h.addValue("PIXVALUE", (float) value, "values of pixels in constant array");
        }
        return new ImageHDU(h, new ImageData());
    }

    /** Writes through a hidden temporary file and a rename, the drop-folder contract. */
    static void write(List<BasicHDU<?>> hdus, Path out) throws IOException, FitsException {
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
        try (Fits f = new Fits(); FitsOutputStream os = new FitsOutputStream(Files.newOutputStream(tmp))) {
            for (BasicHDU<?> h : hdus) {
                f.addHDU(h);
            }
            f.write(os);
        }
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
