package director.tb.frame;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

@Tag("fast")
class EoibTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** The 60-byte untagged frame of EthernetFrameTest, without its FCS. */
    private static final byte[] FRAME = hex("020000000001 020000000002 88B5"
            + "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"
            + "202122232425262728292A2B2C2D");

    private static final UdRoute ROUTE = new UdRoute(1, 1, 0x0005, 0xBFFF, 0x000123, 0x100);

    /*
     * docs/gateway.md "LAN -> server", by hand: VL 1, SL 1, DLID 5, SLID GW_LID 0xBFFF,
     * host QP 0x123, director QP 0x100 (vNIC 0). Payload = C0 00 00 00 + 60-byte frame = 64
     * bytes, PadCnt 0; bytes up to the VCRC = 8 + 12 + 8 + 64 + 4 = 96 -> PktLen 24 (0x0018).
     * LRH 10 12 0005 0018 BFFF; BTH 64 00 FFFF 00 000123 00 000000; DETH 00000B1B 00 000100.
     * ICRC 0xFFD14F4B (Python zlib.crc32 with byte 0 |= 0xF0 and byte 12 = 0xFF), stored LE;
     * VCRC 0xA245 (bit-serial reflected CRC-16, polynomial 0xD008), stored LE.
     */
    private static final byte[] PACKET = hex("1012 0005 0018 BFFF"
            + "64 00 FFFF 00 000123 00 000000" + "00000B1B 00 000100" + "C0000000");

    private static byte[] expected() {
        byte[] w = Arrays.copyOf(PACKET, 98);
        System.arraycopy(FRAME, 0, w, 32, 60);
        System.arraycopy(hex("4B4FD1FF 45A2"), 0, w, 92, 6);
        return w;
    }

    @Test
    void lanToServerPacketMatchesHandComputedBytes() {
        byte[] w = Eoib.encapsulate(FRAME, ROUTE);
        assertArrayEquals(expected(), w);
        IbPacket p = IbPacket.decode(w);
        assertEquals(0x64, p.opcode());
        assertEquals(0x0B1BL, p.qkey());
        assertEquals(24, p.pktLen());
        assertArrayEquals(FRAME, Eoib.decapsulate(w));
    }

    @Test
    void padIsAddedAndRemoved() {
        byte[] odd = Arrays.copyOf(FRAME, 61);                 // 4 + 61 = 65 -> PadCnt 3
        byte[] w = Eoib.encapsulate(odd, ROUTE);
        assertEquals(3, IbPacket.decode(w).padCnt());
        assertEquals(Eoib.ENCAP_HEADER_BYTES + 61 + 3 + 6, w.length);
        assertArrayEquals(odd, Eoib.decapsulate(w));
    }

    @Test
    void headerFieldsFollowTheBitTable() {
        Eoib.Header h = new Eoib.Header(3, 0, 1, 2, true, true, 0x15, 0xBEEF);
        // 11 00 01 10 | 0 1 1 10101 = 0xC6 0x75
        assertArrayEquals(hex("C675 BEEF"), h.encode());
        assertEquals(h, Eoib.Header.parse(hex("00 C675BEEF"), 1));
        assertArrayEquals(hex("C0000000"), Eoib.Header.PLAIN.encode());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Eoib.Header(3, 0, 0, 0, false, false, 32, 0));
        assertTrue(e.getMessage().startsWith("segmentOffset = 32"), e.getMessage());
    }

    private static FrameException rejected(byte[] eoibHeader) {
        byte[] payload = new byte[4 + FRAME.length];
        System.arraycopy(eoibHeader, 0, payload, 0, 4);
        System.arraycopy(FRAME, 0, payload, 4, FRAME.length);
        byte[] w = ROUTE.packet(payload).encode();
        return assertThrows(FrameException.class, () -> Eoib.decapsulate(w));
    }

    @Test
    void decapsulationNamesTheRejectedField() {
        assertEquals("EoIB.signature", rejected(hex("80000000")).field());
        assertEquals(28, rejected(hex("80000000")).offset());
        assertEquals("EoIB.version", rejected(hex("D0000000")).field());
        assertEquals("EoIB.fcsPresent", rejected(hex("C0400000")).field());
        assertEquals(29, rejected(hex("C0400000")).offset());
        assertEquals("EoIB.moreSegments", rejected(hex("C0200000")).field());
        assertEquals("EoIB.segmentOffset", rejected(hex("C0010000")).field());
        // checksum status, reserved bit 7 and the segment ID are not grounds for rejection
        byte[] ok = ROUTE.packet(concat(hex("CF801234"), FRAME)).encode();
        assertArrayEquals(FRAME, Eoib.decapsulate(ok));

        byte[] rc = IbPacket.builder().opcode(0x04).payload(concat(hex("C0000000"), FRAME))
                .build().encode();
        FrameException op = assertThrows(FrameException.class, () -> Eoib.decapsulate(rc));
        assertEquals("BTH.OpCode", op.field());
        assertEquals(8, op.offset());
        byte[] empty = ROUTE.packet(hex("C000")).encode();
        assertEquals("EoIB header", assertThrows(FrameException.class,
                () -> Eoib.decapsulate(empty)).field());
        byte[] badIcrc = expected();
        badIcrc[40] ^= 1;
        byte[] badVcrcOnly = IbPacket.withVl(badIcrc, 1);      // VCRC right, ICRC wrong
        assertEquals("ICRC", assertThrows(FrameException.class,
                () -> Eoib.decapsulate(badVcrcOnly)).field());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
