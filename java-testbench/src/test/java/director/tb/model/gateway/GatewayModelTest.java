package director.tb.model.gateway;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import director.tb.frame.Eoib;
import director.tb.frame.EthernetFrame;
import director.tb.frame.IbPacket;
import director.tb.frame.UdRoute;
import director.tb.model.DropReason;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Expected values are fixed bytes computed outside this code base (Python zlib.crc32 for FCS and ICRC, a
 * bit-serial CRC-16 with polynomial 0xD008 for the VCRC; the Ethernet frame's FCS also checked good by tshark) or
 * drop reasons read off docs/gateway.md; the packets that must be dropped are built with the frame codecs. The link
 * checks that come first are GoldenModel's (GoldenModelTest).
 */
@Tag("fast")
class GatewayModelTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static final String FRAME_HEX = "020000000001 020000000002 88B5"
            + "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D";
    /** The 64-byte frame of EthernetFrameTest: dst 02:00:00:00:00:01, FCS C6 E8 12 98. */
    private static final byte[] FRAME_WITH_FCS = hex(FRAME_HEX + "C6E81298");

    /**
     * LAN -> server for that frame and vNIC 0 below (SL 1, DLID 5, host QP 0x123), by docs/gateway.md: LRH VL 1
     * (SL 1 mod 8), SL 1, LNH 2, DLID 0x0005, PktLen 24, SLID GW_LID 0xBFFF; BTH 64 00 FFFF 00 000123 00 000000;
     * DETH 00000B1B 00 000100 (vNIC 0's director QP); EoIB C0000000; frame; no pad; ICRC 0xFFD14F4B and VCRC 0xA245,
     * both little-endian.
     */
    private static final byte[] EOIB_TO_HOST = hex("1012 0005 0018 BFFF 6400FFFF 00000123 00000000"
            + "00000B1B 00000100 C0000000" + FRAME_HEX + "4B4FD1FF 45A2");

    /**
     * Server -> LAN: the host (LID 5, QP 0x123) sends that frame to vNIC 0: LRH VL 0 SL 0 DLID 0xBFFF SLID 5,
     * BTH DestQP 0x000100, DETH Q_Key 0xB1B SrcQP 0x123; ICRC 0x3F3A4D29, VCRC 0x8ED2.
     */
    private static final byte[] EOIB_FROM_HOST = hex("0002 BFFF 0018 0005 6400FFFF 00000100 00000000"
            + "00000B1B 00000123 C0000000" + FRAME_HEX + "294D3A3F D28E");

    private static final int MODULE_PORT = 6;
    private static final int HOST_PORT = 1;
    private static final long MAC = 0x020000000001L;

    private GatewayModel g;

    @BeforeEach
    void setUp() {
        boolean[] eth = new boolean[8];
        eth[5] = eth[6] = eth[7] = true;                       // the gateway profile: hosts 0-4, 10GbE 5-7
        g = new GatewayModel(8, 1522, eth, 5, 4);
        g.set(new Vnic(0, MAC, new int[] {0, 100}, HOST_PORT, MODULE_PORT, 1, 0x0005, 0x000123));
    }

    @Test
    void lanToServerBuildsTheEoibPacketOfTheContract() {
        GatewayModel.Decision d = g.fromLan(MODULE_PORT, FRAME_WITH_FCS);
        assertNull(d.drop());
        assertEquals(HOST_PORT, d.port());
        assertArrayEquals(EOIB_TO_HOST, d.bytes());
    }

    @Test
    void serverToLanSendsTheFrameWithItsFcs() {
        GatewayModel.Decision d = g.fromHost(EOIB_FROM_HOST);
        assertNull(d.drop());
        assertEquals(MODULE_PORT, d.port());
        assertArrayEquals(FRAME_WITH_FCS, d.bytes());
    }

    private static byte[] withFcs(byte[] frame) {
        return EthernetFrame.appendFcs(frame);
    }

    @Test
    void lanToServerDropsInTheContractsOrder() {
        byte[] frame = Arrays.copyOf(FRAME_WITH_FCS, 60);
        assertEquals(DropReason.ETH_RUNT, g.fromLan(MODULE_PORT, Arrays.copyOf(FRAME_WITH_FCS, 63)).drop(),
                "63 bytes: runt before bad_fcs");
        byte[] big = withFcs(Arrays.copyOf(frame, 1519));
        assertEquals(DropReason.ETH_OVERSIZE, g.fromLan(MODULE_PORT, big).drop(), "1523 > 1522");
        assertNull(g.fromLan(MODULE_PORT, withFcs(Arrays.copyOf(frame, 1518))).drop(), "1522 is allowed");
        byte[] badFcs = FRAME_WITH_FCS.clone();
        badFcs[0] ^= 0x01;                                   // also makes dst a group address
        assertEquals(DropReason.BAD_FCS, g.fromLan(MODULE_PORT, badFcs).drop(), "bad_fcs before unknown_mac");
        byte[] group = frame.clone();
        group[0] |= 0x01;
        assertEquals(HOST_PORT, g.fromLan(MODULE_PORT, withFcs(group)).port(), "a group frame reaches the vNIC on its VLAN");
        byte[] group7 = new EthernetFrame(0xFFFF_FFFF_FFFFL, 2, new EthernetFrame.Tag(0, false, 7), 0x88B5, new byte[42]).encodeWithFcs();
        assertEquals(DropReason.UNKNOWN_MAC, g.fromLan(MODULE_PORT, group7).drop(), "a group frame with no vNIC on its VLAN");
        assertEquals(DropReason.UNKNOWN_MAC, g.fromLan(MODULE_PORT + 1, FRAME_WITH_FCS).drop(), "not its bound port");
        byte[] otherMac = frame.clone();
        otherMac[5] = 0x09;
        assertEquals(DropReason.UNKNOWN_MAC, g.fromLan(MODULE_PORT, withFcs(otherMac)).drop());
        byte[] vlan7 = new EthernetFrame(MAC, 2, new EthernetFrame.Tag(0, false, 7), 0x88B5, new byte[42]).encodeWithFcs();
        assertEquals(DropReason.UNKNOWN_MAC, g.fromLan(MODULE_PORT, vlan7).drop(), "VLAN 7 not among 0 and 100");
        byte[] vlan100 = new EthernetFrame(MAC, 2, new EthernetFrame.Tag(0, false, 100), 0x88B5, new byte[42]).encodeWithFcs();
        assertEquals(HOST_PORT, g.fromLan(MODULE_PORT, vlan100).port());
        g.clear(0);
        assertEquals(DropReason.UNKNOWN_MAC, g.fromLan(MODULE_PORT, FRAME_WITH_FCS).drop(), "invalid vNIC");
    }

    @Test
    void groupFramesAreCopiedToEveryVnicOnTheirVlanLowestFirst() {
        g.set(new Vnic(3, 0x020000000003L, new int[] {100}, 4, MODULE_PORT, 2, 0x0009, 0x000333));
        g.set(new Vnic(2, 0x020000000002L, new int[] {100}, 3, MODULE_PORT, 0, 0x0008, 0x000222));
        g.set(new Vnic(1, 0x020000000004L, new int[] {100}, 2, MODULE_PORT + 1, 0, 0x0007, 0x000111)); // another port
        byte[] bcast = new EthernetFrame(0xFFFF_FFFF_FFFFL, 2, new EthernetFrame.Tag(0, false, 100), 0x0806, new byte[46]).encodeWithFcs();
        java.util.List<GatewayModel.Decision> copies = g.fromLanAll(MODULE_PORT, bcast, 0);
        assertEquals(List.of(0, 2, 3), copies.stream().map(d -> d.vnic().index()).toList(), "vNICs 0, 2, 3 allow VLAN 100 on this port");
        byte[] noFcs = Arrays.copyOf(bcast, bcast.length - 4);
        assertArrayEquals(Eoib.encapsulate(noFcs, new UdRoute(2, 2, 0x0009, 0xBFFF, 0x000333, 0x103)), copies.get(2).bytes(),
                "each copy built for its member (VL 2 = SL 2, DLID, QP, SrcQP 0x103)");
        assertEquals(List.of(HOST_PORT, 3, 4), copies.stream().map(GatewayModel.Decision::port).toList());
    }

    private static final UdRoute TO_VNIC0 = new UdRoute(0, 0, GatewayModel.GW_LID_RESET, 5, 0x100, 0x123);

    private static byte[] eoib(byte[] header, byte[] frame, UdRoute r) {
        byte[] p = Arrays.copyOf(header, header.length + frame.length);
        System.arraycopy(frame, 0, p, header.length, frame.length);
        return r.packet(p).encode();
    }

    @Test
    void serverToLanDropsInTheContractsOrder() {
        byte[] frame = Arrays.copyOf(FRAME_WITH_FCS, 60);
        byte[] plain = hex("C0000000");
        byte[] rc = IbPacket.builder().dlid(0xBFFF).opcode(0x04).payload(Arrays.copyOf(plain, 64)).build().encode();
        assertEquals(DropReason.MALFORMED_EOIB, g.fromHost(rc).drop(), "RC SEND");
        byte[] shortOne = TO_VNIC0.packet(new byte[] {(byte) 0xC0}).encode();   // 28 + 1 + 3 pad = 32 before ICRC
        assertEquals(32, shortOne.length - 6);
        assertEquals(DropReason.ETH_RUNT, g.fromHost(shortOne).drop(),
                "32 bytes before the ICRC is not malformed; its header C0 00 00 (pad) is plain, the frame empty");
        byte[] tooShort = TO_VNIC0.packet(new byte[0]).encode();
        assertEquals(DropReason.MALFORMED_EOIB, g.fromHost(tooShort).drop(), "28 bytes before the ICRC");
        for (String h : List.of("80000000", "D0000000", "C0400000", "C0200000", "C0010000")) {
            assertEquals(DropReason.MALFORMED_EOIB, g.fromHost(eoib(hex(h), frame, TO_VNIC0)).drop(), h);
        }
        assertNull(g.fromHost(eoib(hex("CF80ABCD"), frame, TO_VNIC0)).drop(),
                "checksum status, bit 7 and segment ID are not checked");
        UdRoute toVnic1 = new UdRoute(0, 0, 0xBFFF, 5, 0x101, 0x123);
        assertEquals(DropReason.UNKNOWN_QP, g.fromHost(eoib(plain, frame, toVnic1)).drop(), "vNIC 1 invalid");
        UdRoute toVnic4 = new UdRoute(0, 0, 0xBFFF, 5, 0x104, 0x123);
        assertEquals(DropReason.UNKNOWN_QP, g.fromHost(eoib(plain, frame, toVnic4)).drop(), "beyond the table");
        UdRoute toVhba = new UdRoute(0, 0, 0xBFFF, 5, 0x800, 0x123);
        assertEquals(DropReason.MALFORMED_FCOIB, g.fromHost(eoib(plain, frame, toVhba)).drop(),
                "DestQP 0x800 and up is judged by the FCoIB rules: an EoIB header is not an FCoIB header");
        byte[] bad = eoib(hex("C0400000"), Arrays.copyOf(frame, 10), toVnic1);
        assertEquals(DropReason.MALFORMED_EOIB, g.fromHost(bad).drop(), "malformed before unknown_qp");
        assertEquals(DropReason.ETH_RUNT, g.fromHost(eoib(plain, Arrays.copyOf(frame, 59), TO_VNIC0)).drop());
        assertEquals(DropReason.UNKNOWN_QP, g.fromHost(eoib(plain, Arrays.copyOf(frame, 59), toVnic1)).drop(),
                "unknown_qp before eth_runt");
        assertNull(g.fromHost(eoib(plain, Arrays.copyOf(frame, 1518), TO_VNIC0)).drop(), "1518 + FCS = 1522");
        assertEquals(DropReason.ETH_OVERSIZE, g.fromHost(eoib(plain, Arrays.copyOf(frame, 1519), TO_VNIC0)).drop());
        byte[] vlan7 = new EthernetFrame(0x020000000009L, MAC, new EthernetFrame.Tag(0, false, 7), 0x88B5, new byte[42]).encode();
        assertEquals(DropReason.VLAN_DENIED, g.fromHost(eoib(plain, vlan7, TO_VNIC0)).drop());
        GatewayModel.Decision ok = g.fromHost(Eoib.encapsulate(Arrays.copyOf(frame, 61), TO_VNIC0));
        assertEquals(65, ok.bytes().length, "pad removed: 61 + FCS");
        UdRoute other = new UdRoute(0, 0, 0x0009, 5, 0x100, 0x123);
        assertThrows(IllegalArgumentException.class, () -> g.fromHost(eoib(plain, frame, other)));
    }
}
