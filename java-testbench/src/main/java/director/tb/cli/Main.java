package director.tb.cli;

import director.harness.BuildException;
import director.harness.ModelBuild;
import director.rtl.params.DirectorParams;
import director.tb.report.Json;
import director.tb.report.RunReport;
import director.tb.model.vlarb.VlTables;
import director.tb.run.Bench;
import director.tb.run.Links;
import director.tb.run.RunConfig;
import director.tb.run.RunResult;
import director.tb.run.Scenario;
import director.tb.run.Testbench;
import director.tb.sim.Models;
import director.tb.sim.SimException;
import director.tb.sim.SimOptions;
import director.tb.stim.Mix;
import director.tb.stim.SizeDist;
import director.tb.stim.TrafficSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.*;

/** The command line: {@code director run | bench | build | sv | profiles | help}. Exit 0 pass, 1 fail, 2 bad input. */
public final class Main {
    private Main() {}

    static final String HELP = """
            usage: director <command> [options]

              run       simulate traffic through the director and check it against the golden model
              bench     speed benchmark: Java+scoreboard vs Java unchecked vs pure C++ driver
              build     build (or find in the cache) the model for a profile and print where it is
              sweep     throughput of the packet-mode crossbar against iSLIP iterations and internal speedup
              sv        write the generated SystemVerilog (only rewritten when it changed)
              profiles  list the parameter profiles

            parameters (run, bench, build, sv):
              --profile NAME        small | vp780 | gateway (default vp780; gateway = small with 3 x 10GbE ports)
              --ports N             override the port count (any parameter: --set name=value, repeatable)
            run options:
              --load F              offered load per input, fraction of line rate (default 1.0)
              --cycles N            measurement window in core cycles (default 100000)
              --seed S              random seed (default: drawn and printed)
              --pattern P           uniform | permutation | hotspot (default uniform)
              --hotspot PORT:F      hotspot output and the share of traffic sent to it (default 0:0.2)
              --sizes D             IB payload sizes: uniform | uniform:A-B | fixed:N | min | mtu (default uniform)
              --unknown F --runt F --oversize F   shares of error frames (dropped and counted)
              --corrupt F           share of frames failing one link check: VCRC, ICRC, LVer, LNH, PktLen, VL15, MTU
              --scenario migration  every vNIC and vHBA is rebound to the next host port (new DLID and QP) while
                                    traffic flows, one after another through the middle half of the window; frames
                                    decided before its move go to the old host, after to the new (checked exactly)
              --scenario qos        every vNIC policed at CIR = PIR = (n mod 4 + 1) x 400 Mb/s (kept under 90% of its
                                    host's and its 10GbE port's line), CBS = PBS = 8 frames; the report shows each vNIC's rate and policed
                                    drops (exact, predicted by the golden model); the first three vHBAs of each host
                                    port shaped (held back, never dropped) at 1 or 2 units adding up to 80% of their
                                    FC port, PIR = CIR; the report shows each vHBA's rate at its FC port; combine:
                                    --scenario migration,qos
              --mix eth=E,fc=F,ib=I protocols each host port offers (docs/gateway.md): EoIB to its vNICs, FCoIB to its
                                    vHBAs, plain IB to other hosts; 10GbE ports send LAN frames to their vNICs
                                    (needs module ports: --profile gateway, or --set modules=eth:N)
              --sl2vl PLAN          SL-to-VL tables: mod8 (VL = SL mod dataVls, the default), zero (not written: every
                                    SL to VL0), random (per port pair, from the seed)
              --vl-tables FILE      VL arbitration High/Low tables and limit for every output port (CSV, see
                                    docs/virtual-lanes.md; example traces/vl-tables/example.csv); the report shows
                                    each VL's delivered share next to its configured weight share
              --partner-blocks N    each egress link partner's receive buffer per data VL, 64-byte blocks (default 256)
              --fc-delay N          cycles before consumed blocks come back as credit to the switch (default 64)
              --starve P:V:FROM[:TO][,...]   egress port P's link partner stops returning credits on VL V from window
                                    cycle FROM (until TO); the report shows per-VL figures
              --egress MODE         line | stalls:PPM | unpaced (how egress link partners take beats; default line)
              --waves FILE.fst --from C --to C    record FST waves of model cycles C..C (since reset, as faults
                                    and mismatches report them; tracing build, built on first use)
              --json FILE           also write the report as JSON
              --capture DIR         write each port's egress to DIR/port-NN.erf (ERF InfiniBand records: Wireshark
                                    opens them as they are; timestamps = first beat, in model time)
              --iterations K        iSLIP iterations per cycle, 1..islipIterations (written to SCHED_ITERS)
              --batch N             cycles per call into the model (default 1024)
              --no-check            skip the golden model and scoreboard (speed measurements only)
              --watchdog N          cycles without progress before the run is stopped (default 100000)
            bench options: --cycles N (default 100000), --repetitions R (default 5, medians), --load F, --seed S, --json FILE
            sweep options: --iterations 1,2,3,4 --line-gbps 10,16 (16 = no speedup) --cycles N --load F --seed S --json FILE
            sv options: --out FILE
            """;

    public static void main(String[] argv) {
        int code;
        try {
            code = dispatch(argv);
        } catch (Args.UsageException | IllegalArgumentException e) {
            System.err.println("director: " + e.getMessage());
            code = 2;
        } catch (BuildException | SimException e) {
            System.err.println("director: " + e.getMessage());
            code = 2;
        } catch (IOException e) {
            System.err.println("director: " + e);
            code = 2;
        }
        System.out.flush();
        System.exit(code);
    }

    static int dispatch(String[] argv) throws IOException {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help") || argv[0].equals("-h")) {
            System.out.print(HELP);
            return argv.length == 0 ? 2 : 0;
        }
        String cmd = argv[0];
        switch (cmd) {
            case "run": return run(new Args(argv, 1, Set.of("no-check")));
            case "bench": return bench(new Args(argv, 1, Set.of()));
            case "build": return build(new Args(argv, 1, Set.of("trace")));
            case "sweep": return sweep(new Args(argv, 1, Set.of()));
            case "sv": return sv(new Args(argv, 1, Set.of()));
            case "profiles":
                for (DirectorParams p : new TreeMap<>(scala.jdk.javaapi.CollectionConverters.asJava(DirectorParams.profiles())).values())
                    System.out.println(p.describe() + String.format(Locale.ROOT, "  (crossbar %.1f Gb/s per port, speedup %.2f)", p.crossbarGbps(), p.speedup()));
                return 0;
            default:
                throw new Args.UsageException("unknown command '" + cmd + "' (run, bench, build, sv, profiles, help)");
        }
    }

    static DirectorParams params(Args a) {
        Map<String, String> overrides = new TreeMap<>();
        if (a.has("ports")) overrides.put("ports", a.str("ports", null));
        for (String kv : a.all("set")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new Args.UsageException("--set: expected name=value, got '" + kv + "'");
            overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return DirectorParams.fromSpec(a.str("profile", "vp780"), overrides);
    }

    /**
     * {@code --scenario migration}: every vNIC and vHBA moves to the next host port during the middle half of the window;
     * {@code --scenario qos}: every vNIC policed and three vHBAs a host port shaped (Scenario.qos). Both: {@code --scenario migration,qos}.
     */
    static Scenario scenario(String name, RunConfig rc) {
        director.tb.model.SwitchConfig cfg = director.tb.model.SwitchConfig.of(rc.params());
        if (!name.equals("migration") && !name.equals("qos"))
            throw new Args.UsageException("--scenario: unknown scenario '" + name + "' (migration, qos)");
        if (!cfg.hasGateway()) throw new Args.UsageException("--scenario " + name + ": profile '" + cfg.profile() + "' has no 10GbE ports (try --profile gateway)");
        List<Integer> hostOf = new ArrayList<>(), vhbaHostOf = new ArrayList<>();
        for (director.tb.model.gateway.Vnic v : director.tb.stim.VnicPlan.standard(cfg)) hostOf.add(v.hostPort());
        for (director.tb.model.gateway.Vhba v : director.tb.stim.VnicPlan.vhbas(cfg)) vhbaHostOf.add(v.hostPort());
        return name.equals("qos") ? Scenario.qos(director.tb.stim.VnicPlan.standard(cfg), director.tb.stim.VnicPlan.vhbas(cfg),
                        cfg.hostPorts(), cfg.lineGbps(), cfg.ethMaxFrameBytes())
                : Scenario.migrationOfEveryEntry(rc.cycles(), cfg.hostPorts(), hostOf, vhbaHostOf);
    }

    static long seed(Args a) {
        return a.has("seed") ? a.lng("seed", 0) : Math.abs(new SecureRandom().nextLong() % 1_000_000_000L);
    }

    static TrafficSpec traffic(Args a) {
        TrafficSpec t = TrafficSpec.uniform(a.dbl("load", 1.0))
                .withSizes(SizeDist.parse(a.str("sizes", "uniform")))
                .withPattern(TrafficSpec.parsePattern(a.str("pattern", "uniform")));
        if (t.pattern() == TrafficSpec.Pattern.HOTSPOT || a.has("hotspot")) {
            String h = a.str("hotspot", "0:0.2");
            String[] pf = h.split(":");
            try {
                t = t.withHotspot(Integer.parseInt(pf[0]), pf.length > 1 ? Double.parseDouble(pf[1]) : 0.2);
            } catch (NumberFormatException e) {
                throw new Args.UsageException("--hotspot: expected PORT:FRACTION, got '" + h + "'");
            }
        }
        if (a.has("mix")) t = t.withMix(Mix.parse(a.str("mix", null)));
        return t.withErrors(a.dbl("unknown", 0), a.dbl("runt", 0), a.dbl("oversize", 0)).withCorrupt(a.dbl("corrupt", 0));
    }

    static RunConfig config(Args a, DirectorParams p, long defaultCycles) {
        return config(a, p, defaultCycles, true);
    }

    static RunConfig config(Args a, DirectorParams p, long defaultCycles, boolean iterationsOption) {
        long seed = seed(a);
        RunConfig rc = RunConfig.of(p, traffic(a), a.lng("cycles", defaultCycles), seed);
        rc = new RunConfig(rc.params(), rc.traffic(), rc.cycles(), seed, !a.flag("no-check"), (int) a.lng("batch", 1024),
                SimOptions.EgressMode.LINE, 0, null, 0, 0, a.lng("max-drain", 2_000_000), a.lng("watchdog", 100_000),
                iterationsOption ? (int) a.lng("iterations", 0) : 0, a.has("capture") ? Paths.get(a.str("capture", null)) : null,
                sl2vlPlan(a.str("sl2vl", "mod8")), Links.defaults(), Scenario.NONE);
        if (a.has("scenario"))
            for (String name : a.str("scenario", null).split(",")) rc = rc.withScenario(rc.scenario().with(scenario(name.trim(), rc)));
        String eg = a.str("egress", "line");
        if (eg.equals("unpaced")) rc = rc.withEgress(SimOptions.EgressMode.UNPACED, 0);
        else if (eg.startsWith("stalls:")) {
            try {
                rc = rc.withEgress(SimOptions.EgressMode.LINE_STALLS, Long.parseLong(eg.substring(7)));
            } catch (NumberFormatException e) {
                throw new Args.UsageException("--egress: expected stalls:PPM, got '" + eg + "'");
            }
        } else if (!eg.equals("line")) throw new Args.UsageException("--egress: unknown mode '" + eg + "' (line, stalls:PPM, unpaced)");
        Links links = Links.defaults();
        if (a.has("vl-tables"))
            links = links.withTables(VlTables.parse(Paths.get(a.str("vl-tables", null)), p.dataVls(), p.vlArbEntries()));
        links = links.withCredits(a.lng("partner-blocks", SimOptions.DEFAULT_PARTNER_BLOCKS), a.lng("fc-delay", SimOptions.DEFAULT_FC_DELAY));
        if (a.has("starve")) for (String s : a.str("starve", "").split(",")) links = links.withStarve(s.trim(), p.ports(), p.dataVls());
        rc = rc.withLinks(links);
        if (a.has("waves")) rc = rc.withWaves(Paths.get(a.str("waves", null)), a.lng("from", 0), a.lng("to", rc.cycles()));
        else if (a.has("from") || a.has("to")) throw new Args.UsageException("--from/--to need --waves FILE.fst");
        int hp = rc.traffic().hotspotPort();
        if (hp < 0 || hp >= p.ports()) throw new Args.UsageException("--hotspot: port " + hp + " outside 0.." + (p.ports() - 1));
        return rc;
    }

    static RunConfig.Sl2VlPlan sl2vlPlan(String s) {
        return switch (s) {
            case "zero" -> RunConfig.Sl2VlPlan.ZERO;
            case "mod8" -> RunConfig.Sl2VlPlan.MOD8;
            case "random" -> RunConfig.Sl2VlPlan.RANDOM;
            default -> throw new Args.UsageException("--sl2vl: unknown plan '" + s + "' (zero, mod8, random)");
        };
    }

    static int run(Args a) throws IOException {
        DirectorParams p = params(a);
        RunConfig rc = config(a, p, 100_000);
        String json = a.str("json", null);
        a.rejectUnknown("run");
        System.out.println("seed " + rc.seed() + " (re-run this exact run with --seed " + rc.seed() + ")");
        RunResult r = Testbench.run(rc);
        System.out.print(RunReport.text(r));
        if (json != null) {
            Files.writeString(Paths.get(json), Json.write(RunReport.json(r)));
            System.out.println("json: " + json);
        }
        if (rc.capture() != null) System.out.println("captures: " + rc.capture() + "/port-NN.erf (open with wireshark or tshark -r)");
        if (rc.waves() != null) System.out.println("waves: " + rc.waves() + " (cycles " + rc.wavesFrom() + ".." + rc.wavesTo() + "; open with gtkwave)");
        if (!rc.check()) return r.fault() == null ? 0 : 1;
        return RunReport.lineRatePass(r) ? 0 : 1;
    }

    static int bench(Args a) throws IOException {
        DirectorParams p = params(a);
        RunConfig rc = config(a, p, 100_000);
        String json = a.str("json", null);
        a.has("repetitions");
        a.rejectUnknown("bench");
        System.out.println("bench: " + p.describe());
        System.out.println("seed " + rc.seed() + ", " + rc.cycles() + " cycles, traffic " + rc.traffic().describe() + ", batch " + rc.batch());
        int reps = (int) a.lng("repetitions", 5);
        if (reps < 1) throw new Args.UsageException("--repetitions: must be at least 1, got " + reps);
        Bench.Result b = Bench.run(rc, Paths.get("target", "bench"), reps);
        System.out.println("per repetition: cycles/s (a, b, c); seconds inside the model / window for (a) and (b):");
        for (double[] s : b.samples())
            System.out.printf(Locale.ROOT, "  %10.0f %10.0f %10.0f    a %.3f/%.3f  b %.3f/%.3f%n", s[0], s[1], s[2], s[3], s[4], s[5], s[6]);
        System.out.println("medians:");
        System.out.printf(Locale.ROOT, "(a) Java over JNA, scoreboard on : %12.0f cycles/s%n", b.checkedRate());
        System.out.printf(Locale.ROOT, "(b) Java over JNA, checking off  : %12.0f cycles/s%n", b.uncheckedRate());
        System.out.printf(Locale.ROOT, "(c) pure C++ driver              : %12.0f cycles/s%n", b.cppRate());
        System.out.printf(Locale.ROOT, "    time inside the model's run() in (a): %.3f s of a %.3f s window%n",
                b.checkedRun().modelSeconds(), b.checkedRun().windowSeconds());
        System.out.printf(Locale.ROOT, "harness_efficiency a/c = %.3f (goal >= 0.95)%n", b.harnessEfficiency());
        System.out.printf(Locale.ROOT, "checking_overhead  b/a = %.3f (wall-time ratio, goal <= 1.05)%n", b.checkingOverhead());
        System.out.printf(Locale.ROOT, "checking_overhead, model time shared = %.3f (only the time outside the model differs)%n",
                b.checkingOverheadOutsideModel());
        System.out.printf(Locale.ROOT, "java_unchecked_vs_cpp b/c = %.3f%n", b.javaVsCpp());
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("profile", p.name());
            m.put("seed", rc.seed());
            m.put("cycles", rc.cycles());
            m.put("checked_cycles_per_second", b.checkedRate());
            m.put("unchecked_cycles_per_second", b.uncheckedRate());
            m.put("cpp_cycles_per_second", b.cppRate());
            m.put("harness_efficiency", b.harnessEfficiency());
            m.put("checking_overhead", b.checkingOverhead());
            m.put("checking_overhead_outside_model", b.checkingOverheadOutsideModel());
            m.put("repetitions", b.samples().size());
            m.put("samples_cycles_per_second", b.samples().stream().map(s -> (Object) List.of(s[0], s[1], s[2])).toList());
            Files.writeString(Paths.get(json), Json.write(m));
            System.out.println("json: " + json);
        }
        return 0;
    }

    static int sweep(Args a) throws IOException {
        DirectorParams base = params(a);
        List<Integer> iters = new ArrayList<>();
        List<Double> lines = new ArrayList<>();
        try {
            for (String s : a.str("iterations", "1,2,3,4").split(",")) iters.add(Integer.parseInt(s.trim()));
            for (String s : a.str("line-gbps", Double.toString(base.lineGbps())).split(",")) lines.add(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            throw new Args.UsageException("sweep: --iterations and --line-gbps take comma-separated numbers (" + e.getMessage() + ")");
        }
        RunConfig proto = config(a, base, 50_000, false);
        String json = a.str("json", null);
        a.rejectUnknown("sweep");
        System.out.println("sweep: " + base.describe() + "; seed " + proto.seed() + ", " + proto.cycles() + " cycles, " + proto.traffic().describe());
        System.out.printf("%10s %10s %8s | %12s %13s %9s %14s %10s | %10s %12s | %s%n", "iterations", "line Gb/s", "speedup",
                "offered Gb/s", "accepted Gb/s", "accepted", "delivered Gb/s", "delivered", "lat p50 ns", "lat p99 ns", "result");
        List<Object> rows = new ArrayList<>();
        for (double line : lines) {
            Map<String, String> o = new TreeMap<>();
            o.put("lineGbps", Double.toString(line));
            DirectorParams p = DirectorParams.withOverridesJava(base, o);
            for (int k : iters) {
                RunConfig rc = new RunConfig(p, proto.traffic(), proto.cycles(), proto.seed(), proto.check(), proto.batch(),
                        proto.egressMode(), proto.stallPpm(), null, 0, 0, proto.maxDrain(), proto.watchdog(), k, null, proto.sl2vl(), proto.links(), proto.scenario());
                RunResult r = Testbench.run(rc);
                double off = RunResult.sum(r.offeredBytes()), acc = RunResult.sum(r.acceptedBytes());
                double del = RunResult.sum(r.deliveredWindowBytes());
                System.out.printf(Locale.ROOT, "%10d %10.1f %8.2f | %12.1f %13.1f %8.1f%% %14.1f %9.1f%% | %10.0f %12.0f | %s%n", k, line, p.speedup(),
                        r.gbps((long) off), r.gbps((long) acc), 100 * acc / off, r.gbps((long) del), 100 * del / off,
                        r.latencyPercentiles()[0] * r.nsPerCycle(),
                        r.latencyPercentiles()[2] * r.nsPerCycle(), r.clean() ? "clean" : "NOT CLEAN");
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("iterations", k);
                row.put("line_gbps", line);
                row.put("speedup", p.speedup());
                row.put("offered_gbps", r.gbps((long) off));
                row.put("accepted_gbps", r.gbps((long) acc));
                row.put("accepted_fraction", acc / off);
                row.put("delivered_window_gbps", r.gbps((long) del));
                row.put("delivered_fraction", del / off);
                row.put("latency_p50_ns", r.latencyPercentiles()[0] * r.nsPerCycle());
                row.put("latency_p99_ns", r.latencyPercentiles()[2] * r.nsPerCycle());
                row.put("clean", r.clean());
                rows.add(row);
            }
        }
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("profile", base.name());
            m.put("seed", proto.seed());
            m.put("cycles", proto.cycles());
            m.put("traffic", proto.traffic().describe());
            m.put("rows", rows);
            Files.writeString(Paths.get(json), Json.write(m));
            System.out.println("json: " + json);
        }
        return 0;
    }

    static int build(Args a) {
        DirectorParams p = params(a);
        boolean trace = a.flag("trace");
        a.rejectUnknown("build");
        long t0 = System.nanoTime();
        Path lib = Models.director(p, trace);
        System.out.printf(Locale.ROOT, "%s%nmodel: %s%nbuild: %.1f s when built; this call %.1f s%n", p.describe(), lib,
                ModelBuild.buildSeconds(lib), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    static int sv(Args a) {
        DirectorParams p = params(a);
        String out = a.str("out", null);
        a.rejectUnknown("sv");
        if (out == null) throw new Args.UsageException("sv: --out FILE is required");
        boolean written = Models.writeSystemVerilog(p, Paths.get(out));
        System.out.println(out + (written ? ": written" : ": unchanged, not rewritten"));
        return 0;
    }
}
