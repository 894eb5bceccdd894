package director.tb.cli;

import director.tb.regress.LocalRunner;
import director.tb.regress.SlurmRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code director regress-shard} (hidden): what one array task of {@code regress --slurm} runs. The shard's runs of the
 * job's manifest, one after another, each the same way as in a local regression (its own JVM, its wall-clock limit);
 * how each ended goes into a record beside the manifest. Exit 0 when every run got to an end, whatever it was.
 */
@Command(name = "regress-shard", hidden = true, mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run one shard of a regression's Slurm job array (what an array task of 'regress --slurm' runs).")
final class RegressShardCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--manifest", paramLabel = "FILE", required = true,
            description = "the job's manifest (OUT/slurm/manifest.json, written by regress --slurm) (default: none, required)")
    Path manifest;

    @Option(names = "--shard", paramLabel = "I", required = true, converter = Converters.NonNegativeInt.class,
            description = "which shard: the array task's index (default: none, required)")
    int shard;

    @Override
    public Integer call() {
        SlurmRunner.runShard(manifest.toAbsolutePath().normalize(), shard, LocalRunner.sameJvm(), spec.commandLine().getOut());
        return Main.EXIT_PASS;
    }
}
