package director.tb.run;

import director.harness.ModelBuild;
import director.harness.Progress;
import director.tb.model.SwitchConfig;
import director.tb.sim.DirectorSim;
import director.tb.sim.SimOptions;
import director.tb.sim.Models;
import director.tb.stim.TrafficGenerator;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.TimeUnit;

/**
 * The speed benchmark: the same pre-generated traffic driven (a) from Java with the scoreboard on, (b) from
 * Java with checking off, (c) by the pure C++ driver reading it from a file. Only the simulated window is
 * timed in each (no model build, creation, register set-up or drain). The three are run in turn
 * {@code repetitions} times and each figure is the median, so that a noisy shared machine and JIT warm-up
 * do not decide a ratio.
 */
public final class Bench {
    private Bench() {}

    /**
     * @param samples  per repetition: cycles/s of (a), (b), (c), then seconds inside the model and of the window for (a) and (b)
     * @param stimulus the stimulus file the C++ driver read (the traffic of every run, see {@link StimulusFingerprint})
     */
    public record Result(long cycles, double checkedRate, double uncheckedRate, double cppRate, RunResult checkedRun,
                         List<double[]> samples, Path stimulus) {
        public double harnessEfficiency() { return checkedRate / cppRate; }
        /** Wall-time ratio of the checked run to the unchecked one (medians). */
        public double checkingOverhead() { return uncheckedRate / checkedRate; }

        /**
         * The same ratio with the model's own time taken from the unchecked run in both: only the time spent
         * outside the model's run() (JNA, copies, golden model, scoreboard) differs, so the machine's noise in
         * the model's speed (+-15% between identical runs here) cancels. Median over repetitions.
         */
        public double checkingOverheadOutsideModel() {
            double[] v = samples.stream().mapToDouble(s -> {
                double outsideA = s[4] - s[3], outsideB = s[6] - s[5];
                return (s[6] + outsideA - outsideB) / s[6];
            }).sorted().toArray();
            return v[v.length / 2];
        }
        public double javaVsCpp() { return uncheckedRate / cppRate; }
    }

    /** The traffic of {@code rc}, drawn before any timing, in the order of the cycles it is due. */
    private static List<DirectorSim.Injection> frames(RunConfig rc) {
        List<DirectorSim.Injection> frames = new TrafficGenerator(SwitchConfig.of(rc.params()), rc.traffic(), rc.seed()).until(rc.cycles());
        frames.sort(Comparator.comparingLong(DirectorSim.Injection::earliestCycle));
        return frames;
    }

    public static Result run(RunConfig rc, Path workDir, int repetitions) throws IOException {
        List<DirectorSim.Injection> frames = frames(rc);
        DirectorModel.library(rc.params(), false); // build outside the timings

        Path stim = null;
        List<double[]> samples = new ArrayList<>();
        RunResult firstChecked = null;
        for (int i = 0; i < repetitions; i++) {
            String rep = "bench " + (i + 1) + "/" + repetitions;
            RunResult a, b;
            try (var named = Progress.label(rep + " (a) checked")) {
                a = Testbench.run(rc.withCheck(true), replay(frames), false);
            }
            if (!a.clean()) throw new IllegalStateException("bench traffic did not pass its own checks:\n" + director.tb.report.RunReport.text(a));
            if (firstChecked == null) {
                firstChecked = a;
                // the C++ driver does the Java run's whole set-up (routes, SL-to-VL, vNIC and vHBA tables, rates)
                stim = writeStimulusFile(a.setupWrites(), frames, workDir);
            }
            try (var named = Progress.label(rep + " (b) unchecked")) {
                b = Testbench.run(rc.withCheck(false), replay(frames), false);
            }
            double cpp;
            // the C++ driver reports nothing while it runs: elapsed time only, and the (b) window as the estimate
            try (Progress.Task t = Progress.start(rep + " (c) C++ driver", -1, "", 1, false,
                    st -> java.util.Optional.of(java.time.Duration.ofMillis(Math.max(0, (long) (b.windowSeconds() * 1000) - st.getTotalElapsed().toMillis()))))) {
                cpp = runCpp(rc, stim);
            }
            samples.add(new double[] {rc.cycles() / a.windowSeconds(), rc.cycles() / b.windowSeconds(), cpp,
                    a.modelSeconds(), a.windowSeconds(), b.modelSeconds(), b.windowSeconds()});
        }
        return new Result(rc.cycles(), median(samples, 0), median(samples, 1), median(samples, 2), firstChecked, samples, stim);
    }

    private static double median(List<double[]> s, int k) {
        return median(s.stream().mapToDouble(x -> x[k]).toArray());
    }

    /** The median of {@code values} (the mean of the middle two for an even count); NaN for none. */
    public static double median(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The C++ driver's runs on one traffic: the median cycles/s, the frames offered, the frames it saw leave (last run). */
    public record CppRuns(double medianRate, long frames, long egressFrames) {}

    /** The pure C++ driver alone on the traffic of {@code rc}, {@code repetitions} times. */
    public static CppRuns cppRuns(RunConfig rc, Path workDir, int repetitions) throws IOException {
        List<DirectorSim.Injection> frames = frames(rc);
        DirectorModel.library(rc.params(), false);
        // the set-up's register writes, from a Java run of the same configuration (unchecked, no traffic, one cycle)
        RunResult setup = Testbench.run(rc.withCheck(false).withCycles(1), replay(List.of()), false);
        Path stim = writeStimulusFile(setup.setupWrites(), frames, workDir);
        double[] rates = new double[repetitions];
        long egress = -1;
        for (int i = 0; i < repetitions; i++) {
            String what = String.format(java.util.Locale.ROOT, "%d ports: C++ driver %d/%d", rc.params().ports(), i + 1, repetitions);
            try (Progress.Task t = Progress.start(what, -1, "", 1, false)) {
                Map<String, String> r = runCppFields(rc, stim);
                rates[i] = Double.parseDouble(r.get("cycles_per_second"));
                egress = Long.parseLong(r.getOrDefault("egress_frames", "-1"));
            }
        }
        return new CppRuns(median(rates), frames.size(), egress);
    }

    /** Where a bench writes the stimulus file of the C++ driver, in its work folder. */
    public static final String STIMULUS_FILE = "bench-stimulus.bin";

    /** The frames handed out batch by batch, exactly as the generator would. */
    static director.tb.stim.Source replay(List<DirectorSim.Injection> sorted) {
        return new director.tb.stim.ScheduledFrames(sorted, "benchmark traffic (pre-drawn)");
    }

    static Path writeStimulusFile(List<long[]> setupWrites, List<DirectorSim.Injection> frames, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path stim = workDir.resolve(STIMULUS_FILE);
        writeStimulus(stim, setupWrites, frames);
        return stim;
    }

    static double runCpp(RunConfig rc, Path stim) throws IOException {
        return Double.parseDouble(runCppFields(rc, stim).get("cycles_per_second"));
    }

    /** Runs the C++ driver on a stimulus file: the {@code name=value} fields of its line (cycles_per_second always there). */
    static Map<String, String> runCppFields(RunConfig rc, Path stim) throws IOException {
        Path lib = DirectorModel.library(rc.params(), false);
        Path driver = ModelBuild.benchDriver();
        // the Java runs start after reset and the set-up's register writes; the C++ driver replays the same writes first
        // the harness settings by name, as the driver always had them: line pacing, no stalls, the default watchdog
        SimOptions options = new SimOptions(rc.seed(), Math.round(rc.params().lineGbps() * 1000), rc.params().coreMHz(),
                SimOptions.EgressMode.LINE, 0, director.harness.HarnessSetting.WATCHDOG.defaultValue);
        List<String> cmd = new ArrayList<>(List.of(driver.toString(), lib.toString(), stim.toString(), Long.toString(rc.cycles()),
                Integer.toString(rc.batch())));
        options.settings().forEach((k, v) -> cmd.add(k.key + "=" + v));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0)
                throw new IllegalStateException("C++ bench driver failed: " + String.join(" ", cmd) + "\n" + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String tok : out.trim().split("\\s+")) {
            int eq = tok.indexOf('=');
            if (eq > 0) fields.put(tok.substring(0, eq), tok.substring(eq + 1));
        }
        if (!fields.containsKey("cycles_per_second")) throw new IllegalStateException("C++ bench driver printed no cycles_per_second: " + out);
        return fields;
    }

    /** DIRSTIM1 format, little-endian (see bench_driver.cpp): the set-up's register writes, then the frames, whose
      * cycles are relative to the end of set-up. */
    static void writeStimulus(Path file, List<long[]> setupWrites, List<DirectorSim.Injection> frames) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            os.write("DIRSTIM1".getBytes(StandardCharsets.US_ASCII));
            ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(setupWrites.size()).flip();
            os.write(b.array(), 0, 8);
            for (long[] w : setupWrites) {
                b.clear();
                b.putLong(w[0]).putLong(w[1]);
                os.write(b.array(), 0, 16);
            }
            b.clear();
            b.putLong(frames.size());
            os.write(b.array(), 0, 8);
            for (DirectorSim.Injection f : frames) {
                b.clear();
                b.putLong(f.port()).putLong(f.bytes().length).putLong(f.earliestCycle()).putLong(f.id());
                os.write(b.array(), 0, 32);
                os.write(f.bytes());
            }
        }
    }
}
