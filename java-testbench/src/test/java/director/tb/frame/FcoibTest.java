package director.tb.frame;

import org.junit.jupiter.api.Tag;
import static director.tb.frame.FcFrameTest.FRAME;
import static director.tb.frame.FcFrameTest.HEADER_HEX;
import static director.tb.frame.FcFrameTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

@Tag("fast")
class FcoibTest {

    private static final UdRoute ROUTE = new UdRoute(0, 2, 0x0007, 0xBFFF, 0x000456, 0x800);

    /*
     * encapsulation.md "FCoIB", by hand: header 40 00 00 00 .. 00 2E (signature 0b01, version
     * 0, SOF code SOFi3 in byte 15), the 56-byte frame of FcFrameTest, CRC 96 FB 49 CE, EOFt
     * 0x42, 00 00 00: 16 + 56 + 8 = 80 bytes, a multiple of 4.
     */
    private static byte[] expectedPayload() {
        byte[] p = new byte[80];
        p[0] = 0x40;
        p[15] = 0x2E;
        System.arraycopy(hex(HEADER_HEX), 0, p, 16, 24);
        System.arraycopy(hex("96FB49CE 42000000"), 0, p, 72, 8);
        return p;
    }

    @Test
    void payloadMatchesTheSpecLayout() {
        assertArrayEquals(expectedPayload(), Fcoib.payload(FcSof.SOFI3, FRAME, FcEof.EOFT));
        IbPacket p = Fcoib.packet(FcSof.SOFI3, FRAME, FcEof.EOFT, ROUTE);
        assertEquals(0, p.padCnt());
        assertEquals(0x800, p.srcQp());
        assertEquals(0x456, p.destQp());
        assertEquals(UdRoute.QKEY, p.qkey());
        assertEquals(UdRoute.PKEY, p.pkey());
    }

    @Test
    void decapsulationRoundTrips() {
        byte[] w = Fcoib.encapsulate(FcSof.SOFN3, FRAME, FcEof.EOFN, ROUTE);
        assertEquals(new FcFrame.Delimited(FcSof.SOFN3, FRAME, FcEof.EOFN), Fcoib.decapsulate(w));
    }

    private static FrameException rejected(int index, int value) {
        byte[] p = expectedPayload();
        p[index] = (byte) value;
        byte[] w = ROUTE.packet(p).encode();
        return assertThrows(FrameException.class, () -> Fcoib.decapsulate(w));
    }

    @Test
    void decapsulationNamesTheFieldAndItsWireOffset() {
        FrameException sig = rejected(0, 0xC0);
        assertEquals("FCoIB.signature", sig.field());
        assertEquals(28, sig.offset());
        assertEquals("FCoIB.version", rejected(2, 0x10).field());
        FrameException res = rejected(7, 0x01);
        assertEquals("FCoIB.reserved", res.field());
        assertEquals(35, res.offset());
        assertEquals("FCoIB.reserved", rejected(0, 0x41).field());
        FrameException sof = rejected(15, 0x41);
        assertEquals("FCoIB.SOF", sof.field());
        assertEquals(43, sof.offset());
        FrameException eof = rejected(76, 0x28);
        assertEquals("FCoIB.EOF", eof.field());
        assertEquals(104, eof.offset());
        assertEquals("FCoIB.trailer reserved", rejected(79, 1).field());
        FrameException crc = rejected(40, 0x01);
        assertEquals("FC CRC", crc.field());
        assertEquals(28 + 72, crc.offset());
        byte[] shortPayload = Arrays.copyOf(expectedPayload(), 44);
        byte[] w = ROUTE.packet(shortPayload).encode();
        assertEquals("length", assertThrows(FrameException.class, () -> Fcoib.decapsulate(w)).field());
        byte[] rc = IbPacket.builder().opcode(0x04).payload(expectedPayload()).build().encode();
        assertEquals("BTH.OpCode", assertThrows(FrameException.class, () -> Fcoib.decapsulate(rc)).field());
    }
}
