package director.tb.cli;

import director.rtl.params.DirectorParams;
import director.tb.model.SwitchConfig;
import director.tb.model.vlarb.VlTables;
import director.tb.run.Links;
import director.tb.run.RunConfig;
import director.tb.run.Scenario;
import director.tb.sim.SimOptions;
import director.tb.stim.RandomSettings;
import director.tb.stim.TrafficSpec;
import director.tb.stim.VnicPlan;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * How a simulation runs: window, seed, batch, drain, watchdog, SL-to-VL plan, VL tables, link partners, scenarios.
 * With {@link TrafficOptions} (or another source of frames) this is a RunConfig; the rest of RunConfig comes from
 * mixins that not every command takes, each applying itself to the config: {@link CheckOption} (not bench, which
 * runs both ways), {@link RecordOptions} (captures and waves; not sweep) and {@link IterationsOption} (sweep varies
 * the iterations itself).
 */
public final class RunOptions {
    /** The window of run and bench; a command with another default sets it with a default-value provider. */
    public static final long DEFAULT_CYCLES = 100_000;

    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "" + DEFAULT_CYCLES, converter = Converters.PositiveLong.class,
            description = "measurement window in core cycles; the drain comes after it (default: ${DEFAULT-VALUE})")
    long cycles;

    @Option(names = "--seed", paramLabel = "S", converter = Converters.NonNegativeLong.class,
            description = "random seed; the same seed re-runs a run bit for bit (default: drawn and printed)")
    Long seed;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1024", converter = Converters.PositiveInt.class,
            description = "cycles per call into the model (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--max-drain", paramLabel = "N", defaultValue = "2000000", converter = Converters.NonNegativeLong.class,
            description = "cycles allowed after the window for every frame to come out (default: ${DEFAULT-VALUE})")
    long maxDrain;

    @Option(names = "--watchdog", paramLabel = "N", defaultValue = "100000", converter = Converters.PositiveLong.class,
            description = "cycles without a beat moving, while work is pending, before the run is stopped (default: ${DEFAULT-VALUE})")
    long watchdog;

    @Option(names = "--sl2vl", paramLabel = "PLAN", defaultValue = "mod8", converter = Converters.Sl2Vl.class,
            description = "SL-to-VL tables: mod8 (VL = SL mod dataVls), zero (not written: every SL to VL0) or random "
                    + "(per port pair, from the seed) (default: ${DEFAULT-VALUE})")
    RunConfig.Sl2VlPlan sl2vl;

    @Option(names = "--vl-tables", paramLabel = "FILE",
            description = "VL arbitration High/Low tables and limit for every output port (CSV, see docs/virtual-lanes.md; "
                    + "example traces/vl-tables/example.csv); the report shows each VL's delivered share next to its "
                    + "configured weight share (default: the hardware's reset tables)")
    Path vlTables;

    @Option(names = "--partner-blocks", paramLabel = "N", defaultValue = "" + SimOptions.DEFAULT_PARTNER_BLOCKS,
            description = "each egress link partner's receive buffer per data VL, in 64-byte blocks, 1..2048 (default: ${DEFAULT-VALUE})")
    long partnerBlocks;

    @Option(names = "--fc-delay", paramLabel = "N", defaultValue = "" + SimOptions.DEFAULT_FC_DELAY,
            description = "cycles before consumed blocks come back to the switch as credit, 1..1000000 (default: ${DEFAULT-VALUE})")
    long fcDelay;

    @Option(names = "--starve", paramLabel = "P:V:FROM[:TO][,...]",
            description = "egress port P's link partner returns no credits on data VL V from window cycle FROM (until TO); "
                    + "the report shows per-VL figures (default: none)")
    String starve;

    @Option(names = "--egress", paramLabel = "MODE", defaultValue = "line",
            description = "how egress link partners take beats: line (at line rate), stalls:PPM (line rate, and stalls "
                    + "with PPM parts per million, 0..1000000) or unpaced (default: ${DEFAULT-VALUE})")
    String egress;

    @Option(names = "--scenario", paramLabel = "NAME[,NAME]",
            description = "migration: every vNIC and vHBA is rebound to the next host port (new DLID and QP) while traffic "
                    + "flows, one after another through the middle half of the window; frames decided before its move go "
                    + "to the old host, after to the new (checked exactly). qos: every vNIC policed at CIR = PIR = "
                    + "(n mod 4 + 1) x 400 Mb/s (kept under 90%% of its host's and its 10GbE port's line), CBS = PBS = 8 "
                    + "frames, the report showing each vNIC's rate and policed drops (exact, predicted by the golden model); "
                    + "the first three vHBAs of each host port shaped (held back, never dropped) at 1 or 2 units adding up "
                    + "to 80%% of their FC port, PIR = CIR, the report showing each vHBA's rate at its FC port. Both: "
                    + "migration,qos. Needs module ports (--profile gateway) (default: none)")
    String scenario;

    @Option(names = "--settings", paramLabel = "HOW", defaultValue = "given",
            description = "given: the settings of the options above and the hardware's reset values; random: draw from the "
                    + "seed every setting a block takes over its legal range, boundaries often (VL arbitration tables and "
                    + "limit, SL-to-VL tables, link partners' buffers and FC delay, and with module ports every vNIC's "
                    + "policer and every vHBA's shaper; RandomSettings), printed with the seed; not with --vl-tables, "
                    + "--sl2vl, --partner-blocks, --fc-delay or --scenario qos (default: ${DEFAULT-VALUE})")
    String settings;

    @Option(names = "--coverage", paramLabel = "FILE.dat",
            description = "count the RTL's functional cover points (a coverage build of the model, docs/coverage.md) and "
                    + "write them to FILE.dat after the run (Verilator's coverage format: verilator_coverage reads it; "
                    + "director regress merges them) (default: no coverage)")
    java.nio.file.Path coverage;

    /** The seed given, or one drawn at random (printed by every command, so any run can be repeated). */
    public long seed() {
        if (seed == null) seed = Math.abs(new SecureRandom().nextLong() % 1_000_000_000L);
        return seed;
    }

    /**
     * The run these options describe, for a model with parameters {@code p}, offering {@code traffic}: checked, no
     * captures or waves, the hardware's iSLIP iterations, until the other mixins apply themselves.
     */
    public RunConfig config(DirectorParams p, TrafficSpec traffic) {
        checkSettings();
        RunConfig rc = new RunConfig(p, traffic, cycles, seed(), true, batch, SimOptions.EgressMode.LINE, 0, null, 0, 0,
                maxDrain, watchdog, 0, null, sl2vl, Links.defaults(), Scenario.NONE, 1, null);
        if (scenario != null)
            for (String name : scenario.split(",")) rc = rc.withScenario(rc.scenario().with(scenario(name.trim(), rc)));
        rc = withEgress(rc);
        Links links = Links.defaults();
        if (vlTables != null) links = links.withTables(VlTables.parse(vlTables, p.dataVls(), p.vlArbEntries()));
        links = links.withCredits(partnerBlocks, fcDelay);
        if (starve != null) for (String s : starve.split(",")) links = links.withStarve(s.trim(), p.ports(), p.dataVls());
        rc = rc.withLinks(links);
        rc = withDrawnSettings(rc);
        return coverage == null ? rc : rc.withCoverage(coverage);
    }

    /** The settings {@code --settings random} drew for the last config, one line each; empty with given settings. */
    public java.util.List<String> drawn() { return drawn; }

    private java.util.List<String> drawn = java.util.List.of();

    /** {@code --settings}: given or random, and random not with an option that sets what it draws. */
    private void checkSettings() {
        if (settings.equals("given")) return;
        if (!settings.equals("random")) throw usage("--settings: unknown '" + settings + "' (given, random)");
        for (String o : java.util.List.of("--vl-tables", "--sl2vl", "--partner-blocks", "--fc-delay"))
            if (spec.commandLine().getParseResult().hasMatchedOption(o))
                throw usage("--settings random draws what " + o + " sets: give one or the other");
        if (scenario != null && java.util.Arrays.stream(scenario.split(",")).anyMatch(n -> n.trim().equals("qos")))
            throw usage("--settings random draws the policers and shapers --scenario qos sets: give one or the other");
    }

    private RunConfig withDrawnSettings(RunConfig rc) {
        if (settings.equals("given")) return rc;
        SwitchConfig cfg = SwitchConfig.of(rc.params());
        RandomSettings d = RandomSettings.draw(cfg, VnicPlan.standard(cfg), VnicPlan.vhbas(cfg), rc.seed(), rc.cycles(), rc.maxDrain());
        drawn = d.describe();
        Links l = rc.links();
        return rc.withSl2Vl(RunConfig.Sl2VlPlan.RANDOM)
                .withLinks(new Links(d.tables(), d.partnerBlocks(), d.fcDelay(), l.events()))
                .withScenario(rc.scenario().with(new Scenario(java.util.List.of(), d.policers(), d.shapers())));
    }

    private RunConfig withEgress(RunConfig rc) {
        if (egress.equals("line")) return rc;
        if (egress.equals("unpaced")) return rc.withEgress(SimOptions.EgressMode.UNPACED, 0);
        if (!egress.startsWith("stalls:")) throw usage("--egress: unknown mode '" + egress + "' (line, stalls:PPM, unpaced)");
        long ppm;
        try {
            ppm = Long.parseLong(egress.substring(7).trim());
        } catch (NumberFormatException e) {
            throw usage("--egress: expected stalls:PPM, got '" + egress + "'");
        }
        if (ppm < 0 || ppm > 1_000_000) throw usage("--egress: PPM must be 0..1000000, got " + ppm);
        return rc.withEgress(SimOptions.EgressMode.LINE_STALLS, ppm);
    }

    /**
     * {@code migration}: every vNIC and vHBA moves to the next host port during the middle half of the window;
     * {@code qos}: every vNIC policed and three vHBAs a host port shaped (Scenario.qos).
     */
    private Scenario scenario(String name, RunConfig rc) {
        SwitchConfig cfg = SwitchConfig.of(rc.params());
        if (!name.equals("migration") && !name.equals("qos")) throw usage("--scenario: unknown scenario '" + name + "' (migration, qos)");
        if (!cfg.hasGateway())
            throw usage("--scenario " + name + ": profile '" + cfg.profile() + "' has no 10GbE ports (try --profile gateway)");
        if (name.equals("qos"))
            return Scenario.qos(VnicPlan.standard(cfg), VnicPlan.vhbas(cfg), cfg.hostPorts(), cfg.lineGbps(), cfg.ethMaxFrameBytes());
        return Scenario.migrationOfEveryEntry(rc.cycles(), cfg.hostPorts(),
                VnicPlan.standard(cfg).stream().map(v -> v.hostPort()).toList(),
                VnicPlan.vhbas(cfg).stream().map(v -> v.hostPort()).toList());
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
