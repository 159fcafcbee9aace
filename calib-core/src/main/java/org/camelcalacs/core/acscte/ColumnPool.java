package org.camelcalacs.core.acscte;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.camelcalacs.core.error.CalacsException;

/**
 * A fixed set of worker threads for column-parallel CTE kernels (the reference's OpenMP regions). Work is split
 * into column ranges; every column is computed by exactly one worker with its own scratch space and no shared
 * accumulator, so results do not depend on the number of threads or on scheduling.
 */
final class ColumnPool implements AutoCloseable {
    /** Body of a parallel loop over columns [from, to) run by worker {@code worker} (0 .. threads-1). */
    interface RangeBody {
        void run(int worker, int from, int to);
    }

    private final int threads;
    private final ExecutorService executor;

    ColumnPool(int threads) {
        this.threads = Math.max(1, threads);
        if (this.threads > 1) {
            AtomicInteger id = new AtomicInteger();
            executor = Executors.newFixedThreadPool(this.threads - 1, r -> {
                Thread t = new Thread(r, "acscte-" + id.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else {
            executor = null;
        }
    }

    int threads() {
        return threads;
    }

    /** Static partition: worker t gets the t-th contiguous share of [0, n) (OpenMP schedule(static)). */
    void forStatic(int n, RangeBody body) {
        if (threads == 1 || n < 2) {
            body.run(0, 0, n);
            return;
        }
        List<Future<?>> fs = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            final int w = t;
            final int from = (int) ((long) n * t / threads);
            final int to = (int) ((long) n * (t + 1) / threads);
            fs.add(executor.submit(() -> body.run(w, from, to)));
        }
        try {
            body.run(0, 0, (int) ((long) n / threads));
        } finally {
            await(fs);
        }
    }

    /** Dynamic schedule: workers take chunks of {@code chunk} columns until none is left. */
    void forDynamic(int n, int chunk, RangeBody body) {
        if (threads == 1 || n <= chunk) {
            body.run(0, 0, n);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            final int w = t;
            fs.add(executor.submit(() -> drain(w, n, chunk, next, body)));
        }
        try {
            drain(0, n, chunk, next, body);
        } finally {
            await(fs);
        }
    }

    private static void drain(int worker, int n, int chunk, AtomicInteger next, RangeBody body) {
        int from;
        while ((from = next.getAndAdd(chunk)) < n) {
            body.run(worker, from, Math.min(n, from + chunk));
        }
    }

    private static void await(List<Future<?>> fs) {
        Throwable failure = null;
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new CalacsException("CTE worker failed: " + failure, failure);
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
