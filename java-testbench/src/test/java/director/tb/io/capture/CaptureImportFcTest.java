package director.tb.io.capture;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import director.tb.frame.FcEof;
import director.tb.frame.FcFrame;
import director.tb.frame.FcHeader;
import director.tb.frame.FcSof;
import director.tb.frame.Fcoib;
import director.tb.frame.UdRoute;
import director.tb.io.InputError;
import director.tb.io.Pcap;
import director.tb.io.PcapWriter;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.GatewayModel;
import director.tb.model.gateway.Vhba;
import director.tb.stim.Addressing;
import director.tb.stim.VnicPlan;
import director.tb.stim.trace.TraceFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FC captures (link type 225, as --capture writes an FC port's frames) on the gateway profile (FC port 7). */
@Tag("fast")
class CaptureImportFcTest {
    static final SwitchConfig GW = CaptureImportTest.GW;
    static final List<Vhba> VHBAS = VnicPlan.vhbas(GW);
    static final int SAN = VnicPlan.SAN_FCID_BASE | 0x42;

    @TempDir
    Path dir;

    static FcFrame frame(int dId, int sId, int payload) {
        byte[] p = new byte[payload];
        for (int i = 0; i < payload; i++) p[i] = (byte) (i * 7);
        return new FcFrame(new FcHeader(0x01, dId, 0, sId, 0x08, 0x290000, 1, 0, 2, 3, 0xFFFF, 4), p);
    }

    private Path pcap(String name, byte[]... records) throws IOException {
        Path f = dir.resolve(name);
        try (PcapWriter w = new PcapWriter(f, Pcap.LinkType.FC_2_WITH_FRAME_DELIMS)) {
            long t = 5_000_000;
            for (byte[] r : records) w.write(t += 1_000_000, r);
        }
        return f;
    }

    @Test
    void framesFromAVhbaBecomeFcoibAndFramesToOneEnterAtItsFcPort() throws IOException {
        Vhba two = VHBAS.get(2), three = VHBAS.get(3);
        FcFrame out = frame(SAN, two.fcId(), 2112), in = frame(three.fcId(), SAN, 0);
        FcFrame bad = frame(SAN, two.fcId(), 8);
        byte[] badRecord = bad.orderedSetBytes(FcSof.SOFN3, FcEof.EOFN);
        badRecord[4 + 24 + 3] ^= 0x10;                                    // a payload bit: the CRC is now wrong
        byte[] positive = in.orderedSetBytes(FcSof.SOFI3, FcEof.EOFT);
        System.arraycopy(new byte[] {(byte) 0xBC, (byte) 0xB5, 0x75, 0x75}, 0, positive, positive.length - 4, 4);
        Path f = pcap("san.pcap", out.orderedSetBytes(FcSof.SOFI3, FcEof.EOFT), in.orderedSetBytes(FcSof.SOFN3,
                FcEof.EOFN), badRecord, positive);
        List<TraceFrame> frames = CaptureImport.read(List.of(f), GW, null).frames();
        assertEquals(List.of(0L, 1000L, 2000L, 3000L), frames.stream().map(TraceFrame::time).toList());

        UdRoute route = new UdRoute(two.sl() % GW.dataVls(), two.sl(), GatewayModel.GW_LID_RESET,
                Addressing.lid(two.hostPort()), two.directorQp(), two.hostPort() + 2);
        assertEquals(two.hostPort(), frames.get(0).port());
        assertArrayEquals(Fcoib.encapsulate(FcSof.SOFI3, out, FcEof.EOFT, route), frames.get(0).wire());
        FcFrame.Delimited back = Fcoib.decapsulate(frames.get(0).wire());
        assertEquals(out, back.frame());

        assertEquals(three.fcPort(), frames.get(1).port());
        assertArrayEquals(in.portBytes(FcSof.SOFN3, FcEof.EOFN), frames.get(1).wire());

        byte[] carried = frames.get(2).wire();                           // byte for byte: the bad CRC stays bad
        assertArrayEquals(Arrays.copyOfRange(badRecord, 4, badRecord.length - 4), Arrays.copyOfRange(carried,
                Fcoib.WIRE_OFFSET + Fcoib.HEADER_BYTES, Fcoib.WIRE_OFFSET + Fcoib.HEADER_BYTES + badRecord.length - 8));
        assertEquals(FcEof.EOFN.code, carried[Fcoib.WIRE_OFFSET + Fcoib.HEADER_BYTES + badRecord.length - 8] & 0xFF);

        assertArrayEquals(in.portBytes(FcSof.SOFI3, FcEof.EOFT), frames.get(3).wire(), "EOF after positive disparity");
    }

    @Test
    void aFileNamedForTheFcPortEntersThereAsCaptured() throws IOException {
        FcFrame strange = frame(0x030303, 0x040404, 16);
        Path f = pcap("port-07.pcap", strange.orderedSetBytes(FcSof.SOFF, FcEof.EOFA));
        List<TraceFrame> frames = CaptureImport.read(List.of(f), GW, null).frames();
        assertEquals(7, frames.get(0).port());
        assertArrayEquals(strange.portBytes(FcSof.SOFF, FcEof.EOFA), frames.get(0).wire());
        Path host = pcap("port-02.pcap", strange.orderedSetBytes(FcSof.SOFF, FcEof.EOFA));
        InputError e = assertThrows(InputError.class, () -> CaptureImport.read(List.of(host), GW, null));
        assertEquals(host + ": frame 1, d_id/s_id: neither d_id 030303 nor s_id 040404 is a vHBA's FC_ID (the standard"
                + " vHBA table: 010000..01000F)", e.getMessage(), "port 2 is no FC port: placed by its IDs");
    }

    @Test
    void unknownDelimitersAreRefused() throws IOException {
        byte[] r = frame(SAN, VHBAS.get(0).fcId(), 4).orderedSetBytes(FcSof.SOFI3, FcEof.EOFT);
        r[3] = 0x57;
        Path f = pcap("sof.pcap", r);
        InputError e = assertThrows(InputError.class, () -> CaptureImport.read(List.of(f), GW, null));
        assertEquals(f + ": frame 1, SOF: 0xBCB55657 is no SOF ordered set", e.getMessage());
        byte[] r2 = frame(SAN, VHBAS.get(0).fcId(), 4).orderedSetBytes(FcSof.SOFI3, FcEof.EOFT);
        r2[r2.length - 1] = 0;
        Path f2 = pcap("eof.pcap", r2);
        e = assertThrows(InputError.class, () -> CaptureImport.read(List.of(f2), GW, null));
        assertEquals(f2 + ": frame 1, EOF: 0xBC957500 is no EOF ordered set", e.getMessage());
    }
}
