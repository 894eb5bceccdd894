package director.tb.replay;

import org.junit.jupiter.api.Tag;
import director.rtl.params.DirectorParams;
import director.tb.check.FrameLog;
import director.tb.io.ErfReader;
import director.tb.io.ErfRecord;
import director.tb.io.PcapReader;
import director.tb.io.capture.CaptureImportTest;
import director.tb.model.SwitchConfig;
import director.tb.report.FrameResultsCsv;
import director.tb.run.RunConfig;
import director.tb.run.RunResult;
import director.tb.run.Testbench;
import director.tb.stim.Mix;
import director.tb.stim.ScheduledFrames;
import director.tb.stim.TrafficSpec;
import director.tb.stim.trace.TraceInputs;
import director.tb.tools.RequiredTools;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Replay as a user runs it, on the gateway profile: every sample trace and capture under traces/ passes with 0
 * mismatches and 0 lost, each frame's row in the per-frame CSV; captures made by tcpdump and by Wireshark (not by this
 * project) leave the director at the LAN byte for byte; a run's --capture directory replayed gives the same egress.
 */
@Tag("system")
class ReplaySystemTest {
    static final DirectorParams P = DirectorParams.fromSpec("gateway", Map.of());
    static final SwitchConfig CFG = SwitchConfig.of(P);
    static final Path TRACES = Path.of("..", "traces").toAbsolutePath().normalize();

    static Stream<Path> samples() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(TRACES.resolve("csv"))) { s.filter(p -> p.toString().endsWith(".csv")).sorted().forEach(all::add); }
        try (Stream<Path> s = Files.list(TRACES.resolve("captures"))) {
            s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|erf)$")).sorted().forEach(all::add);
        }
        assertTrue(all.size() >= 9, "sample traces: " + all);
        return all.stream();
    }

    static RunResult replay(ScheduledFrames src, Path capture) {
        RunConfig rc = RunConfig.of(P, TrafficSpec.uniform(1), Math.max(1, src.lastCycle()), 7).withSl2Vl(RunConfig.Sl2VlPlan.MOD8);
        if (capture != null) rc = rc.withCapture(capture);
        return Testbench.run(rc, src, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleReplaysExactlyWithAResultRowPerFrame(Path file, @TempDir Path tmp) throws IOException {
        ScheduledFrames src = TraceInputs.load(List.of(file), CFG, null, 1.0, false, false);
        int frames = src.frames().size();
        RunResult r = replay(src, null);
        assertTrue(r.clean(), file + ":\n" + director.tb.report.RunReport.text(r, false));
        assertEquals(0, r.mismatches());
        assertEquals(0, r.lost());
        long dropped = 0;
        for (FrameLog.Entry e : r.frames().entries()) {
            FrameLog.Verdict v = e.verdict();
            assertTrue(v == FrameLog.Verdict.DELIVERED_EXACT || v == FrameLog.Verdict.DROPPED, e.origin + ": " + v.label);
            if (v == FrameLog.Verdict.DROPPED) dropped++;
        }
        if (file.getFileName().toString().equals("gateway-drops.csv")) assertEquals(frames, dropped, "every frame of gateway-drops.csv dropped");
        // the per-frame CSV, read back by an ordinary CSV reader
        Path csv = tmp.resolve("results.csv");
        FrameResultsCsv.write(csv, r.frames(), r.nsPerCycle());
        try (Reader in = Files.newBufferedReader(csv);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertEquals(FrameResultsCsv.HEADER, p.getHeaderNames());
            List<CSVRecord> rows = p.getRecords();
            assertEquals(frames, rows.size());
            for (CSVRecord row : rows) {
                assertFalse(row.get("origin").isEmpty(), "origin of frame " + row.get("frame_id"));
                if (row.get("verdict").equals("delivered exact"))
                    assertTrue(Long.parseLong(row.get("latency_cycles")) > 0 && !row.get("egress_ports").isEmpty(), row.toString());
                else assertFalse(row.get("drop_reason").isEmpty(), row.toString());
            }
        }
    }

    /** The frames of a pcap file as read by PcapReader, each without its last {@code strip} bytes. */
    static List<String> pcapFrames(Path file, int strip) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        for (PcapReader.Record rec : PcapReader.read(file).records())
            out.add(HexFormat.of().formatHex(Arrays.copyOf(rec.data(), rec.data().length - strip)));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realCaptures")
    void captureMadeOutsideTheProjectLeavesTheLanByteForByte(String name, @TempDir Path tmp) throws IOException {
        RequiredTools.tshark();
        Path file = TRACES.resolve("captures").resolve(name);
        RunResult r = replay(TraceInputs.load(List.of(file), CFG, null, 1.0, false, false), tmp);
        assertTrue(r.clean(), director.tb.report.RunReport.text(r, false));
        // the original frames, as tshark (not our reader) shows them
        List<byte[]> original = CaptureImportTest.tsharkBytes(file);
        Map<String, Integer> expected = new HashMap<>();
        int delivered = 0;
        for (FrameLog.Entry e : r.frames().entries()) {
            int n = Integer.parseInt(e.origin.substring(e.origin.lastIndexOf('#') + 1));  // file#frame, frames from 1
            byte[] f = original.get(n - 1);
            boolean tagged = (f[12] & 0xff) == 0x81 && f[13] == 0;
            // with the FCS added: shorter than 64 bytes is a runt, longer than 1518 (1522 tagged) oversize, as on a LAN
            // (frames captured on the sending host are not yet padded, so small ARP and UDP frames are runts here)
            String want = f.length + 4 < 64 ? "eth_runt" : f.length + 4 > (tagged ? 1522 : 1518) ? "eth_oversize" : null;
            if (want != null) {
                assertEquals(FrameLog.Verdict.DROPPED, e.verdict(), e.origin + " (" + f.length + " bytes)");
                assertEquals(want, e.drop.key, e.origin);
                continue;
            }
            assertEquals(FrameLog.Verdict.DELIVERED_EXACT, e.verdict(), e.origin + " (" + f.length + " bytes)");
            expected.merge(HexFormat.of().formatHex(f), e.egress.size(), Integer::sum);
            delivered += e.egress.size();
        }
        assertTrue(delivered >= original.size() / 2, "delivered " + delivered + " of " + original.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int p = 0; p < CFG.ports(); p++)
            if (CFG.isEth(p))
                for (String f : pcapFrames(tmp.resolve(String.format("port-%02d.pcap", p)), 4)) seen.merge(f, 1, Integer::sum);
        assertEquals(expected, seen, "the 10GbE ports' egress (FCS removed) is the captured frames, byte for byte");
    }

    static Stream<String> realCaptures() { return Stream.of("tcpdump-udp.pcap", "wireshark-udp.pcapng"); }

    /** Per port, the egress frames of a capture directory, as hex strings (order kept). */
    static Map<Integer, List<String>> egress(Path dir) throws IOException {
        Map<Integer, List<String>> m = new TreeMap<>();
        for (int p = 0; p < CFG.ports(); p++) {
            Path erf = dir.resolve(String.format("port-%02d.erf", p)), pcap = dir.resolve(String.format("port-%02d.pcap", p));
            List<String> frames = new ArrayList<>();
            if (Files.exists(erf)) for (ErfRecord rec : ErfReader.readAll(erf)) frames.add(HexFormat.of().formatHex(rec.packet()));
            else frames.addAll(pcapFrames(pcap, 0));
            m.put(p, frames);
        }
        return m;
    }

    @Test
    void aRunsCaptureDirectoryReplaysToTheSameEgressBytes(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        RunConfig rc = RunConfig.of(P, TrafficSpec.uniform(0.6).withMix(Mix.parse("eth=0.5,fc=0.3,ib=0.2")), 6000, 21)
                .withSl2Vl(RunConfig.Sl2VlPlan.MOD8).withCapture(a);
        RunResult first = Testbench.run(rc);
        assertTrue(first.clean());
        ScheduledFrames again = TraceInputs.load(List.of(a), CFG, null, 1.0, false, false);
        assertEquals(first.offeredFrames(), again.frames().size(), "every frame taken in was captured at its ingress");
        RunResult second = replay(again, b);
        assertTrue(second.clean(), director.tb.report.RunReport.text(second, false));
        Map<Integer, List<String>> ea = egress(a), eb = egress(b);
        long frames = 0;
        for (int p = 0; p < CFG.ports(); p++) {
            List<String> x = new ArrayList<>(ea.get(p)), y = new ArrayList<>(eb.get(p));
            Collections.sort(x);
            Collections.sort(y);
            assertEquals(x, y, "port " + p + ": the same egress bytes");
            frames += x.size();
        }
        assertTrue(frames > 100, "frames compared: " + frames);
    }
}
