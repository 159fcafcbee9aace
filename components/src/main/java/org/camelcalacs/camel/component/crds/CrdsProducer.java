package org.camelcalacs.camel.component.crds;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.camelcalacs.camel.component.calacs.AssociationTable;
import org.camelcalacs.core.error.CalacsException;
import org.camelcalacs.core.fits.FitsFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resolves and fetches reference files through the endpoint's {@link CrdsCache}. */
public class CrdsProducer extends DefaultProducer {
    private static final Logger LOG = LoggerFactory.getLogger(CrdsProducer.class);

    public CrdsProducer(CrdsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public CrdsEndpoint getEndpoint() {
        return (CrdsEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String opHeader = in.getHeader(CrdsConstants.OPERATION, String.class);
        CrdsOperation op = opHeader != null ? CrdsOperation.parse(opHeader) : getEndpoint().getOperation();
        CrdsCache cache = getEndpoint().cache();
        in.setHeader(CrdsConstants.JREF, cache.referenceDir().toString() + File.separator);
        switch (op) {
            case fetch -> {
                String name = in.getHeader(CrdsConstants.FILE_NAME, String.class);
                if (name == null) {
                    name = in.getMandatoryBody(String.class);
                }
                long before = cache.downloads();
                Path p = cache.get(CrdsCache.fileName(name), in.getHeader(CrdsConstants.EXPECTED_SIZE, Long.class),
                        in.getHeader(CrdsConstants.EXPECTED_SHA1, String.class));
                in.setHeader(CrdsConstants.RESOLVED, Map.of(CrdsCache.fileName(name), p.toString()));
                in.setHeader(CrdsConstants.DOWNLOADED, cache.downloads() > before ? List.of(CrdsCache.fileName(name))
                        : List.of());
                in.setBody(p.toFile());
            }
            case prefetch -> {
                Set<String> names = new LinkedHashSet<>();
                Object body = in.getBody();
                if (body instanceof Collection<?> c) {
                    c.forEach(o -> names.add(CrdsCache.fileName(String.valueOf(o))));
                } else {
                    for (String s : in.getMandatoryBody(String.class).split("[,\\s]+")) {
                        if (!s.isBlank()) {
                            names.add(CrdsCache.fileName(s));
                        }
                    }
                }
                fetchAll(in, cache, names);
            }
            case resolve -> {
                Set<String> names = new LinkedHashSet<>();
                for (Path p : exposures(exchange)) {
                    names.addAll(referencesOf(p, getEndpoint().getConfiguration().isOnlyNeeded()));
                }
                fetchAll(in, cache, names);
            }
            default -> throw new IllegalStateException("unhandled operation " + op);
        }
    }

    private void fetchAll(Message in, CrdsCache cache, Set<String> names) {
        Map<String, String> resolved = new LinkedHashMap<>();
        List<String> downloaded = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            boolean had = cache.local(n).isPresent();
            try {
                resolved.put(n, cache.get(n, null, null).toString());
                if (!had) {
                    downloaded.add(n);
                }
            } catch (CalacsException e) {
                if (getEndpoint().getConfiguration().isStrict()) {
                    throw e;
                }
                LOG.warn("reference {} unavailable: {}", n, e.getMessage());
                missing.add(n);
            }
        }
        in.setHeader(CrdsConstants.RESOLVED, resolved);
        in.setHeader(CrdsConstants.DOWNLOADED, downloaded);
        in.setHeader(CrdsConstants.MISSING, missing);
    }

    /** The CRDS-managed (jref$) reference names an exposure (raw) or an association (its present raws) needs. */
    static Set<String> referencesOf(Path p, boolean onlyNeeded) {
        Set<String> out = new LinkedHashSet<>();
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.contains("_asn.fits")) {
            for (AssociationTable.Member m : AssociationTable.read(p)) {
                if (m.isExposure() && m.present()) {
                    AssociationTable.rawOf(p.toAbsolutePath().getParent(), m)
                            .ifPresent(raw -> out.addAll(referencesOf(raw, onlyNeeded)));
                }
            }
            return out;
        }
        try (FitsFile f = FitsFile.open(p)) {
            for (String v : ReferenceNeeds.of(f.primaryHeader(), onlyNeeded).values()) {
                if (v.contains("$")) {
                    out.add(CrdsCache.fileName(v));
                }
            }
        }
        return out;
    }

    private static List<Path> exposures(Exchange exchange) throws InvalidPayloadException {
        Object body = exchange.getIn().getBody();
        List<Path> out = new ArrayList<>();
        if (body instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(toPath(exchange, o));
            }
        } else {
            out.add(toPath(exchange, body));
        }
        return out;
    }

    private static Path toPath(Exchange exchange, Object o) throws InvalidPayloadException {
        if (o instanceof Path p) {
            return p;
        }
        if (o instanceof File f) {
            return f.toPath();
        }
        if (o instanceof CharSequence s) {
            return Path.of(s.toString());
        }
        File f = exchange.getContext().getTypeConverter().convertTo(File.class, exchange, o);
        if (f == null) {
            throw new InvalidPayloadException(exchange, Path.class);
        }
        return f.toPath();
    }
}
