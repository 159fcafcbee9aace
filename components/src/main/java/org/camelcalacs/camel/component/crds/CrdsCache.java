package org.camelcalacs.camel.component.crds;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.camelcalacs.core.error.ReferenceFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local cache of HST reference files with the CRDS layout ({@code <CRDS_PATH>/references/hst/acs/}, usable as
 * jref). Missing files are downloaded from a {@link ReferenceSource}: into a hidden partial file, verified (size,
 * SHA-1, when known), then renamed into place, so a reader never sees a partial file. Concurrent requests for the
 * same file share one download. Transient failures are retried with exponential backoff.
 */
public class CrdsCache {
    private static final Logger LOG = LoggerFactory.getLogger(CrdsCache.class);
    /** Prefix of partial downloads (hidden, so jref listings and file consumers ignore them). */
    public static final String PART_PREFIX = ".part-";

    private final Path root;
    private final Path refDir;
    private final ReferenceSource source;
    private final int maxAttempts;
    private final long backoffMs;
    private final long maxBackoffMs;
    private final ConcurrentHashMap<String, CompletableFuture<Path>> inflight = new ConcurrentHashMap<>();
    private final AtomicLong downloads = new AtomicLong();

    /**
     * @param root        CRDS_PATH
     * @param source      where missing files come from, or null for an offline cache
     * @param maxAttempts attempts per file (at least 1)
     * @param backoffMs   first retry delay; doubles each attempt up to {@code maxBackoffMs}
     */
    public CrdsCache(Path root, ReferenceSource source, int maxAttempts, long backoffMs, long maxBackoffMs) {
        this.root = root.toAbsolutePath().normalize();
        this.refDir = this.root.resolve("references").resolve("hst").resolve("acs");
        this.source = source;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoffMs = Math.max(0, backoffMs);
        this.maxBackoffMs = Math.max(this.backoffMs, maxBackoffMs);
    }

    public Path root() {
        return root;
    }

    /** The directory to use as jref. */
    public Path referenceDir() {
        return refDir;
    }

    /** Number of completed downloads since creation. */
    public long downloads() {
        return downloads.get();
    }

    /** The plain file name of a header value ({@code jref$x.fits}, {@code $jref/x.fits}, {@code x.fits}). */
    public static String fileName(String headerValue) {
        String n = headerValue.trim();
        int d = n.indexOf('$');
        if (d > 0) {
            n = n.substring(d + 1);
        } else if (d == 0) {
            int s = n.indexOf('/');
            n = s < 0 ? "" : n.substring(s + 1);
        }
        return n;
    }

    /** The cached file, if present (no download). */
    public Optional<Path> local(String name) {
        Path p = target(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * The local path of {@code name}, downloading it first if it is missing (or does not match the expected size or
     * SHA-1). Concurrent calls for one name perform one download.
     *
     * @param expectedSize bytes, or null
     * @param expectedSha1 hex digest, or null
     * @throws ReferenceFileException when the file is missing and cannot be obtained
     */
    public Path get(String name, Long expectedSize, String expectedSha1) {
        Path target = target(name);
        if (Files.isRegularFile(target) && matches(target, expectedSize, expectedSha1)) {
            return target;
        }
        if (source == null) {
            throw (ReferenceFileException) new ReferenceFileException("reference file " + name
                    + " is missing from the cache " + refDir + " and no CRDS server is configured").inFile(name);
        }
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> running = inflight.putIfAbsent(name, mine);
        if (running != null) {
            return join(running);
        }
        try {
            // another thread may have finished between our check and our claim
            if (Files.isRegularFile(target) && matches(target, expectedSize, expectedSha1)) {
                mine.complete(target);
            } else {
                mine.complete(downloadWithRetries(name, target, expectedSize, expectedSha1));
            }
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        } finally {
            inflight.remove(name, mine);
        }
        return join(mine);
    }

    private static Path join(CompletableFuture<Path> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private Path downloadWithRetries(String name, Path target, Long size, String sha1) {
        IOException last = null;
        long delay = backoffMs;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                downloadOnce(name, target, size, sha1);
                downloads.incrementAndGet();
                LOG.info("downloaded reference {} (attempt {})", name, attempt);
                return target;
            } catch (ReferenceSource.NotFoundException e) {
                throw (ReferenceFileException) new ReferenceFileException("reference file " + name
                        + " is missing: not found in the cache nor on the CRDS server (" + e.getMessage() + ")", e)
                        .inFile(name);
            } catch (IOException e) {
                last = e;
                LOG.warn("download of reference {} failed (attempt {}/{}): {}", name, attempt, maxAttempts, e.toString());
                if (attempt < maxAttempts && delay > 0) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    delay = Math.min(maxBackoffMs, delay * 2);
                }
            }
        }
        throw (ReferenceFileException) new ReferenceFileException("reference file " + name
                + " is missing from the cache and could not be downloaded after " + maxAttempts + " attempts: "
                + (last == null ? "interrupted" : last.getMessage()), last).inFile(name);
    }

    private void downloadOnce(String name, Path target, Long size, String sha1) throws IOException {
        Files.createDirectories(refDir);
        Path part = refDir.resolve(PART_PREFIX + name + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        MessageDigest md = sha1();
        long written;
        try {
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                CountingStream counting = new CountingStream(Channels.newOutputStream(ch));
                DigestOutputStream out = new DigestOutputStream(counting, md);
                source.download(name, out);
                out.flush();
                written = counting.count;
                ch.force(true); // the channel (and so the streams over it) closes with the try block
            }
            if (size != null && size >= 0 && written != size) {
                throw new IOException("corrupt download of " + name + ": " + written + " bytes, expected " + size);
            }
            String got = HexFormat.of().formatHex(md.digest());
            if (sha1 != null && !sha1.isBlank() && !got.equalsIgnoreCase(sha1.trim())) {
                throw new IOException("corrupt download of " + name + ": SHA-1 " + got + ", expected "
                        + sha1.trim().toLowerCase(Locale.ROOT));
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Deletes partial downloads older than {@code age} (left by a crash); returns how many. */
    public int cleanPartials(Duration age) {
        if (!Files.isDirectory(refDir)) {
            return 0;
        }
        int n = 0;
        Instant limit = Instant.now().minus(age);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(refDir, PART_PREFIX + "*")) {
            for (Path p : ds) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(limit) && !isInflight(p)) {
                    Files.deleteIfExists(p);
                    n++;
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot clean {}: {}", refDir, e.toString());
        }
        return n;
    }

    private boolean isInflight(Path part) {
        String f = part.getFileName().toString().substring(PART_PREFIX.length());
        return inflight.keySet().stream().anyMatch(f::startsWith);
    }

    /** Total bytes and count of cached reference files. */
    public long[] usage() {
        long bytes = 0;
        long count = 0;
        if (Files.isDirectory(refDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(refDir)) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                        bytes += Files.size(p);
                        count++;
                    }
                }
            } catch (IOException e) {
                LOG.warn("cannot list {}: {}", refDir, e.toString());
            }
        }
        return new long[] {bytes, count};
    }

    private Path target(String name) {
        String n = fileName(name);
        if (n.isEmpty() || n.contains("/") || n.contains("\\") || n.startsWith(".") || n.contains("..")) {
            throw (ReferenceFileException) new ReferenceFileException("refusing reference name '" + name
                    + "': CRDS names are plain file names").inFile(name);
        }
        return refDir.resolve(n);
    }

    private static boolean matches(Path p, Long size, String sha1) {
        try {
            if (size != null && size >= 0 && Files.size(p) != size) {
                return false;
            }
            if (sha1 != null && !sha1.isBlank()) {
                MessageDigest md = sha1();
                try (var in = Files.newInputStream(p)) {
                    byte[] buf = new byte[1 << 16];
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        md.update(buf, 0, r);
                    }
                }
                return HexFormat.of().formatHex(md.digest()).equalsIgnoreCase(sha1.trim());
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
