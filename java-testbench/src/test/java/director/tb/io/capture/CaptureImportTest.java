package director.tb.io.capture;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import director.rtl.params.DirectorParams;
import director.tb.frame.Eoib;
import director.tb.frame.EthernetFrame;
import director.tb.frame.IbPacket;
import director.tb.io.Pcap;
import director.tb.io.PcapWriter;
import director.tb.io.Tshark;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.GatewayModel;
import director.tb.model.gateway.Vnic;
import director.tb.stim.Addressing;
import director.tb.stim.trace.TraceFrame;
import director.tb.tools.RequiredTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two captures made outside the project (traces/captures, see traces/README.md), imported into the gateway
 * profile and checked against what tshark reads from the same files: frame count, bytes, times; every EoIB packet
 * decodes (lengths, ICRC, VCRC) back to the captured frame; LAN frames carry the captured bytes plus an FCS that
 * tshark finds good.
 */
@Tag("fast")
public class CaptureImportTest {
    static final SwitchConfig GW = SwitchConfig.of(DirectorParams.gateway());
    static final Path CAPTURES = Path.of(System.getProperty("user.dir")).getParent().resolve("traces/captures");
    static final Path TCPDUMP = CAPTURES.resolve("tcpdump-udp.pcap");
    static final Path WIRESHARK = CAPTURES.resolve("wireshark-udp.pcapng");

    @TempDir
    Path dir;

    @BeforeEach
    void requireTshark() {
        RequiredTools.tshark();
    }

    @Test
    void tcpdumpPcapImportsByteForByteWithAutomaticMapping() throws IOException {
        checkAutomatic(TCPDUMP);
    }

    @Test
    void wiresharkPcapngImportsByteForByteWithAutomaticMapping() throws IOException {
        checkAutomatic(WIRESHARK);
    }

    /** Every frame of a capture from the two namespaces is sent by one of two vNICs as EoIB. */
    private void checkAutomatic(Path file) throws IOException {
        List<byte[]> captured = tsharkBytes(file);
        List<Long> times = tsharkTimes(file);
        assertEquals(tsharkLines(file), captured.size(), "tshark -r FILE | wc -l");
        assertEquals(captured.size(), times.size());
        CaptureImport.Imported im = CaptureImport.read(List.of(file), GW, null);
        assertEquals(captured.size(), im.frames().size());

        long a = mac(captured.get(0), 6);                         // the first frame is A's ARP request
        long b = captured.stream().mapToLong(f -> mac(f, 6)).filter(m -> m != a).findFirst().orElseThrow();
        assertEquals(2, im.vnics().size());
        assertEquals(new Vnic(0, a, new int[] {0, 100, 200}, 0, 5, 2, Addressing.lid(0), 0x1000), im.vnics().get(0));
        assertEquals(new Vnic(1, b, new int[] {0}, 1, 6, 3, Addressing.lid(1), 0x1001), im.vnics().get(1));
        assertEquals(GW.vhbas(), im.vhbas().size(), "the standard vHBA table");

        long t0 = times.stream().mapToLong(Long::longValue).min().orElseThrow();
        Map<String, TraceFrame> byOrigin = byOrigin(im);
        long previous = -1;
        for (TraceFrame t : im.frames()) {
            assertTrue(t.time() >= previous, "time order");
            previous = t.time();
        }
        int sizes1514 = 0, tagged = 0, runts = 0, overLan = 0;
        for (int i = 0; i < captured.size(); i++) {
            byte[] frame = captured.get(i);
            TraceFrame t = byOrigin.get(file + "#" + (i + 1));
            Vnic v = im.vnics().get(mac(frame, 6) == a ? 0 : 1);
            assertEquals(TraceFrame.TimeBase.NS, t.base());
            assertEquals(times.get(i) - t0, t.time(), "frame " + (i + 1) + ": time");
            assertEquals(v.hostPort(), t.port(), "frame " + (i + 1) + ": from its vNIC's host");
            IbPacket p = IbPacket.decode(t.wire());                 // lengths, PadCnt, ICRC and VCRC checked
            assertEquals(GatewayModel.GW_LID_RESET, p.dlid());
            assertEquals(Addressing.lid(v.hostPort()), p.slid());
            assertEquals(v.sl(), p.sl());
            assertEquals(v.sl() % GW.dataVls(), p.vl());
            assertEquals(v.directorQp(), p.destQp());
            assertEquals(v.hostPort() + 2, p.srcQp());
            assertArrayEquals(frame, Eoib.decapsulate(t.wire()), "frame " + (i + 1) + ": the frame inside EoIB");
            sizes1514 += frame.length == 1514 ? 1 : 0;
            tagged += EthernetFrame.vlan(frame) != 0 ? 1 : 0;
            runts += frame.length + 4 < 64 ? 1 : 0;
            overLan += frame.length + 4 > 1518 ? 1 : 0;
        }
        // what the capture exercises (traces/README.md)
        assertEquals(8, sizes1514);
        assertEquals(3, tagged);
        assertEquals(4 + 3 + 2, runts, "ARP (42 bytes), UDP of 11 and 1 bytes: sent as they are");
        assertEquals(2, overLan, "the 1842-byte ping and its reply: sent as they are");
    }

    /** With a MAC map naming only A, B's frames come from the LAN into A's 10GbE port, with a good FCS. */
    @Test
    void macMapPutsTheOtherMacsFramesOnTheLanWithTheirFcs() throws IOException {
        List<byte[]> captured = tsharkBytes(WIRESHARK);
        long a = mac(captured.get(0), 6);
        Path map = Files.writeString(dir.resolve("macs.csv"), "mac,host_port,eth_port,vlans\n"
                + EthernetFrame.macString(a) + ",2,6,\n");
        CaptureImport.Imported im = CaptureImport.read(List.of(WIRESHARK), GW, MacMap.read(map));
        assertEquals(List.of(new Vnic(0, a, new int[] {0, 100, 200}, 2, 6, 2, Addressing.lid(2), 0x1000)), im.vnics());
        Map<String, TraceFrame> byOrigin = byOrigin(im);
        List<byte[]> lan = new ArrayList<>();
        for (int i = 0; i < captured.size(); i++) {
            byte[] frame = captured.get(i);
            TraceFrame t = byOrigin.get(WIRESHARK + "#" + (i + 1));
            if (mac(frame, 6) == a) {
                assertEquals(2, t.port());
                assertArrayEquals(frame, Eoib.decapsulate(t.wire()));
            } else {
                assertEquals(a, mac(frame, 0), "B only ever sends to A");
                assertEquals(6, t.port(), "at A's 10GbE port");
                assertArrayEquals(frame, Arrays.copyOf(t.wire(), t.wire().length - 4), "captured bytes, then the FCS");
                assertEquals(EthernetFrame.fcs(frame, 0, frame.length), EthernetFrame.storedFcs(t.wire()));
                lan.add(t.wire());
            }
        }
        assertFalse(lan.isEmpty());
        Path out = dir.resolve("lan.pcap");
        try (PcapWriter w = new PcapWriter(out, Pcap.LinkType.ETHERNET_WITH_FCS)) {
            for (byte[] f : lan) w.write(0, f);
        }
        List<Map<String, String>> rows = Tshark.fields(out, List.of("-o", "eth.check_fcs:TRUE"),
                List.of("eth.fcs.status"));
        assertEquals(lan.size(), rows.size());
        for (Map<String, String> r : rows) assertEquals("1", r.get("eth.fcs.status"), "tshark: FCS good");
    }

    static Map<String, TraceFrame> byOrigin(CaptureImport.Imported im) {
        Map<String, TraceFrame> m = new HashMap<>();
        for (TraceFrame t : im.frames()) m.put(t.origin(), t);
        assertEquals(im.frames().size(), m.size(), "origins are unique");
        return m;
    }

    static long mac(byte[] frame, int off) {
        long m = 0;
        for (int i = off; i < off + 6; i++) m = (m << 8) | (frame[i] & 0xFF);
        return m;
    }

    /** {@code tshark -r FILE | wc -l}. */
    static long tsharkLines(Path file) throws IOException {
        return run("-n", "-r", file.toAbsolutePath().toString()).lines().filter(l -> !l.isBlank()).count();
    }

    /** Each frame's bytes from {@code tshark -x}: hex dump lines {@code 0000  ff ff ..  ascii}, a blank line after a frame. */
    public static List<byte[]> tsharkBytes(Path file) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        StringBuilder hex = new StringBuilder();
        for (String line : (run("-n", "-r", file.toAbsolutePath().toString(), "-x") + "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (hex.length() > 0) frames.add(HexFormat.of().parseHex(hex.toString()));
                hex.setLength(0);
                continue;
            }
            // "oooo  " then up to 16 "xx " groups in columns 6..53, then the ASCII column
            hex.append(line.substring(6, Math.min(line.length(), 6 + 16 * 3)).trim().replace(" ", ""));
        }
        return frames;
    }

    /** Each frame's {@code frame.time_epoch} (printed with nine decimals) in nanoseconds. */
    static List<Long> tsharkTimes(Path file) throws IOException {
        List<Long> out = new ArrayList<>();
        for (Map<String, String> r : Tshark.fields(file, List.of(), List.of("frame.time_epoch"))) {
            String[] s = r.get("frame.time_epoch").split("\\.");
            out.add(Long.parseLong(s[0]) * 1_000_000_000L + Long.parseLong((s[1] + "000000000").substring(0, 9)));
        }
        return out;
    }

    private static String run(String... args) throws IOException {
        Tshark.Result r = Tshark.run(List.of(args), Tshark.TIMEOUT);
        assertEquals(0, r.exitCode(), "tshark " + String.join(" ", args) + ": " + r.stderrLines());
        return r.stdout();
    }
}
