package org.camelcalacs.core.acsccd.blev;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs one independent task per amp (index 0..n-1) on up to {@code threads} threads. Each task touches only its
 * own amp's data, so results are bit-identical for any thread count.
 */
final class AmpTasks {
    private AmpTasks() {
    }

    static void run(int n, int threads, IntConsumer task) {
        int t = Math.min(Math.max(threads, 1), n);
        if (t <= 1) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        ExecutorService ex = Executors.newFixedThreadPool(t, r -> {
            Thread th = new Thread(r, "blev-amp");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> fs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int k = i;
                fs.add(ex.submit(() -> task.accept(k)));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running amp tasks", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            ex.shutdownNow();
        }
    }
}
