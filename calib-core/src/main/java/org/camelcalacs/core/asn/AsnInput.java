package org.camelcalacs.core.asn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.fits.FitsFile;
import org.camelcalacs.core.fits.Hdr;

/**
 * What the calacs input names (port of SetInput and GetAsnName, calacs/acstable.c; spec §4 input name forms).
 * PARTIAL processing (one sub-product of an association) comes from a rootname whose file does not exist yet
 * but whose association {@code <root minus last char>0_asn.fits} does.
 *
 * @param process   FULL (a whole association), PARTIAL (one product of it), SINGLE (one exposure)
 * @param asnTable  the association table (FULL/PARTIAL), or null
 * @param file      the file named by the input (the raw for SINGLE)
 * @param rootname  rootname of the input (the product name for PARTIAL)
 */
public record AsnInput(Process process, Path asnTable, Path file, String rootname) {

    /** How much of an association is processed. */
    public enum Process {
        FULL, PARTIAL, SINGLE
    }

    /** Product suffixes that make a name a "product" input (IsProduct). */
    private static final String[] PRODUCT_SUFFIXES = {"_crj", "_crj_tmp", "_blv", "_blv_tmp", "_flt", "_sfl", "_dth"};

    /**
     * Resolves {@code input} relative to {@code dir}: {@code *_asn*} → FULL; {@code *_raw*} → SINGLE; a name with
     * a product suffix → re-processed alone if its header has an ASN_TAB; a bare rootname → tries
     * {@code <r>.fits} (then as a product name), {@code <r>_asn.fits}, {@code <r>_raw.fits}, and
     * {@code <r minus last char>0_asn.fits} (PARTIAL).
     */
    public static AsnInput resolve(String input, Path dir) {
        String lower = input.toLowerCase(Locale.ROOT);
        String fname = lower.contains(".fit") ? input : input + ".fits";
        Path file = dir.resolve(fname);
        String root = root(file.getFileName().toString());
        boolean exists = Files.isRegularFile(file);
        if (lower.contains("_asn")) {
            requireExists(file, exists, "processing");
            return new AsnInput(Process.FULL, file, file, root);
        }
        if (lower.contains("_raw")) {
            requireExists(file, exists, "processing");
            return new AsnInput(Process.SINGLE, null, file, root);
        }
        boolean product = false;
        for (String s : PRODUCT_SUFFIXES) {
            if (lower.contains(s)) {
                product = true;
                break;
            }
        }
        if (product) {
            requireExists(file, exists, "re-processing");
            return fromProduct(file, root, dir);
        }
        if (exists) {
            return fromProduct(file, root, dir);
        }
        String base = fname.substring(0, fname.toLowerCase(Locale.ROOT).indexOf(".fit"));
        Path asn = dir.resolve(base + "_asn.fits");
        if (Files.isRegularFile(asn)) {
            return new AsnInput(Process.FULL, asn, asn, root);
        }
        Path raw = dir.resolve(base + "_raw.fits");
        if (Files.isRegularFile(raw)) {
            return new AsnInput(Process.SINGLE, null, raw, root);
        }
        if (base.length() > 1) {
            Path parent = dir.resolve(base.substring(0, base.length() - 1) + "0_asn.fits");
            if (Files.isRegularFile(parent)) {
                return new AsnInput(Process.PARTIAL, parent, parent, root);
            }
            throw new InvalidInputException("File " + parent.getFileName() + " not found for processing")
                    .inFile(parent.getFileName());
        }
        throw new InvalidInputException("File " + raw.getFileName() + " not found for processing")
                .inFile(raw.getFileName());
    }

    /**
     * A product or other existing file: as in the reference, a valid ASN_TAB in its header makes calacs re-process
     * that file as a single exposure; a missing ASN_TAB, or NONE/N/A, leaves it without an association to load,
     * which the reference reports as an error too.
     */
    private static AsnInput fromProduct(Path file, String root, Path dir) {
        String asnName;
        try (FitsFile f = FitsFile.open(file)) {
            asnName = new Hdr(f.primaryHeader(), f.name(), "PRIMARY").optString("ASN_TAB", null);
        }
        if (asnName == null) {
            throw new InvalidInputException("keyword ASN_TAB is missing").inFile(file.getFileName()).forKeyword("ASN_TAB");
        }
        String up = asnName.trim().toUpperCase(Locale.ROOT);
        if (up.isEmpty() || up.startsWith("NONE") || up.startsWith("N/A")) {
            throw new InvalidInputException("ASN_TAB = " + asnName.trim() + ": no association to process")
                    .inFile(file.getFileName()).forKeyword("ASN_TAB");
        }
        return new AsnInput(Process.SINGLE, null, file, root);
    }

    private static void requireExists(Path file, boolean exists, String what) {
        if (!exists) {
            throw new InvalidInputException("File " + file.getFileName() + " not found for " + what)
                    .inFile(file.getFileName());
        }
    }

    /** Rootname: the file name up to the first ACS suffix or ".fit" (FindAsnRoot). */
    public static String root(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        int cut = lower.length();
        for (String suf : new String[] {"_raw", "_asn", "_crj", "_crc", "_blv", "_blc", "_flt", "_flc", "_sfl",
                "_dth", ".fit"}) {
            int i = lower.indexOf(suf);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return fileName.substring(0, cut);
    }
}
