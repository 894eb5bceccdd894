package director.tb.stim.trace;

import org.junit.jupiter.api.Tag;
import director.rtl.params.DirectorParams;
import director.tb.frame.IbPacket;
import director.tb.io.trace.TraceCsv;
import director.tb.model.DropReason;
import director.tb.model.IngressChecks;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.GatewayModel;
import director.tb.stim.VnicPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every trace under traces/csv reads and builds for {@code --profile gateway}; the golden model forwards every frame
 * of every file but gateway-drops.csv, and drops each frame of that one for the reason its comment names; the
 * worked example of docs/traces.md builds the frames it describes.
 */
@Tag("fast")
class SampleTracesTest {
    private static final SwitchConfig CFG = SwitchConfig.of(DirectorParams.fromSpec("gateway", Map.of()));
    private static final Path DIR = Path.of(System.getProperty("user.dir")).getParent().resolve("traces/csv");

    @Test
    void everySampleTraceBuildsAndIsForwardedOrDroppedAsItSays() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertEquals(List.of("eoib.csv", "eth.csv", "fc.csv", "fcoib.csv", "gateway-drops.csv", "ib.csv", "mixed.csv", "workload-hadoop.csv"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files) {
            List<TraceRow> rows = TraceCsv.read(f);
            List<TraceFrame> frames = FrameFactory.frames(rows, new FrameFactory(CFG, VnicPlan.standard(CFG), VnicPlan.vhbas(CFG)));
            List<DropReason> drops = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) drops.add(drop(rows.get(i), frames.get(i)));
            if (f.getFileName().toString().equals("gateway-drops.csv")) {
                assertEquals(List.of(DropReason.ETH_RUNT, DropReason.ETH_OVERSIZE, DropReason.ETH_OVERSIZE, DropReason.ETH_OVERSIZE,
                        DropReason.UNKNOWN_MAC, DropReason.UNKNOWN_MAC, DropReason.UNKNOWN_MAC, DropReason.ETH_RUNT,
                        DropReason.ETH_OVERSIZE, DropReason.VLAN_DENIED, DropReason.VLAN_DENIED, DropReason.UNKNOWN_DID,
                        DropReason.UNKNOWN_DID), drops, f.toString());
            } else {
                for (int i = 0; i < rows.size(); i++) assertNull(drops.get(i), frames.get(i).origin() + " is forwarded");
                int most = f.endsWith("mixed.csv") ? 120 : f.getFileName().toString().startsWith("workload-") ? 400 : 40;
                assertTrue(rows.size() >= 10 && rows.size() <= most, f + ": " + rows.size() + " rows");
            }
        }
    }

    @Test
    void theMixedTraceHasEveryProtocolInNanoseconds() {
        List<TraceRow> rows = TraceCsv.read(DIR.resolve("mixed.csv"));
        for (TraceRow.Protocol p : TraceRow.Protocol.values())
            assertTrue(rows.stream().anyMatch(r -> r.protocol() == p), "mixed.csv has " + p.label() + " rows");
        assertTrue(rows.stream().allMatch(r -> r.base() == TraceFrame.TimeBase.NS));
    }

    @Test
    void theWorkedExampleOfTheDocsBuildsAsItSays(@TempDir Path tmp) throws IOException {
        String doc = Files.readString(DIR.getParent().getParent().resolve("docs/traces.md"));
        int start = doc.indexOf("```csv\n") + "```csv\n".length();
        Path example = tmp.resolve("example.csv");
        Files.writeString(example, doc.substring(start, doc.indexOf("```", start)));
        List<TraceRow> rows = TraceCsv.read(example);
        List<TraceFrame> frames = FrameFactory.frames(rows, new FrameFactory(CFG, VnicPlan.standard(CFG), VnicPlan.vhbas(CFG)));
        assertEquals(List.of(290, 38, 162, 64, 594, 30), frames.stream().map(f -> f.wire().length).toList());
        GatewayModel g = gateway();
        GatewayModel.Decision eoib = g.fromHost(frames.get(2).wire()), eth = g.fromLan(5, frames.get(3).wire()),
                fcoib = g.fromHost(frames.get(4).wire()), fc = g.fromSan(7, frames.get(5).wire(), 0);
        assertEquals(List.of(6, 2, 7, 4), List.of(eoib.port(), eth.port(), fcoib.port(), fc.port()));
        assertEquals(128, eoib.bytes().length);
        assertEquals(542, fcoib.bytes().length);
        assertEquals(3, IbPacket.dlid(frames.get(0).wire()));
        assertEquals(1, IbPacket.vl(frames.get(0).wire()));
    }

    private static GatewayModel gateway() {
        GatewayModel g = new GatewayModel(CFG.dataVls(), CFG.ethMaxFrameBytes(), CFG.ethPorts(), CFG.hostPorts(), CFG.vnics(),
                CFG.fcPorts(), CFG.vhbas());
        VnicPlan.standard(CFG).forEach(g::set);
        VnicPlan.vhbas(CFG).forEach(g::setVhba);
        return g;
    }

    /** What the golden model does with the frame: null when forwarded, else the drop reason. */
    private static DropReason drop(TraceRow row, TraceFrame t) {
        GatewayModel g = gateway();
        byte[] w = t.wire();
        return switch (row.protocol()) {
            case IB -> {
                DropReason link = IngressChecks.check(w, CFG.maxPacketBytes(), CFG.mtuBytes());
                int dlid = IbPacket.dlid(w);
                yield link != null ? link : dlid >= 1 && dlid <= CFG.hostPorts() ? null : DropReason.UNKNOWN_DLID;
            }
            case EOIB, FCOIB -> {
                DropReason link = IngressChecks.check(w, CFG.maxPacketBytes(), CFG.mtuBytes());
                if (link != null) yield link;
                GatewayModel.Decision d = g.fromHost(w);
                // a frame to a vNIC behind the same 10GbE port turns round and is decided as a LAN frame there
                if (!d.isDrop() && row.protocol() == TraceRow.Protocol.EOIB && g.isLocal(d.port(), d.bytes()))
                    d = g.fromLan(d.port(), d.bytes());
                yield d.drop();
            }
            case ETH -> g.fromLan(t.port(), w).drop();
            case FC -> g.fromSan(t.port(), w, 0).drop();
        };
    }
}
