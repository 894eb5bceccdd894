package director.tb.cli;

import director.rtl.params.DirectorParams;
import director.tb.io.trace.TraceCsv;
import director.tb.model.SwitchConfig;
import director.tb.stim.Mix;
import director.tb.stim.trace.TraceFrame;
import director.tb.stim.trace.TraceRow;
import director.tb.stim.workload.FlowSizeCdf;
import director.tb.stim.workload.WorkloadTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code director trace gen}: a replayable CSV trace from a published flow-size distribution. */
@Command(name = "trace", mixinStandardHelpOptions = true, description = "Work with trace files (docs/traces.md).",
        subcommands = TraceCommand.Gen.class)
final class TraceCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.EXIT_BAD_INPUT;
    }

    @Command(name = "gen", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Write a CSV trace drawn from a flow-size distribution (a .cdf file as in ../shared/workloads: "
                    + "lines 'bytes cumulative-percent'), over every port of the profile: flows arrive per port as a Poisson "
                    + "process at the given load, each cut into frames sent back to back at line rate; hosts send EoIB, "
                    + "FCoIB and IB by --mix, 10GbE and FC ports send to their vNICs and vHBAs.",
                    "Replay it with: director replay FILE --profile SAME"})
    static final class Gen implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ModelOptions model;

        @Option(names = "--cdf", paramLabel = "FILE", required = true, description = "the flow-size distribution")
        Path cdf;

        @Option(names = "--load", paramLabel = "F", defaultValue = "0.5", converter = Converters.Load.class,
                description = "offered flow bytes per source port, fraction of line rate, in (0, 1] (default: ${DEFAULT-VALUE})")
        double load;

        @Option(names = "--duration-us", paramLabel = "US", defaultValue = "100",
                description = "length of the trace in microseconds (default: ${DEFAULT-VALUE})")
        double durationUs;

        @Option(names = "--mix", paramLabel = "eth=E,fc=F,ib=I",
                description = "what host ports send (shares summing to 1) (default: eth=0.6,fc=0.3,ib=0.1 with module ports, else ib=1)")
        String mix;

        @Option(names = "--seed", paramLabel = "S", converter = Converters.NonNegativeLong.class,
                description = "random seed; the same seed writes the same trace (default: drawn and printed)")
        Long seed;

        @Option(names = {"--out", "-o"}, paramLabel = "FILE.csv", required = true, description = "the trace to write")
        Path out;

        @Override
        public Integer call() {
            if (!(durationUs > 0) || durationUs > 1e7)
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--duration-us: must be in (0, 10000000], got " + durationUs);
            DirectorParams p = model.params();
            SwitchConfig cfg = SwitchConfig.of(p);
            long s = seed != null ? seed : Math.abs(new SecureRandom().nextLong() % 1_000_000_000L);
            Mix m = Mix.parse(mix != null ? mix : cfg.hasGateway() ? "eth=0.6,fc=0.3,ib=0.1" : "ib=1");
            FlowSizeCdf sizes = FlowSizeCdf.read(cdf);
            long ns = Math.round(durationUs * 1000);
            List<TraceRow> rows = WorkloadTrace.generate(cfg, sizes, m, load, ns, s);
            TraceCsv.write(out, rows, TraceFrame.TimeBase.NS);
            PrintWriter w = spec.commandLine().getOut();
            w.println("seed " + s);
            w.println(WorkloadTrace.describe(cfg, sizes, m, load, ns, s));
            w.println(out + ": " + rows.size() + " frames");
            w.println("replay: scripts/director replay " + out + " --profile " + p.name());
            w.flush();
            return Main.EXIT_PASS;
        }
    }
}
