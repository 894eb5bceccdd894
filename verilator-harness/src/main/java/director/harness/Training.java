package director.harness;

import java.nio.file.Path;

/**
 * How a model is trained for a profile-guided build ({@link ModelBuild}): the model is first compiled to count what
 * it executes, {@link #run} drives that library through a representative job and has it write its counts
 * ({@code dir_profile_write}, dispatch.cpp), and the model is compiled again with them. Only the model's speed
 * depends on the training, never what it computes; {@link #describe} is part of the model's cache key all the same
 * (another training makes another library).
 */
public interface Training {
    /** What the training runs, in words (part of the cache key). */
    String describe();

    /**
     * Runs the job on the library built for training at {@code lib} and has it write its counts; throws when the
     * job fails or the library wrote nothing (the build then fails, naming the cause). Returns what the job computed,
     * in words, or null: the build keeps it with the model ({@link ModelBuild#TRAINING_RUN}), so that the same job
     * repeated on the trained model shows the two compiles of one Verilator output compute the same (the counting
     * build at -O0, the model with the counts at -O1).
     */
    String run(Path lib);
}
