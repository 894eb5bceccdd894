package director.tb.model;

import director.rtl.params.DirectorParams;
import director.tb.frame.IbPacket;
import director.tb.frame.Vcrc16;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The golden model against fixed cases written from the rules, not from its code. */
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

    @Test
    void counterOrderMatchesTheRegisterMap() {
        var names = scala.jdk.javaapi.CollectionConverters.asJava(director.rtl.csr.CsrMap.counterNames());
        for (GoldenModel.Counter c : GoldenModel.Counter.values()) {
            String camel = java.util.Arrays.stream(c.name().split("_")).map(w -> w.charAt(0) + w.substring(1).toLowerCase())
                    .collect(java.util.stream.Collectors.joining());
            assertEquals(camel.replace("Pktlen", "PktLen").replace("Vl15", "Vl15"), names.get(c.csrIndex), c.name());
        }
    }
}
