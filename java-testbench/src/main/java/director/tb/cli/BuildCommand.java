package director.tb.cli;

import director.tb.run.DirectorModel;
import director.tb.sim.Models;
import director.harness.ModelBuild;
import director.rtl.params.DirectorParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code director build}: the Verilated model of a profile, built or found in the cache. */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build (or find in the cache) the model for a profile and print where it is and how long it took.",
                "A model of " + Models.TWO_THREADS_FROM_PORTS + " ports or more is trained: compiled to count, run "
                        + DirectorModel.MainJob.CYCLES + " cycles of the main job, compiled again with the counts (about 1.5x "
                        + "faster to run; DIRECTOR_JAVA_OPTS=-Ddirector.pgo=false builds it untrained)."})
final class BuildCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ModelOptions model;
    @Mixin ProgressOptions progress;

    @Option(names = "--trace", description = "the tracing build (what --waves uses) (default: ${DEFAULT-VALUE})")
    boolean trace;

    @Override
    public Integer call() {
        DirectorParams p = model.params();
        long t0 = System.nanoTime();
        Path lib = DirectorModel.library(p, trace);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s%nmodel: %s%nbuild: %.1f s when built; this call %.1f s%n", p.describe(), lib,
                ModelBuild.buildSeconds(lib), (System.nanoTime() - t0) / 1e9);
        return Main.EXIT_PASS;
    }
}
