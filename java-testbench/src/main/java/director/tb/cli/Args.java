package director.tb.cli;

import java.util.*;

/** Command-line options: {@code --name value} and bare {@code --flag}; every unknown or malformed option is an error naming it. */
final class Args {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    Args(String[] argv, int from, Set<String> flags) {
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) throw new UsageException("unexpected argument '" + a + "' (options start with --)");
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) { value = name.substring(eq + 1); name = name.substring(0, eq); }
            else if (flags.contains(name)) value = "true";
            else {
                if (i + 1 >= argv.length) throw new UsageException("option --" + name + " needs a value");
                value = argv[++i];
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    String str(String name, String def) {
        used.add(name);
        List<String> v = values.get(name);
        return v == null ? def : v.get(v.size() - 1);
    }

    List<String> all(String name) {
        used.add(name);
        return values.getOrDefault(name, List.of());
    }

    boolean flag(String name) { return Boolean.parseBoolean(str(name, "false")); }

    boolean has(String name) { used.add(name); return values.containsKey(name); }

    long lng(String name, long def) {
        String s = str(name, null);
        if (s == null) return def;
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + s + "' is not an integer");
        }
    }

    double dbl(String name, double def) {
        String s = str(name, null);
        if (s == null) return def;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + s + "' is not a number");
        }
    }

    /** Call after reading every option: anything left was not understood. */
    void rejectUnknown(String command) {
        for (String k : values.keySet())
            if (!used.contains(k)) throw new UsageException("unknown option --" + k + " for '" + command + "' (see: director help)");
    }

    static final class UsageException extends RuntimeException {
        UsageException(String m) { super(m); }
    }
}
