package director.tb.tools;

import director.tb.io.Tshark;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The external tools tests use. A missing tool fails the test that needs it (never a skip): scripts/ensure-tools
 * installs every one of them, so a missing tool is a broken setup, and a skipped check would pass silently.
 */
public final class RequiredTools {
    private RequiredTools() {}

    public static void tshark() {
        if (!Tshark.available())
            fail("tshark not found (looked for " + Tshark.executable() + "; set TSHARK=/path/to/tshark): run scripts/ensure-tools, "
                    + "which installs it with apt-get");
    }

    /** A program on PATH (fst2vcd, tcpdump, ...). */
    public static void onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) return;
        fail(program + " not found on PATH: run scripts/ensure-tools, which installs it with apt-get");
    }

    /** Slurm's clients and daemons and munge (Debian's slurm-wlm): a single-node cluster on localhost, {@link LocalSlurm}. */
    public static void slurm() {
        for (String d : java.util.List.of("sbatch", "squeue", "scancel", "scontrol", "sinfo", "slurmctld", "slurmd", "munged")) {
            boolean found = false;
            for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(java.io.File.pathSeparator))
                if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, d))) found = true;
            if (!found) fail(d + " not found on PATH or in /usr/sbin: run scripts/ensure-tools, which installs slurm-wlm (and munge) with apt-get");
        }
    }

    /** Debian's chromium (a headless browser opens the HTML report). */
    public static void chromium() {
        onPath("chromium");
    }
}
