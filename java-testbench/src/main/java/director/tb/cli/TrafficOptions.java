package director.tb.cli;

import director.rtl.params.DirectorParams;
import director.tb.stim.Mix;
import director.tb.stim.SizeDist;
import director.tb.stim.TrafficSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What traffic the generator offers (TrafficSpec): load, sizes, destinations, protocol mix and error frames. */
public final class TrafficOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--load", paramLabel = "F", defaultValue = "1.0", converter = Converters.Load.class,
            description = "offered load per input, a fraction of the line rate in (0, 1] (default: ${DEFAULT-VALUE})")
    double load;

    @Option(names = "--sizes", paramLabel = "D", defaultValue = "uniform",
            description = "IB payload sizes: uniform (0.." + SizeDist.MTU + "), uniform:A-B, fixed:N, min (0) or mtu ("
                    + SizeDist.MTU + ") (default: ${DEFAULT-VALUE})")
    String sizes;

    @Option(names = "--pattern", paramLabel = "P",
            description = "destinations: balanced (every input and every output at exactly --load x its line; "
                    + "the mix of EoIB, FCoIB and IB follows from the port counts), uniform, permutation or hotspot "
                    + "(default: balanced on a profile with module ports unless --mix, --hotspot or a share of faulty frames is given, "
                    + "else uniform)")
    String pattern;

    @Option(names = "--hotspot", paramLabel = "PORT:F",
            description = "the hot output and the share of each input's frames sent to it; implies --pattern hotspot "
                    + "(default: 0:0.2 with --pattern hotspot, F 0.2 when left out)")
    String hotspot;

    @Option(names = "--burst", paramLabel = "N",
            description = "mean frames per burst (geometric) with --pattern bursty: each input sends a burst back to back "
                    + "at line rate to one host, then stays off long enough that it offers --load on average; implies "
                    + "--pattern bursty (default: 16)")
    Double burst;

    @Option(names = "--incast", paramLabel = "PORT:K",
            description = "K host ports (those after PORT, round the hosts) send everything to host PORT at --load: "
                    + "more than its line when K x load > 1, held back by credits (lossless), not failed; implies "
                    + "--pattern incast (default: 0:4 with --pattern incast)")
    String incast;

    @Option(names = "--workload", paramLabel = "FILE.cdf",
            description = "flows whose sizes are drawn from this flow-size distribution (a .cdf file as in "
                    + "traces/workloads or ../shared/workloads), Poisson arrivals per port at --load, frames back to back "
                    + "at line rate, with the protocol --mix (eth=0.6,fc=0.3,ib=0.1 with module ports unless given) "
                    + "(default: none, random traffic)")
    java.nio.file.Path workload;

    @Option(names = "--mix", paramLabel = "eth=E,fc=F,ib=I",
            description = "protocols each host port offers (docs/gateway.md): EoIB to its vNICs, FCoIB to its vHBAs, "
                    + "plain IB to other hosts; shares in [0, 1] summing to 1, a kind left out is 0; 10GbE and FC ports "
                    + "send LAN and SAN frames to their vNICs and vHBAs (needs module ports: --profile gateway, or "
                    + "--set modules=eth:N,fc:M) (default: ib=1)")
    String mix;

    @Option(names = "--unknown", paramLabel = "F", defaultValue = "0", converter = Converters.Fraction.class,
            description = "share of frames to a DLID with no route (dropped and counted) (default: ${DEFAULT-VALUE})")
    double unknown;

    @Option(names = "--runt", paramLabel = "F", defaultValue = "0", converter = Converters.Fraction.class,
            description = "share of frames shorter than the LRH (dropped and counted) (default: ${DEFAULT-VALUE})")
    double runt;

    @Option(names = "--oversize", paramLabel = "F", defaultValue = "0", converter = Converters.Fraction.class,
            description = "share of frames longer than maxPacketBytes (dropped and counted) (default: ${DEFAULT-VALUE})")
    double oversize;

    @Option(names = "--corrupt", paramLabel = "F", defaultValue = "0", converter = Converters.Fraction.class,
            description = "share of frames failing one link check: VCRC, ICRC, LVer, LNH, PktLen, VL15 or MTU "
                    + "(dropped and counted) (default: ${DEFAULT-VALUE})")
    double corrupt;

    /** Some share of faulty frames is asked for (--unknown, --runt, --oversize, --corrupt). */
    private boolean faulty() {
        return unknown > 0 || runt > 0 || oversize > 0 || corrupt > 0;
    }

    /** The first option asking for faulty frames, with its value, for an error. */
    private String faultyOption() {
        return unknown > 0 ? "--unknown " + unknown : runt > 0 ? "--runt " + runt : oversize > 0 ? "--oversize " + oversize
                : "--corrupt " + corrupt;
    }

    /** The traffic for a model with parameters {@code p} (the hot port must be one of its ports). */
    public TrafficSpec spec(DirectorParams p) {
        if (workload != null && pattern != null)
            throw usage("--workload: flows from a distribution choose their own destinations; leave out --pattern");
        String pat = pattern != null ? pattern : workload != null ? "workload" : burst != null ? "bursty" : incast != null ? "incast"
                : p.hasGateway() && mix == null && hotspot == null && !faulty() ? "balanced" : "uniform";
        TrafficSpec t = TrafficSpec.uniform(load).withSizes(SizeDist.parse(sizes)).withPattern(TrafficSpec.parsePattern(pat));
        if (t.pattern() == TrafficSpec.Pattern.BALANCED && mix != null)
            throw usage("--mix: the balanced pattern takes its mix from the port counts; give --pattern uniform to set one");
        if (t.pattern() == TrafficSpec.Pattern.BALANCED && faulty())
            throw usage(faultyOption() + ": the balanced pattern sends only frames the director delivers (every output at "
                    + "exactly its line); give --pattern uniform to add faulty ones");
        if (t.pattern() == TrafficSpec.Pattern.HOTSPOT || hotspot != null) t = withHotspot(t, hotspot == null ? "0:0.2" : hotspot, p.ports());
        if (t.pattern() == TrafficSpec.Pattern.BURSTY) t = t.withBursts(burst == null ? TrafficSpec.DEFAULT_BURST_MEAN : burst);
        if (t.pattern() == TrafficSpec.Pattern.INCAST) t = withIncast(t, incast == null ? "0:4" : incast, p);
        if (mix != null) t = t.withMix(Mix.parse(mix));
        if (workload != null) {
            if (!java.nio.file.Files.isRegularFile(workload)) throw usage("--workload: " + workload + ": no such file");
            t = t.withWorkload(workload);
            if (mix == null && p.hasGateway()) t = t.withMix(Mix.parse("eth=0.6,fc=0.3,ib=0.1"));
        }
        return t.withErrors(unknown, runt, oversize).withCorrupt(corrupt);
    }

    /** {@code PORT:VALUE} of an option (VALUE {@code dflt} when left out and allowed): the two numbers, or a one-line error. */
    private double[] portAnd(String option, String text, String form, Double dflt) {
        String[] pv = text.split(":");
        try {
            if (pv.length > 2 || (pv.length < 2 && dflt == null)) throw new NumberFormatException();
            return new double[] {Integer.parseInt(pv[0].trim()), pv.length > 1 ? Double.parseDouble(pv[1].trim()) : dflt};
        } catch (NumberFormatException e) {
            throw usage(option + ": expected " + form + ", got '" + text + "'");
        }
    }

    private TrafficSpec withHotspot(TrafficSpec t, String h, int ports) {
        double[] pv = portAnd("--hotspot", h, "PORT:FRACTION", 0.2);
        int port = (int) pv[0];
        if (port < 0 || port >= ports) throw usage("--hotspot: port " + port + " outside 0.." + (ports - 1));
        if (!(pv[1] >= 0 && pv[1] <= 1)) throw usage("--hotspot: share " + h.split(":")[1].trim() + " is not in [0, 1]");
        return t.withHotspot(port, pv[1]);
    }

    private TrafficSpec withIncast(TrafficSpec t, String text, DirectorParams p) {
        double[] pv = portAnd("--incast", text, "PORT:K (the target host port and how many hosts send to it)", null);
        int port = (int) pv[0], k = (int) pv[1];
        int hosts = director.tb.model.SwitchConfig.of(p).hostPorts();
        if (port < 0 || port >= hosts) throw usage("--incast: port " + port + " is not a host port (0.." + (hosts - 1) + ")");
        if (k != pv[1] || k < 1 || k > hosts - 1) throw usage("--incast: K " + text.split(":")[1].trim() + " outside 1.." + (hosts - 1) + " (the other host ports)");
        return t.withIncast(port, k);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
