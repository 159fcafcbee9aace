package org.camelcalacs.routes.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.camelcalacs.camel.component.calacs.AssociationTable;
import org.camelcalacs.core.fits.FitsFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, on each poll, which inbox files are ready:
 * <ul>
 * <li>a raw is taken once it is {@code settleMs} old, unless its ASN_ID names an association table that is in the
 * inbox (then the association takes it); a raw whose association is absent is calibrated alone;</li>
 * <li>an association is taken when every present exposure member is in the inbox (or already in done/ after a
 * crash), or when it has waited {@code asnTimeoutMs} (it then fails as incomplete);</li>
 * <li>anything else is taken at once (and fails as unsupported).</li>
 * </ul>
 * Header reads are cached by path, size and modification time.
 */
public class InboxFilter implements GenericFileFilter<File> {
    private static final Logger LOG = LoggerFactory.getLogger(InboxFilter.class);

    private final WorkDirs dirs;
    private final long settleMs;
    private final long asnTimeoutMs;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(long size, long mtime, Object value) {
    }

    private final String markerPrefix;
    private final String markerSuffix;

    /**
     * @param doneFileName the consumer's doneFileName pattern ({@code ${file:name}.done}), or empty; marker files
     *                     are never inputs themselves
     */
    public InboxFilter(WorkDirs dirs, long settleMs, long asnTimeoutMs, String doneFileName) {
        this.dirs = dirs;
        this.settleMs = settleMs;
        this.asnTimeoutMs = asnTimeoutMs;
        String d = doneFileName == null ? "" : doneFileName.trim();
        int i = d.indexOf("${file:name}");
        this.markerPrefix = i < 0 ? "" : d.substring(0, i);
        this.markerSuffix = i < 0 ? "" : d.substring(i + "${file:name}".length());
    }

    private boolean isMarker(String name) {
        return (!markerPrefix.isEmpty() || !markerSuffix.isEmpty()) && name.startsWith(markerPrefix)
                && name.endsWith(markerSuffix);
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        if (file.isDirectory() || isMarker(file.getFileNameOnly())) {
            return false;
        }
        Path p = Path.of(file.getAbsoluteFilePath());
        long age = System.currentTimeMillis() - file.getLastModified();
        return switch (InputKind.of(file.getFileNameOnly())) {
            case RAW -> age >= settleMs && !claimedByAssociation(p);
            case ASN -> age >= asnTimeoutMs || membersPresent(p);
            case OTHER -> true;
        };
    }

    private boolean claimedByAssociation(Path raw) {
        String asnId = cached(raw, () -> {
            try (FitsFile f = FitsFile.open(raw)) {
                String v = f.primaryHeader().getStringValue("ASN_ID");
                return v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
            }
        }, "");
        if (asnId.isEmpty() || asnId.equals("none")) {
            return false;
        }
        Path dir = raw.getParent();
        return Files.exists(dir.resolve(asnId + "_asn.fits")) || Files.exists(dir.resolve(asnId + "_asn.fits.gz"));
    }

    @SuppressWarnings("unchecked")
    private boolean membersPresent(Path asn) {
        List<AssociationTable.Member> members = cached(asn, () -> AssociationTable.read(asn), null);
        if (members == null) {
            return true; // unreadable: let it fail with the reason
        }
        for (AssociationTable.Member m : members) {
            if (m.isExposure() && m.present() && AssociationTable.rawOf(asn.getParent(), m).isEmpty()
                    && AssociationTable.rawOf(dirs.done(), m).isEmpty()) {
                LOG.debug("{} waits for member {}", asn.getFileName(), m.name());
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(Path p, java.util.function.Supplier<T> reader, T onError) {
        try {
            long size = Files.size(p);
            long mtime = Files.getLastModifiedTime(p).toMillis();
            Cached c = cache.get(p.toString());
            if (c != null && c.size == size && c.mtime == mtime) {
                return (T) c.value;
            }
            T v;
            try {
                v = reader.get();
            } catch (RuntimeException e) {
                LOG.debug("cannot read {}: {}", p.getFileName(), e.toString());
                v = onError;
            }
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(p.toString(), new Cached(size, mtime, v));
            return v;
        } catch (java.io.IOException e) {
            return onError;
        }
    }
}
