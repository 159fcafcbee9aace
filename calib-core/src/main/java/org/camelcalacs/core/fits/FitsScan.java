package org.camelcalacs.core.fits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camelcalacs.core.error.InvalidInputException;

/**
 * A structural pre-scan of a FITS byte stream that runs before any pixel is allocated: it parses each HDU's
 * header block, computes the data size the header declares, and checks that the file really holds those bytes.
 * nom-tam-fits only logs a warning on a short file and returns a null kernel, and a lying NAXIS would make us
 * allocate gigabytes; this check turns both into a clear {@link InvalidInputException} naming the file and HDU.
 */
public final class FitsScan {
    /** Block size of the FITS standard. */
    public static final int BLOCK = 2880;
    /** Upper bound for one HDU's data (ACS full-frame products are about 70 MB per imset). */
    public static final long MAX_HDU_BYTES = 1L << 31;

    /** What the scan learnt about one HDU. */
    public record HduInfo(int index, String extname, int extver, int bitpix, long[] naxes, long headerOffset,
                          long dataOffset, long dataBytes) {
        public int naxis() {
            return naxes.length;
        }
    }

    private FitsScan() {
    }

    /**
     * Scans {@code length} bytes of a FITS file.
     *
     * @param name   the file name used in messages
     * @param reader random access to the file's bytes
     * @param length the file length in bytes
     */
    public static List<HduInfo> scan(String name, ByteSource reader, long length) {
        List<HduInfo> hdus = new ArrayList<>();
        long offset = 0;
        int index = 0;
        byte[] block = new byte[BLOCK];
        while (offset < length) {
            if (length - offset < BLOCK) {
                if (index == 0) {
                    throw (InvalidInputException) new InvalidInputException(
                            "not a FITS file: shorter than one 2880-byte header block").inFile(name);
                }
                // trailing junk shorter than a block after the last HDU: tolerated
                break;
            }
            long headerOffset = offset;
            String extname = index == 0 ? "PRIMARY" : null;
            int extver = 1;
            Integer bitpix = null;
            Integer naxis = null;
            long[] axes = new long[0];
            long pcount = 0;
            long gcount = 1;
            boolean end = false;
            boolean first = true;
            while (!end) {
                if (offset + BLOCK > length) {
                    throw (InvalidInputException) new InvalidInputException(
                            "truncated FITS header (no END card before end of file at byte " + length + ")")
                            .inFile(name).inHdu(hduLabel(index, extname, extver));
                }
                reader.read(offset, block);
                offset += BLOCK;
                for (int c = 0; c < BLOCK / 80; c++) {
                    String card = new String(block, c * 80, 80, StandardCharsets.ISO_8859_1);
                    String key = card.substring(0, 8).trim().toUpperCase(Locale.ROOT);
                    if (first) {
                        first = false;
                        String expected = index == 0 ? "SIMPLE" : "XTENSION";
                        if (!key.equals(expected)) {
                            if (index == 0) {
                                throw (InvalidInputException) new InvalidInputException(
                                        "not a FITS file (it does not start with a SIMPLE card)").inFile(name);
                            }
                            // not an HDU: trailing junk after the last HDU, tolerated like cfitsio does
                            return hdus;
                        }
                    }
                    if (key.equals("END")) {
                        end = true;
                        break;
                    }
                    if (card.length() < 10 || card.charAt(8) != '=') {
                        continue;
                    }
                    String value = valueOf(card);
                    try {
                        switch (key) {
                            case "BITPIX" -> bitpix = Integer.parseInt(value);
                            case "NAXIS" -> {
                                naxis = Integer.parseInt(value);
                                if (naxis < 0 || naxis > 999) {
                                    throw bad(name, index, extname, extver, "invalid NAXIS = " + value);
                                }
                                axes = new long[naxis];
                                java.util.Arrays.fill(axes, -1);
                            }
                            case "PCOUNT" -> pcount = Long.parseLong(value);
                            case "GCOUNT" -> gcount = Long.parseLong(value);
                            case "EXTNAME" -> extname = value.toUpperCase(Locale.ROOT);
                            case "EXTVER" -> extver = Integer.parseInt(value);
                            default -> {
                                if (key.startsWith("NAXIS") && naxis != null) {
                                    int n = Integer.parseInt(key.substring(5));
                                    if (n >= 1 && n <= naxis) {
                                        axes[n - 1] = Long.parseLong(value);
                                    }
                                }
                            }
                        }
                    } catch (NumberFormatException e) {
                        throw bad(name, index, extname, extver, "keyword " + key + " has a non-numeric value '" + value + "'");
                    }
                }
            }
            String label = hduLabel(index, extname, extver);
            if (bitpix == null || naxis == null) {
                throw bad(name, index, extname, extver, "header lacks BITPIX or NAXIS");
            }
            if (bitpix != 8 && bitpix != 16 && bitpix != 32 && bitpix != 64 && bitpix != -32 && bitpix != -64) {
                throw bad(name, index, extname, extver, "invalid BITPIX = " + bitpix);
            }
            long elements = 0;
            if (axes.length > 0) {
                elements = 1;
                for (int i = 0; i < axes.length; i++) {
                    if (axes[i] < 0) {
                        throw bad(name, index, extname, extver, "NAXIS" + (i + 1) + " is missing or negative");
                    }
                    if (axes[i] > 0 && elements > Long.MAX_VALUE / 16 / axes[i]) {
                        throw bad(name, index, extname, extver, "declared data size overflows");
                    }
                    elements *= axes[i];
                }
            }
            if (pcount < 0 || gcount < 0) {
                throw bad(name, index, extname, extver, "negative PCOUNT or GCOUNT");
            }
            long dataBytes = (long) Math.abs(bitpix) / 8 * gcount * (pcount + elements);
            if (dataBytes > MAX_HDU_BYTES) {
                throw (InvalidInputException) new InvalidInputException(String.format(Locale.ROOT,
                        "declared data size of %,d bytes (%s) exceeds the limit of %,d bytes; refusing to allocate it",
                        dataBytes, dims(axes), MAX_HDU_BYTES)).inFile(name).inHdu(label);
            }
            if (offset + dataBytes > length) {
                throw (InvalidInputException) new InvalidInputException(String.format(Locale.ROOT,
                        "file is truncated: the header declares %,d data bytes (%s) but only %,d remain in the file",
                        dataBytes, dims(axes), Math.max(0, length - offset))).inFile(name).inHdu(label);
            }
            hdus.add(new HduInfo(index, extname, extver, bitpix, axes, headerOffset, offset, dataBytes));
            offset += (dataBytes + BLOCK - 1) / BLOCK * BLOCK;
            index++;
        }
        return hdus;
    }

    private static String dims(long[] axes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < axes.length; i++) {
            sb.append(i == 0 ? "" : "x").append(axes[i]);
        }
        return axes.length == 0 ? "no axes" : sb.toString();
    }

    private static InvalidInputException bad(String name, int index, String extname, int extver, String msg) {
        return (InvalidInputException) new InvalidInputException(msg).inFile(name).inHdu(hduLabel(index, extname, extver));
    }

    static String hduLabel(int index, String extname, int extver) {
        if (index == 0) {
            return "PRIMARY";
        }
        return extname == null ? "HDU " + index : extname + "," + extver;
    }

    private static String valueOf(String card) {
        String v = card.substring(10).trim();
        if (v.startsWith("'")) {
            int endq = v.indexOf('\'', 1);
            while (endq > 0 && endq + 1 < v.length() && v.charAt(endq + 1) == '\'') {
                endq = v.indexOf('\'', endq + 2);
            }
            return endq > 0 ? v.substring(1, endq).replace("''", "'").trim() : v.substring(1).trim();
        }
        int slash = v.indexOf('/');
        if (slash >= 0) {
            v = v.substring(0, slash);
        }
        return v.trim();
    }

    /** Random access to bytes. */
    @FunctionalInterface
    public interface ByteSource {
        void read(long offset, byte[] into);
    }
}
