package director.tb.stim.trace;

import org.junit.jupiter.api.Tag;
import director.rtl.params.DirectorParams;
import director.tb.frame.Eoib;
import director.tb.frame.EthernetFrame;
import director.tb.frame.FcEof;
import director.tb.frame.FcFrame;
import director.tb.frame.FcHeader;
import director.tb.frame.FcSof;
import director.tb.frame.Fcoib;
import director.tb.frame.IbPacket;
import director.tb.io.InputError;
import director.tb.model.DropReason;
import director.tb.model.IngressChecks;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.GatewayModel;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.stim.Addressing;
import director.tb.stim.VnicPlan;
import director.tb.stim.trace.TraceFrame.TimeBase;
import director.tb.stim.trace.TraceRow.Protocol;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Each protocol's frame decodes back with the frame codecs to the fields its row set, CRCs good; every check
 * against the configuration fails with a message naming file, line and column. Configuration: the gateway profile
 * (host ports 0-4, 10GbE ports 5-6, FC port 7, MTU 4096, 8 data VLs) with VnicPlan's tables.
 */
@Tag("fast")
class FrameFactoryTest {
    private static final SwitchConfig CFG = SwitchConfig.of(DirectorParams.fromSpec("gateway", Map.of()));
    private static final List<Vnic> VNICS = VnicPlan.standard(CFG);
    private static final List<Vhba> VHBAS = VnicPlan.vhbas(CFG);

    private static FrameFactory factory() { return new FrameFactory(CFG, VNICS, VHBAS); }

    private static TraceRow ib(long line, int port, int dlid, Integer sl, Integer qp, Integer size, byte[] payload, Long seed) {
        return new TraceRow("t.csv", line, 100 * line, TimeBase.NS, port, Protocol.IB, dlid, sl, qp, null, null, null, null, null,
                size, payload, seed);
    }

    private static TraceRow ethernet(long line, Protocol p, int port, long dst, long src, Integer vlan, Integer size, byte[] payload, Long seed) {
        return new TraceRow("t.csv", line, 100 * line, TimeBase.CYCLE, port, p, null, null, null, dst, src, vlan, null, null,
                size, payload, seed);
    }

    private static TraceRow fibre(long line, Protocol p, int port, int dId, int sId, Integer size, byte[] payload) {
        return new TraceRow("t.csv", line, 100 * line, TimeBase.NS, port, p, null, null, null, null, null, null, dId, sId,
                size, payload, null);
    }

    /** The message building {@code row}'s frame fails with. */
    private static String error(TraceRow row) {
        return assertThrows(InputError.class, () -> factory().frame(row)).getMessage();
    }

    @Test
    void anIbRowIsAUdSendFromThePortsLid() {
        FrameFactory f = factory();
        byte[] payload = {1, 2, 3, 4, 5};
        TraceFrame t = f.frame(ib(7, 2, 4, 11, 0x123456, null, payload, null));
        assertEquals(700, t.time());
        assertEquals(TimeBase.NS, t.base());
        assertEquals(2, t.port());
        assertEquals("t.csv:7", t.origin());
        IbPacket p = IbPacket.decode(t.wire());  // checks lengths, ICRC and VCRC
        assertEquals(4, p.dlid());
        assertEquals(Addressing.lid(2), p.slid());
        assertEquals(11, p.sl());
        assertEquals(11 % CFG.dataVls(), p.vl());
        assertEquals(IbPacket.OPCODE_UD_SEND_ONLY, p.opcode());
        assertEquals(0xFFFF, p.pkey());
        assertEquals(0x123456, p.destQp());
        assertEquals(0x80010000L, p.qkey());
        assertEquals(4, p.srcQp(), "port + 2");
        assertArrayEquals(payload, p.payload());
        assertNull(IngressChecks.check(t.wire(), CFG.maxPacketBytes(), CFG.mtuBytes()), "passes the director's ingress checks");
    }

    @Test
    void ibDefaultsAndPsnPerPortAndDlid() {
        FrameFactory f = factory();
        IbPacket a = IbPacket.decode(f.frame(ib(2, 0, 3, null, null, 64, null, null)).wire());
        assertEquals(0, a.sl());
        assertEquals(0, a.vl());
        assertEquals(1, a.destQp());
        assertEquals(64, a.payloadLength());
        assertEquals(0, a.psn());
        assertEquals(1, IbPacket.decode(f.frame(ib(3, 0, 3, null, null, 8, null, null)).wire()).psn());
        assertEquals(0, IbPacket.decode(f.frame(ib(4, 0, 4, null, null, 8, null, null)).wire()).psn(), "another dlid");
        assertEquals(0, IbPacket.decode(f.frame(ib(5, 1, 3, null, null, 8, null, null)).wire()).psn(), "another port");
        assertEquals(2, IbPacket.decode(f.frame(ib(6, 0, 3, null, null, 8, null, null)).wire()).psn());
        assertEquals(0, IbPacket.decode(f.frame(ib(2, 0, 3, null, null, 0, null, null)).wire()).payloadLength(), "an empty payload");
        assertEquals(CFG.mtuBytes(), IbPacket.decode(f.frame(ib(2, 0, 3, null, null, CFG.mtuBytes(), null, null)).wire()).payloadLength());
    }

    @Test
    void generatedPayloadsFollowTheSeedOrTheLine() {
        byte[] byLine = IbPacket.decode(factory().frame(ib(9, 0, 1, null, null, 32, null, null)).wire()).payload();
        byte[] bySeed9 = IbPacket.decode(factory().frame(ib(2, 0, 1, null, null, 32, null, 9L)).wire()).payload();
        byte[] bySeed10 = IbPacket.decode(factory().frame(ib(2, 0, 1, null, null, 32, null, 10L)).wire()).payload();
        assertArrayEquals(byLine, bySeed9, "the default seed is the line number");
        assertFalse(Arrays.equals(bySeed9, bySeed10));
        byte[] again = factory().frame(ethernet(5, Protocol.ETH, 5, VNICS.get(0).mac(), 0x0A0000000001L, null, 200, null, null)).wire();
        assertArrayEquals(again, factory().frame(ethernet(5, Protocol.ETH, 5, VNICS.get(0).mac(), 0x0A0000000001L, null, 200, null, null)).wire(),
                "the same row gives the same bytes");
    }

    @Test
    void anEthRowIsAFrameWithItsFcs() {
        Vnic v = VNICS.get(2);  // bound to 10GbE port 5, VLANs 0 and 102
        TraceFrame t = factory().frame(ethernet(3, Protocol.ETH, 5, v.mac(), 0x0A0000000009L, 102, 300, null, null));
        assertEquals(TimeBase.CYCLE, t.base());
        assertEquals(300, t.wire().length, "size counts MACs, tag, EtherType, data and FCS");
        assertTrue(EthernetFrame.fcsOk(t.wire()));
        EthernetFrame e = EthernetFrame.decodeWithFcs(t.wire());
        assertEquals(v.mac(), e.dst());
        assertEquals(0x0A0000000009L, e.src());
        assertEquals(102, e.vlan());
        assertEquals(0x0800, e.etherType(), "generated frames carry EtherType 0x0800");
        EthernetFrame untagged = EthernetFrame.decodeWithFcs(factory().frame(
                ethernet(4, Protocol.ETH, 6, 0xFFFFFFFFFFFFL, 2, 0, null, new byte[] {(byte) 0x88, (byte) 0xB5, 7, 8}, null)).wire());
        assertNull(untagged.tag(), "VLAN 0 is untagged");
        assertEquals(0x88B5, untagged.etherType(), "the payload's first two bytes are the EtherType");
        assertArrayEquals(new byte[] {7, 8}, untagged.payload());
        assertFalse(lan(5, t.wire()).isDrop(), "forwarded to its vNIC");
    }

    @Test
    void anEoibRowGoesThroughItsVnic() {
        Vnic v = VNICS.get(5);  // host port 0, SL 4, VLANs 0 and 101
        byte[] typeAndData = new byte[60];
        typeAndData[0] = 0x08;
        typeAndData[5] = 0x33;
        TraceFrame t = factory().frame(ethernet(8, Protocol.EOIB, 0, 0x0A0000000042L, v.mac(), 101, null, typeAndData, null));
        IbPacket p = IbPacket.decode(t.wire());
        assertEquals(GatewayModel.GW_LID_RESET, p.dlid());
        assertEquals(Addressing.lid(0), p.slid());
        assertEquals(v.sl(), p.sl());
        assertEquals(v.sl() % CFG.dataVls(), p.vl());
        assertEquals(v.directorQp(), p.destQp());
        assertEquals(2, p.srcQp());
        EthernetFrame e = EthernetFrame.decode(Eoib.decapsulate(t.wire()));
        assertEquals(0x0A0000000042L, e.dst());
        assertEquals(v.mac(), e.src());
        assertEquals(101, e.vlan());
        assertEquals(0x0800, e.etherType());
        assertArrayEquals(Arrays.copyOfRange(typeAndData, 2, 60), e.payload());
        assertEquals(12 + 4 + 60, e.length(), "no FCS inside EoIB");
        GatewayModel.Decision d = gateway().fromHost(t.wire());
        assertFalse(d.isDrop());
        assertEquals(v.modulePort(), d.port());
    }

    @Test
    void anFcoibRowGoesThroughItsVhba() {
        Vhba v = VHBAS.get(8);  // host port 3, SL 6
        TraceFrame t = factory().frame(fibre(12, Protocol.FCOIB, 3, 0x020005, v.fcId(), 2112, null));
        IbPacket p = IbPacket.decode(t.wire());
        assertEquals(GatewayModel.GW_LID_RESET, p.dlid());
        assertEquals(Addressing.lid(3), p.slid());
        assertEquals(v.sl(), p.sl());
        assertEquals(v.sl() % CFG.dataVls(), p.vl());
        assertEquals(v.directorQp(), p.destQp());
        assertEquals(5, p.srcQp());
        FcFrame.Delimited d = Fcoib.decapsulate(t.wire());  // checks the FC CRC
        assertEquals(FcSof.SOFI3, d.sof());
        assertEquals(FcEof.EOFT, d.eof());
        assertHeader(d.frame().header(), 0x020005, v.fcId(), 12);
        assertEquals(2112, d.frame().payload().length);
        GatewayModel.Decision g = gateway().fromHost(t.wire());
        assertFalse(g.isDrop());
        assertEquals(v.fcPort(), g.port());
    }

    @Test
    void anFcRowIsThePortStream() {
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        TraceFrame t = factory().frame(fibre(70000, Protocol.FC, 7, VHBAS.get(1).fcId(), 0x020011, null, data));
        FcFrame.Delimited d = FcFrame.parsePort(t.wire());  // checks the FC CRC
        assertEquals(FcSof.SOFI3, d.sof());
        assertEquals(FcEof.EOFT, d.eof());
        assertHeader(d.frame().header(), VHBAS.get(1).fcId(), 0x020011, 70000);
        assertArrayEquals(data, d.frame().payload());
        assertEquals(1 + 24 + 8 + 4 + 1, t.wire().length);
        assertFalse(gateway().fromSan(7, t.wire(), 0).isDrop());
        assertEquals(0, FcFrame.parsePort(factory().frame(fibre(2, Protocol.FC, 7, 1, 2, 0, null)).wire()).frame().payload().length);
    }

    private static void assertHeader(FcHeader h, int dId, int sId, long line) {
        assertEquals(0x01, h.rCtl());
        assertEquals(dId, h.dId());
        assertEquals(sId, h.sId());
        assertEquals(FcHeader.TYPE_FCP, h.type());
        assertEquals(0x290000, h.fCtl());
        assertEquals(line & 0xFF, h.seqId());
        assertEquals(0, h.seqCnt());
        assertEquals(line & 0xFFFF, h.oxId());
        assertEquals(0xFFFF, h.rxId());
        assertEquals(0, h.param());
    }

    @Test
    void ethernetSizesTheDirectorDropsAreAllowed() {
        assertEquals(18, factory().frame(ethernet(2, Protocol.ETH, 5, 1, 2, null, 18, null, null)).wire().length);
        assertEquals(22, factory().frame(ethernet(2, Protocol.ETH, 5, 1, 2, 7, 22, null, null)).wire().length);
        assertEquals(16000, factory().frame(ethernet(2, Protocol.ETH, 5, 1, 2, null, 16000, null, null)).wire().length);
        byte[] runt = factory().frame(ethernet(2, Protocol.ETH, 5, VNICS.get(0).mac(), 2, null, 60, null, null)).wire();
        assertEquals(DropReason.ETH_RUNT, lan(5, runt).drop());
        byte[] big = factory().frame(ethernet(2, Protocol.EOIB, 0, 1, VNICS.get(0).mac(), null, CFG.mtuBytes(), null, null)).wire();
        assertEquals(DropReason.ETH_OVERSIZE, gateway().fromHost(big).drop());
    }

    @Test
    void portsMustExistAndBeOfTheRightKind() {
        assertEquals("t.csv: line 2, column 'port': port 8 does not exist (profile 'gateway' has ports 0..7)",
                error(ib(2, 8, 1, null, null, 8, null, null)));
        assertEquals("t.csv: line 2, column 'port': port 5 is a 10GbE port, an ib frame enters at a host port (0..4)",
                error(ib(2, 5, 1, null, null, 8, null, null)));
        assertEquals("t.csv: line 3, column 'port': port 7 is an FC port, an eoib frame enters at a host port (0..4)",
                error(ethernet(3, Protocol.EOIB, 7, 1, VNICS.get(0).mac(), null, 64, null, null)));
        assertEquals("t.csv: line 3, column 'port': port 0 is a host port, an eth frame enters at a 10GbE port (5, 6)",
                error(ethernet(3, Protocol.ETH, 0, 1, 2, null, 64, null, null)));
        assertEquals("t.csv: line 4, column 'port': port 6 is a 10GbE port, an fc frame enters at an FC port (7)",
                error(fibre(4, Protocol.FC, 6, 1, 2, 0, null)));
        assertEquals("t.csv: line 4, column 'port': port 7 is an FC port, an fcoib frame enters at a host port (0..4)",
                error(fibre(4, Protocol.FCOIB, 7, 1, VHBAS.get(0).fcId(), 0, null)));
        SwitchConfig small = SwitchConfig.of(DirectorParams.fromSpec("small", Map.of()));
        String m = assertThrows(InputError.class, () -> new FrameFactory(small, List.of(), List.of())
                .frame(ethernet(3, Protocol.ETH, 0, 1, 2, null, 64, null, null))).getMessage();
        assertEquals("t.csv: line 3, column 'port': port 0 is a host port, an eth frame enters at a 10GbE port (profile 'small' has none)", m);
    }

    @Test
    void theVnicOrVhbaMustBeOnTheHostPort() {
        assertEquals("t.csv: line 5, column 'src_mac': no vNIC with MAC 02:0d:00:00:00:05 on host port 1 (vNIC 5 is on host port 0)",
                error(ethernet(5, Protocol.EOIB, 1, 1, VNICS.get(5).mac(), null, 64, null, null)));
        assertEquals("t.csv: line 5, column 'src_mac': no vNIC with MAC 0a:00:00:00:00:01 on host port 1",
                error(ethernet(5, Protocol.EOIB, 1, 1, 0x0A0000000001L, null, 64, null, null)));
        assertEquals("t.csv: line 6, column 's_id': no vHBA with FC_ID 0x010003 on host port 0 (vHBA 3 is on host port 3)",
                error(fibre(6, Protocol.FCOIB, 0, 0x020000, 0x010003, 0, null)));
        assertEquals("t.csv: line 6, column 's_id': no vHBA with FC_ID 0x020000 on host port 0",
                error(fibre(6, Protocol.FCOIB, 0, 0x010000, 0x020000, 0, null)));
    }

    @Test
    void sizesOutsideWhatTheProtocolCarriesAreErrors() {
        assertEquals("t.csv: line 2, column 'size': size 4097 is over the MTU (4096 bytes of IB payload)",
                error(ib(2, 0, 1, null, null, 4097, null, null)));
        assertEquals("t.csv: line 2, column 'payload': size 4097 is over the MTU (4096 bytes of IB payload)",
                error(ib(2, 0, 1, null, null, null, new byte[4097], null)));
        assertEquals("t.csv: line 2, column 'size': size 17 is under the smallest eth frame (18 bytes: MACs, EtherType, FCS)",
                error(ethernet(2, Protocol.ETH, 5, 1, 2, null, 17, null, null)));
        assertEquals("t.csv: line 2, column 'size': size 21 is under the smallest eth frame (22 bytes: MACs, 802.1Q tag, EtherType, FCS)",
                error(ethernet(2, Protocol.ETH, 5, 1, 2, 100, 21, null, null)));
        assertEquals("t.csv: line 2, column 'size': size 16001 is over the largest frame a trace may give (16000 bytes)",
                error(ethernet(2, Protocol.ETH, 5, 1, 2, null, 16001, null, null)));
        assertEquals("t.csv: line 2, column 'size': size 4097 is over the largest eoib frame (4096 bytes: the EoIB payload, "
                + "4 + the frame without FCS, must fit the MTU)", error(ethernet(2, Protocol.EOIB, 0, 1, VNICS.get(0).mac(), null, 4097, null, null)));
        assertEquals("t.csv: line 2, column 'size': 6 bytes of FC data field: must be a multiple of 4",
                error(fibre(2, Protocol.FC, 7, 1, 2, 6, null)));
        assertEquals("t.csv: line 2, column 'size': size 2116 is over the largest FC data field (2112 bytes)",
                error(fibre(2, Protocol.FCOIB, 0, 1, VHBAS.get(0).fcId(), 2116, null)));
    }

    @Test
    void rowsMadeElsewhereStillNeedTheirFields() {
        TraceRow noDlid = new TraceRow("t.csv", 2, 0, TimeBase.NS, 0, Protocol.IB, null, null, null, null, null, null, null, null, 8, null, null);
        assertEquals("t.csv: line 2, column 'dlid': empty: an ib row needs its dlid", error(noDlid));
        TraceRow noSize = new TraceRow("t.csv", 3, 0, TimeBase.NS, 7, Protocol.FC, null, null, null, null, null, null, 1, 2, null, null, null);
        assertEquals("t.csv: line 3, column 'size': empty and no payload: give the size or the payload bytes", error(noSize));
        assertEquals("t.csv: line 4, column 's_id': empty: an fcoib row needs its s_id",
                error(new TraceRow("t.csv", 4, 0, TimeBase.NS, 0, Protocol.FCOIB, null, null, null, null, null, null, 1, null, 0, null, null)));
    }

    @Test
    void framesBuildsEveryRowInOrder() {
        List<TraceFrame> frames = FrameFactory.frames(List.of(ib(2, 0, 3, null, null, 8, null, null), ib(3, 0, 3, null, null, 8, null, null),
                fibre(4, Protocol.FC, 7, 1, 2, 4, null)), factory());
        assertEquals(List.of("t.csv:2", "t.csv:3", "t.csv:4"), frames.stream().map(TraceFrame::origin).toList());
        assertEquals(1, IbPacket.decode(frames.get(1).wire()).psn(), "one factory counts PSNs across the rows");
    }

    /** The gateway model with the test's tables. */
    private static GatewayModel gateway() {
        GatewayModel g = new GatewayModel(CFG.dataVls(), CFG.ethMaxFrameBytes(), CFG.ethPorts(), CFG.hostPorts(), CFG.vnics(),
                CFG.fcPorts(), CFG.vhbas());
        VNICS.forEach(g::set);
        VHBAS.forEach(g::setVhba);
        return g;
    }

    private static GatewayModel.Decision lan(int port, byte[] frame) { return gateway().fromLan(port, frame); }
}
