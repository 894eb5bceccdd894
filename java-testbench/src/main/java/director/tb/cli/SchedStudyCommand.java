package director.tb.cli;

import director.tb.report.Json;
import director.tb.sched.LockstepMismatch;
import director.tb.sched.ModelMatcher;
import director.tb.sched.RtlMatcher;
import director.tb.sched.SchedStudy;
import director.tb.sched.SchedStudyReport;
import director.tb.sched.StudyPoint;
import director.tb.sched.StudyTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code director sched-study}: the RTL iSLIP scheduler against the Java model in an N x N cell switch under uniform
 * Bernoulli traffic, mean cell delay and throughput against load and iterations (issue 11, scheduler study).
 */
@Command(name = "sched-study", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Mean cell delay and throughput of an N x N input-queued cell switch (a VOQ per input and output) "
                + "scheduled by the RTL iSLIP unit, in lockstep with the Java iSLIP model, under uniform i.i.d. Bernoulli "
                + "arrivals, against load and iterations; set against an ideal output-queued switch and McKeown 1999.")
final class SchedStudyCommand implements Callable<Integer> {
    /** Measured slots per point by default: the default study (16 ports, 4 x 10 points) takes about a minute. */
    static final long DEFAULT_SLOTS = 200_000;

    /** The Java side of the lockstep; a test swaps in a faulty one to see how a disagreement is reported. */
    static SchedStudy.MatcherFactory modelFactory = ModelMatcher::new;

    @Spec CommandSpec spec;

    @Option(names = "--ports", paramLabel = "N", defaultValue = "16", converter = Ports.class,
            description = "switch size N x N, 2..64 (default: ${DEFAULT-VALUE})")
    int ports;

    @Option(names = "--iterations", paramLabel = "K", defaultValue = "1..4", converter = IterationList.class,
            description = "iSLIP iterations per slot: a range A..B or a list K,K,..., each 1..4 (default: ${DEFAULT-VALUE})")
    IterationList.Values iterations;

    @Option(names = "--loads", paramLabel = "L", defaultValue = "0.1..0.99", converter = LoadSpec.Converter.class,
            description = "offered loads, each in (0, 1): a list L,L,... or a range A..B cut by --load-step or --points "
                    + "(B always included) (default: ${DEFAULT-VALUE})")
    LoadSpec loads;

    @Option(names = "--load-step", paramLabel = "S", converter = Step.class,
            description = "step of a --loads range: A, A+S, ... below B, then B (default: 0.1)")
    BigDecimal loadStep;

    @Option(names = "--points", paramLabel = "P", converter = Points.class,
            description = "instead of --load-step: P loads evenly spaced from A to B, both included (default: none, --load-step)")
    Integer points;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "" + DEFAULT_SLOTS, converter = Slots.class,
            description = "measured slots per point, after the warm-up (default: ${DEFAULT-VALUE})")
    long slots;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "auto", converter = Warmup.class,
            description = "warm-up slots per point, or auto: max(20000, 6 N / (1 - load)^2), long enough for the queues "
                    + "to fill near saturation (default: ${DEFAULT-VALUE})")
    long warmup;

    @Option(names = "--seed", paramLabel = "S", converter = Converters.NonNegativeLong.class,
            description = "random seed of the arrivals; the same seed repeats the study exactly (default: drawn and printed)")
    Long seed;

    @Mixin OutputOptions output;

    @Option(names = "--csv", paramLabel = "FILE", description = "also write one row per point to FILE (CSV) (default: none)")
    Path csv;

    @Option(names = "--report", paramLabel = "DIR", description = "also write an HTML report with plots to DIR/"
            + SchedStudyReport.FILE + " (one self-contained file) (default: none)")
    Path report;

    @Override
    public Integer call() throws IOException {
        List<Double> loadList = resolveLoads();
        long s = seed != null ? seed : Math.abs(new SecureRandom().nextLong() % 1_000_000_000L);
        SchedStudy.Config c;
        try {
            c = new SchedStudy.Config(ports, iterations.ks(), loadList, slots, warmup, s);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        String command = command(c, null, null, null);
        out.println("sched-study: " + c.ports() + " x " + c.ports() + " cell switch, iSLIP iterations "
                + join(c.iterations().stream().map(String::valueOf).toList()) + ", loads "
                + join(c.loads().stream().map(StudyTables::load).toList()) + "; " + c.slots() + " slots per point after a warm-up of "
                + (warmup == SchedStudy.AUTO_WARMUP ? "max(20000, 6N/(1-load)^2)" : Long.toString(warmup)) + " slots; seed " + c.seed());
        out.println("delay: " + StudyTables.DELAY_CONVENTION);
        Path library = RtlMatcher.library(c.ports());
        out.println("RTL unit: " + library);
        out.println(StudyTables.header());
        out.flush();
        long t0 = System.nanoTime();
        List<StudyPoint> done = new ArrayList<>();
        String failure = null;
        LockstepMismatch mismatch = null;
        SchedStudy study = new SchedStudy((n, k) -> new RtlMatcher(library, n, k), modelFactory);
        try {
            study.run(c, p -> {
                done.add(p);
                out.println(StudyTables.row(p));
                out.flush();
            });
        } catch (LockstepMismatch e) {
            mismatch = e;
            failure = e.getMessage();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.println();
        out.print(StudyTables.matrix(done, c.iterations(), c.loads()));
        out.println("delay: mean cell delay in slots; dep/arr: departures / arrivals in the window; OQ: output-queued "
                + "switch, 1 + (N-1)/N p/(2(1-p)) (Karol, Hluchyj, Morgan 1987)");
        for (String line : StudyTables.publishedChecks(c, done)) out.println("McKeown 1999: " + line);
        long lockstep = done.stream().mapToLong(StudyPoint::lockstepSlots).sum();
        if (mismatch == null)
            out.printf("lockstep: RTL and model matched alike in all %d slots of %d points%n", lockstep, done.size());
        out.printf(java.util.Locale.ROOT, "seed %d, %.1f s%n", c.seed(), seconds);
        output.writeJson(StudyTables.json(c, command, done, failure, seconds), out);
        if (csv != null) {
            StudyTables.writeCsv(csv, done);
            out.println("csv: " + csv);
        }
        if (report != null) out.println("report: " + SchedStudyReport.write(report, c, command, done, failure, seconds));
        if (mismatch != null) {
            out.println("FAIL: " + failure);
            out.println("reproduce: " + command(c, mismatch.iterations(), mismatch.load(), c.warmupAt(mismatch.load())));
            out.println("RESULT: FAIL");
            out.flush();
            return Main.EXIT_FAIL;
        }
        out.println("RESULT: PASS");
        out.flush();
        return Main.EXIT_PASS;
    }

    /** The command line of this study, or of one of its points (then the warm-up as a number). */
    private String command(SchedStudy.Config c, Integer k, Double load, Long warm) {
        return "scripts/director sched-study --ports " + c.ports()
                + " --iterations " + (k != null ? k : join(c.iterations().stream().map(String::valueOf).toList()))
                + " --loads " + (load != null ? StudyTables.load(load) : join(c.loads().stream().map(StudyTables::load).toList()))
                + " --slots " + c.slots()
                + " --warmup " + (warm != null ? warm : c.warmup() == SchedStudy.AUTO_WARMUP ? "auto" : c.warmup())
                + " --seed " + c.seed();
    }

    private static String join(List<String> xs) { return String.join(",", xs); }

    /** The loads to run, from --loads and --load-step / --points. */
    private List<Double> resolveLoads() {
        if (loadStep != null && points != null)
            throw new ParameterException(spec.commandLine(), "--load-step and --points: give one of them, not both");
        if (loads.list() != null) {
            if (loadStep != null || points != null)
                throw new ParameterException(spec.commandLine(), (loadStep != null ? "--load-step" : "--points")
                        + ": only with a range in --loads (A..B), not a list");
            return loads.list();
        }
        BigDecimal a = loads.from(), b = loads.to();
        TreeSet<BigDecimal> xs = new TreeSet<>();
        if (points != null) {
            BigDecimal span = b.subtract(a);
            for (int i = 0; i < points; i++)
                xs.add(a.add(span.multiply(BigDecimal.valueOf(i)).divide(BigDecimal.valueOf(points - 1), 6, RoundingMode.HALF_EVEN)));
        } else {
            BigDecimal step = loadStep != null ? loadStep : new BigDecimal("0.1");
            for (BigDecimal x = a; x.compareTo(b) < 0; x = x.add(step)) xs.add(x);
        }
        xs.add(b);
        return xs.stream().map(BigDecimal::doubleValue).distinct().collect(Collectors.toList());
    }

    // --- option values -------------------------------------------------------------------------------------------

    /** --ports: 2..64 (the RTL unit's request rows are 64-bit words). */
    static final class Ports implements ITypeConverter<Integer> {
        @Override public Integer convert(String s) {
            int v = Converters.parseInt(s);
            if (v < 2 || v > 64) throw new TypeConversionException("must be 2..64, got " + s.trim());
            return v;
        }
    }

    /** --iterations: A..B or K,K,...; each 1..4; sorted, no repeats. */
    static final class IterationList implements ITypeConverter<IterationList.Values> {
        /** The iteration counts, ascending. */
        record Values(List<Integer> ks) {}

        @Override public Values convert(String s) {
            TreeSet<Integer> ks = new TreeSet<>();
            String t = s.trim();
            int dots = t.indexOf("..");
            if (dots >= 0) {
                int a = Converters.parseInt(t.substring(0, dots)), b = Converters.parseInt(t.substring(dots + 2));
                check(a);
                check(b);
                if (a > b) throw new TypeConversionException("range " + t + " is empty (A..B with A <= B)");
                for (int k = a; k <= b; k++) ks.add(k);
            } else {
                for (String part : t.split(",", -1)) {
                    if (part.isBlank()) throw new TypeConversionException("'" + s + "' has an empty entry");
                    int k = Converters.parseInt(part);
                    check(k);
                    ks.add(k);
                }
            }
            return new Values(new ArrayList<>(ks));
        }

        private static void check(int k) {
            if (k < 1 || k > RtlMatcher.MAX_ITERATIONS)
                throw new TypeConversionException(k + " is out of range 1.." + RtlMatcher.MAX_ITERATIONS
                        + " (the RTL unit runs up to " + RtlMatcher.MAX_ITERATIONS + " iterations per slot)");
        }
    }

    /** --loads: a list, or a range cut later by --load-step or --points. */
    record LoadSpec(List<Double> list, BigDecimal from, BigDecimal to) {
        static final class Converter implements ITypeConverter<LoadSpec> {
            @Override public LoadSpec convert(String s) {
                String t = s.trim();
                int dots = t.indexOf("..");
                if (dots >= 0) {
                    BigDecimal a = load(t.substring(0, dots)), b = load(t.substring(dots + 2));
                    if (a.compareTo(b) > 0) throw new TypeConversionException("range " + t + " is empty (A..B with A <= B)");
                    return new LoadSpec(null, a, b);
                }
                TreeSet<BigDecimal> xs = new TreeSet<>();
                for (String part : t.split(",", -1)) {
                    if (part.isBlank()) throw new TypeConversionException("'" + s + "' has an empty entry");
                    xs.add(load(part));
                }
                return new LoadSpec(xs.stream().map(BigDecimal::doubleValue).distinct().toList(), null, null);
            }

            private static BigDecimal load(String s) {
                BigDecimal v;
                try {
                    v = new BigDecimal(s.trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + s.trim() + "' is not a number");
                }
                if (v.signum() <= 0 || v.compareTo(BigDecimal.ONE) >= 0)
                    throw new TypeConversionException(s.trim() + " is not in (0, 1) (at load 1 the queues never settle)");
                return v;
            }
        }
    }

    /** --load-step: in (0, 1). */
    static final class Step implements ITypeConverter<BigDecimal> {
        @Override public BigDecimal convert(String s) {
            BigDecimal v;
            try {
                v = new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + s.trim() + "' is not a number");
            }
            if (v.signum() <= 0 || v.compareTo(BigDecimal.ONE) >= 0) throw new TypeConversionException("must be in (0, 1), got " + s.trim());
            return v;
        }
    }

    /** --slots: at least 20 (the confidence interval's 20 batches). */
    static final class Slots implements ITypeConverter<Long> {
        @Override public Long convert(String s) {
            long v = Converters.parseLong(s);
            if (v < 20) throw new TypeConversionException("must be at least 20 (the 95% interval is made of 20 batches), got " + s.trim());
            return v;
        }
    }

    /** --points: 2..1000. */
    static final class Points implements ITypeConverter<Integer> {
        @Override public Integer convert(String s) {
            int v = Converters.parseInt(s);
            if (v < 2 || v > 1000) throw new TypeConversionException("must be 2..1000, got " + s.trim());
            return v;
        }
    }

    /** --warmup: slots (0 or more) or auto. */
    static final class Warmup implements ITypeConverter<Long> {
        @Override public Long convert(String s) {
            if (s.trim().equals("auto")) return SchedStudy.AUTO_WARMUP;
            long v = Converters.parseLong(s);
            if (v < 0) throw new TypeConversionException("must be auto or 0 or more slots, got " + s.trim());
            return v;
        }
    }
}
