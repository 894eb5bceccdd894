package director.tb.run;

import director.harness.BuildException;
import director.harness.Training;
import director.rtl.params.DirectorParams;
import director.tb.sim.DirectorSim;
import director.tb.sim.Models;
import director.tb.stim.TrafficSpec;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The director model library every run, bench and command uses: the one place that decides how a director model is
 * built, so one set of parameters always finds the same model. Models of two Verilator threads (16 ports or more:
 * {@link Models#directorThreads}) are built profile-guided: clang compiles them a first time to count what they run,
 * {@link MainJob} runs that build on the main job's traffic, and the model is compiled again with the counts
 * (ModelBuild, docs/design.md "Issue 12, eighth session": the vp780 model 1.45-1.8x faster, the build 35-50 s longer).
 * Waves and coverage builds are debug builds and are not trained. {@code -Ddirector.pgo=false} ({@code DIRECTOR_JAVA_OPTS}
 * for the CLI) builds without the training, to measure; it is part of the cache key as the training is.
 */
public final class DirectorModel {
    private DirectorModel() {}

    /** The model library for {@code p}; the tracing build when {@code trace}. */
    public static Path library(DirectorParams p, boolean trace) {
        return library(p, trace, false);
    }

    /** The model library for {@code p}; with {@code trace} it records waves, with {@code coverage} it counts cover points. */
    public static Path library(DirectorParams p, boolean trace, boolean coverage) {
        return Models.director(p, trace, coverage, trained(p, trace, coverage) ? new MainJob(p) : null);
    }

    /** Whether the model for these settings is built profile-guided. */
    public static boolean trained(DirectorParams p, boolean trace, boolean coverage) {
        return !trace && !coverage && Models.directorThreads(p) > 1 && Boolean.parseBoolean(System.getProperty("director.pgo", "true"));
    }

    /**
     * The training: the main job's traffic ({@code scripts/director run}'s default: the balanced plan on a profile with
     * module ports, else uniform; load 1) for {@link #CYCLES} cycles, seed {@link #SEED}, on the library built to count.
     * Checked with every frame's fate logged (the scoreboard's Java time is not the model's, so the counts are those of
     * an unchecked run): the fates are what it returns ({@link #fates}), kept with the model, and {@link #repeat} runs
     * the same job on the trained model to compare. A mismatch does not fail the training (a model built with a
     * deliberate fault is trained too); a model fault does.
     */
    public static final class MainJob implements Training {
        public static final long CYCLES = 8_000, SEED = 1;
        /** How to get the model when its training fails (a fault the training run hit is the RTL's: debug it untrained). */
        static final String WITHOUT = "; -Ddirector.pgo=false (DIRECTOR_JAVA_OPTS for scripts/director) builds the model without the training";

        private final DirectorParams params;
        /** Chosen once: the key's words ({@link #describe}, at every request of the model) and the run both need it. */
        private final TrafficSpec traffic;

        public MainJob(DirectorParams params) {
            this.params = params;
            this.traffic = traffic(params);
        }

        /** The balanced plan where the parameters allow one (a module port needs a vNIC or vHBA to send to), else uniform:
          * a training never fails for parameters a run accepts. */
        private static TrafficSpec traffic(DirectorParams params) {
            TrafficSpec uniform = TrafficSpec.uniform(1.0).withPattern(TrafficSpec.Pattern.UNIFORM);
            if (!params.hasGateway()) return uniform;
            TrafficSpec balanced = uniform.withPattern(TrafficSpec.Pattern.BALANCED);
            try {
                new director.tb.stim.TrafficGenerator(director.tb.model.SwitchConfig.of(params), balanced, SEED);
                return balanced;
            } catch (IllegalArgumentException e) {
                return uniform;
            }
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "the main job's traffic (%s, load 1), %d cycles, seed %d, every frame's fate kept",
                    traffic.pattern().name().toLowerCase(Locale.ROOT), CYCLES, SEED);
        }

        @Override
        public String run(Path lib) {
            RunResult r = job(lib);
            if (r.fault() != null)
                throw new BuildException("training the model (" + describe() + ") on " + lib + " stopped: " + r.fault().getMessage()
                        + WITHOUT);
            if (!DirectorSim.writeProfile(lib))
                throw new BuildException("the training library " + lib + " wrote no counts (it was not built to count: DIR_PGO_GEN)"
                        + WITHOUT);
            return fates(r);
        }

        /** The training's job on the model at {@code lib} (any build of these parameters): every frame's fate ({@link #fates}). */
        public String repeat(Path lib) {
            RunResult r = job(lib);
            if (r.fault() != null)
                throw new BuildException("the training's job (" + describe() + ") on " + lib + " stopped: " + r.fault().getMessage());
            return fates(r);
        }

        private RunResult job(Path lib) {
            RunConfig rc = RunConfig.of(params, traffic, CYCLES, SEED);
            return new DirectorEnv(rc, Testbench.source(rc), true, lib).run();
        }

        /**
         * Every frame's fate in id order, a line each: id, input port, first and last cycle taken, drop reason (or
         * null), and each copy's output port with its first and last cycle; then the delivered bytes per port.
         */
        public static String fates(RunResult r) {
            StringBuilder sb = new StringBuilder();
            r.frames().entries().stream().sorted(java.util.Comparator.comparingLong((director.tb.check.FrameLog.Entry e) -> e.id))
                    .forEach(e -> sb.append(e.id).append(' ').append(e.inPort).append(' ').append(e.ingressFirst).append('-')
                            .append(e.ingressLast).append(' ').append(e.drop).append(' ').append(e.egress).append('\n'));
            return sb.append("delivered bytes per port ").append(java.util.Arrays.toString(r.deliveredBytes())).append('\n').toString();
        }
    }
}
