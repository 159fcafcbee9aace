package org.camelcalacs.camel.component.calacs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import nom.tam.fits.BinaryTableHDU;
import nom.tam.fits.FitsException;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.fits.FitsFile;

/**
 * The members of an association table (_asn, HDU 1: MEMNAME, MEMTYPE, MEMPRSNT), as the service needs them to
 * decide whether an association is complete in a drop folder. The calibration itself reads the table again.
 */
public final class AssociationTable {

    /** One row. */
    public record Member(String name, String type, boolean present) {
        /** True for exposures (EXP-*), false for products (PROD-*). */
        public boolean isExposure() {
            return type.toUpperCase(Locale.ROOT).startsWith("EXP");
        }
    }

    private AssociationTable() {
    }

    /** Reads the table of {@code asn}. */
    public static List<Member> read(Path asn) {
        try (FitsFile f = FitsFile.open(asn)) {
            if (f.hduCount() < 2) {
                throw (InvalidInputException) new InvalidInputException("association table has no table extension")
                        .inFile(asn.getFileName());
            }
            BinaryTableHDU t = f.table(1);
            int cName = column(t, "MEMNAME", asn);
            int cType = column(t, "MEMTYPE", asn);
            int cPres = column(t, "MEMPRSNT", asn);
            List<Member> out = new ArrayList<>();
            for (int r = 0; r < t.getNRows(); r++) {
                Object n = t.getElement(r, cName);
                Object ty = t.getElement(r, cType);
                Object pr = t.getElement(r, cPres);
                boolean present = pr instanceof boolean[] b ? b.length > 0 && b[0]
                        : pr instanceof Boolean[] bb ? bb.length > 0 && Boolean.TRUE.equals(bb[0])
                        : Boolean.TRUE.equals(pr);
                out.add(new Member(str(n).trim().toLowerCase(Locale.ROOT), str(ty).trim(), present));
            }
            return out;
        } catch (FitsException e) {
            throw (InvalidInputException) new InvalidInputException("cannot read the association table: " + e.getMessage())
                    .inFile(asn.getFileName());
        }
    }

    /** The raw file of a member in {@code dir} ({@code <memname>_raw.fits} or {@code .fits.gz}), if there. */
    public static Optional<Path> rawOf(Path dir, Member m) {
        for (String suffix : List.of("_raw.fits", "_raw.fits.gz")) {
            Path p = dir.resolve(m.name() + suffix);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String str(Object o) {
        if (o instanceof String[] a) {
            return a.length > 0 ? a[0] : "";
        }
        return o == null ? "" : o.toString();
    }

    private static int column(BinaryTableHDU t, String name, Path asn) {
        for (int c = 0; c < t.getNCols(); c++) {
            String n = t.getColumnName(c);
            if (n != null && n.trim().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw (InvalidInputException) new InvalidInputException("association table has no column " + name)
                .inFile(asn.getFileName());
    }
}
