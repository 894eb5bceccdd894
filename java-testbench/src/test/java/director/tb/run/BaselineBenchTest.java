package director.tb.run;

import org.junit.jupiter.api.Tag;
import director.tb.sim.DirectorSim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** bench --baseline without building anything: medians and ratios, the traffic fingerprint, a side's JSON, a bad revision. */
@Tag("fast")
class BaselineBenchTest {
    private static BaselineBench.Figures f(double a, double b, double c) { return new BaselineBench.Figures(a, b, c); }

    @Test
    void mediansOfEachSideAndTheirRatio() {
        List<BaselineBench.Figures> cur = List.of(f(9_000, 10_000, 15_020), f(8_000, 11_000, 16_000), f(10_000, 9_000, 14_000),
                f(8_500, 12_000, 15_500), f(9_500, 9_500, 14_900));
        List<BaselineBench.Figures> base = List.of(f(3_000, 3_300, 3_645), f(3_100, 3_200, 3_700), f(2_900, 3_000, 3_600),
                f(2_000, 3_400, 3_500), f(3_050, 3_100, 4_000));
        BaselineBench.Comparison c = new BaselineBench.Comparison(cur, base);
        assertEquals(f(9_000, 10_000, 15_020), c.currentMedians());
        assertEquals(f(3_000, 3_200, 3_645), c.baselineMedians());
        assertEquals(3.125, c.speedup(), 1e-12);
        assertEquals(15_020.0 / 3_645, c.cppRatio(), 1e-12);
        assertEquals(3.0, c.checkedRatio(), 1e-12);
        assertEquals(10_000.0 / 3_200, c.uncheckedRatio(), 1e-12);
        assertEquals("speedup vs 00fb208 (the model run from Java, checking off, medians of 5): 3.13x (10,000 vs 3,200 cycles/s)", c.headline("00fb208"));
        // an even count: the mean of the middle two
        assertEquals(2.5, Bench.median(new double[] {4, 1, 3, 2}), 0);
        assertEquals(7.0, Bench.median(new double[] {7}), 0);
        assertTrue(Double.isNaN(Bench.median(new double[0])));
        assertThrows(IllegalArgumentException.class, () -> new BaselineBench.Comparison(cur, base.subList(0, 4)));
    }

    private static Path stimulus(Path dir, String name, int frames, int sizeOfLast) throws Exception {
        List<DirectorSim.Injection> list = new ArrayList<>();
        for (int i = 0; i < frames; i++)
            list.add(new DirectorSim.Injection(i % 8, i, 10L * i, new byte[i == frames - 1 ? sizeOfLast : 100 + i]));
        Path file = dir.resolve(name);
        Bench.writeStimulus(file, List.of(new long[] {0x10, 1}), list);
        return file;
    }

    @Test
    void theFingerprintTellsTheSameTrafficFromAnother(@TempDir Path dir) throws Exception {
        StimulusFingerprint a = StimulusFingerprint.of(stimulus(dir, "a.bin", 5, 300));
        assertEquals(5, a.frames());
        assertEquals(100 + 101 + 102 + 103 + 300, a.bytes());
        assertEquals(a, StimulusFingerprint.of(stimulus(dir, "same.bin", 5, 300)));
        BaselineBench.checkSameTraffic(a, StimulusFingerprint.of(stimulus(dir, "same2.bin", 5, 300)), "baseline", 1, "00fb208");

        StimulusFingerprint other = StimulusFingerprint.of(stimulus(dir, "b.bin", 5, 301));
        BaselineBench.Failure e = assertThrows(BaselineBench.Failure.class,
                () -> BaselineBench.checkSameTraffic(a, other, "baseline", 3, "00fb208"));
        assertEquals(1, e.exitCode);
        assertTrue(e.getMessage().contains("did not run the same traffic") && e.getMessage().contains("repetition 3")
                && e.getMessage().contains("baseline side") && e.getMessage().contains("707 bytes")
                && e.getMessage().contains("706 bytes") && e.getMessage().contains(other.sha256()), e.getMessage());
        // the same frames and bytes but another order is other traffic too (the hash covers ports, cycles and ids)
        List<DirectorSim.Injection> swapped = List.of(new DirectorSim.Injection(1, 0, 0, new byte[100]), new DirectorSim.Injection(0, 1, 10, new byte[100]));
        List<DirectorSim.Injection> plain = List.of(new DirectorSim.Injection(0, 0, 0, new byte[100]), new DirectorSim.Injection(1, 1, 10, new byte[100]));
        Bench.writeStimulus(dir.resolve("s.bin"), List.of(), swapped);
        Bench.writeStimulus(dir.resolve("p.bin"), List.of(), plain);
        StimulusFingerprint s = StimulusFingerprint.of(dir.resolve("s.bin")), p = StimulusFingerprint.of(dir.resolve("p.bin"));
        assertEquals(s.frames(), p.frames());
        assertEquals(s.bytes(), p.bytes());
        assertThrows(BaselineBench.Failure.class, () -> BaselineBench.checkSameTraffic(p, s, "current", 2, "HEAD~1"));
        // the set-up's register writes are each side's own (an older revision wrote only the routes): not the traffic
        Bench.writeStimulus(dir.resolve("r.bin"), List.of(new long[] {0x10, 1}, new long[] {0x20, 2}), plain);
        assertEquals(p, StimulusFingerprint.of(dir.resolve("r.bin")));
    }

    @Test
    void aFileThatIsNoStimulusIsNamed(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.bin"), "not a stimulus");
        var e = assertThrows(java.io.IOException.class, () -> StimulusFingerprint.of(junk));
        assertTrue(e.getMessage().contains("junk.bin"), e.getMessage());
        Path full = stimulus(dir, "t.bin", 3, 50);
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("cut.bin"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        e = assertThrows(java.io.IOException.class, () -> StimulusFingerprint.of(cut));
        assertTrue(e.getMessage().contains("cut.bin") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aSidesFiguresComeFromItsJsonReport(@TempDir Path dir) throws Exception {
        // what the bench of 00fb208 writes (and this one: it adds traffic and model)
        Path json = Files.writeString(dir.resolve("r.json"), "{\n  \"profile\": \"small\",\n  \"seed\": 1,\n  \"cycles\": 5000,\n"
                + "  \"checked_cycles_per_second\": 30000.5,\n  \"unchecked_cycles_per_second\": 35000.25,\n"
                + "  \"cpp_cycles_per_second\": 41000.0,\n  \"repetitions\": 1\n}\n");
        assertEquals(f(30000.5, 35000.25, 41000.0), BaselineBench.Figures.fromJson(json));
        Path missing = Files.writeString(dir.resolve("m.json"), "{\"checked_cycles_per_second\": 1, \"unchecked_cycles_per_second\": 2}");
        var e = assertThrows(BaselineBench.Failure.class, () -> BaselineBench.Figures.fromJson(missing));
        assertTrue(e.getMessage().contains("m.json") && e.getMessage().contains("cpp_cycles_per_second"), e.getMessage());
        Path broken = Files.writeString(dir.resolve("b.json"), "{ not json");
        e = assertThrows(BaselineBench.Failure.class, () -> BaselineBench.Figures.fromJson(broken));
        assertTrue(e.getMessage().contains("b.json"), e.getMessage());
    }

    @Test
    void eachSideRunsItsOwnBenchWithTheOptionsAndOneRepetition() {
        BaselineBench.Side side = new BaselineBench.Side("baseline", Path.of("/cache/baselines/abc"));
        assertEquals(List.of("/cache/baselines/abc/scripts/director", "bench", "--profile", "small", "--seed", "1",
                        "--repetitions", "1", "--json", "/tmp/r.json", "--no-progress"),
                BaselineBench.benchCommand(side, List.of("--profile", "small", "--seed", "1"), Path.of("/tmp/r.json")));
    }

    @Test
    void anUnknownRevisionIsNamed() {
        Path repo = BaselineBench.currentTree();
        assertTrue(Files.isRegularFile(repo.resolve("scripts/director")), repo.toString());
        var e = assertThrows(BaselineBench.Failure.class, () -> BaselineBench.resolveRevision(repo, "no-such-revision-4711"));
        assertEquals(2, e.exitCode);
        assertTrue(e.getMessage().contains("unknown revision 'no-such-revision-4711'"), e.getMessage());
        e = assertThrows(BaselineBench.Failure.class, () -> BaselineBench.resolveRevision(repo, "--all"));
        assertTrue(e.getMessage().contains("'--all' is not a revision"), e.getMessage());
        // the tree's own HEAD is a revision: a 40-digit commit
        assertTrue(BaselineBench.resolveRevision(repo, "HEAD").matches("[0-9a-f]{40}"));
    }
}
