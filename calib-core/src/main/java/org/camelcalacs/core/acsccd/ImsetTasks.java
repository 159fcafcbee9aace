package org.camelcalacs.core.acsccd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.camelcalacs.core.trailer.Trailer;

/**
 * Runs one task per imset on up to {@code threads} threads. Imsets are independent in every ACSCCD step except
 * the post-SM4 BLEVCORR, so results are bit-identical for any thread count; trailer messages of a task go to its
 * own {@link Trailer} buffer and are replayed in imset order, so the trailer is identical too.
 */
final class ImsetTasks {
    private ImsetTasks() {
    }

    /** Runs {@code task} for 0..n-1; the first failure (in imset order) is rethrown. */
    static void run(int n, int threads, IntConsumer task) {
        if (threads <= 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        RuntimeException[] failures = new RuntimeException[n];
        Error[] errors = new Error[n];
        List<Thread> started = new ArrayList<>();
        int width = Math.min(threads, n);
        for (int w = 1; w < width; w++) {
            final int worker = w;
            Thread th = new Thread(() -> runPart(worker, width, n, task, failures, errors), "acsccd-imset-" + w);
            th.start();
            started.add(th);
        }
        runPart(0, width, n, task, failures, errors);
        for (Thread th : started) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for imset tasks", e);
            }
        }
        for (int i = 0; i < n; i++) {
            if (errors[i] != null) {
                throw errors[i];
            }
            if (failures[i] != null) {
                throw failures[i];
            }
        }
    }

    private static void runPart(int worker, int width, int n, IntConsumer task, RuntimeException[] failures,
                                Error[] errors) {
        for (int i = worker; i < n; i += width) {
            try {
                task.accept(i);
            } catch (RuntimeException e) {
                failures[i] = e;
            } catch (Error e) {
                errors[i] = e;
            }
        }
    }

    /** Trailer lines of one imset task, replayed later in imset order. */
    static final class Lines {
        private final List<String> text = new ArrayList<>();
        private final List<Integer> kind = new ArrayList<>();

        void info(String msg) {
            text.add(msg);
            kind.add(0);
        }

        void verbose(String msg) {
            text.add(msg);
            kind.add(1);
        }

        void warn(String msg) {
            text.add(msg);
            kind.add(2);
        }

        void replay(Trailer t) {
            for (int k = 0; k < text.size(); k++) {
                switch (kind.get(k)) {
                    case 1 -> t.verbose(text.get(k));
                    case 2 -> t.warn(text.get(k));
                    default -> t.info(text.get(k));
                }
            }
            text.clear();
            kind.clear();
        }
    }
}
