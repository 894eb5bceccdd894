package director.tb.cli;

import director.harness.BuildProgress;
import director.harness.Progress;
import director.rtl.params.DirectorParams;
import director.tb.sim.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code director sv}: the generated SystemVerilog of a profile. */
@Command(name = "sv", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the generated SystemVerilog of a profile (the file is only rewritten when it changed).")
final class SvCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ModelOptions model;
    @Mixin ProgressOptions progress;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "where to write it (default: none, required)")
    Path out;

    @Override
    public Integer call() {
        DirectorParams p = model.params();
        boolean written;
        // elaborating the vp780 profile takes a while: the same progress line as a model build's first stage
        try (Progress.Task task = Progress.start("sv " + p.name(), -1, "", 1, false)) {
            task.update(0, BuildProgress.Stage.ELABORATE.label);
            written = Models.writeSystemVerilog(p, out);
            task.update(0, written ? "written" : "unchanged");
        }
        spec.commandLine().getOut().println(out + (written ? ": written" : ": unchanged, not rewritten"));
        return Main.EXIT_PASS;
    }
}
