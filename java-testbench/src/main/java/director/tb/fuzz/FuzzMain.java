package director.tb.fuzz;

/**
 * The fuzz target class that {@code director fuzz} hands Jazzer's driver ({@code --target_class}): the target's name
 * comes as {@code --target_args}, each input goes to {@link FuzzTarget#fuzz}.
 */
public final class FuzzMain {
    private FuzzMain() {}

    private static FuzzTarget target;

    /** Jazzer calls this once, with {@code --target_args}: the target's name. */
    public static void fuzzerInitialize(String[] args) {
        if (args.length != 1 || FuzzTargets.named(args[0]) == null)
            throw new IllegalArgumentException("FuzzMain needs --target_args=NAME, one of " + FuzzTargets.names()
                    + "; got " + String.join(" ", args));
        target = FuzzTargets.named(args[0]);
    }

    /** Jazzer calls this for every input. */
    public static void fuzzerTestOneInput(byte[] input) throws Throwable {
        target.fuzz(input);
    }

    /** Jazzer calls this at the end: for {@code all}, the inputs each target ran. */
    public static void fuzzerTearDown() {
        if (target instanceof AllTargets) System.err.println("fuzz: " + FuzzTargets.runs(target));
    }
}
