package director.tb.model;

import director.rtl.params.DirectorParams;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The golden model against fixed cases written from the rules, not from its code. */
class GoldenModelTest {
    private final GoldenModel m = new GoldenModel(SwitchConfig.of(DirectorParams.small()));

    /** An 8-byte LRH with the given DLID, padded with zeros to {@code len} bytes. */
    private static byte[] packet(int dlid, int len) {
        byte[] b = new byte[len];
        b[1] = 0x02;
        b[2] = (byte) (dlid >> 8);
        b[3] = (byte) dlid;
        return b;
    }

    @Test
    void routedPacketsLeaveUnchangedOnTheirPort() {
        m.setRoute(0x0005, 3);
        byte[] p = packet(0x0005, 64);
        Prediction r = m.ingress(1, p);
        assertFalse(r.isDrop());
        assertEquals(3, r.outPort());
        assertArrayEquals(p, r.bytes());
        assertEquals(1, m.counter(1, GoldenModel.Counter.RX_PACKETS));
        assertEquals(64, m.counter(1, GoldenModel.Counter.RX_BYTES));
        assertEquals(1, m.counter(3, GoldenModel.Counter.TX_PACKETS));
        assertEquals(64, m.counter(3, GoldenModel.Counter.TX_BYTES));
    }

    @Test
    void dropRulesInOrderRuntOversizeUnknown() {
        m.setRoute(7, 2);
        assertEquals(DropReason.RUNT, m.ingress(0, new byte[7]).drop(), "7 bytes: shorter than the LRH");
        assertFalse(m.ingress(0, packet(7, 8)).isDrop(), "exactly an LRH is forwarded");
        assertEquals(DropReason.OVERSIZE, m.ingress(0, packet(7, 4225)).drop(), "one byte over maxPacketBytes 4224");
        assertFalse(m.ingress(0, packet(7, 4224)).isDrop(), "exactly maxPacketBytes is forwarded");
        assertEquals(DropReason.UNKNOWN_DLID, m.ingress(0, packet(8, 64)).drop(), "no entry");
        assertEquals(DropReason.UNKNOWN_DLID, m.ingress(0, packet(256, 64)).drop(), "beyond the 256-entry table");
        assertEquals(DropReason.UNKNOWN_DLID, m.ingress(0, packet(0xFFFF, 64)).drop(), "permissive LID is not routed");
        m.clearRoute(7);
        assertEquals(DropReason.UNKNOWN_DLID, m.ingress(0, packet(7, 64)).drop(), "cleared entry");
        assertEquals(1, m.counter(0, GoldenModel.Counter.DROP_RUNT));
        assertEquals(1, m.counter(0, GoldenModel.Counter.DROP_OVERSIZE));
        assertEquals(4, m.counter(0, GoldenModel.Counter.DROP_UNKNOWN_DLID));
        assertEquals(2, m.counter(2, GoldenModel.Counter.TX_PACKETS));
        assertEquals(4L, m.drops().get(DropReason.UNKNOWN_DLID));
    }

    @Test
    void routesOutsideTheTableOrPortsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> m.setRoute(256, 0));
        assertThrows(IllegalArgumentException.class, () -> m.setRoute(1, 8));
    }

    @Test
    void counterOrderMatchesTheRegisterMap() {
        var names = scala.jdk.javaapi.CollectionConverters.asJava(director.rtl.csr.CsrMap.counterNames());
        String[] expect = {"RxPackets", "RxBytes", "TxPackets", "TxBytes", "DropUnknownDlid", "DropOversize", "DropRunt"};
        for (int i = 0; i < expect.length; i++) assertEquals(expect[i], names.get(i));
        assertEquals(GoldenModel.Counter.values().length, expect.length);
    }
}
