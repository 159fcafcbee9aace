package org.camelcalacs.core.trailer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camelcalacs.core.model.Verbosity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages of a calibration run, as the C programs print them: to the console (stdout, subject to -q/-v/-d)
 * and to trailer files {@code <root>.tra} (hstcal trlbuf). Lines are kept in memory and appended to the trailer
 * file when {@link #flushTo} is called; one Trailer object travels with a run (no global buffer), and every line
 * is also forwarded to SLF4J so that service logs and trailers agree.
 */
public final class Trailer {
    private static final Logger LOG = LoggerFactory.getLogger("org.camelcalacs.trailer");
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy", Locale.ROOT);

    private final Verbosity verbosity;
    private final boolean timestamps;
    private final PrintStream console;
    private final List<String> pending = new ArrayList<>();

    /** Messages of a recorder (level, text), or null for an ordinary trailer. */
    private final List<Object[]> recorded;

    public Trailer(Verbosity verbosity, boolean timestamps, PrintStream console) {
        this(verbosity, timestamps, console, null);
    }

    private Trailer(Verbosity verbosity, boolean timestamps, PrintStream console, List<Object[]> recorded) {
        this.verbosity = verbosity;
        this.timestamps = timestamps;
        this.console = console;
        this.recorded = recorded;
    }

    /**
     * A trailer for one task of parallel code: it only records its messages (no console, no log, no file), and
     * {@link #replayInto} later passes them, in order and at their levels, to the run's trailer; so the trailer
     * text does not depend on the thread count. Same verbosity and time-stamp setting as {@code like}.
     */
    public static Trailer recorder(Trailer like) {
        return new Trailer(like.verbosity, like.timestamps, null, new ArrayList<>());
    }

    /** Replays (and forgets) the messages recorded by a {@link #recorder} into {@code target}. */
    public synchronized void replayInto(Trailer target) {
        if (recorded == null) {
            throw new IllegalStateException("not a recorder");
        }
        for (Object[] m : recorded) {
            String msg = (String) m[1];
            switch ((Character) m[0]) {
                case 'v' -> target.verbose(msg);
                case 'd' -> target.debug(msg);
                case 'w' -> target.warn(msg);
                case 'e' -> target.error(msg);
                default -> target.info(msg);
            }
        }
        recorded.clear();
    }

    private synchronized boolean record(char level, String msg) {
        if (recorded == null) {
            return false;
        }
        recorded.add(new Object[] {level, msg});
        return true;
    }

    /** A trailer that prints nothing (tests, library use). */
    public static Trailer silent() {
        return new Trailer(Verbosity.QUIET, false, null);
    }

    public Verbosity verbosity() {
        return verbosity;
    }

    public boolean timestamps() {
        return timestamps;
    }

    /** A message printed at the default level (and always written to the trailer). */
    public void info(String msg) {
        if (record('i', msg)) {
            return;
        }
        emit(msg, Verbosity.NORMAL);
        LOG.info(msg);
    }

    /** A message printed only with -v (always written to the trailer, as hstcal does). */
    public void verbose(String msg) {
        if (record('v', msg)) {
            return;
        }
        emit(msg, Verbosity.VERBOSE);
        LOG.debug(msg);
    }

    /** -d only. */
    public void debug(String msg) {
        if (record('d', msg)) {
            return;
        }
        if (verbosity.atLeast(Verbosity.DEBUG)) {
            emit(msg, Verbosity.DEBUG);
        }
        LOG.trace(msg);
    }

    public void warn(String msg) {
        if (record('w', msg)) {
            return;
        }
        emit("Warning    " + msg, Verbosity.QUIET);
        LOG.warn(msg);
    }

    public void error(String msg) {
        if (record('e', msg)) {
            return;
        }
        emit("ERROR:    " + msg, Verbosity.QUIET);
        LOG.error(msg);
    }

    /** A time stamp line for -t ("Begin ACSCCD" etc.). */
    public void timeStamp(String what, String root) {
        if (timestamps) {
            info(String.format(Locale.ROOT, "%s %-38s%s", LocalDateTime.now().format(TS), what, root));
        }
    }

    private synchronized void emit(String msg, Verbosity level) {
        pending.add(msg);
        if (console != null && (verbosity.atLeast(level) || level == Verbosity.QUIET)) {
            console.println(msg);
        }
    }

    /** Lines not yet written to a trailer file. */
    public synchronized List<String> pendingLines() {
        return List.copyOf(pending);
    }

    /** Appends the pending lines to {@code file} and clears them. */
    public synchronized void flushTo(Path file) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            StringBuilder sb = new StringBuilder();
            for (String s : pending) {
                sb.append(s).append('\n');
            }
            Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            pending.clear();
        } catch (IOException e) {
            LOG.warn("cannot write trailer {}: {}", file, e.toString());
        }
    }

    /** Drops the pending lines without writing them. */
    public synchronized void discard() {
        pending.clear();
    }
}
