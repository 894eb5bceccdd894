package director.tb.frame;

import org.junit.jupiter.api.Tag;
import director.tb.io.Pcap;
import director.tb.io.PcapWriter;
import director.tb.io.Tshark;
import director.tb.tools.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * IpPacket: every field where RFC 791 / 8200 / 768 put it, checksums verified by a separate plain sum here and by
 * tshark 4.0 (which verifies the IPv4 header and UDP checksums only when asked, {@code -o ip.check_checksum:TRUE
 * -o udp.check_checksum:TRUE}, and prints the status 1 good, 0 bad, 2 not verified).
 */
@Tag("fast")
class IpPacketTest {
    /**
     * The random UDP payload shown as plain data: without it tshark's UDP heuristics (RTCP, Thrift, R-GOOSE, ...)
     * take about one random payload in a thousand for their protocol and then call it malformed, which says nothing
     * about the IP and UDP layers checked here (tried with 20,000 frames).
     */
    static final String DATA_AFTER_UDP = "udp.port==" + IpPacket.MIN_PORT + "-65535,data";

    @TempDir
    Path dir;

    private static int u16(byte[] b, int o) {
        return ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
    }

    /** The plain one's-complement sum of a byte sequence as 16-bit big-endian words: a verifying sum is 0xFFFF. */
    private static int onesSum(byte[]... parts) {
        List<Integer> bytes = new ArrayList<>();
        for (byte[] part : parts) for (byte x : part) bytes.add(x & 0xFF);
        if (bytes.size() % 2 == 1) bytes.add(0);
        int s = 0;
        for (int i = 0; i < bytes.size(); i += 2) {
            s += (bytes.get(i) << 8) | bytes.get(i + 1);
            if (s > 0xFFFF) s = s - 0x10000 + 1;      // end-around carry at every step
        }
        return s;
    }

    /** Checks one packet field by field and verifies both checksums with {@link #onesSum}. */
    private static void verify(byte[] p, int bytes, boolean ipv6, String what) {
        assertEquals(bytes, p.length, what + ": length");
        int h = ipv6 ? 40 : 20;
        byte[] pseudo;
        if (ipv6) {
            assertEquals(0x60, p[0] & 0xFF, what + ": version 6, traffic class 0");
            assertEquals(0, p[1] & 0xFF | u16(p, 2), what + ": flow label 0");
            assertEquals(bytes - 40, u16(p, 4), what + ": payload length");
            assertEquals(17, p[6], what + ": next header UDP");
            assertEquals(64, p[7], what + ": hop limit");
            assertEquals(0xFD, p[8] & 0xFF, what + ": source in fd00::/8");
            assertEquals(0xFD, p[24] & 0xFF, what + ": destination in fd00::/8");
            pseudo = new byte[40];
            System.arraycopy(p, 8, pseudo, 0, 32);
            int len = bytes - 40;
            pseudo[34] = (byte) (len >> 8);
            pseudo[35] = (byte) len;
            pseudo[39] = 17;
        } else {
            assertEquals(0x45, p[0] & 0xFF, what + ": version 4, IHL 5");
            assertEquals(0, p[1], what + ": DSCP/ECN");
            assertEquals(bytes, u16(p, 2), what + ": total length");
            assertEquals(0x4000, u16(p, 6), what + ": DF, offset 0");
            assertEquals(64, p[8], what + ": TTL");
            assertEquals(17, p[9], what + ": protocol UDP");
            assertEquals(10, p[12], what + ": source in 10/8");
            assertEquals(10, p[16], what + ": destination in 10/8");
            assertEquals(0xFFFF, onesSum(Arrays.copyOf(p, 20)), what + ": IPv4 header checksum");
            pseudo = new byte[12];
            System.arraycopy(p, 12, pseudo, 0, 8);
            pseudo[9] = 17;
            pseudo[10] = (byte) ((bytes - 20) >> 8);
            pseudo[11] = (byte) (bytes - 20);
        }
        assertEquals(bytes - h, u16(p, h + 4), what + ": UDP length");
        assertNotEquals(0, u16(p, h + 6), what + ": a UDP checksum is always sent (0 means none)");
        assertEquals(0xFFFF, onesSum(pseudo, Arrays.copyOfRange(p, h, bytes)), what + ": UDP checksum");
    }

    @Test
    void everyLengthFromTheMinimumTo1500HasTheRightFieldsAndChecksums() {
        for (long seed : new long[] {1, 2, 3, 0xC0FFEE}) {
            SplittableRandom r = new SplittableRandom(seed);
            for (boolean ipv6 : new boolean[] {false, true})
                for (int n = IpPacket.minBytes(ipv6); n <= 1500; n++) {
                    byte[] p = IpPacket.udp(r, n, ipv6);
                    verify(p, n, ipv6, "seed " + seed + (ipv6 ? " IPv6 " : " IPv4 ") + n + " bytes");
                    int h = ipv6 ? 40 : 20;
                    assertTrue(u16(p, h) >= IpPacket.MIN_PORT && u16(p, h + 2) >= IpPacket.MIN_PORT, "ports");
                }
        }
    }

    @Test
    void aComputedChecksumOfZeroIsSentAsFFFF() {
        // search for a packet whose UDP sum comes out as 0 (it must then be 0xFFFF): about one in 65536
        byte[] src = {10, 0, 0, 1}, dst = {10, 0, 0, 2};
        int found = 0;
        for (int port = 0; port <= 0xFFFF && found == 0; port++) {
            byte[] p = IpPacket.udp(new SplittableRandom(5), 28, false, src, dst, port, 7);
            if (u16(p, 26) == 0xFFFF) {
                found++;
                verify(p, 28, false, "sport " + port);
            }
        }
        assertEquals(1, found, "one source port makes the checksum 0xFFFF");
    }

    @Test
    void explicitAddressesAndPortsAreUsed() {
        byte[] s4 = {(byte) 192, (byte) 168, 0, 1}, d4 = {(byte) 192, (byte) 168, 0, (byte) 199};
        byte[] p = IpPacket.udp(new SplittableRandom(9), 100, false, s4, d4, 5000, 53);
        assertArrayEquals(s4, Arrays.copyOfRange(p, 12, 16));
        assertArrayEquals(d4, Arrays.copyOfRange(p, 16, 20));
        assertEquals(5000, u16(p, 20));
        assertEquals(53, u16(p, 22));
        byte[] s6 = new byte[16], d6 = new byte[16];
        s6[0] = (byte) 0x20; s6[1] = 0x01; s6[15] = 1;
        d6[0] = (byte) 0xFE; d6[1] = (byte) 0x80; d6[15] = 2;
        byte[] q = IpPacket.udp(new SplittableRandom(9), 200, true, s6, d6, 1, 65535);
        assertArrayEquals(s6, Arrays.copyOfRange(q, 8, 24));
        assertArrayEquals(d6, Arrays.copyOfRange(q, 24, 40));
        assertEquals(1, u16(q, 40));
        assertEquals(65535, u16(q, 42));
        assertEquals(200, q.length);
        assertEquals(0xFFFF, onesSum(Arrays.copyOf(p, 20)));
    }

    @Test
    void theSameStreamGivesTheSamePacket() {
        for (boolean ipv6 : new boolean[] {false, true}) {
            byte[] a = IpPacket.udp(new SplittableRandom(77), 300, ipv6);
            assertArrayEquals(a, IpPacket.udp(new SplittableRandom(77), 300, ipv6));
            assertFalse(Arrays.equals(a, IpPacket.udp(new SplittableRandom(78), 300, ipv6)));
        }
    }

    @Test
    void sizesAndArgumentsOutOfRangeAreRefused() {
        SplittableRandom r = new SplittableRandom(1);
        assertEquals(28, IpPacket.udp(r, 28, false).length);
        assertEquals(48, IpPacket.udp(r, 48, true).length);
        assertEquals(65535, IpPacket.udp(r, 65535, true).length);
        assertEquals("bytes: 27 not in 28..65535 for an IPv4/UDP packet",
                assertThrows(IllegalArgumentException.class, () -> IpPacket.udp(r, 27, false)).getMessage());
        assertEquals("bytes: 47 not in 48..65535 for an IPv6/UDP packet",
                assertThrows(IllegalArgumentException.class, () -> IpPacket.udp(r, 47, true)).getMessage());
        assertEquals("bytes: 65536 not in 28..65535 for an IPv4/UDP packet",
                assertThrows(IllegalArgumentException.class, () -> IpPacket.udp(r, 65536, false)).getMessage());
        assertEquals("src: 4 bytes, an IPv6 address has 16",
                assertThrows(IllegalArgumentException.class,
                        () -> IpPacket.udp(r, 100, true, new byte[4], new byte[16], 1, 2)).getMessage());
        assertEquals("dst: 16 bytes, an IPv4 address has 4",
                assertThrows(IllegalArgumentException.class,
                        () -> IpPacket.udp(r, 100, false, new byte[4], new byte[16], 1, 2)).getMessage());
        assertEquals("dport = 65536 out of range 0..65535",
                assertThrows(IllegalArgumentException.class,
                        () -> IpPacket.udp(r, 100, false, new byte[4], new byte[4], 1, 65536)).getMessage());
        assertEquals(0x0800, IpPacket.etherType(false));
        assertEquals(0x86DD, IpPacket.etherType(true));
    }

    @Test
    void tsharkFindsGoodChecksumsAndLengthsInEthernetFrames() throws IOException {
        RequiredTools.tshark();
        SplittableRandom r = new SplittableRandom(2024);
        List<byte[]> packets = new ArrayList<>();
        List<Boolean> v6 = new ArrayList<>();
        Path f = dir.resolve("udp.pcap");
        try (PcapWriter w = new PcapWriter(f, Pcap.LinkType.ETHERNET)) {
            for (int i = 0; i < 200; i++) {
                boolean ipv6 = i % 4 == 3;
                int min = IpPacket.minBytes(ipv6);
                // the extremes first, then lengths spread over the rest
                int n = i < 8 ? (i % 2 == 0 ? min + i / 2 : 1500 - i / 2) : min + r.nextInt(1500 - min + 1);
                byte[] p = IpPacket.udp(r, n, ipv6);
                packets.add(p);
                v6.add(ipv6);
                EthernetFrame.Tag tag = i % 3 == 0 ? new EthernetFrame.Tag(0, false, 100) : null;
                w.write(i * 1000L, new EthernetFrame(0x0A0000000001L, 0x0A0000000002L, tag, IpPacket.etherType(ipv6), p)
                        .encode());
            }
        }
        List<String> fields = List.of("frame.protocols", "_ws.expert", "_ws.malformed", "ip.checksum.status",
                "udp.checksum.status", "ip.len", "ipv6.plen", "udp.length");
        List<Map<String, String>> rows = Tshark.fields(f,
                List.of("-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-d", DATA_AFTER_UDP), fields);
        assertEquals(200, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String what = "frame " + (i + 1) + " " + row;
            int n = packets.get(i).length;
            assertEquals("", row.get("_ws.expert") + row.get("_ws.malformed"), what);
            assertEquals("1", row.get("udp.checksum.status"), what);
            if (v6.get(i)) {
                assertTrue(row.get("frame.protocols").contains(":ipv6:udp"), what);
                assertEquals(String.valueOf(n - 40), row.get("ipv6.plen"), what);
                assertEquals(String.valueOf(n - 40), row.get("udp.length"), what);
                assertEquals("", row.get("ip.checksum.status"), what);
            } else {
                assertTrue(row.get("frame.protocols").contains(":ip:udp"), what);
                assertEquals("1", row.get("ip.checksum.status"), what);
                assertEquals(String.valueOf(n), row.get("ip.len"), what);
                assertEquals(String.valueOf(n - 20), row.get("udp.length"), what);
            }
        }
    }
}
