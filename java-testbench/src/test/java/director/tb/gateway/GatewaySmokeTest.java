package director.tb.gateway;

import director.tb.run.DirectorModel;
import org.junit.jupiter.api.Tag;
import director.rtl.csr.CsrMap;
import director.rtl.params.DirectorParams;
import director.tb.frame.Crc32;
import director.tb.frame.IbPacket;
import director.tb.sim.DirectorSim;
import director.tb.sim.EgressFrame;
import director.tb.sim.SimOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every gateway path of the gateway profile (5 host ports, 10GbE ports 5 and 6, FC port 7), one frame at a time,
 * against packets built by hand from docs/gateway.md with the IbPacket codec.
 */
@Tag("system")
class GatewaySmokeTest {
    static final DirectorParams P = DirectorParams.gateway();
    static final int GW_LID = 0xBFFF;

    static byte[] frame(long dstMac, int vid, int payloadLen, boolean goodFcs) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 5; i >= 0; i--) b.write((int) (dstMac >>> (8 * i)));
        for (int i = 0; i < 6; i++) b.write(0x20 + i);
        if (vid > 0) { b.write(0x81); b.write(0x00); b.write(vid >> 8); b.write(vid); }
        b.write(0x08); b.write(0x00);
        for (int i = 0; i < payloadLen; i++) b.write(i * 7);
        byte[] f = b.toByteArray();
        int fcs = Crc32.compute(f) ^ (goodFcs ? 0 : 1);
        byte[] out = java.util.Arrays.copyOf(f, f.length + 4);
        for (int i = 0; i < 4; i++) out[f.length + i] = (byte) (fcs >>> (8 * i));
        return out;
    }

    static long mac(int n) { return 0x020000000000L | n; }

    /** vNIC n: host port n % 5 (LID 0x10 + port), module port 5 + n % 2, VLANs {untagged, 100}, SL n % 4; vHBA 0:
     *  FC_ID 0x010203 on host port 2 (QP 0x2222, SL 5) and FC port 7. */
    static void program(DirectorSim sim) {
        for (int h = 0; h < 5; h++) sim.csrWrite(CsrMap.lftAddr(0x10 + h), (1L << CsrMap.LftValidBit()) | h);
        for (int n = 0; n < 6; n++) {
            sim.csrWrite(CsrMap.vnicAddr(n, 0), (1L << 63) | mac(n));
            sim.csrWrite(CsrMap.vnicAddr(n, 1), (1L << 15) | (((1L << 15) | 100) << 16));
            long host = n % 5;
            sim.csrWrite(CsrMap.vnicAddr(n, 2), host | ((5L + n % 2) << 8) | ((long) (n % 4) << 16) | ((0x10L + host) << 32));
            sim.csrWrite(CsrMap.vnicAddr(n, 3), 0x1000 + n);
        }
        sim.csrWrite(CsrMap.vhbaAddr(0, 0), (1L << 63) | 0x010203);
        sim.csrWrite(CsrMap.vhbaAddr(0, 2), 2 | (7L << 8) | (5L << 16) | (0x12L << 32));
        sim.csrWrite(CsrMap.vhbaAddr(0, 3), 0x2222);
    }

    static byte[] eoib(int n, int slid, byte[] frameNoFcs) {
        byte[] payload = new byte[4 + frameNoFcs.length];
        payload[0] = (byte) 0xC0;
        System.arraycopy(frameNoFcs, 0, payload, 4, frameNoFcs.length);
        return IbPacket.builder().vl(0).sl(n % 4).dlid(0x10 + n % 5).slid(slid).opcode(0x64).pkey(0xFFFF)
                .destQp(0x1000 + n).qkey(0xB1B).srcQp(0x100 + n).payload(payload).build().encode();
    }

    static List<EgressFrame> runAndPop(DirectorSim sim, long cycles) {
        sim.run(cycles);
        List<EgressFrame> out = new ArrayList<>();
        sim.popEgress(out::add);
        return out;
    }

    @Test
    void lanToServerAndBack() {
        try (DirectorSim sim = DirectorSim.create(DirectorModel.library(P, false), new SimOptions(1, 10_000, 250, SimOptions.EgressMode.LINE, 0, 100_000))) {
            program(sim);
            assertEquals((1L << 63) | mac(4), sim.csrRead(CsrMap.vnicAddr(4, 0)));
            // LAN -> server: vNIC 1 is bound to module port 6, host port 1
            byte[] f = frame(mac(1), 100, 80, true);
            sim.push(List.of(new DirectorSim.Injection(6, 1, 0, f)));
            List<EgressFrame> out = runAndPop(sim, 2000);
            assertEquals(1, out.size(), "one packet out");
            byte[] noFcs = java.util.Arrays.copyOf(f, f.length - 4);
            byte[] want = eoib(1, GW_LID, noFcs);
            assertEquals(1, out.get(0).port());
            assertEquals(HexFormat.of().formatHex(want), HexFormat.of().formatHex(out.get(0).bytes()));

            // server -> LAN: host 3 sends to vNIC 2 (QP 0x102), bound to module port 5
            byte[] f2 = frame(0x0A0000000001L, 0, 61, true);
            byte[] noFcs2 = java.util.Arrays.copyOf(f2, f2.length - 4);
            byte[] payload = new byte[4 + noFcs2.length];
            payload[0] = (byte) 0xC0;
            System.arraycopy(noFcs2, 0, payload, 4, noFcs2.length);
            byte[] pkt = IbPacket.builder().sl(0).dlid(GW_LID).slid(0x13).opcode(0x64).pkey(0xFFFF).destQp(0x102).qkey(0xB1B)
                    .srcQp(0x55).payload(payload).build().encode();
            sim.push(List.of(new DirectorSim.Injection(3, 2, 0, pkt)));
            out = runAndPop(sim, 2000);
            assertEquals(1, out.size());
            assertEquals(5, out.get(0).port());
            assertEquals(HexFormat.of().formatHex(f2), HexFormat.of().formatHex(out.get(0).bytes()));

            // vNIC to vNIC: host 3 through vNIC 3 (port 6) to vNIC 1's MAC (port 6, host 1): switched inside the director,
            // delivered exactly as a LAN frame for vNIC 1 would be, nothing on the wire
            byte[] f3 = frame(mac(1), 100, 70, true);
            byte[] noFcs3 = java.util.Arrays.copyOf(f3, f3.length - 4);
            byte[] pl3 = new byte[4 + noFcs3.length];
            pl3[0] = (byte) 0xC0;
            System.arraycopy(noFcs3, 0, pl3, 4, noFcs3.length);
            byte[] pkt3 = IbPacket.builder().sl(0).dlid(GW_LID).slid(0x13).opcode(0x64).pkey(0xFFFF).destQp(0x103).qkey(0xB1B)
                    .srcQp(0x55).payload(pl3).build().encode();
            sim.push(List.of(new DirectorSim.Injection(3, 9, 0, pkt3)));
            out = runAndPop(sim, 3000);
            assertEquals(1, out.size(), "one packet, at vNIC 1's host");
            assertEquals(1, out.get(0).port());
            assertEquals(HexFormat.of().formatHex(eoib(1, GW_LID, noFcs3)), HexFormat.of().formatHex(out.get(0).bytes()));
            assertEquals(0, sim.csrRead(CsrMap.gwCounterAddr(6, 2)), "nothing left port 6 for the LAN");

            // drops: bad FCS, unknown MAC, VLAN 7 not allowed, runt
            sim.push(List.of(new DirectorSim.Injection(6, 3, 0, frame(mac(1), 100, 80, false)),
                    new DirectorSim.Injection(6, 4, 0, frame(mac(9), 0, 80, true)),
                    new DirectorSim.Injection(6, 5, 0, frame(mac(1), 7, 80, true)),
                    new DirectorSim.Injection(6, 6, 0, java.util.Arrays.copyOf(f, 40))));
            out = runAndPop(sim, 3000);
            assertEquals(0, out.size());
            assertEquals(1, sim.csrRead(CsrMap.gwCounterAddr(6, 16)), "bad_fcs");
            assertEquals(2, sim.csrRead(CsrMap.gwCounterAddr(6, 19)), "unknown_mac (twice: unknown MAC, VLAN not allowed)");
            assertEquals(1, sim.csrRead(CsrMap.gwCounterAddr(6, 17)), "eth_runt");
            assertEquals(6, sim.csrRead(CsrMap.gwCounterAddr(6, 0)), "frames in: one from the LAN, one turned round, four dropped");
            assertEquals(1, sim.csrRead(CsrMap.gwCounterAddr(5, 2)), "wire frames out");
            assertEquals(f2.length, sim.csrRead(CsrMap.gwCounterAddr(5, 3)), "wire bytes out");
        }
    }

    /** An FC port frame: SOF code, 24-byte header (D_ID, S_ID), payload, CRC (little-endian), EOF code. */
    static byte[] fcPortFrame(int dId, int sId, int payloadLen, int sof, int eof, boolean goodCrc) {
        byte[] h = new byte[24 + payloadLen];
        h[0] = 0x01;
        h[1] = (byte) (dId >> 16); h[2] = (byte) (dId >> 8); h[3] = (byte) dId;
        h[5] = (byte) (sId >> 16); h[6] = (byte) (sId >> 8); h[7] = (byte) sId;
        h[8] = 0x08;
        for (int i = 24; i < h.length; i++) h[i] = (byte) (i * 3);
        int crc = Crc32.compute(h) ^ (goodCrc ? 0 : 0x10);
        byte[] f = new byte[h.length + 6];
        f[0] = (byte) sof;
        System.arraycopy(h, 0, f, 1, h.length);
        for (int i = 0; i < 4; i++) f[1 + h.length + i] = (byte) (crc >>> (8 * i));
        f[f.length - 1] = (byte) eof;
        return f;
    }

    @Test
    void sanToServerAndBack() {
        try (DirectorSim sim = DirectorSim.create(DirectorModel.library(P, false), new SimOptions(1, 10_000, 250, SimOptions.EgressMode.LINE, 0, 100_000))) {
            program(sim);
            assertEquals((1L << 63) | 0x010203, sim.csrRead(CsrMap.vhbaAddr(0, 0)));
            // SAN -> server: FC port 7, D_ID 0x010203 = vHBA 0 on host port 2
            byte[] f = fcPortFrame(0x010203, 0x020001, 100, 0x2E, 0x42, true);
            sim.push(List.of(new DirectorSim.Injection(7, 1, 0, f)));
            List<EgressFrame> out = runAndPop(sim, 2000);
            assertEquals(1, out.size(), "one packet out");
            assertEquals(2, out.get(0).port());
            byte[] payload = new byte[16 + f.length - 1 + 3];
            payload[0] = 0x40;
            System.arraycopy(f, 0, payload, 15, f.length);    // FCoIB byte 15 = the SOF code, then the frame, CRC, EOF
            byte[] want = IbPacket.builder().vl(0).sl(5).dlid(0x12).slid(GW_LID).opcode(0x64).pkey(0xFFFF)
                    .destQp(0x2222).qkey(0xB1B).srcQp(0x800).payload(payload).build().encode();
            assertEquals(HexFormat.of().formatHex(want), HexFormat.of().formatHex(out.get(0).bytes()));

            // server -> SAN: host 4 sends FCoIB to vHBA 0 (QP 0x800): the FC port stream leaves port 7
            byte[] f2 = fcPortFrame(0x020005, 0x010203, 2112, 0x36, 0x41, true);
            byte[] p2 = new byte[16 + f2.length - 1 + 3];
            p2[0] = 0x40;
            System.arraycopy(f2, 0, p2, 15, f2.length);
            byte[] pkt = IbPacket.builder().sl(3).dlid(GW_LID).slid(0x14).opcode(0x64).pkey(0xFFFF).destQp(0x800).qkey(0xB1B)
                    .srcQp(0x77).payload(p2).build().encode();
            sim.push(List.of(new DirectorSim.Injection(4, 2, 0, pkt)));
            out = runAndPop(sim, 4000);
            assertEquals(1, out.size());
            assertEquals(7, out.get(0).port());
            assertEquals(HexFormat.of().formatHex(f2), HexFormat.of().formatHex(out.get(0).bytes()));

            // drops at the FC port: bad CRC, bad SOF, unknown D_ID, runt, misaligned; and a bad FC CRC inside FCoIB
            byte[] misaligned = java.util.Arrays.copyOf(f, f.length + 2);
            misaligned[misaligned.length - 1] = 0x42;
            byte[] badInner = pkt.clone();
            badInner[60] ^= 1;                                  // a payload byte: the ICRC is made right again below
            badInner = IbPacket.builder().sl(3).dlid(GW_LID).slid(0x14).opcode(0x64).pkey(0xFFFF).destQp(0x800).qkey(0xB1B)
                    .srcQp(0x77).payload(java.util.Arrays.copyOfRange(badInner, 28, badInner.length - 6)).build().encode();
            sim.push(List.of(new DirectorSim.Injection(7, 3, 0, fcPortFrame(0x010203, 0x020001, 100, 0x2E, 0x42, false)),
                    new DirectorSim.Injection(7, 4, 0, fcPortFrame(0x010203, 0x020001, 100, 0x77, 0x42, true)),
                    new DirectorSim.Injection(7, 5, 0, fcPortFrame(0x010999, 0x020001, 100, 0x2E, 0x42, true)),
                    new DirectorSim.Injection(7, 6, 0, java.util.Arrays.copyOf(f, 20)),
                    new DirectorSim.Injection(7, 7, 0, misaligned),
                    new DirectorSim.Injection(4, 8, 0, badInner)));
            out = runAndPop(sim, 4000);
            assertEquals(0, out.size());
            assertEquals(1, sim.csrRead(CsrMap.gwCounterAddr(7, 26)), "bad_fc_crc at the FC port");
            assertEquals(1, sim.csrRead(CsrMap.gwCounterAddr(7, 24)), "bad_sof");
            assertEquals(1, sim.csrRead(CsrMap.gwCounterAddr(7, 29)), "unknown_did");
            assertEquals(1, sim.csrRead(CsrMap.gwCounterAddr(7, 27)), "fc_runt");
            assertEquals(1, sim.csrRead(CsrMap.gwCounterAddr(7, 31)), "fc_misaligned");
            assertEquals(1, sim.csrRead(CsrMap.gwCounterAddr(4, 26)), "bad_fc_crc inside FCoIB, at the host port");
        }
    }
}
