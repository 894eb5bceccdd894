package director.tb.cli;

import director.harness.ModelBuild;
import director.tb.run.BaselineBench;
import director.tb.run.ModelSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code director sizes} ({@code scripts/model-sizes}): how the model grows with the port count, as a markdown table. */
@Command(name = "sizes", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Model size table: for each port count, the VP780 shape scaled to it (F = round(5N/39) FC ports, 2F "
                + "10GbE ports, the rest host ports, 5 vNICs and 5 vHBAs per host port), its SystemVerilog bytes, the "
                + "Verilator + compiler seconds of its build (built if not cached) and the pure C++ driver's cycles/s on the "
                + "balanced plan at load 1; markdown on stdout.")
final class SizesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ProgressOptions progress;
    @Mixin OutputOptions output;

    @Option(names = "--ports", paramLabel = "N[,N]", split = ",", defaultValue = "8,16,24,39",
            description = "port counts, 4..64 each; 24 and 39 take 3-7 minutes each to build on two cores (measured: 172 and 380 s) (default: ${DEFAULT-VALUE})")
    List<Integer> ports;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "20000", converter = Converters.PositiveLong.class,
            description = "cycles of the balanced plan the C++ driver runs (default: ${DEFAULT-VALUE})")
    long cycles;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", converter = Converters.NonNegativeLong.class,
            description = "seed of the traffic (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--repetitions", paramLabel = "R", defaultValue = "3", converter = Converters.PositiveInt.class,
            description = "C++ driver runs per model; the table shows their median (default: ${DEFAULT-VALUE})")
    int repetitions;

    @Option(names = "--readme", paramLabel = "FILE", arity = "0..1", fallbackValue = "",
            description = "also replace the table between the lines <!-- model-sizes:begin --> and <!-- model-sizes:end --> in "
                    + "FILE (written only when it changes); FILE left out: this tree's README.md (default: none)")
    String readme;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (int n : ports) ModelSizes.shape(n);  // every count checked before the first build
        Path readmeFile = readme == null ? null : readme.isEmpty() ? BaselineBench.currentTree().resolve("README.md") : Paths.get(readme);
        if (readmeFile != null && !Files.isRegularFile(readmeFile))
            throw new IllegalArgumentException("--readme: " + readmeFile + ": no such file");
        List<ModelSizes.Row> rows = new ArrayList<>();
        for (int n : ports) rows.add(ModelSizes.measure(n, cycles, seed, repetitions, Paths.get("target", "sizes")));
        String table = ModelSizes.markdown(rows, cycles, seed, repetitions);
        out.print(table);
        if (readmeFile != null) {
            // the file is read after the measurements (which take minutes): edits made meanwhile are kept
            String text = Files.readString(readmeFile);
            boolean written = ModelBuild.writeIfChanged(readmeFile, ModelSizes.replaceTable(text, table, readmeFile.toString()));
            out.println(readmeFile + (written ? ": table replaced" : ": unchanged, not rewritten"));
        }
        output.writeJson(ModelSizes.report(rows, cycles, seed, repetitions), out);
        return Main.EXIT_PASS;
    }
}
