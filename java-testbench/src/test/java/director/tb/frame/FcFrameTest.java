package director.tb.frame;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

@Tag("fast")
class FcFrameTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /*
     * FCP_CMND frame: R_CTL 0x06, D_ID 01.02.03, CS_CTL 0, S_ID 0A.0B.0C, TYPE 0x08 (FCP),
     * F_CTL 0x290000, SEQ_ID 1, DF_CTL 0, SEQ_CNT 0, OX_ID 0x1234, RX_ID 0xFFFF, PARAM 0;
     * payload 32 zero bytes (LUN 0, TEST UNIT READY, FCP_DL 0).
     * FC CRC = 0xCE49FB96 (Python zlib.crc32 of the 56 bytes), stored 96 FB 49 CE: tshark 4.0
     * reports fc.crc.status 1 for exactly these bytes in a link type 225 capture
     * (PcapTsharkTest) and 0 with the CRC stored big-endian.
     */
    static final FcHeader HEADER = new FcHeader(0x06, 0x010203, 0, 0x0A0B0C, FcHeader.TYPE_FCP,
            0x290000, 1, 0, 0, 0x1234, 0xFFFF, 0);
    static final FcFrame FRAME = new FcFrame(HEADER, new byte[32]);
    static final String HEADER_HEX = "06 010203 00 0A0B0C 08 290000 01 00 0000 1234 FFFF 00000000";

    @Test
    void headerFieldsAreBigEndianInTheSpecOrder() {
        assertArrayEquals(hex(HEADER_HEX), HEADER.encode());
        assertEquals(HEADER, FcHeader.parse(hex("FF" + HEADER_HEX), 1));
        FcHeader all = new FcHeader(0xA1, 0xB2C3D4, 0xE5, 0xF60718, 0x29, 0x3A4B5C, 0x6D, 0x7E,
                0x8F90, 0xA1B2, 0xC3D4, 0xE5F60718L);
        assertArrayEquals(hex("A1 B2C3D4 E5 F60718 29 3A4B5C 6D 7E 8F90 A1B2 C3D4 E5F60718"), all.encode());
        assertEquals(all, FcHeader.parse(all.encode(), 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FcHeader(0, 0x1000000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertTrue(e.getMessage().startsWith("D_ID = 16777216"), e.getMessage());
        assertEquals("FC header", assertThrows(FrameException.class,
                () -> FcHeader.parse(new byte[23], 0)).field());
    }

    @Test
    void crcIsCrc32OverHeaderAndPayloadStoredLittleEndian() {
        assertEquals(0xCE49FB96, FRAME.crc());
        byte[] w = FRAME.encodeWithCrc();
        assertEquals(60, w.length);
        assertArrayEquals(hex("96FB49CE"), Arrays.copyOfRange(w, 56, 60));
        assertEquals(FRAME, FcFrame.parseWithCrc(w, 0, w.length));
    }

    @Test
    void portFormCarriesTheOneByteDelimitersInBand() {
        byte[] b = FRAME.portBytes(FcSof.SOFI3, FcEof.EOFT);
        byte[] expected = new byte[62];
        expected[0] = 0x2E;
        System.arraycopy(hex(HEADER_HEX), 0, expected, 1, 24);
        System.arraycopy(hex("96FB49CE 42"), 0, expected, 57, 5);
        assertArrayEquals(expected, b);
        assertEquals(new FcFrame.Delimited(FcSof.SOFI3, FRAME, FcEof.EOFT), FcFrame.parsePort(b));
    }

    @Test
    void orderedSetFormForLinkType225() {
        byte[] b = FRAME.orderedSetBytes(FcSof.SOFI3, FcEof.EOFT);
        assertEquals(68, b.length);
        assertArrayEquals(hex("BCB55656"), Arrays.copyOf(b, 4), "SOFi3 = K28.5 D21.5 D22.2 D22.2");
        assertArrayEquals(hex("96FB49CE BC957575"), Arrays.copyOfRange(b, 60, 68));
    }

    @Test
    void delimiterCodesAndOrderedSetsAreThoseOfTheSpecAndWireshark() {
        int[] sofCodes = {0x28, 0x29, 0x2D, 0x2E, 0x31, 0x35, 0x36, 0x39};
        for (int i = 0; i < sofCodes.length; i++) {
            assertEquals(sofCodes[i], FcSof.values()[i].code);
            assertEquals(FcSof.values()[i], FcSof.ofCode(sofCodes[i]));
            assertEquals(0xBCB50000, FcSof.values()[i].orderedSet & 0xFFFF0000, "K28.5 D21.5");
        }
        int[] eofCodes = {0x41, 0x42, 0x44, 0x46, 0x49, 0x4E, 0x4F, 0x50};
        for (int i = 0; i < eofCodes.length; i++) {
            assertEquals(eofCodes[i], FcEof.values()[i].code);
            assertEquals(FcEof.values()[i], FcEof.ofCode(eofCodes[i]));
        }
        assertEquals(0xBCB55858, FcSof.SOFF.orderedSet);
        assertEquals(0xBC8AD5D5, FcEof.EOFNI.orderedSet);
        assertEquals(0xBCAAD5D5, FcEof.EOFNI.orderedSetPositive);
        assertNull(FcSof.ofCode(0x41));
        assertNull(FcEof.ofCode(0x28));
    }

    @Test
    void errorsNameTheField() {
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> new FcFrame(HEADER, new byte[6]));
        assertTrue(p.getMessage().startsWith("payload = 6"), p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FcFrame(HEADER, new byte[2116]));
        new FcFrame(HEADER, new byte[2112]);
        byte[] b = FRAME.portBytes(FcSof.SOFN3, FcEof.EOFN);
        byte[] sof = b.clone();
        sof[0] = 0x41;
        assertEquals("SOF", assertThrows(FrameException.class, () -> FcFrame.parsePort(sof)).field());
        byte[] eof = b.clone();
        eof[61] = 0x28;
        FrameException e = assertThrows(FrameException.class, () -> FcFrame.parsePort(eof));
        assertEquals("EOF", e.field());
        assertEquals(61, e.offset());
        byte[] crc = b.clone();
        crc[30] ^= 1;
        FrameException c = assertThrows(FrameException.class, () -> FcFrame.parsePort(crc));
        assertEquals("FC CRC", c.field());
        assertEquals(57, c.offset());
        byte[] len = FcFrame.parsePort(b).frame().portBytes(FcSof.SOFN3, FcEof.EOFN);
        byte[] shortBy2 = new byte[len.length - 2];
        System.arraycopy(len, 0, shortBy2, 0, shortBy2.length - 1);
        shortBy2[shortBy2.length - 1] = 0x41;
        assertEquals("FC frame length", assertThrows(FrameException.class,
                () -> FcFrame.parsePort(shortBy2)).field());
        assertEquals("length", assertThrows(FrameException.class,
                () -> FcFrame.parsePort(new byte[29])).field());
    }
}
