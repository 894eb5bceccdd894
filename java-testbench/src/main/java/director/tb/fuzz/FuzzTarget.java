package director.tb.fuzz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A reader of outside input (a CSV trace, a capture, a VL table, a MAC map, a flow-size CDF, a regression plan) or a
 * frame decoder, fed arbitrary bytes. {@link #fuzz} returns when the reader took the input or refused it with its
 * documented input error, whose message says what is wrong and names the input ({@link Expect}); anything else is a
 * finding and is thrown: another exception (a NullPointerException, an index out of bounds, a NumberFormatException
 * leaking, an OutOfMemoryError from a length field, a StackOverflowError), a documented error with an empty message or
 * one not naming the input, a decoded frame that does not encode back to itself. A hang is the fuzzer's to catch (its
 * per-input time limit).
 *
 * <p>One definition serves both ways of fuzzing: the fuzz tests ({@code src/test/java/director/tb/fuzz}, Jazzer's
 * JUnit integration, a short budget in every {@code mvn verify}) and {@code director fuzz --target NAME} (Jazzer's
 * driver in a child JVM through {@link FuzzMain}, a long budget as a regression plan entry). {@link FuzzTargets} lists
 * them by name.
 */
public interface FuzzTarget {
    /** The name {@code director fuzz --target} takes (lower case, dashes). */
    String name();

    /** One line: what is read and the documented error it may throw. */
    String description();

    /**
     * Reads {@code input}.
     *
     * @throws Throwable a finding (anything but the documented input error with a message naming the input)
     */
    void fuzz(byte[] input) throws Throwable;

    /**
     * Inputs to start from: the repository's sample files of this format (under {@code repoRoot}: traces/, regress/)
     * and inputs built here.
     */
    List<byte[]> seeds(Path repoRoot) throws IOException;
}
