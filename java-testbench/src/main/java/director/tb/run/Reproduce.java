package director.tb.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The complete command that repeats a run: the command line as given (every option, in order), with the seed the run
 * used in place of any given (or drawn) one, and, for the waves variant, the window of cycles to record. Quoted for
 * a POSIX shell, ready to paste.
 */
public final class Reproduce {
    private Reproduce() {}

    /** Options that take a value and are replaced (seed) or dropped (debug, waves and coverage settings) in a reproduce
     * command: repeating a run needs none of them. */
    private static final Set<String> REPLACED = Set.of("--seed", "--waves", "--from", "--to", "--on-fail", "--fail-waves",
            "--waves-before", "--waves-after", "--coverage");

    public static String command(String subcommand, List<String> originalArgs, long seed) {
        return String.join(" ", words(subcommand, originalArgs, seed, List.of()));
    }

    public static String withWaves(String subcommand, List<String> originalArgs, long seed, String fst, long from, long to) {
        return String.join(" ", words(subcommand, originalArgs, seed,
                List.of("--waves", fst, "--from", Long.toString(from), "--to", Long.toString(to), "--on-fail", "none")));
    }

    private static List<String> words(String subcommand, List<String> args, long seed, List<String> extra) {
        List<String> out = new ArrayList<>();
        out.add("scripts/director");
        int start = 0;
        // originalArgs may or may not begin with the subcommand's name(s) (picocli gives the whole line)
        String[] sub = subcommand.split(" ");
        for (String s : sub) {
            if (start < args.size() && args.get(start).equals(s)) start++;
        }
        for (String s : sub) out.add(s);
        for (int i = start; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            String name = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
            if (REPLACED.contains(name)) {
                if (eq < 0) i++;  // skip its value too
                continue;
            }
            out.add(quote(a));
        }
        out.add("--seed");
        out.add(Long.toString(seed));
        for (String e : extra) out.add(quote(e));
        return out;
    }

    private static final java.util.regex.Pattern SAFE = java.util.regex.Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** {@code s} quoted for a POSIX shell when it needs it (the one quoting of every reproduce command). */
    public static String quote(String s) {
        if (!s.isEmpty() && SAFE.matcher(s).matches()) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
