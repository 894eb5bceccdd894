package director.tb.io;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import director.tb.frame.Eoib;
import director.tb.frame.EthernetFrame;
import director.tb.frame.FcEof;
import director.tb.frame.FcFrame;
import director.tb.frame.FcHeader;
import director.tb.frame.FcSof;
import director.tb.frame.Fcoib;
import director.tb.frame.UdRoute;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's frames as a user would check them: written to pcap (10GbE and FC ports) or ERF
 * (InfiniBand host ports), decoded by the real tshark, and every frame's protocol stack and
 * CRC status asserted. Skipped (not failed) when tshark is absent.
 *
 * <p>Found with tshark 4.0.17: the Ethernet FCS is only verified with
 * {@code -o eth.check_fcs:TRUE} (else {@code eth.fcs.status} is 2, "unverified"); the FC CRC
 * (link type 225 and FCoIB) is always verified; the EoIB and FCoIB heuristics of the
 * "infiniband.payload" table are enabled by default, nothing needs switching on.
 */
@Tag("fast")
class GatewayCapturesTsharkTest {
    private static final List<String> CHECK_FCS = List.of("-o", "eth.check_fcs:TRUE");
    private static final UdRoute ROUTE = new UdRoute(0, 0, 0x0003, 0xBFFF, 0x000044, 0x101);

    @TempDir
    Path dir;

    @BeforeEach
    void requireTshark() {
        director.tb.tools.RequiredTools.tshark();
    }

    private static byte[] bytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Untagged minimum, tagged minimum, untagged maximum (1518) and tagged maximum (1522). */
    private static List<EthernetFrame> ethernetFrames() {
        long a = EthernetFrame.mac("02:00:00:00:00:0a");
        long b = EthernetFrame.mac("02:00:00:00:00:0b");
        return List.of(
                EthernetFrame.untagged(a, b, 0x88B5, bytes(1, 46)),
                new EthernetFrame(b, a, new EthernetFrame.Tag(3, false, 100), 0x88B5, bytes(2, 42)),
                EthernetFrame.untagged(a, b, 0x88B5, bytes(3, 1500)),
                new EthernetFrame(EthernetFrame.mac("ff:ff:ff:ff:ff:ff"), a,
                        new EthernetFrame.Tag(0, true, 4094), 0x88B5, bytes(4, 1500)));
    }

    private static String ids(List<Map<String, String>> rows, String field) {
        List<String> v = new ArrayList<>();
        rows.forEach(r -> v.add(r.get(field)));
        return String.join("|", v);
    }

    @Test
    void ethernetPcapWithFcsDecodesAsEthWithAGoodFcs() throws IOException {
        Path f = dir.resolve("eth.pcap");
        List<EthernetFrame> frames = ethernetFrames();
        try (PcapWriter w = new PcapWriter(f, Pcap.LinkType.ETHERNET_WITH_FCS)) {
            long t = 0;
            for (EthernetFrame e : frames) {
                w.write(t += 1_000_000, e.encodeWithFcs());
            }
            byte[] bad = frames.get(0).encodeWithFcs();
            bad[bad.length - 1] ^= 0x80;
            w.write(t + 1_000_000, bad);
        }
        List<String> fields = List.of("frame.protocols", "frame.len", "eth.dst", "vlan.id",
                "eth.fcs.status", "_ws.malformed", "_ws.expert.message");
        List<Map<String, String>> rows = Tshark.fields(f, CHECK_FCS, fields);
        assertEquals(5, rows.size(), rows.toString());
        for (int i = 0; i < 4; i++) {
            Map<String, String> r = rows.get(i);
            EthernetFrame e = frames.get(i);
            String stack = e.tag() == null ? "eth:ethertype:data" : "eth:ethertype:vlan:ethertype:data";
            assertEquals(stack, r.get("frame.protocols"), "frame " + (i + 1));
            assertEquals("1", r.get("eth.fcs.status"), "frame " + (i + 1) + " FCS good: " + r);
            assertEquals(String.valueOf(e.length() + 4), r.get("frame.len"));
            assertEquals(EthernetFrame.macString(e.dst()), r.get("eth.dst"));
            assertEquals(e.tag() == null ? "" : String.valueOf(e.vlan()), r.get("vlan.id"));
            assertEquals("", r.get("_ws.malformed") + r.get("_ws.expert.message"), r.toString());
        }
        assertEquals("0", rows.get(4).get("eth.fcs.status"), "a flipped FCS bit is bad");
        assertTrue(rows.get(4).get("_ws.expert.message").startsWith("Bad checksum"), rows.get(4).toString());
        // without the preference tshark does not verify: status 2 "unverified" on every frame
        assertEquals("2|2|2|2|2", ids(Tshark.fields(f, List.of(), List.of("eth.fcs.status")),
                "eth.fcs.status"));
    }

    private static FcFrame fcFrame(int seqCnt, int payloadBytes) {
        FcHeader h = new FcHeader(0x01, 0x010203, 0, 0x0A0B0C, FcHeader.TYPE_FCP, 0x290008,
                1, 0, seqCnt, 0x1234, 0x5678, 0);
        return new FcFrame(h, bytes(seqCnt, payloadBytes));
    }

    @Test
    void fcPcap225DecodesAsFcWithAGoodCrcAndTheDelimiters() throws IOException {
        Path f = dir.resolve("fc.pcap");
        FcSof[] sofs = FcSof.values();
        FcEof[] eofs = FcEof.values();
        try (PcapWriter w = new PcapWriter(f, Pcap.LinkType.FC_2_WITH_FRAME_DELIMS)) {
            for (int i = 0; i < sofs.length; i++) {
                w.write(i * 1000L, fcFrame(i, 4 * i * 37).orderedSetBytes(sofs[i], eofs[i]));
            }
            byte[] be = fcFrame(9, 64).orderedSetBytes(FcSof.SOFN3, FcEof.EOFN);
            int c = be.length - 8;                       // the CRC, written big-endian instead
            byte t0 = be[c];
            byte t1 = be[c + 1];
            be[c] = be[c + 3];
            be[c + 1] = be[c + 2];
            be[c + 2] = t1;
            be[c + 3] = t0;
            w.write(9000, be);
        }
        List<Map<String, String>> rows = Tshark.fields(f, List.of(), List.of("frame.protocols",
                "fc.sof", "fc.eof", "fc.crc.status", "fc.d_id", "fc.s_id", "_ws.malformed"));
        assertEquals(sofs.length + 1, rows.size(), rows.toString());
        for (int i = 0; i < sofs.length; i++) {
            Map<String, String> r = rows.get(i);
            assertTrue(r.get("frame.protocols").startsWith("fcsof:fc"), r.toString());
            assertEquals("1", r.get("fc.crc.status"), sofs[i] + " frame CRC good: " + r);
            assertEquals(String.format("0x%08x", sofs[i].orderedSet), r.get("fc.sof"));
            assertEquals(String.format("0x%08x", eofs[i].orderedSet), r.get("fc.eof"));
            assertEquals("01.02.03", r.get("fc.d_id"));
            assertEquals("0a.0b.0c", r.get("fc.s_id"));
            assertEquals("", r.get("_ws.malformed"));
        }
        assertEquals("0", rows.get(sofs.length).get("fc.crc.status"),
                "the CRC stored big-endian is bad: tshark expects it little-endian");
    }

    @Test
    void eoibInErfDecodesTheInnerEthernetFrame() throws IOException {
        assertTrue(Tshark.payloadHeuristicProtocols().contains("infiniband.eoib"));
        Path f = dir.resolve("eoib.erf");
        List<EthernetFrame> frames = new ArrayList<>(ethernetFrames());
        frames.add(EthernetFrame.untagged(1, 2, 0x88B5, bytes(5, 47)));   // 61 bytes: PadCnt 3
        try (ErfWriter w = new ErfWriter(f)) {
            long t = 0;
            for (EthernetFrame e : frames) {
                w.write(t += 1_000_000, Eoib.encapsulate(e.encode(), ROUTE));
            }
        }
        List<Map<String, String>> rows = Tshark.fields(f, List.of(), List.of("frame.protocols",
                "infiniband.eoib.version", "infiniband.eoib.fcs", "eth.dst", "eth.src", "vlan.id",
                "eth.fcs", "_ws.malformed", "_ws.expert.message"));
        assertEquals(frames.size(), rows.size(), rows.toString());
        for (int i = 0; i < frames.size(); i++) {
            Map<String, String> r = rows.get(i);
            EthernetFrame e = frames.get(i);
            String eth = e.tag() == null ? "eth:ethertype:data" : "eth:ethertype:vlan:ethertype:data";
            assertEquals("erf:infiniband:infiniband.eoib:" + eth, r.get("frame.protocols"), r.toString());
            assertEquals("0x0000", r.get("infiniband.eoib.version"));
            assertEquals("0", r.get("infiniband.eoib.fcs"), "FCS stripped");
            assertEquals(EthernetFrame.macString(e.dst()), r.get("eth.dst"));
            assertEquals(EthernetFrame.macString(e.src()), r.get("eth.src"));
            assertEquals(e.tag() == null ? "" : String.valueOf(e.vlan()), r.get("vlan.id"));
            assertEquals("", r.get("eth.fcs"), "no FCS inside EoIB");
            assertEquals("", r.get("_ws.malformed") + r.get("_ws.expert.message"), r.toString());
        }
    }

    @Test
    void fcoibInErfDecodesAsFcoibWithAGoodFcCrc() throws IOException {
        assertTrue(Tshark.payloadHeuristicProtocols().contains("fcoib"));
        Path f = dir.resolve("fcoib.erf");
        FcSof[] sofs = FcSof.values();
        FcEof[] eofs = FcEof.values();
        try (ErfWriter w = new ErfWriter(f)) {
            for (int i = 0; i < sofs.length; i++) {
                w.write(i * 1000L, Fcoib.encapsulate(sofs[i], fcFrame(i, 4 * i * 53), eofs[i], ROUTE));
            }
        }
        List<Map<String, String>> rows = Tshark.fields(f, List.of(), List.of("frame.protocols",
                "fcoib.sof", "fcoib.eof", "fcoib.crc.status", "fc.d_id", "fc.ox_id", "_ws.malformed"));
        assertEquals(sofs.length, rows.size(), rows.toString());
        for (int i = 0; i < sofs.length; i++) {
            Map<String, String> r = rows.get(i);
            assertTrue(r.get("frame.protocols").startsWith("erf:infiniband:fcoib:fc"), r.toString());
            assertEquals("1", r.get("fcoib.crc.status"), sofs[i] + ": " + r);
            assertEquals(String.format("0x%02x", sofs[i].code), r.get("fcoib.sof"));
            assertEquals(String.format("0x%02x", eofs[i].code), r.get("fcoib.eof"));
            assertEquals("01.02.03", r.get("fc.d_id"));
            assertEquals("0x1234", r.get("fc.ox_id"));
            assertEquals("", r.get("_ws.malformed"));
        }
    }
}
