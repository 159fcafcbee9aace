package org.camelcalacs.routes.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.camelcalacs.camel.component.calacs.AssociationTable;
import org.camelcalacs.camel.component.calacs.CalacsConstants;
import org.camelcalacs.camel.component.calacs.CalacsMetrics;
import org.camelcalacs.core.error.InvalidInputException;
import org.camelcalacs.core.fits.FitsFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibrates one inbox file: copies it (and, for an association, its present members) into a private staging
 * directory, checks it is a complete ACS FITS file, makes its reference files available ({@code crds:resolve} when
 * the CRDS cache is the jref), runs {@code calacs:calacs} there, and sends each product and trailer to the product
 * endpoint, which places it by atomic rename. The input itself is moved by the file consumer on completion, so a
 * crash at any point leaves it in the inbox to be calibrated again; products are replaced idempotently.
 */
public class CalibrationProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(CalibrationProcessor.class);
    /** Exchange property: where the file consumer moves the input on completion (done/ or failed/). */
    public static final String DESTINATION = "CalacsDestination";
    /** Exchange property: the staging directory of this exchange. */
    public static final String STAGING = "CalacsStaging";
    /** Exchange property: names of association members that belong to this input. */
    public static final String MEMBERS = "CalacsMembers";
    /**
     * Header on every message sent to the product endpoint: the product's (or trailer's) file name. Unlike
     * {@code CamelFileName} it survives endpoints that drop Camel-internal headers (jms: filters {@code Camel*}).
     */
    public static final String PRODUCT_NAME = "CalacsProductName";
    /** Header on product and failure messages: the name of the inbox file they belong to. */
    public static final String INPUT_NAME = "CalacsInputName";
    /** Header on product messages: {@code product} or {@code trailer}. */
    public static final String PRODUCT_KIND = "CalacsProductKind";

    private final ServiceSettings settings;
    private final Set<Path> activeStaging = ConcurrentHashMap.newKeySet();
    /** True when products go to the default products/ directory (placed by rename, see {@link #placeByRename}). */
    private final boolean productsToDefaultDirectory;

    public CalibrationProcessor(ServiceSettings settings) {
        this.settings = settings;
        this.productsToDefaultDirectory = settings.productsUri()
                .equals(CalacsServiceRoutes.directoryUri(settings.dirs().products()));
    }

    /**
     * Places a staged product in the default products/ directory exactly as that endpoint's file producer would
     * (hidden {@code .writing-} name, then an atomic rename over any older product), but moves the staged file
     * instead of copying it: staging and products/ are on one file system, and the staging area is deleted anyway.
     * Copying a full-frame WFC product (168 MB) cost more than the rest of the route (bin/bench-routes).
     */
    static void placeByRename(Path staged, Path dir) throws IOException {
        Path tmp = dir.resolve(Recovery.WRITING_PREFIX + staged.getFileName());
        try {
            Files.move(staged, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.copy(staged, tmp, StandardCopyOption.REPLACE_EXISTING); // another file system after all
        }
        Files.move(tmp, dir.resolve(staged.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Staging directories in use (housekeeping leaves them alone). */
    public Set<Path> activeStaging() {
        return activeStaging;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        WorkDirs dirs = settings.dirs();
        exchange.setProperty(DESTINATION, dirs.done().toString());
        Path input = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
        String name = input.getFileName().toString();
        InputKind kind = InputKind.of(name);
        if (kind == InputKind.OTHER) {
            throw new FailureReport.UnsupportedInputException("not a CALACS input: " + name
                    + " (the service takes *_raw.fits and *_asn.fits, optionally .gz)");
        }
        CalacsMetrics metrics = CalacsMetrics.of(exchange.getContext());
        metrics.inflightIncrement();
        Path staging = Files.createTempDirectory(Files.createDirectories(dirs.staging()), stem(name) + "-");
        activeStaging.add(staging);
        exchange.setProperty(STAGING, staging.toString());
        try {
            List<Path> memberSources = new ArrayList<>();
            Path staged = stage(input, staging);
            if (kind == InputKind.ASN) {
                for (AssociationTable.Member m : AssociationTable.read(staged)) {
                    if (!m.isExposure() || !m.present()) {
                        continue;
                    }
                    Path src = AssociationTable.rawOf(input.getParent(), m)
                            .or(() -> AssociationTable.rawOf(dirs.done(), m))
                            .orElseThrow(() -> new FailureReport.AssociationIncompleteException("association " + name
                                    + ": present member " + m.name() + " did not arrive (waited "
                                    + settings.asnTimeoutMs() / 1000 + " s)"));
                    stage(src, staging);
                    if (src.getParent().equals(input.getParent())) {
                        memberSources.add(src);
                    }
                }
                exchange.setProperty(MEMBERS, memberSources.stream().map(p -> p.getFileName().toString()).toList());
            } else {
                checkAcs(staged);
            }
            Path jref = settings.jref();
            if (settings.useCrds()) {
                Exchange refs = settings.template().send(settings.crdsUri(), e -> e.getIn().setBody(staged.toString()));
                if (refs.getException() != null) {
                    throw refs.getException();
                }
            }
            Exchange result = settings.template().send(settings.calacsUri(), e -> {
                e.getIn().setBody(staged.toString());
                e.getIn().setHeader(CalacsConstants.OUTPUT_DIR, staging.toString());
                e.getIn().setHeader(CalacsConstants.JREF, jref.toString());
                e.getIn().setHeader(CalacsConstants.OVERWRITE, true);
            });
            if (result.getException() != null) {
                throw result.getException();
            }
            List<String> products = listHeader(result, CalacsConstants.PRODUCTS);
            List<String> trailers = listHeader(result, CalacsConstants.TRAILERS);
            exchange.getIn().setHeader(CalacsConstants.PRODUCTS, products);
            exchange.getIn().setHeader(CalacsConstants.STEPS_PERFORMED, result.getMessage()
                    .getHeader(CalacsConstants.STEPS_PERFORMED));
            exchange.getIn().setHeader(CalacsConstants.TIMINGS, result.getMessage().getHeader(CalacsConstants.TIMINGS));
            List<String> placed = new ArrayList<>();
            for (String p : concat(products, trailers)) {
                Path f = Path.of(p);
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                String kindOf = trailers.contains(p) ? "trailer" : "product";
                if (productsToDefaultDirectory) {
                    placeByRename(f, dirs.products());
                    placed.add(f.getFileName().toString());
                    continue;
                }
                Exchange put = settings.template().send(settings.productsUri(), e -> {
                    e.getIn().setBody(f.toFile());
                    e.getIn().setHeader(Exchange.FILE_NAME, f.getFileName().toString());
                    e.getIn().setHeader(PRODUCT_NAME, f.getFileName().toString());
                    e.getIn().setHeader(PRODUCT_KIND, kindOf);
                    e.getIn().setHeader(INPUT_NAME, name);
                });
                if (put.getException() != null) {
                    throw put.getException();
                }
                placed.add(f.getFileName().toString());
            }
            // association members leave the inbox with their table (the table is moved by the consumer)
            for (Path m : memberSources) {
                Files.move(m, dirs.done().resolve(m.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            metrics.processed(kind.tag());
            LOG.info("{}: calibrated, products {} (steps performed {})", name, placed,
                    result.getMessage().getHeader(CalacsConstants.STEPS_PERFORMED));
        } finally {
            metrics.inflightDecrement();
            activeStaging.remove(staging);
            deleteTree(staging);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> listHeader(Exchange e, String h) {
        Object v = e.getMessage().getHeader(h);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Puts {@code src} into {@code dir} under its plain name: gunzipped, hard-linked (raws) or copied. */
    static Path stage(Path src, Path dir) throws IOException {
        String plain = InputKind.plainName(src.getFileName().toString());
        Path dst = dir.resolve(plain);
        if (src.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(src), 1 << 16)) {
                Files.copy(in, dst, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw (InvalidInputException) new InvalidInputException("cannot decompress: " + e.getMessage())
                        .inFile(src.getFileName());
            }
        } else if (InputKind.of(plain) == InputKind.RAW) {
            // raws are only read by calacs: a hard link saves copying hundreds of MB (falls back to a copy)
            try {
                Files.deleteIfExists(dst);
                Files.createLink(dst, src);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            }
        } else {
            // calacs updates an association table in place: work on a copy, never on the user's file
            Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
        }
        return dst;
    }

    /** Ingest check: a complete FITS file whose primary header says INSTRUME = 'ACS'. */
    static void checkAcs(Path raw) {
        try (FitsFile f = FitsFile.open(raw)) {
            String inst = f.primaryHeader().getStringValue("INSTRUME");
            if (inst == null || !inst.trim().equals("ACS")) {
                throw (InvalidInputException) new InvalidInputException(raw.getFileName() + " is not an ACS image"
                        + " (INSTRUME=\"" + (inst == null ? "" : inst.trim()) + "\")").inFile(raw.getFileName())
                        .inHdu("PRIMARY").forKeyword("INSTRUME");
            }
        }
    }

    static String stem(String name) {
        int d = name.indexOf('.');
        return d > 0 ? name.substring(0, d) : name;
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.toString());
        }
    }
}
