package director.tb.model;

import org.junit.jupiter.api.Tag;
import director.rtl.params.DirectorParams;
import director.tb.frame.IbPacket;
import director.tb.frame.Vcrc16;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The golden model against fixed cases written from the rules, not from its code. */
@Tag("fast")
class GoldenModelTest {
    private final GoldenModel m = new GoldenModel(SwitchConfig.of(DirectorParams.small()));

    /** A valid UD SEND to the given DLID with a payload of the given length (34 + payload + pad bytes). */
    private static byte[] packet(int dlid, int payload) {
        return IbPacket.builder().dlid(dlid).slid(1).opcode(0x64).qkey(1).srcQp(2).payload(new byte[payload]).build().encode();
    }

    private static void fixVcrc(byte[] w) {
        int v = Vcrc16.reflected(w, 0, w.length - 2);
        w[w.length - 2] = (byte) v;
        w[w.length - 1] = (byte) (v >> 8);
    }

    @Test
    void routedPacketsLeaveUnchangedOnTheirPort() {
        m.setRoute(0x0005, 3);
        byte[] p = packet(0x0005, 30); // 34 + 30 + 2 pad = 66 bytes
        assertEquals(66, p.length);
        Prediction r = m.ingress(1, p);
        assertFalse(r.isDrop());
        assertEquals(3, r.outPort());
        assertArrayEquals(p, r.bytes());
        assertEquals(1, m.counter(1, GoldenModel.Counter.RX_PACKETS));
        assertEquals(66, m.counter(1, GoldenModel.Counter.RX_BYTES));
        assertEquals(1, m.counter(3, GoldenModel.Counter.TX_PACKETS));
        assertEquals(66, m.counter(3, GoldenModel.Counter.TX_BYTES));
    }

    @Test
    void eachIngressCheckInItsOrder() {
        m.setRoute(7, 2);
        assertEquals(DropReason.RUNT, m.ingress(0, new byte[7]).drop(), "7 bytes: shorter than the LRH");
        assertEquals(DropReason.OVERSIZE, m.ingress(0, new byte[4225]).drop(), "one byte over maxPacketBytes 4224");
        byte[] v = packet(7, 40);
        v[v.length - 1] ^= 1;
        assertEquals(DropReason.BAD_VCRC, m.ingress(0, v).drop());
        byte[] lver = IbPacket.builder().lver(3).dlid(7).slid(1).opcode(0x64).qkey(1).srcQp(2).payload(new byte[8]).build().encode();
        assertEquals(DropReason.BAD_LVER, m.ingress(0, lver).drop());
        byte[] both = lver.clone();
        both[both.length - 2] ^= 0x10;
        assertEquals(DropReason.BAD_VCRC, m.ingress(0, both).drop(), "VCRC comes before LVer");
        byte[] lnh = IbPacket.builder().lnh(3).dlid(7).slid(1).opcode(0x64).qkey(1).srcQp(2).payload(new byte[8]).build().encode();
        assertEquals(DropReason.BAD_LNH, m.ingress(0, lnh).drop(), "a GRH packet is not taken");
        byte[] len = packet(7, 40);
        len[5] += 1;
        fixVcrc(len);
        assertEquals(DropReason.BAD_PKTLEN, m.ingress(0, len).drop());
        byte[] icrc = packet(7, 40);
        icrc[icrc.length - 4] ^= (byte) 0x80;
        fixVcrc(icrc);
        assertEquals(DropReason.BAD_ICRC, m.ingress(0, icrc).drop());
        byte[] icrcUnrouted = packet(8, 40);
        icrcUnrouted[icrcUnrouted.length - 3] ^= 1;
        fixVcrc(icrcUnrouted);
        assertEquals(DropReason.BAD_ICRC, m.ingress(0, icrcUnrouted).drop(), "checks come before the lookup");
        byte[] vl15ok = IbPacket.builder().vl(15).dlid(7).slid(1).opcode(0x64).qkey(1).srcQp(2).payload(new byte[256]).build().encode();
        assertFalse(m.ingress(0, vl15ok).isDrop(), "a 256-byte VL15 payload passes");
        byte[] vl15 = IbPacket.builder().vl(15).dlid(7).slid(1).opcode(0x64).qkey(1).srcQp(2).payload(new byte[260]).build().encode();
        assertEquals(DropReason.VL15_TOO_LONG, m.ingress(0, vl15).drop());
        assertFalse(m.ingress(0, packet(7, 4096)).isDrop(), "an MTU payload passes");
        assertEquals(DropReason.TOO_LONG, m.ingress(0, packet(7, 4100)).drop());
        assertEquals(DropReason.UNKNOWN_DLID, m.ingress(0, packet(8, 64)).drop(), "no entry");
        assertEquals(DropReason.UNKNOWN_DLID, m.ingress(0, packet(256, 64)).drop(), "beyond the 256-entry table");
        m.clearRoute(7);
        assertEquals(DropReason.UNKNOWN_DLID, m.ingress(0, packet(7, 64)).drop(), "cleared entry");
        assertEquals(1, m.counter(0, GoldenModel.Counter.DROP_RUNT));
        assertEquals(1, m.counter(0, GoldenModel.Counter.DROP_OVERSIZE));
        assertEquals(2, m.counter(0, GoldenModel.Counter.DROP_BAD_VCRC));
        assertEquals(2, m.counter(0, GoldenModel.Counter.DROP_BAD_ICRC));
        assertEquals(3, m.counter(0, GoldenModel.Counter.DROP_UNKNOWN_DLID));
        assertEquals(2, m.counter(2, GoldenModel.Counter.TX_PACKETS));
        assertEquals(3L, m.drops().get(DropReason.UNKNOWN_DLID));
    }

    @Test
    void routesOutsideTheTableOrPortsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> m.setRoute(256, 0));
        assertThrows(IllegalArgumentException.class, () -> m.setRoute(1, 8));
    }

    /** A valid UD SEND on the given VL and SL to the given DLID (34 + payload + pad bytes). */
    private static byte[] packet(int vl, int sl, int dlid, int payload) {
        return IbPacket.builder().vl(vl).sl(sl).dlid(dlid).slid(1).opcode(0x64).qkey(1).srcQp(2).payload(new byte[payload]).build().encode();
    }

    private static final int RX_PACKETS = 0, RX_BYTES = 1, TX_PACKETS = 2, TX_BYTES = 3, CREDIT_STALL = 4;
    private static final int DROP_RUNT = 16 + 1, DROP_BAD_ICRC = 16 + 7, DROP_UNKNOWN_DLID = 16 + 10, DROP_BAD_VL = 16 + 11;

    @Test
    void aPacketOnADataVlThePortDoesNotHaveIsBadVl() {
        m.setRoute(5, 3);  // small: dataVls = 8, so VL0..VL7 and VL15
        Prediction p9 = m.ingress(1, packet(9, 0, 5, 30));
        assertEquals(DropReason.BAD_VL, p9.drop(), "VL 9 with dataVls 8");
        assertEquals(-1, p9.outPort());
        assertEquals(-1, p9.vl());
        assertEquals(DropReason.BAD_VL, m.ingress(1, packet(8, 0, 5, 30)).drop(), "VL 8, the first VL past the data VLs");
        Prediction p7 = m.ingress(1, packet(7, 0, 5, 30));
        assertFalse(p7.isDrop(), "VL 7 is the last data VL");
        assertEquals(0, p7.vl(), "an SL2VL table never written maps every SL to VL0");
        assertEquals(0, p7.bytes()[0] >> 4 & 0xf, "LRH.VL rewritten to 0");
        assertEquals(2, m.counter(1, GoldenModel.Counter.DROP_BAD_VL));
        assertEquals(1, m.vlCounter(1, 9, DROP_BAD_VL));
        assertEquals(1, m.vlCounter(1, 8, DROP_BAD_VL));
        assertEquals(0, m.vlCounter(1, 7, DROP_BAD_VL));
    }

    @Test
    void badVlComesAfterEveryOtherReason() {
        m.setRoute(5, 3);
        assertEquals(DropReason.UNKNOWN_DLID, m.ingress(0, packet(9, 0, 6, 30)).drop(), "unknown_dlid before bad_vl");
        byte[] icrc = packet(9, 0, 5, 30);
        icrc[icrc.length - 4] ^= 1;
        fixVcrc(icrc);
        assertEquals(DropReason.BAD_ICRC, m.ingress(0, icrc).drop(), "the ingress checks before bad_vl");
        m.setSl2Vl(0, 3, 12L << 4 * 3);  // SL 3 -> VL 12
        assertEquals(DropReason.UNKNOWN_DLID, m.ingress(0, packet(0, 3, 6, 30)).drop(), "unknown_dlid before an SL2VL bad_vl");
        assertEquals(1, m.vlCounter(0, 9, DROP_UNKNOWN_DLID));
        assertEquals(1, m.vlCounter(0, 9, DROP_BAD_ICRC));
        assertEquals(1, m.vlCounter(0, 0, DROP_UNKNOWN_DLID));
        assertEquals(0, m.counter(0, GoldenModel.Counter.DROP_BAD_VL));
    }

    @Test
    void sl2VlDecidesTheEgressVlAndAResultPastTheDataVlsIsBadVl() {
        m.setRoute(5, 3);
        m.setSl2Vl(1, 3, 12L << 4 * 3 | 8L << 4 * 4 | 7L << 4 * 5);  // SL 3 -> VL 12, SL 4 -> VL 8, SL 5 -> VL 7, others VL 0
        assertEquals(DropReason.BAD_VL, m.ingress(1, packet(0, 3, 5, 30)).drop(), "SL 3 -> VL 12");
        assertEquals(DropReason.BAD_VL, m.ingress(1, packet(2, 4, 5, 30)).drop(), "SL 4 -> VL 8 = dataVls");
        byte[] in = packet(2, 5, 5, 30);
        Prediction p = m.ingress(1, in);
        assertFalse(p.isDrop());
        assertEquals(3, p.outPort());
        assertEquals(7, p.vl());
        assertEquals(0x70, p.bytes()[0] & 0xff, "LRH.VL = 7, LVer 0");
        assertEquals(in.length, p.bytes().length);
        assertArrayEquals(java.util.Arrays.copyOfRange(in, 1, in.length - 2), java.util.Arrays.copyOfRange(p.bytes(), 1, in.length - 2),
                "only byte 0 and the VCRC change");
        assertEquals(IbPacket.computeVcrc(p.bytes()), IbPacket.storedVcrc(p.bytes()), "VCRC regenerated");
        assertEquals(0, m.ingress(2, packet(0, 3, 5, 30)).vl(), "SL2VL is per (input, output): input 2's table was never written");
    }

    @Test
    void aVl15PacketStaysOnVl15WhateverSl2VlSays() {
        m.setRoute(5, 3);
        m.setSl2Vl(1, 3, 0x2222_2222_2222_2222L);  // every SL -> VL 2
        byte[] in = packet(15, 4, 5, 30);
        Prediction p = m.ingress(1, in);
        assertFalse(p.isDrop());
        assertEquals(15, p.vl());
        assertArrayEquals(in, p.bytes(), "left as it came");
        m.setSl2Vl(1, 3, 0xCCCC_CCCC_CCCC_CCCCL);  // every SL -> VL 12: does not matter to VL15
        assertEquals(15, m.ingress(1, in).vl());
        assertEquals(2, m.vlCounter(3, 15, TX_PACKETS));
        assertEquals(0, m.vlCounter(3, 2, TX_PACKETS));
    }

    @Test
    void perVlCountersAfterAFewPackets() {
        m.setRoute(5, 3);
        m.setSl2Vl(1, 3, 2L | 5L << 4 | 12L << 4 * 3);  // SL 0 -> VL 2, SL 1 -> VL 5, SL 3 -> VL 12 (bad), others VL 0
        assertEquals(2, m.ingress(1, packet(0, 0, 5, 30)).vl());              // a: 66 bytes, VL0 -> VL2
        assertEquals(5, m.ingress(1, packet(1, 1, 5, 64)).vl());              // b: 98 bytes, VL1 -> VL5
        assertEquals(2, m.ingress(1, packet(1, 0, 5, 8)).vl());               // c: 42 bytes, VL1 -> VL2
        assertEquals(DropReason.BAD_VL, m.ingress(1, packet(0, 3, 5, 100)).drop()); // d: 134 bytes, VL0, SL3 -> VL12
        assertEquals(DropReason.BAD_VL, m.ingress(1, packet(9, 0, 5, 30)).drop());  // e: 66 bytes on VL9
        assertEquals(DropReason.RUNT, m.ingress(1, new byte[] {0x10, 0, 0, 5, 0}).drop()); // f: 5 bytes, byte 0 says VL1
        assertEquals(15, m.ingress(1, packet(15, 1, 5, 30)).vl());            // g: 66 bytes on VL15
        assertEquals(DropReason.RUNT, m.ingress(1, new byte[0]).drop());      // h: no bytes, no VL

        assertEquals(8, m.counter(1, GoldenModel.Counter.RX_PACKETS));
        assertEquals(66 + 98 + 42 + 134 + 66 + 5 + 66, m.counter(1, GoldenModel.Counter.RX_BYTES));
        assertEquals(2, m.counter(1, GoldenModel.Counter.DROP_BAD_VL));
        assertEquals(2, m.counter(1, GoldenModel.Counter.DROP_RUNT));

        // input 1, by received VL
        assertEquals(2, m.vlCounter(1, 0, RX_PACKETS));            // a, d
        assertEquals(66 + 134, m.vlCounter(1, 0, RX_BYTES));
        assertEquals(3, m.vlCounter(1, 1, RX_PACKETS));            // b, c, f
        assertEquals(98 + 42 + 5, m.vlCounter(1, 1, RX_BYTES));
        assertEquals(1, m.vlCounter(1, 9, RX_PACKETS));            // e
        assertEquals(66, m.vlCounter(1, 9, RX_BYTES));
        assertEquals(1, m.vlCounter(1, 15, RX_PACKETS));           // g
        assertEquals(66, m.vlCounter(1, 15, RX_BYTES));
        assertEquals(0, m.vlCounter(1, 2, RX_PACKETS), "the egress VL does not count at the input");
        assertEquals(1, m.vlCounter(1, 0, DROP_BAD_VL));           // d
        assertEquals(1, m.vlCounter(1, 9, DROP_BAD_VL));           // e
        assertEquals(1, m.vlCounter(1, 1, DROP_RUNT));             // f (h has no VL)
        assertEquals(0, m.vlCounter(1, 0, DROP_RUNT));
        assertEquals(0, m.vlCounter(1, 2, TX_PACKETS), "nothing leaves port 1");

        // output 3, by egress VL
        assertEquals(2, m.vlCounter(3, 2, TX_PACKETS));            // a, c
        assertEquals(66 + 42, m.vlCounter(3, 2, TX_BYTES));
        assertEquals(1, m.vlCounter(3, 5, TX_PACKETS));            // b
        assertEquals(98, m.vlCounter(3, 5, TX_BYTES));
        assertEquals(1, m.vlCounter(3, 15, TX_PACKETS));           // g
        assertEquals(66, m.vlCounter(3, 15, TX_BYTES));
        assertEquals(0, m.vlCounter(3, 0, TX_PACKETS));
        assertEquals(0, m.vlCounter(3, 1, TX_PACKETS));
        assertEquals(0, m.vlCounter(3, 2, RX_PACKETS));

        assertEquals(-1, m.vlCounter(3, 2, CREDIT_STALL), "credit stall cycles are not predicted");
        assertEquals(-1, m.vlCounter(3, 2, 16), "no reason code 0");
        assertEquals(-1, m.vlCounter(3, 2, 28), "no reason code 12");
        assertThrows(IllegalArgumentException.class, () -> m.vlCounter(3, 16, 0));
        assertThrows(IllegalArgumentException.class, () -> m.vlCounter(3, 0, 32));
        assertThrows(IllegalArgumentException.class, () -> m.vlCounter(8, 0, 0));
    }

    @Test
    void reasonCodesMatchTheRtl() {
        // every reason of the RTL is a constant here and nothing else, in the same order, named as the RTL names it
        var rtl = scala.jdk.javaapi.CollectionConverters.asJava(director.rtl.link.DropReason.all());
        assertEquals(rtl.size(), DropReason.values().length, "as many reasons as the RTL has");
        for (int i = 0; i < rtl.size(); i++) {
            DropReason r = DropReason.values()[i];
            assertEquals(rtl.get(i).code(), r.rtlCode, r.name());
            assertEquals(rtl.get(i).key(), r.key, r.name());
            assertEquals(r.key.toUpperCase(java.util.Locale.ROOT), r.name());
            assertEquals(rtl.get(i).isGateway(), r.isGateway(), r.name());
            assertEquals(r, DropReason.ofCode(r.rtlCode));
        }
        assertEquals(director.rtl.link.DropReason.Runt(), DropReason.RUNT.rtlCode);
        assertEquals(director.rtl.link.DropReason.FcMisaligned(), DropReason.FC_MISALIGNED.rtlCode);
        assertEquals(DropReason.BAD_VL, DropReason.values()[DropReason.UNKNOWN_QP.ordinal() - 7], "bad_vl is the last link-layer reason");
        assertEquals(15, GoldenModel.Counter.DROP_BAD_VL.csrIndex);
        assertEquals(0x040000 + 3 * 512 + 2 * 32 + 27, director.rtl.csr.CsrMap.vlCounterAddr(3, 2, 16 + DropReason.BAD_VL.rtlCode));
        assertThrows(IllegalArgumentException.class, () -> DropReason.ofCode(12));
    }

    @Test
    void everyLinkReasonHasItsOwnPortCounterAndNoGatewayReasonHasOne() {
        var names = scala.jdk.javaapi.CollectionConverters.asJava(director.rtl.csr.CsrMap.counterNames());
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (DropReason r : DropReason.values()) {
            if (r.isGateway()) {
                assertEquals(-1, r.counterIndex, r.key);
                continue;
            }
            assertTrue(r.counterIndex >= 0, r.key + " has a per-port counter");
            assertTrue(used.add(r.counterIndex), r.key + ": its counter is no other reason's");
            assertTrue(names.get(r.counterIndex).startsWith("Drop"), r.key + " counts in " + names.get(r.counterIndex));
            assertEquals(GoldenModel.Counter.of(r).csrIndex, r.counterIndex, r.key);
        }
        long dropCounters = names.stream().filter(n -> n.startsWith("Drop")).count();
        assertEquals(dropCounters, used.size(), "every Drop* counter belongs to a reason");
    }

    @Test
    void counterOrderMatchesTheRegisterMap() {
        var names = scala.jdk.javaapi.CollectionConverters.asJava(director.rtl.csr.CsrMap.counterNames());
        for (GoldenModel.Counter c : GoldenModel.Counter.values())
            assertEquals(GoldenModel.Counter.csrName(c.name()), names.get(c.csrIndex), c.name());
        assertEquals("DropBadPktLen", GoldenModel.Counter.csrName("DROP_BAD_PKT_LEN"));
        assertEquals(11, GoldenModel.Counter.DROP_BAD_PKT_LEN.csrIndex);
        assertEquals(names.size() - 1, GoldenModel.Counter.values().length, "every counter but XbarBeats is predicted");
    }
}
