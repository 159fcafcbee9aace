package org.camelcalacs.core.fits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.ImageData;
import nom.tam.fits.ImageHDU;
import nom.tam.util.FitsOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk pixel paths must be invisible: {@link AcsFits#write} gives the same bytes as nom-tam's own writer, and
 * {@link FitsFile} reads every BITPIX (with and without BSCALE/BZERO) as nom-tam's kernel conversion did.
 */
class FitsBulkIoTest {
    /** An exposure with awkward values (NaN payloads, -0, infinities) and a size whose data needs padding. */
    private static Exposure awkward() {
        Imset a = Imset.blank(1, 37, 29);
        Imset b = Imset.blank(2, 37, 29);
        for (int i = 0; i < a.sci.length; i++) {
            a.sci[i] = (float) Math.sin(i) * 1000f;
            a.err[i] = i;
            a.dq[i] = (short) (i * 977);
            b.sci[i] = -i;
        }
        a.sci[3] = Float.intBitsToFloat(0x7fc01234); // a NaN with a payload
        a.sci[4] = Float.intBitsToFloat(0xff800001); // a signalling NaN
        a.sci[5] = -0.0f;
        a.sci[6] = Float.POSITIVE_INFINITY;
        a.dq[7] = Short.MIN_VALUE;
        java.util.Arrays.fill(b.err, 3.25f); // constant: PIXVALUE form
        Header p = new Header();
        p.addValue("ROOTNAME", "jtest01aaq", "");
        p.addValue("FILENAME", "x.fits", "");
        a.sciHeader.addValue("BUNIT", "ELECTRONS", "");
        return new Exposure(null, p, List.of(a, b));
    }

    @Test
    void bulkWriterGivesTheBytesOfTheNomTamWriter(@TempDir Path dir) throws Exception {
        Path bulk = dir.resolve("a/jtest01aaq_flt.fits");
        Path ref = dir.resolve("b/jtest01aaq_flt.fits");
        Exposure e = awkward();
        AcsFits.write(e, bulk, false);
        AcsFits.writeViaNomTam(e, ref, false);
        byte[] x = Files.readAllBytes(bulk);
        byte[] y = Files.readAllBytes(ref);
        assertThat(x.length % FitsScan.BLOCK).isZero();
        assertThat(x).isEqualTo(y);
        // and it reads back bit for bit
        Imset back = AcsFits.read(bulk).imsets().get(0);
        for (int i = 0; i < back.sci.length; i++) {
            assertThat(Float.floatToRawIntBits(back.sci[i])).isEqualTo(Float.floatToRawIntBits(e.imsets().get(0).sci[i]));
        }
        assertThat(back.dq).isEqualTo(e.imsets().get(0).dq);
        assertThat(AcsFits.read(bulk).imsets().get(1).err).containsOnly(3.25f);
    }

    /** Writes one image HDU of the given kernel with nom-tam (optionally scaled, optionally gzipped). */
    private static Path image(Path dir, String name, Object kernel, double bscale, double bzero, boolean gzip)
            throws Exception {
        ImageHDU hdu = ImageData.from(kernel).toHDU();
        if (bscale != 1.0 || bzero != 0.0) {
            hdu.getHeader().addValue("BSCALE", bscale, "");
            hdu.getHeader().addValue("BZERO", bzero, "");
        }
        Path p = dir.resolve(name);
        try (Fits f = new Fits(); OutputStream os = gzip ? new GZIPOutputStream(Files.newOutputStream(p))
                : Files.newOutputStream(p); FitsOutputStream out = new FitsOutputStream(os)) {
            f.addHDU(hdu);
            f.write(out);
        }
        return p;
    }

    @Test
    void directReaderConvertsEveryBitpixAsBefore(@TempDir Path dir) throws Exception {
        int nx = 5;
        int ny = 3;
        short[][] s16 = new short[ny][nx];
        int[][] s32 = new int[ny][nx];
        float[][] f32 = new float[ny][nx];
        double[][] f64 = new double[ny][nx];
        byte[][] u8 = new byte[ny][nx];
        long[][] s64 = new long[ny][nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int v = (y * nx + x) * 4567 - 30000;
                s16[y][x] = (short) v;
                s32[y][x] = v * 1000;
                f32[y][x] = v / 7f;
                f64[y][x] = v / 7.0;
                u8[y][x] = (byte) v;
                s64[y][x] = v * 100000L;
            }
        }
        for (boolean gz : new boolean[] {false, true}) {
            for (double[] sc : new double[][] {{1, 0}, {2.5, 32768}, {1, 32768}, {1, -1e15}, {1, 0.5}}) {
                Object[] kernels = {s16, s32, f32, f64, u8, s64};
                for (int k = 0; k < kernels.length; k++) {
                    Path p = image(dir, "k" + k + (gz ? "g" : "") + sc[0] + ".fits", kernels[k], sc[0], sc[1], gz);
                    try (FitsFile f = FitsFile.open(p)) {
                        FitsFile.FloatImage fi = f.readFloatImage(0);
                        FitsFile.ShortImage si = f.readShortImage(0);
                        for (int y = 0; y < ny; y++) {
                            for (int x = 0; x < nx; x++) {
                                double raw = switch (k) {
                                    case 0 -> s16[y][x];
                                    case 1 -> s32[y][x];
                                    case 2 -> f32[y][x];
                                    case 3 -> f64[y][x];
                                    case 4 -> u8[y][x] & 0xff;
                                    default -> s64[y][x];
                                };
                                // hstio getFloatData: (float)(raw*bscale + bzero), unsigned bytes
                                assertThat(fi.data()[y * nx + x]).isEqualTo((float) (raw * sc[0] + sc[1]));
                                // getShortData: the signed element value scaled, then (short)(int)
                                double signed = k == 4 ? u8[y][x] : raw;
                                short expect = k == 0 && sc[0] == 1 && sc[1] == 0 ? s16[y][x]
                                        : (short) (int) (signed * sc[0] + sc[1]);
                                assertThat(si.data()[y * nx + x]).isEqualTo(expect);
                            }
                        }
                        assertThat(f.header(0).getIntValue("NAXIS1")).isEqualTo(nx);
                    }
                }
            }
        }
    }
}
