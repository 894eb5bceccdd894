package director.tb.cli;

import director.rtl.params.DirectorParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code director profiles}: every parameter of every profile (the names --set takes). */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "List the parameter profiles with every parameter (the names --set overrides).")
final class ProfilesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        for (DirectorParams p : ProfileHelp.profiles().values())
            spec.commandLine().getOut().println(p.describe()
                    + String.format(Locale.ROOT, "  (crossbar %.1f Gb/s per port, speedup %.2f)", p.crossbarGbps(), p.speedup()));
        return Main.EXIT_PASS;
    }
}
