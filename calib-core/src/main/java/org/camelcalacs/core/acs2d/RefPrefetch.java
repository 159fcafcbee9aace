package org.camelcalacs.core.acs2d;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.camelcalacs.core.fits.Imset;

/**
 * Reads the reference imsets an imset will need (dark, flash, flats, shading) in the background while the
 * previous imset is calibrated. Only I/O moves to other threads; every calibration kernel still runs in imset
 * order on the caller's thread, so results do not depend on the thread count. With one thread, or one imset,
 * references are read on demand as before. At most the next imset's references are held in advance.
 */
final class RefPrefetch implements AutoCloseable {
    private final ExecutorService pool;
    private final Map<String, CompletableFuture<Imset>> pending = new HashMap<>();

    RefPrefetch(int threads) {
        this.pool = threads > 1 ? Executors.newFixedThreadPool(Math.min(threads, 4), r -> {
            Thread t = new Thread(r, "acs2d-ref-prefetch");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    private static String key(RefFile r, int chip) {
        return r.keyword() + "|" + r.path() + "|" + chip;
    }

    /** Starts reading the given references for {@code chip} (no-op without a pool). */
    void prefetch(List<RefFile> refs, int chip) {
        if (pool == null) {
            return;
        }
        for (RefFile r : refs) {
            if (r != null && r.exists()) {
                pending.computeIfAbsent(key(r, chip), k -> CompletableFuture.supplyAsync(() -> r.imsetForChip(chip),
                        pool));
            }
        }
    }

    /** The reference imset for {@code chip}: prefetched if it was, else read now. Errors surface here. */
    Imset get(RefFile r, int chip) {
        CompletableFuture<Imset> f;
        synchronized (pending) {
            f = pending.remove(key(r, chip));
        }
        if (f == null) {
            return r.imsetForChip(chip);
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /** Drops prefetched references of a chip that were not used (e.g. a step turned out to be IGNORED). */
    void forget(int chip) {
        List<String> drop = new ArrayList<>();
        for (String k : pending.keySet()) {
            if (k.endsWith("|" + chip)) {
                drop.add(k);
            }
        }
        for (String k : drop) {
            pending.remove(k).cancel(false);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
