package director.tb.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How one run ended: its status, wall time, exit code, and from its JSON report (when it wrote one) the first failure,
 * its signature (the failure with every number taken out, what buckets failures across seeds), the reproduce commands
 * and the waves its debug re-run left.
 */
public record Outcome(RunSpec run, Status status, double seconds, int exitCode, String firstFailure, String signature,
                      String reproduce, String reproduceWithWaves, Path waves, Path gtkw, String detail) {
    public enum Status {
        /** Exit 0: every frame checked and as predicted. */
        PASS,
        /** Exit 1: a mismatch, loss, unpredicted drop, model fault or a verdict short of its goal. */
        FAIL,
        /** Any other exit (bad options, a crash): the run did not get to a verdict. */
        ERROR,
        /** Killed at its wall-clock limit. */
        TIMEOUT
    }

    public boolean passed() { return status == Status.PASS; }

    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b");
    private static final Pattern NUM = Pattern.compile("\\d+(\\.\\d+)?");

    /** A failure's signature: its text with hex values as H and numbers as N (ports, cycles, frame ids, bytes). */
    public static String signature(String failure) {
        if (failure == null) return null;
        String s = failure.replaceFirst("^cycle \\d+(, port \\d+)?: ", "");
        s = HEX.matcher(s).replaceAll("H");
        return NUM.matcher(s).replaceAll("N").trim();
    }

    /** The outcome of a run that exited with {@code exitCode} after {@code seconds}, read from its JSON if it wrote one. */
    public static Outcome of(RunSpec run, int exitCode, double seconds, boolean timedOut) {
        Status st = timedOut ? Status.TIMEOUT : exitCode == 0 ? Status.PASS : exitCode == 1 ? Status.FAIL : Status.ERROR;
        String first = null, again = run.reproduce(), withWaves = null, detail = null;
        Path waves = null, gtkw = null;
        if (!timedOut && Files.isRegularFile(run.json())) {
            try {
                JsonNode j = new ObjectMapper().readTree(run.json().toFile());
                first = text(j, "first_failure");
                if (first == null && text(j, "fault") != null) first = "model fault: " + text(j, "fault");
                withWaves = text(j, "reproduce_with_waves");
                if (text(j, "waves") != null) waves = Path.of(text(j, "waves"));
                if (text(j, "gtkw") != null) gtkw = Path.of(text(j, "gtkw"));
                if (st == Status.FAIL && first == null) detail = text(j, "verdict");
            } catch (IOException e) {
                detail = "unreadable " + run.json() + ": " + e.getMessage();
            }
        }
        if (timedOut) detail = "killed at its limit of " + run.test().timeoutSeconds() + " s";
        else if (st == Status.ERROR) detail = "exit " + exitCode + ": " + lastLine(run.log());
        else if (st != Status.PASS && first == null && detail == null) detail = lastLine(run.log());
        String sig = switch (st) {
            case PASS -> null;
            case TIMEOUT -> "timeout";
            case ERROR -> "error: " + signature(detail);
            case FAIL -> first != null ? signature(first) : "verdict: " + signature(detail);
        };
        return new Outcome(run, st, seconds, exitCode, first, sig, again, withWaves, waves, gtkw, detail);
    }

    /**
     * A run that never reported how it ended (the job or process that held it died first, or it could not start): an
     * ERROR whose detail says where to look; never a run silently missing from the results.
     */
    public static Outcome lost(RunSpec run, String detail) {
        return new Outcome(run, Status.ERROR, 0, -1, null, "error: " + signature(detail), run.reproduce(), null, null, null, detail);
    }

    private static String text(JsonNode j, String field) {
        JsonNode n = j.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /**
     * What a run that stopped said: the last line of the log starting {@code director: } (a bad input's one line, a
     * defect's exception above its stack trace), else its last non-empty line; or a note that there is none.
     */
    static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
            for (int i = lines.size() - 1; i >= 0; i--)
                if (lines.get(i).startsWith("director: ")) return lines.get(i);
            return lines.isEmpty() ? "(empty log)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
