package director.harness;

/** A model could not be built: a missing tool, a failed Verilator or g++ run (with the log's tail). */
public class BuildException extends RuntimeException {
    public BuildException(String message) { super(message); }
    public BuildException(String message, Throwable cause) { super(message, cause); }
}
