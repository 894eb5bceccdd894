package director.tb.model.gateway;

import org.junit.jupiter.api.Tag;
import director.tb.frame.FcEof;
import director.tb.frame.FcFrame;
import director.tb.frame.FcHeader;
import director.tb.frame.FcSof;
import director.tb.frame.Fcoib;
import director.tb.frame.IbPacket;
import director.tb.frame.UdRoute;
import director.tb.model.DropReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The golden model's FC paths (docs/gateway.md, "SAN -> server", "Server -> SAN") against packets built by the FC
 * and FCoIB codecs (which tshark decodes with good CRCs, GatewayCapturesTsharkTest), and the drop order.
 */
@Tag("fast")
class GatewayModelFcTest {
    static final int FC_PORT = 7, HOST = 2;
    static final int FCID = 0x010203;
    GatewayModel g;

    @BeforeEach
    void setUp() {
        boolean[] eth = new boolean[8], fc = new boolean[8];
        eth[5] = eth[6] = true;
        fc[7] = true;
        g = new GatewayModel(8, 1522, eth, 5, 4, fc, 4);
        g.setVhba(new Vhba(1, FCID, HOST, FC_PORT, 5, 0x0003, 0x2222));
    }

    static FcFrame frame(int dId, int sId, int payload) {
        byte[] p = new byte[payload];
        for (int i = 0; i < payload; i++) p[i] = (byte) (i * 5 + 1);
        return new FcFrame(new FcHeader(0x01, dId, 0, sId, 0x08, 0x290000, 1, 0, 0, 0x1234, 0xFFFF, 0), p);
    }

    @Test
    void sanToServerIsTheCodecsFcoibPacket() {
        FcFrame f = frame(FCID, 0x020001, 64);
        GatewayModel.Decision d = g.fromSan(FC_PORT, f.portBytes(FcSof.SOFI3, FcEof.EOFT), 100);
        assertNull(d.drop());
        assertEquals(HOST, d.port());
        // VL = SL 5 mod 8, DLID and QP of vHBA 1, SLID = GW_LID, SrcQP = 0x801
        byte[] want = Fcoib.encapsulate(FcSof.SOFI3, f, FcEof.EOFT, new UdRoute(5, 5, 0x0003, 0xBFFF, 0x2222, 0x801));
        assertArrayEquals(want, d.bytes());
    }

    @Test
    void serverToSanIsTheCodecsPortFrame() {
        FcFrame f = frame(0x020001, FCID, 2112);
        byte[] pkt = Fcoib.encapsulate(FcSof.SOFN3, f, FcEof.EOFN, new UdRoute(0, 0, 0xBFFF, 0x0003, 0x801, 0x55));
        GatewayModel.Decision d = g.fromHost(pkt);
        assertNull(d.drop());
        assertEquals(FC_PORT, d.port());
        assertArrayEquals(f.portBytes(FcSof.SOFN3, FcEof.EOFN), d.bytes());
    }

    @Test
    void sanToServerDropsInTheContractsOrder() {
        byte[] good = frame(FCID, 0x020001, 64).portBytes(FcSof.SOFI3, FcEof.EOFT);
        assertEquals(DropReason.FC_RUNT, g.fromSan(FC_PORT, Arrays.copyOf(good, 29), 0).drop(), "29 bytes");
        assertEquals(DropReason.FC_OVERSIZE, g.fromSan(FC_PORT, new byte[2143], 0).drop(), "payload 2113 after runt/oversize");
        assertEquals(DropReason.FC_MISALIGNED, g.fromSan(FC_PORT, Arrays.copyOf(good, good.length + 1), 0).drop());
        byte[] sof = good.clone();
        sof[0] = 0x30;
        sof[sof.length - 1] = 0x11;                       // also a bad EOF: SOF is checked first
        assertEquals(DropReason.BAD_SOF, g.fromSan(FC_PORT, sof, 0).drop());
        byte[] eof = good.clone();
        eof[eof.length - 1] = 0x43;
        eof[10] ^= 1;                                     // also a bad CRC: EOF is checked first
        assertEquals(DropReason.BAD_EOF, g.fromSan(FC_PORT, eof, 0).drop());
        byte[] crc = good.clone();
        crc[30] ^= 1;
        assertEquals(DropReason.BAD_FC_CRC, g.fromSan(FC_PORT, crc, 0).drop());
        assertEquals(DropReason.UNKNOWN_DID, g.fromSan(FC_PORT, frame(0x010999, 2, 64).portBytes(FcSof.SOFI3, FcEof.EOFT), 0).drop());
        assertEquals(DropReason.UNKNOWN_DID, g.fromSan(6, good, 0).drop(), "not its FC port");
    }

    @Test
    void serverToSanDropsInTheContractsOrder() {
        UdRoute r = new UdRoute(0, 0, 0xBFFF, 3, 0x801, 0x55);
        FcFrame f = frame(0x020001, FCID, 64);
        byte[] good = Fcoib.encapsulate(FcSof.SOFI3, f, FcEof.EOFT, r);
        assertNull(g.fromHost(good).drop());
        byte[] payload = Fcoib.payload(FcSof.SOFI3, f, FcEof.EOFT);
        java.util.function.Function<byte[], byte[]> pkt = p -> r.packet(p).encode();
        byte[] sig = payload.clone();
        sig[0] = (byte) 0xC0;
        assertEquals(DropReason.MALFORMED_FCOIB, g.fromHost(pkt.apply(sig)).drop(), "signature");
        byte[] zeros = payload.clone();
        zeros[zeros.length - 1] = 1;
        assertEquals(DropReason.MALFORMED_FCOIB, g.fromHost(pkt.apply(zeros)).drop(), "the bytes after the EOF");
        assertEquals(DropReason.UNKNOWN_QP, g.fromHost(new UdRoute(0, 0, 0xBFFF, 3, 0x802, 0x55).packet(payload).encode()).drop());
        byte[] sof = payload.clone();
        sof[15] = 0x30;
        assertEquals(DropReason.BAD_SOF, g.fromHost(pkt.apply(sof)).drop());
        byte[] eof = payload.clone();
        eof[eof.length - 4] = 0x40;
        assertEquals(DropReason.BAD_EOF, g.fromHost(pkt.apply(eof)).drop());
        byte[] crc = payload.clone();
        crc[20] ^= 1;
        assertEquals(DropReason.BAD_FC_CRC, g.fromHost(pkt.apply(crc)).drop());
        byte[] rc = IbPacket.builder().dlid(0xBFFF).opcode(0x04).destQp(0x801).payload(payload).build().encode();
        assertEquals(DropReason.MALFORMED_FCOIB, g.fromHost(rc).drop(), "not a UD SEND");
    }
}
