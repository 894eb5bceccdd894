package director.tb.cli;

import director.tb.run.RunConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** What a run records besides its report: per-port egress captures and a window of waves (run, bench). */
public final class RecordOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--capture", paramLabel = "DIR",
            description = "write each port's egress to DIR, stamped with each frame's first beat in model time: an "
                    + "InfiniBand host port as port-NN.erf (ERF InfiniBand records), a 10GbE port as port-NN.pcap "
                    + "(Ethernet with its FCS), an FC port as port-NN.pcap (link type 225, FC-2 with SOF and EOF); "
                    + "Wireshark opens them as they are (default: no captures)")
    Path capture;

    @Option(names = "--waves", paramLabel = "FILE.fst",
            description = "record FST waves of model cycles --from..--to (since reset, as faults and mismatches report "
                    + "them) with the tracing build, built on first use (default: no waves)")
    Path waves;

    @Option(names = "--from", paramLabel = "C", converter = Converters.NonNegativeLong.class,
            description = "with --waves: first cycle recorded (default: 0)")
    Long from;

    @Option(names = "--to", paramLabel = "C", converter = Converters.NonNegativeLong.class,
            description = "with --waves: last cycle recorded (default: --cycles)")
    Long to;

    public RunConfig applyTo(RunConfig rc) {
        if (capture != null) rc = rc.withCapture(capture);
        if (waves != null) return rc.withWaves(waves, from != null ? from : 0, to != null ? to : rc.cycles());
        if (from != null || to != null) throw new ParameterException(spec.commandLine(), "--from/--to need --waves FILE.fst");
        return rc;
    }
}
