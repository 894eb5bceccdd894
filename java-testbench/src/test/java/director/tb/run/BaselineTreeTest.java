package director.tb.run;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * bench --baseline's failures, each one message with the command and the log: a revision whose testbench does not
 * build (a throwaway repository with a broken pom) and a baseline bench that fails or leaves out its stimulus (stand-in
 * scripts). Nothing here builds a model.
 */
@Tag("system")
class BaselineTreeTest {
    private static void git(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=test", "-c", "user.email=test@example.com"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + "\n" + out);
    }

    private static Path script(Path tree, String body) throws Exception {
        Path s = Files.createDirectories(tree.resolve("scripts")).resolve("director");
        Files.writeString(s, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    @Test
    void aRevisionWhoseTestbenchDoesNotBuildIsNamedWithItsCommandAndLog(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q");
        script(repo, "echo never run; exit 3");
        Files.writeString(repo.resolve("pom.xml"), "<project>this is not a pom\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "broken");
        String commit = BaselineBench.resolveRevision(repo, "HEAD");
        List<String> said = new ArrayList<>();
        Path baselines = dir.resolve("baselines");
        var e = assertThrows(BaselineBench.Failure.class, () -> BaselineBench.preparedTree(repo, commit, "HEAD", baselines, said::add));
        assertEquals(2, e.exitCode);
        String first = e.getMessage().lines().findFirst().orElseThrow();
        Path log = baselines.resolve(commit + ".build.log");
        assertTrue(first.contains("bench --baseline HEAD: building its testbench failed") && first.contains("mvn -q -o -B package -DskipTests")
                && first.contains("(cd " + baselines.resolve(commit)) && first.contains("log: " + log), first);
        assertTrue(Files.isRegularFile(log), log.toString());
        assertTrue(said.get(0).contains("new worktree"), said.toString());
        // the worktree is kept and reused; the build is tried again (it never succeeded)
        said.clear();
        assertThrows(BaselineBench.Failure.class, () -> BaselineBench.preparedTree(repo, commit, "HEAD", baselines, said::add));
        assertTrue(said.get(0).contains("(reused)"), said.toString());
        git(repo, "worktree", "remove", "--force", baselines.resolve(commit).toString());
    }

    @Test
    void aFailingBaselineBenchIsNamedWithItsCommandAndLog(@TempDir Path dir) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        script(tree, "echo 'director: unknown option --frobnicate for bench' >&2; exit 2");
        BaselineBench.Side side = new BaselineBench.Side("baseline", tree);
        Path json = dir.resolve("out/rep-1-baseline.json"), log = dir.resolve("out/rep-1-baseline.log");
        var e = assertThrows(BaselineBench.Failure.class,
                () -> BaselineBench.bench(side, List.of("--profile", "small", "--frobnicate"), json, log, "00fb208"));
        assertEquals(1, e.exitCode);
        assertTrue(e.getMessage().startsWith("bench --baseline 00fb208: the baseline side's bench failed (exit 2); command: "
                + tree.resolve("scripts/director") + " bench --profile small --frobnicate --repetitions 1 --json " + json
                + " --no-progress; log: " + log), e.getMessage());
        assertTrue(e.getMessage().contains("unknown option --frobnicate"), "the log's tail: " + e.getMessage());
    }

    @Test
    void aBaselineBenchThatLeavesNoStimulusCannotBeCompared(@TempDir Path dir) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        // a bench that writes its JSON (the option after --json) and nothing else
        script(tree, "while [[ $# -gt 0 ]]; do if [[ $1 == --json ]]; then echo '{\"checked_cycles_per_second\": 1, "
                + "\"unchecked_cycles_per_second\": 2, \"cpp_cycles_per_second\": 3}' > \"$2\"; fi; shift; done");
        BaselineBench.Side side = new BaselineBench.Side("baseline", tree);
        var e = assertThrows(BaselineBench.Failure.class, () -> BaselineBench.bench(side, List.of("--profile", "small"),
                dir.resolve("r.json"), dir.resolve("r.log"), "HEAD~3"));
        assertEquals(1, e.exitCode);
        assertTrue(e.getMessage().contains("wrote no ") && e.getMessage().contains(Bench.STIMULUS_FILE)
                && e.getMessage().contains("what traffic it ran cannot be told"), e.getMessage());
    }
}
