package director.tb.frame;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

@Tag("fast")
class EthernetFrameTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /*
     * Untagged 64-byte frame: dst 02:00:00:00:00:01, src 02:00:00:00:00:02, EtherType 0x88B5
     * (local experimental), payload 00 01 .. 2D (46 bytes). FCS = 0x9812E8C6, computed with
     * Python's zlib.crc32, on the wire C6 E8 12 98; tshark 4.0 reading this frame from a pcap
     * with link type 0x24000001 and -o eth.check_fcs:TRUE printed
     * "Frame check sequence: 0xc6e81298 [correct]", "[FCS Status: Good]".
     */
    private static final byte[] UNTAGGED = hex("020000000001 020000000002 88B5"
            + "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"
            + "202122232425262728292A2B2C2D" + "C6E81298");

    /*
     * Tagged 64-byte frame: dst ff:ff:ff:ff:ff:ff, src 02:00:00:00:00:02, tag PCP 5, DEI 1,
     * VID 0x123 (TCI 0xB123), EtherType 0x88B5, 42 bytes of 0xAA. FCS 0x2DB2F834 (zlib),
     * wire 34 F8 B2 2D; tshark 4.0: vlan.priority 5, vlan.dei 1, vlan.id 291,
     * eth.fcs.status 1 (Good).
     */
    private static final byte[] TAGGED = hex("FFFFFFFFFFFF 020000000002 8100B123 88B5"
            + "AA".repeat(42) + "34F8B22D");

    @Test
    void crc32CheckValueIsTheFcsOf123456789() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xCBF43926, EthernetFrame.fcs(check, 0, check.length));
        assertArrayEquals(hex("313233343536373839 2639F4CB"), EthernetFrame.appendFcs(check),
                "FCS appended least significant byte first");
    }

    @Test
    void untaggedFrameEncodesToTsharkVerifiedBytes() {
        EthernetFrame f = EthernetFrame.untagged(0x020000000001L, 0x020000000002L, 0x88B5,
                counting(46));
        assertArrayEquals(UNTAGGED, f.encodeWithFcs());
        assertArrayEquals(Arrays.copyOf(UNTAGGED, 60), f.encode());
        assertEquals(60, f.length());
        assertEquals(0, f.vlan(), "untagged: VLAN 0");
        assertFalse(f.isGroup());
        assertNull(f.tag());
        assertEquals(0x9812E8C6, EthernetFrame.storedFcs(UNTAGGED));
    }

    @Test
    void taggedFrameEncodesToTsharkVerifiedBytes() {
        EthernetFrame f = new EthernetFrame(EthernetFrame.mac("ff:ff:ff:ff:ff:ff"),
                EthernetFrame.mac("02-00-00-00-00-02"), new EthernetFrame.Tag(5, true, 0x123),
                0x88B5, hex("AA".repeat(42)));
        assertArrayEquals(TAGGED, f.encodeWithFcs());
        assertEquals(0x123, f.vlan());
        assertTrue(f.isGroup(), "broadcast is a group address");
        assertEquals(0xB123, f.tag().tci());
        assertEquals(0x123, EthernetFrame.vlan(TAGGED));
        assertEquals(0, EthernetFrame.vlan(UNTAGGED));
        assertTrue(EthernetFrame.isGroup(TAGGED));
        assertEquals(0xFFFF_FFFF_FFFFL, EthernetFrame.dst(TAGGED));
    }

    @Test
    void decodeRoundTrips() {
        EthernetFrame t = EthernetFrame.decodeWithFcs(TAGGED);
        assertEquals(new EthernetFrame.Tag(5, true, 0x123), t.tag());
        assertEquals(0x88B5, t.etherType());
        assertEquals(42, t.payload().length);
        assertArrayEquals(TAGGED, t.encodeWithFcs());
        EthernetFrame u = EthernetFrame.decode(Arrays.copyOf(UNTAGGED, 60));
        assertEquals(0x020000000001L, u.dst());
        assertEquals(0x020000000002L, u.src());
        assertArrayEquals(counting(46), u.payload());
        assertEquals(u, EthernetFrame.decodeWithFcs(UNTAGGED));
    }

    @Test
    void checkReportsEveryProblem() {
        assertEquals(Set.of(), EthernetFrame.check(UNTAGGED, 1518));
        assertEquals(Set.of(), EthernetFrame.check(TAGGED, 64), "64 is within a max of 64");
        assertEquals(Set.of(EthernetFrame.Problem.OVERSIZE), EthernetFrame.check(TAGGED, 63));
        byte[] bad = UNTAGGED.clone();
        bad[20] ^= 0x04;
        assertEquals(Set.of(EthernetFrame.Problem.BAD_FCS), EthernetFrame.check(bad, 1518));
        byte[] runt = EthernetFrame.appendFcs(Arrays.copyOf(UNTAGGED, 59));
        assertEquals(63, runt.length);
        assertEquals(Set.of(EthernetFrame.Problem.RUNT), EthernetFrame.check(runt, 1518));
        byte[] runtBad = Arrays.copyOf(UNTAGGED, 63);
        assertEquals(Set.of(EthernetFrame.Problem.RUNT, EthernetFrame.Problem.BAD_FCS),
                EthernetFrame.check(runtBad, 1518), "all problems are reported, not the first");
        assertEquals(Set.of(EthernetFrame.Problem.RUNT, EthernetFrame.Problem.OVERSIZE,
                EthernetFrame.Problem.BAD_FCS), EthernetFrame.check(new byte[3], 2),
                "3 bytes: no room for an FCS");
    }

    @Test
    void errorsNameTheField() {
        byte[] bad = UNTAGGED.clone();
        bad[63] ^= 1;
        FrameException e = assertThrows(FrameException.class, () -> EthernetFrame.decodeWithFcs(bad));
        assertEquals("FCS", e.field());
        assertEquals(60, e.offset());
        assertTrue(e.getMessage().contains("stored 0x9912E8C6, computed 0x9812E8C6"), e.getMessage());
        FrameException s = assertThrows(FrameException.class, () -> EthernetFrame.decode(new byte[13]));
        assertEquals("length", s.field());
        FrameException t = assertThrows(FrameException.class,
                () -> EthernetFrame.decode(hex("020000000001 020000000002 8100 B1")));
        assertEquals("etherType", t.field());
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> new EthernetFrame.Tag(0, false, 0x1000));
        assertTrue(v.getMessage().startsWith("tag.vid = 4096"), v.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> EthernetFrame.untagged(1L << 48, 0, 0x800, new byte[0]));
        assertTrue(d.getMessage().startsWith("dst = "), d.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EthernetFrame.mac("02:00:00:00:00"));
    }

    @Test
    void macTextRoundTrips() {
        assertEquals("02:00:5e:10:00:01", EthernetFrame.macString(0x02005E100001L));
        assertEquals(0x02005E100001L, EthernetFrame.mac("02:00:5E:10:00:01"));
        assertEquals(0x02005E100001L, EthernetFrame.mac("02-00-5e-10-00-01"));
    }

    /**
     * Found by fuzzing (ethernet, MAC text): "0x" leaked a NumberFormatException naming nothing, "+E" was read as 0E,
     * and a trailing separator was dropped; each is now an IllegalArgumentException quoting the text.
     */
    @Test
    void macTextThatIsNotSixHexBytesIsRefusedQuotingIt() {
        assertEquals("MAC '02:0x:5e:10:00:01': byte '0x' is not two hex digits",
                assertThrows(IllegalArgumentException.class, () -> EthernetFrame.mac("02:0x:5e:10:00:01")).getMessage());
        assertEquals("MAC '02-00-+E-10-00-01': byte '+E' is not two hex digits",
                assertThrows(IllegalArgumentException.class, () -> EthernetFrame.mac("02-00-+E-10-00-01")).getMessage());
        assertEquals("MAC '02:00:5e:10:00:01:' does not have 6 bytes",
                assertThrows(IllegalArgumentException.class, () -> EthernetFrame.mac("02:00:5e:10:00:01:")).getMessage());
        assertEquals("MAC '\u0660\u0662:00:5e:10:00:01': byte '\u0660\u0662' is not two hex digits",
                assertThrows(IllegalArgumentException.class, () -> EthernetFrame.mac("\u0660\u0662:00:5e:10:00:01")).getMessage());
        for (String bad : new String[] {"", "02:00:5e:10:00", "002:00:5e:10:00:01", "02:00:5e:10:00:0g"})
            assertEquals(IllegalArgumentException.class, assertThrows(IllegalArgumentException.class, () -> EthernetFrame.mac(bad)).getClass(), bad);
    }
}
