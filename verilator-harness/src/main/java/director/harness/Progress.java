package director.harness;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The progress line on stderr of everything that takes more than a few seconds (model builds, runs), drawn by the
 * progressbar library (me.tongfei:progressbar): stdout never sees it.
 *
 * <p>A {@link Task} stays silent for its first {@link Settings#quietMillis} (3 s): a short build or run prints nothing.
 * Then, on a terminal, one line redrawn in place (ConsoleProgressBarConsumer); anywhere else (CI logs, a file, tests) a
 * whole line every {@link Settings#lineIntervalMillis} (10 s) and the final state when the task ends, never a carriage
 * return. {@code DIRECTOR_PROGRESS=0} in the environment, or the command line's {@code --no-progress}, switches it off.
 *
 * <p>The settings are process-wide: the command line sets them for the duration of a command ({@link #use}); library
 * callers (tests) get {@link #fromEnvironment()}.
 */
public final class Progress {
    private Progress() {}

    /** Off; a line redrawn in place on a terminal; whole lines now and then. */
    public enum Mode { OFF, TERMINAL, LINES }

    /**
     * @param mode               how progress is shown
     * @param lines              where LINES mode writes (one call per whole line, no line terminator)
     * @param terminal           where TERMINAL mode draws
     * @param width              the rendered line's width (the bar takes what the text leaves)
     * @param quietMillis        a task shows nothing before it has run this long
     * @param lineIntervalMillis LINES mode: at most one line per interval, plus the final one
     */
    public record Settings(Mode mode, Consumer<String> lines, PrintStream terminal, int width, long quietMillis,
                           long lineIntervalMillis) {}

    public static final long DEFAULT_QUIET_MILLIS = 3_000, DEFAULT_LINE_INTERVAL_MILLIS = 10_000;

    /** The quiet time: 3 s, or {@code -Ddirector.progress.quietMs=N} (tests use 0 to see the line of a short run). */
    public static long quietMillis() {
        return Math.max(0, Long.getLong("director.progress.quietMs", DEFAULT_QUIET_MILLIS));
    }
    static final int LINES_WIDTH = 150;

    /** Off. */
    public static Settings off() {
        return new Settings(Mode.OFF, s -> { }, System.err, LINES_WIDTH, quietMillis(), DEFAULT_LINE_INTERVAL_MILLIS);
    }

    /** Whole lines to {@code sink}, never a carriage return. */
    public static Settings lines(Consumer<String> sink) {
        return new Settings(Mode.LINES, sink, System.err, LINES_WIDTH, quietMillis(), DEFAULT_LINE_INTERVAL_MILLIS);
    }

    /** A line redrawn in place on this process's stderr, a terminal. */
    public static Settings terminal() {
        return new Settings(Mode.TERMINAL, System.err::println, System.err, terminalWidth(), quietMillis(),
                DEFAULT_LINE_INTERVAL_MILLIS);
    }

    /** Off when DIRECTOR_PROGRESS is 0 (or off, false, no); else redrawn on a terminal stderr, whole lines otherwise. */
    public static Settings fromEnvironment() {
        if (disabledByEnvironment()) return off();
        return stderrIsTerminal() ? terminal() : lines(System.err::println);
    }

    /** Whether DIRECTOR_PROGRESS switches progress off. */
    public static boolean disabledByEnvironment() {
        String v = System.getenv("DIRECTOR_PROGRESS");
        return v != null && switch (v.trim().toLowerCase(Locale.ROOT)) { case "0", "off", "false", "no" -> true; default -> false; };
    }

    private static volatile Settings settings;

    public static Settings settings() {
        Settings s = settings;
        if (s == null) settings = s = fromEnvironment();
        return s;
    }

    /** Makes {@code s} the settings; returns the ones before, to put back ({@code use(previous)}). */
    public static Settings use(Settings s) {
        Settings before = settings();
        settings = s;
        return before;
    }

    /** One line on stderr (where progress goes), unless progress is off: a notice such as "this build takes minutes". */
    public static void note(String line) {
        Settings s = settings();
        switch (s.mode()) {
            case OFF -> { }
            case TERMINAL -> {
                // over a bar being drawn (no newline yet): overwrite it; the bar redraws on the next line
                s.terminal().print("\r" + line + " ".repeat(Math.max(0, s.width() - line.length())) + "\n");
                s.terminal().flush();
            }
            case LINES -> s.lines().accept(line);
        }
    }

    // ------------------------------------------------------------------ names of what runs

    private static final ThreadLocal<String> label = new ThreadLocal<>();

    /** What the tasks started on this thread are called (e.g. "bench 2/5 (a)") until the scope closes. */
    public static Scope label(String name) {
        String before = label.get();
        label.set(name);
        return () -> label.set(before);
    }

    /** The current label, or {@code fallback}. */
    public static String labelOr(String fallback) {
        String l = label.get();
        return l != null ? l : fallback;
    }

    public interface Scope extends AutoCloseable {
        @Override void close();
    }

    // ------------------------------------------------------------------ tasks

    /**
     * A task of {@code max} units ({@code -1}: not known yet, see {@link Task#max}), shown after the quiet time with the
     * current settings. {@code unit} is appended to the counts (" cycles"), {@code unitSize} divides them (1000 with
     * "k cycles"); {@code speed} shows units per second.
     */
    public static Task start(String name, long max, String unit, long unitSize, boolean speed) {
        return new Task(settings(), name, max, unit, unitSize, speed, null);
    }

    /** As {@link #start(String, long, String, long, boolean)}, with its own estimate of the time left. */
    public static Task start(String name, long max, String unit, long unitSize, boolean speed,
                             Function<ProgressState, Optional<Duration>> eta) {
        return new Task(settings(), name, max, unit, unitSize, speed, eta);
    }

    /**
     * One progress line. The bar starts with the task (so its elapsed time, speed and time left count from the start)
     * and its own thread draws it, but nothing reaches stderr before the quiet time is over. The owner calls
     * {@link #update} as it goes, or not at all (the elapsed time still runs), and {@link #close} at the end: the final
     * state, one last line or the bar left on screen; nothing when the task ended inside its quiet time.
     */
    public static final class Task implements AutoCloseable {
        private static final long CHECK_NANOS = 200_000_000L;
        private final boolean speed;
        private final ProgressBar bar;
        private long nextCheck;

        Task(Settings s, String name, long max, String unit, long unitSize, boolean speed, Function<ProgressState, Optional<Duration>> eta) {
            this.speed = speed;
            if (s.mode() == Mode.OFF) {
                bar = null;
                return;
            }
            long size = Math.max(1, unitSize);
            ProgressBarBuilder b = new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(max)
                    .setUnit(unit, size)
                    .continuousUpdate();  // the elapsed time and the stage change without progress
            if (speed) b.showSpeed(new DecimalFormat(size > 1 ? "#,##0.0" : "#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            if (eta != null) b.setEtaFunction(eta);
            if (s.mode() == Mode.TERMINAL) {
                b.setStyle(unicode() ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250)
                        .setConsumer(new Quiet(new ConsoleProgressBarConsumer(s.terminal(), s.width()), s.quietMillis()));
            } else {
                b.setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(1000)
                        .setConsumer(new Quiet(new LineConsumer(s.lines(), s.width(), s.lineIntervalMillis()), s.quietMillis()));
            }
            bar = b.build();
        }

        /** True at most every 200 ms: whether an update is worth making now (keeps a fast loop's cost to a clock read). */
        public boolean due() {
            if (bar == null) return false;
            long now = System.nanoTime();
            if (now < nextCheck) return false;
            nextCheck = now + CHECK_NANOS;
            return true;
        }

        /** The total, when it becomes known (or changes). */
        public Task max(long max) {
            if (bar != null && bar.getMax() != max) bar.maxHint(max);
            return this;
        }

        /** Where the task is: {@code current} units, and the words after the counts (a stage, figures so far). */
        public Task update(long current, String message) {
            if (bar == null) return this;
            bar.stepTo(current);
            // the renderer puts a space before the words except after the speed
            bar.setExtraMessage(speed && !message.isEmpty() ? " " + message : message);
            return this;
        }

        /** The final state: the bar left on the terminal, or one last line; nothing if the task ended while quiet. */
        @Override
        public void close() {
            if (bar != null) bar.close();  // renders once more, then closes the consumer
        }
    }

    /** Passes nothing on before the quiet time is over; closes its consumer only if it passed something on. */
    static final class Quiet implements ProgressBarConsumer {
        private final ProgressBarConsumer inner;
        private final long showFrom;
        private boolean shown;

        Quiet(ProgressBarConsumer inner, long quietMillis) {
            this.inner = inner;
            this.showFrom = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(quietMillis);
        }

        @Override public int getMaxRenderedLength() { return inner.getMaxRenderedLength(); }

        @Override
        public synchronized void accept(String rendered) {
            if (!shown && System.nanoTime() - showFrom < 0) return;
            shown = true;
            inner.accept(rendered);
        }

        @Override
        public synchronized void close() {
            if (shown) inner.close();
        }
    }

    /**
     * LINES mode: each rendering is a whole line, written at most once per interval; the last one (the final state,
     * rendered when the bar closes) is always written.
     */
    static final class LineConsumer extends DelegatingProgressBarConsumer {
        private final Consumer<String> sink;
        private final long intervalNanos;
        private long lastWritten;
        private boolean written;
        private String pending;

        LineConsumer(Consumer<String> sink, int width, long intervalMillis) {
            super(sink, width);
            this.sink = sink;
            this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        }

        @Override
        public synchronized void accept(String rendered) {
            long now = System.nanoTime();
            String line = rendered.stripTrailing();
            if (!written || now - lastWritten >= intervalNanos) {
                sink.accept(line);
                written = true;
                lastWritten = now;
                pending = null;
            } else {
                pending = line;
            }
        }

        @Override
        public synchronized void close() {
            if (pending != null) sink.accept(pending);
            pending = null;
        }
    }

    // ------------------------------------------------------------------ the terminal

    /** Whether this process's stderr is a terminal (Linux: /proc/self/fd/2 names a tty; elsewhere: a console). */
    public static boolean stderrIsTerminal() {
        String term = System.getenv("TERM");
        if ("dumb".equals(term)) return false;
        try {
            Path fd2 = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // fall through
        }
        return System.console() != null;
    }

    private static int terminalWidth() {
        String cols = System.getenv("COLUMNS");
        try {
            if (cols != null) return clampWidth(Integer.parseInt(cols.trim()));
        } catch (NumberFormatException e) {
            // fall through
        }
        // stty reads the controlling terminal's size (stdout may be a file while stderr is the terminal)
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String[] rc = out.split("\\s+");
                if (rc.length == 2) return clampWidth(Integer.parseInt(rc[1]));
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    private static int clampWidth(int w) {
        return w < 40 ? 100 : Math.min(w - 1, 200);
    }

    private static boolean unicode() {
        String enc = System.getProperty("stderr.encoding", System.getProperty("sun.stderr.encoding", Charset.defaultCharset().name()));
        return enc.toUpperCase(Locale.ROOT).contains("UTF");
    }
}
