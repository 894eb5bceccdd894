package director.tb.frame;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

@Tag("fast")
class IbPacketTest {

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /*
     * Fixed UD packet, derived by hand from the field table in spec/infiniband.md:
     *   VL=3 LVer=0 SL=5 LNH=2 DLID=0x1234 SLID=0x00AB
     *   OpCode=0x64 (UD SEND only) SE=1 M=0 PadCnt=3 TVer=0 P_Key=0xFFFF Resv8a=0
     *   DestQP=0x000ABC AckReq=1 PSN=0x012345  Q_Key=0x80010000 SrcQP=0x000001
     *   payload "Hello" (5 bytes) -> 3 pad bytes
     *   length up to VCRC = 8+12+8+5+3+4 = 40 bytes -> PktLen = 10
     * LRH  byte0 = VL<<4|LVer = 0x30; byte1 = SL<<4|LNH = 0x52; 12 34; 00 0A; 00 AB
     * BTH  64; SE<<7|M<<6|PadCnt<<4|TVer = 0x80|0x30 = 0xB0; FF FF; 00; 00 0A BC;
     *      AckReq<<7 = 0x80; 01 23 45
     * DETH 80 01 00 00; 00; 00 00 01
     * ICRC = 0x02118C3C (CRC-32 of bytes 0..35 with byte0 = 0xF0, byte12 = 0xFF), stored LE
     * VCRC = 0x139C (reflected CRC-16 of bytes 0..39), stored LE
     * The two CRC values were computed outside this code base (Python zlib.crc32 on the
     * masked bytes, and a bit-serial CRC-16 with polynomial 0xD008).
     */
    private static final byte[] FIXED_UD = bytes(
            0x30, 0x52, 0x12, 0x34, 0x00, 0x0A, 0x00, 0xAB,
            0x64, 0xB0, 0xFF, 0xFF, 0x00, 0x00, 0x0A, 0xBC, 0x80, 0x01, 0x23, 0x45,
            0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x00, 0x00, 0x00,
            0x3C, 0x8C, 0x11, 0x02,
            0x9C, 0x13);

    private static IbPacket fixedUdPacket() {
        return IbPacket.builder()
                .vl(3).lver(0).sl(5).lnh(2).dlid(0x1234).slid(0x00AB)
                .opcode(0x64).se(true).m(false).tver(0).pkey(0xFFFF).resv8a(0)
                .destQp(0x000ABC).ackReq(true).psn(0x012345)
                .qkey(0x80010000L).srcQp(0x000001)
                .payload(bytes('H', 'e', 'l', 'l', 'o'))
                .build();
    }

    /*
     * Fixed RC SEND-only packet without payload:
     *   VL=0 SL=0 LNH=2 DLID=1 SLID=2, OpCode=0x04, flags 0, P_Key=0x8000, DestQP=0x11,
     *   PSN=0; length up to VCRC = 8+12+4 = 24 -> PktLen = 6, PadCnt = 0.
     *   ICRC = 0x849AA638, VCRC = 0xE1B5 (computed as above), both LE.
     */
    private static final byte[] FIXED_RC = bytes(
            0x00, 0x02, 0x00, 0x01, 0x00, 0x06, 0x00, 0x02,
            0x04, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x00, 0x00,
            0x38, 0xA6, 0x9A, 0x84,
            0xB5, 0xE1);

    @Test
    void fixedUdPacketEncodesToHandDerivedBytes() {
        IbPacket p = fixedUdPacket();
        assertArrayEquals(FIXED_UD, p.encode());
        assertEquals(10, p.pktLen());
        assertEquals(3, p.padCnt());
        assertEquals(42, p.wireLength());
        assertTrue(p.hasDeth());
    }

    @Test
    void fixedUdPacketDecodesToSameFields() {
        IbPacket d = IbPacket.decode(FIXED_UD);
        assertEquals(fixedUdPacket(), d);
        assertEquals(3, d.vl());
        assertEquals(5, d.sl());
        assertEquals(2, d.lnh());
        assertEquals(0x1234, d.dlid());
        assertEquals(0x00AB, d.slid());
        assertEquals(0x64, d.opcode());
        assertTrue(d.se());
        assertFalse(d.m());
        assertEquals(0xFFFF, d.pkey());
        assertEquals(0x000ABC, d.destQp());
        assertTrue(d.ackReq());
        assertEquals(0x012345, d.psn());
        assertEquals(0x80010000L, d.qkey());
        assertEquals(1, d.srcQp());
        assertArrayEquals(bytes('H', 'e', 'l', 'l', 'o'), d.payload());
        assertArrayEquals(FIXED_UD, d.encode());
        assertEquals(0x02118C3C, IbPacket.storedIcrc(FIXED_UD));
        assertEquals(0x139C, IbPacket.storedVcrc(FIXED_UD));
    }

    @Test
    void fixedRcPacketRoundTrip() {
        IbPacket p = IbPacket.builder().dlid(1).slid(2).opcode(0x04).pkey(0x8000)
                .destQp(0x11).build();
        assertArrayEquals(FIXED_RC, p.encode());
        IbPacket d = IbPacket.decode(FIXED_RC);
        assertEquals(p, d);
        assertFalse(d.hasDeth());
        assertEquals(0, d.payloadLength());
        assertThrows(IllegalStateException.class, d::qkey);
        assertThrows(IllegalStateException.class, d::srcQp);
    }

    @Test
    void rawFieldAccessors() {
        assertEquals(0x1234, IbPacket.dlid(FIXED_UD));
        assertEquals(0x00AB, IbPacket.slid(FIXED_UD));
        assertEquals(3, IbPacket.vl(FIXED_UD));
        assertEquals(5, IbPacket.sl(FIXED_UD));
        assertEquals(2, IbPacket.lnh(FIXED_UD));
        assertEquals(10, IbPacket.pktLenField(FIXED_UD));
        FrameException e = assertThrows(FrameException.class,
                () -> IbPacket.dlid(new byte[3]));
        assertEquals("length", e.field());
    }

    @Test
    void pktLenFieldIgnoresReservedBits() {
        byte[] w = FIXED_UD.clone();
        w[4] |= (byte) 0xF8; // reserved bits 15:11
        assertEquals(10, IbPacket.pktLenField(w));
    }

    @Test
    void padCntForPayloadLengthsZeroToSeven() {
        int[] expectedPad = {0, 3, 2, 1, 0, 3, 2, 1};
        for (boolean ud : new boolean[] {false, true}) {
            for (int len = 0; len <= 7; len++) {
                byte[] payload = new byte[len];
                for (int i = 0; i < len; i++) {
                    payload[i] = (byte) (0xA0 + i);
                }
                IbPacket.Builder b = IbPacket.builder().payload(payload);
                if (ud) {
                    b.opcode(0x64).qkey(0x11111111L).srcQp(0x22);
                }
                IbPacket p = b.build();
                int hl = ud ? 28 : 20;
                int pad = expectedPad[len];
                String ctx = "ud=" + ud + " len=" + len;
                assertEquals(pad, p.padCnt(), ctx);
                assertEquals(0, (len + pad) % 4, ctx);
                byte[] w = p.encode();
                assertEquals(hl + len + pad + 4 + 2, w.length, ctx);
                assertEquals((hl + len + pad + 4) / 4, IbPacket.pktLenField(w), ctx);
                assertEquals(pad, (w[9] >> 4) & 3, ctx + " (PadCnt bits in BTH byte 1)");
                for (int i = 0; i < pad; i++) {
                    assertEquals(0, w[hl + len + i], ctx + " pad byte " + i);
                }
                IbPacket d = IbPacket.decode(w);
                assertArrayEquals(payload, d.payload(), ctx);
                assertEquals(p, d, ctx);
            }
        }
    }

    @Test
    void vlChangeKeepsIcrcButChangesVcrc() {
        byte[] w = FIXED_UD;
        for (int vl = 0; vl <= 15; vl++) {
            byte[] v = IbPacket.withVl(w, vl);
            assertEquals(vl, IbPacket.vl(v));
            assertEquals(w.length, v.length);
            // ICRC bytes untouched and still correct
            assertEquals(IbPacket.storedIcrc(w), IbPacket.storedIcrc(v));
            assertEquals(IbPacket.storedIcrc(v), IbPacket.computeIcrc(v, v.length - 6));
            if (vl != 3) {
                assertNotEquals(IbPacket.storedVcrc(w), IbPacket.storedVcrc(v), "vl=" + vl);
            }
            IbPacket d = IbPacket.decode(v);
            assertEquals(vl, d.vl());
            assertEquals(fixedUdPacket().toBuilder().vl(vl).build(), d);
            // Re-encoding the changed packet gives the same image.
            assertArrayEquals(v, d.encode());
        }
        assertArrayEquals(w, IbPacket.withVl(w, 3));
        assertThrows(IllegalArgumentException.class, () -> IbPacket.withVl(w, 16));
    }

    @Test
    void withVlDoesNotModifyInput() {
        byte[] w = FIXED_UD.clone();
        IbPacket.withVl(w, 7);
        assertArrayEquals(FIXED_UD, w);
    }

    @Test
    void icrcInvariantToResv8a() {
        IbPacket base = fixedUdPacket();
        byte[] w0 = base.encode();
        for (int r : new int[] {0x01, 0x5A, 0x80, 0xFF}) {
            byte[] wr = base.toBuilder().resv8a(r).build().encode();
            assertEquals(r, wr[12] & 0xFF);
            assertEquals(IbPacket.storedIcrc(w0), IbPacket.storedIcrc(wr), "resv8a=" + r);
            assertNotEquals(IbPacket.storedVcrc(w0), IbPacket.storedVcrc(wr), "resv8a=" + r);
            assertEquals(r, IbPacket.decode(wr).resv8a());
        }
        // Rewriting Resv8a in flight (as FECN/BECN marking would) and fixing only the VCRC
        // leaves a valid packet.
        byte[] marked = w0.clone();
        marked[12] = (byte) 0x40;
        int n = marked.length;
        int v = Vcrc16.vcrc(marked, 0, n - 2);
        marked[n - 2] = (byte) v;
        marked[n - 1] = (byte) (v >>> 8);
        assertTrue(IbPacket.check(marked).ok());
    }

    /**
     * For a local packet the LRH itself (all but VL) is covered by the ICRC, so the
     * "LRH replaced by 8 bytes of ones / seed 0xDEBB20E3" shortcut (a GRH-packet rule) does
     * not apply: changing DLID, SLID, SL or LVer changes the ICRC.
     */
    @Test
    void icrcCoversInvariantLrhFields() {
        IbPacket base = fixedUdPacket();
        int icrc = IbPacket.storedIcrc(base.encode());
        assertNotEquals(icrc, IbPacket.storedIcrc(base.toBuilder().dlid(0x1235).build().encode()));
        assertNotEquals(icrc, IbPacket.storedIcrc(base.toBuilder().slid(0x00AC).build().encode()));
        assertNotEquals(icrc, IbPacket.storedIcrc(base.toBuilder().sl(6).build().encode()));
        assertNotEquals(icrc, IbPacket.storedIcrc(base.toBuilder().lver(1).build().encode()));
        // ... and is not the seeded-with-ones CRC over BTH onward.
        byte[] w = base.encode();
        int seeded = Crc32.finish(Crc32.update(Crc32.SEED_AFTER_8_ONES, maskedFrom8(w), 0,
                w.length - 6 - 8));
        assertNotEquals(icrc, seeded);
    }

    private static byte[] maskedFrom8(byte[] w) {
        byte[] b = java.util.Arrays.copyOfRange(w, 8, w.length - 6);
        b[4] = (byte) 0xFF;
        return b;
    }

    @Test
    void masksAreExactlyVlNibbleAndResv8a() {
        byte[] w = FIXED_UD;
        byte[] masked = java.util.Arrays.copyOf(w, w.length - 6);
        masked[0] = (byte) (masked[0] | 0xF0);
        masked[12] = (byte) 0xFF;
        assertEquals(Crc32.compute(masked), IbPacket.storedIcrc(w));
    }

    // ------------------------------------------------------------------ corruption

    private static void fixVcrc(byte[] w) {
        int n = w.length;
        int v = Vcrc16.vcrc(w, 0, n - 2);
        w[n - 2] = (byte) v;
        w[n - 1] = (byte) (v >>> 8);
    }

    private static void fixIcrc(byte[] w) {
        int off = w.length - 6;
        int c = IbPacket.computeIcrc(w, off);
        w[off] = (byte) c;
        w[off + 1] = (byte) (c >>> 8);
        w[off + 2] = (byte) (c >>> 16);
        w[off + 3] = (byte) (c >>> 24);
    }

    private static FrameException rejects(byte[] w, String field, int offset) {
        FrameException e = assertThrows(FrameException.class, () -> IbPacket.decode(w));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains(field));
        return e;
    }

    @Test
    void rejectsTooShort() {
        for (int len : new int[] {0, 1, 8, 20, 25}) {
            byte[] w = java.util.Arrays.copyOf(FIXED_RC, len);
            rejects(w, "length", len);
            assertEquals(Set.of(CheckResult.Check.LENGTH), IbPacket.check(w).failed());
        }
    }

    @Test
    void rejectsUdPacketTooShortForDeth() {
        byte[] w = FIXED_RC.clone();
        w[8] = 0x64; // claims UD, but there is no room for a DETH
        fixIcrc(w);
        fixVcrc(w);
        rejects(w, "length", w.length);
        assertThrows(FrameException.class, () -> IbPacket.decodeUnchecked(w));
    }

    @Test
    void rejectsWrongLnh() {
        for (int lnh : new int[] {0, 1, 3}) {
            byte[] w = IbPacket.builder().lnh(lnh).build().encode();
            rejects(w, "LRH.LNH", 1);
            assertEquals(Set.of(CheckResult.Check.LNH), IbPacket.check(w).failed());
        }
    }

    @Test
    void rejectsPktLenMismatch() {
        byte[] w = FIXED_UD.clone();
        w[5] = 11; // PktLen 10 -> 11
        fixIcrc(w);
        fixVcrc(w);
        rejects(w, "LRH.PktLen", 4);
        assertEquals(Set.of(CheckResult.Check.PKT_LEN), IbPacket.check(w).failed());
        // a truncated packet (one word lost) also shows up as a PktLen mismatch
        byte[] cut = new byte[FIXED_UD.length - 4];       // drop payload bytes 32..35
        System.arraycopy(FIXED_UD, 0, cut, 0, 32);
        System.arraycopy(FIXED_UD, 36, cut, 32, 6);
        rejects(cut, "LRH.PktLen", 4);
    }

    @Test
    void rejectsBadVcrc() {
        byte[] w = FIXED_UD.clone();
        w[w.length - 1] ^= 0x01;
        rejects(w, "VCRC", w.length - 2);
        CheckResult r = IbPacket.check(w);
        assertFalse(r.vcrcOk());
        assertTrue(r.icrcOk());
        assertEquals(List.of("VCRC"), r.failedFields());
        // decodeUnchecked ignores it
        assertEquals(fixedUdPacket(), IbPacket.decodeUnchecked(w));
    }

    @Test
    void rejectsBadIcrc() {
        byte[] w = FIXED_UD.clone();
        w[30] ^= 0x20;  // corrupt a payload byte ...
        fixVcrc(w);     // ... behind a hop that recomputed the VCRC
        rejects(w, "ICRC", w.length - 6);
        CheckResult r = IbPacket.check(w);
        assertTrue(r.vcrcOk());
        assertFalse(r.icrcOk());
        assertEquals(List.of("ICRC"), r.failedFields());
        IbPacket d = IbPacket.decodeUnchecked(w);
        assertEquals(w[30], d.payload()[2]);
    }

    @Test
    void payloadCorruptionFailsBothCrcsVcrcReportedFirst() {
        byte[] w = FIXED_UD.clone();
        w[29] ^= 0x01;
        rejects(w, "VCRC", w.length - 2);
        assertEquals(List.of("VCRC", "ICRC"), IbPacket.check(w).failedFields());
    }

    @Test
    void rejectsPadCntLargerThanPayloadArea() {
        byte[] w = FIXED_RC.clone(); // no payload, PadCnt 0
        w[9] = 0x30;                 // PadCnt 3
        fixIcrc(w);
        fixVcrc(w);
        rejects(w, "BTH.PadCnt", 9);
        assertEquals(Set.of(CheckResult.Check.PAD_CNT), IbPacket.check(w).failed());
    }

    @Test
    void checkReportsOkForGoodPackets() {
        assertTrue(IbPacket.check(FIXED_UD).ok());
        assertTrue(IbPacket.check(FIXED_RC).ok());
        assertEquals("CheckResult[ok]", IbPacket.check(FIXED_RC).toString());
    }

    /**
     * With the VCRC stored little-endian, the reflected CRC-16 over a whole packet including
     * its VCRC is a constant residue, as for Ethernet's FCS: evidence that the byte order
     * matches the LSB-first bit order.
     */
    @Test
    void vcrcResidueIsConstant() {
        int residue = Vcrc16.reflected(FIXED_UD, 0, FIXED_UD.length);
        assertEquals(residue, Vcrc16.reflected(FIXED_RC, 0, FIXED_RC.length));
        Random r = new Random(99);
        for (int t = 0; t < 50; t++) {
            byte[] w = randomPacket(r).encode();
            assertEquals(residue, Vcrc16.reflected(w, 0, w.length));
        }
    }

    // ------------------------------------------------------------------ random / builder

    private static IbPacket randomPacket(Random r) {
        boolean ud = r.nextBoolean();
        byte[] payload = new byte[r.nextInt(80)];
        r.nextBytes(payload);
        IbPacket.Builder b = IbPacket.builder()
                .vl(r.nextInt(16)).lver(r.nextInt(16)).sl(r.nextInt(16))
                .dlid(r.nextInt(0x10000)).slid(r.nextInt(0x10000))
                .opcode(ud ? 0x64 + r.nextInt(2) : r.nextInt(0x60))
                .se(r.nextBoolean()).m(r.nextBoolean()).tver(r.nextInt(16))
                .pkey(r.nextInt(0x10000)).resv8a(r.nextInt(0x100))
                .destQp(r.nextInt(0x1000000)).ackReq(r.nextBoolean())
                .psn(r.nextInt(0x1000000)).payload(payload);
        if (ud) {
            b.qkey(r.nextLong() & 0xFFFFFFFFL).srcQp(r.nextInt(0x1000000));
        }
        return b.build();
    }

    @Test
    void randomRoundTrip() {
        long seed = 20240601L;
        System.out.println("IbPacketTest.randomRoundTrip seed=" + seed);
        Random r = new Random(seed);
        for (int t = 0; t < 500; t++) {
            IbPacket p = randomPacket(r);
            byte[] w = p.encode();
            assertEquals(p.wireLength(), w.length);
            assertEquals(0, (w.length - 2) % 4);
            assertTrue(IbPacket.check(w).ok(), p.toString());
            assertEquals(p, IbPacket.decode(w), p.toString());
            assertEquals(p.hashCode(), IbPacket.decode(w).hashCode());
        }
    }

    @Test
    void builderRejectsOutOfRangeNamingTheField() {
        assertEquals("vl = 16 out of range 0..15", assertThrows(IllegalArgumentException.class,
                () -> IbPacket.builder().vl(16)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IbPacket.builder().dlid(0x10000)).getMessage().startsWith("dlid"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IbPacket.builder().destQp(-1)).getMessage().startsWith("destQp"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IbPacket.builder().lnh(4)).getMessage().startsWith("lnh"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IbPacket.builder().qkey(0x100000000L)).getMessage().startsWith("qkey"));
    }

    @Test
    void builderRejectsDethOnNonUdOpcode() {
        assertThrows(IllegalArgumentException.class,
                () -> IbPacket.builder().opcode(0x04).qkey(1).build());
        // toBuilder of a UD packet may switch to a non-UD opcode: the DETH is dropped
        IbPacket rc = fixedUdPacket().toBuilder().opcode(0x04).build();
        assertFalse(rc.hasDeth());
        assertEquals(20 + 5 + 3 + 4 + 2, rc.encode().length);
    }

    @Test
    void builderRejectsOversizedPayload() {
        // PktLen is 11 bits: at most 2047 words = 8188 bytes up to the VCRC
        int maxRc = 2047 * 4 - 20 - 4;
        assertEquals(2047, IbPacket.builder().payload(new byte[maxRc]).build().pktLen());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IbPacket.builder().payload(new byte[maxRc + 1]).build());
        assertTrue(e.getMessage().startsWith("payload"));
    }

    @Test
    void payloadIsDefensivelyCopied() {
        byte[] data = {1, 2, 3};
        IbPacket p = IbPacket.builder().payload(data).build();
        data[0] = 9;
        assertEquals(1, p.payload()[0]);
        p.payload()[1] = 9;
        assertEquals(2, p.payload()[1]);
    }
}
