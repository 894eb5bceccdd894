package director.tb.stim;

import org.junit.jupiter.api.Tag;
import director.rtl.params.DirectorParams;
import director.tb.frame.Eoib;
import director.tb.frame.EthernetFrame;
import director.tb.frame.IpPacket;
import director.tb.io.Pcap;
import director.tb.io.PcapWriter;
import director.tb.io.Tshark;
import director.tb.model.SwitchConfig;
import director.tb.sim.DirectorSim;
import director.tb.tools.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

@Tag("fast")
class TrafficGeneratorTest {
    /** 4 ports, 2 data VLs (the small profile's silicon otherwise). */
    private static final SwitchConfig CFG = SwitchConfig.of(director.rtl.params.DirectorParams.fromSpec("small",
            java.util.Map.of("ports", "4", "dataVls", "2")));

    @Test
    void eachSlIsSentOnVlSlModDataVls() {
        TrafficSpec spec = TrafficSpec.uniform(1.0).withErrors(0.05, 0.05, 0.05).withCorrupt(0.2);
        List<DirectorSim.Injection> frames = new TrafficGenerator(CFG, spec, 42).until(200_000);
        int[] perVl = new int[16];
        for (DirectorSim.Injection f : frames) {
            byte[] b = f.bytes();
            if (b.length < 8 || b.length > CFG.maxPacketBytes()) continue;  // runts (random bytes) and oversize (VL0)
            int vl = (b[0] >> 4) & 0xf, sl = (b[1] >> 4) & 0xf;
            if (vl < 2) assertEquals(sl % 2, vl, "frame id " + f.id() + " SL " + sl);
            perVl[vl]++;
        }
        assertTrue(perVl[0] > 0 && perVl[1] > 0, "every data VL used");
        assertTrue(perVl[15] > 0, "the VL15 corrupt kind stays on VL15");
        int badVl = 0;
        for (int v = 2; v < 15; v++) badVl += perVl[v];
        assertTrue(badVl > 0, "the bad-VL corrupt kind sends on VLs 2..14, which the switch does not have");
        assertTrue(badVl < perVl[0], "only the corrupt kind does");
    }

    @Test
    void framesAreTheSameForTheSameSeed() {
        TrafficSpec spec = TrafficSpec.uniform(0.5).withCorrupt(0.1);
        List<DirectorSim.Injection> a = new TrafficGenerator(CFG, spec, 7).until(20_000);
        List<DirectorSim.Injection> b = new TrafficGenerator(CFG, spec, 7).until(20_000);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).id(), b.get(i).id());
            assertArrayEquals(a.get(i).bytes(), b.get(i).bytes());
        }
    }

    /**
     * Every Ethernet frame the generator makes, from the LAN (10GbE ports 5-6 of the gateway profile, FCS included)
     * and from the hosts (inside EoIB), carries an IPv4 or IPv6 UDP packet that fills its payload, with the matching
     * EtherType; tshark finds every checksum good and about a quarter of them IPv6.
     */
    @Test
    void ethernetFramesCarryWellFormedUdpPackets(@TempDir Path dir) throws IOException {
        RequiredTools.tshark();
        SwitchConfig cfg = SwitchConfig.of(DirectorParams.fromSpec("gateway", Map.of()));
        TrafficSpec spec = TrafficSpec.uniform(1.0).withMix(Mix.parse("eth=1"));
        Path lan = dir.resolve("lan.pcap"), eoib = dir.resolve("eoib.pcap");
        int lanFrames = 0, eoibFrames = 0, v6 = 0;
        try (PcapWriter wl = new PcapWriter(lan, Pcap.LinkType.ETHERNET_WITH_FCS);
             PcapWriter we = new PcapWriter(eoib, Pcap.LinkType.ETHERNET)) {
            long t = 0;
            for (DirectorSim.Injection f : new TrafficGenerator(cfg, spec, 11).until(20_000)) {
                if (cfg.isFc(f.port())) continue;
                byte[] frame;
                if (cfg.isEth(f.port())) {
                    frame = f.bytes();
                    wl.write(t++, frame);
                    lanFrames++;
                } else {
                    frame = Eoib.decapsulate(f.bytes());
                    we.write(t++, frame);
                    eoibFrames++;
                }
                EthernetFrame e = cfg.isEth(f.port()) ? EthernetFrame.decodeWithFcs(frame) : EthernetFrame.decode(frame);
                boolean ipv6 = e.etherType() == IpPacket.ETHERTYPE_IPV6;
                if (ipv6) v6++;
                else assertEquals(IpPacket.ETHERTYPE_IPV4, e.etherType(), "frame id " + f.id());
                assertEquals(ipv6 ? 0x60 : 0x45, e.payload()[0] & 0xFF, "frame id " + f.id() + ": IP version");
            }
        }
        assertTrue(lanFrames > 200 && eoibFrames > 200, lanFrames + " LAN frames, " + eoibFrames + " EoIB frames");
        double share = v6 / (double) (lanFrames + eoibFrames);
        assertTrue(share > 0.2 && share < 0.3, "IPv6 share " + share);
        List<String> options = List.of("-o", "eth.check_fcs:TRUE", "-o", "ip.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-d", "udp.port==" + IpPacket.MIN_PORT + "-65535,data");
        List<String> fields = List.of("frame.protocols", "_ws.expert", "_ws.malformed", "ip.checksum.status",
                "udp.checksum.status");
        for (Path f : List.of(lan, eoib)) {
            List<Map<String, String>> rows = Tshark.fields(f, options, fields);
            assertEquals(f == lan ? lanFrames : eoibFrames, rows.size(), f.toString());
            for (Map<String, String> row : rows) {
                assertEquals("", row.get("_ws.expert") + row.get("_ws.malformed"), row.toString());
                assertTrue(row.get("frame.protocols").matches("eth:ethertype(:vlan:ethertype)?:(ip|ipv6):udp(:data)?"), row.toString());
                assertEquals("1", row.get("udp.checksum.status"), row.toString());
                assertEquals(row.get("frame.protocols").contains(":ip:") ? "1" : "", row.get("ip.checksum.status"), row.toString());
            }
        }
    }
}
