package director.tb.io.capture;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import director.tb.frame.IbPacket;
import director.tb.io.ErfWriter;
import director.tb.io.InputError;
import director.tb.model.SwitchConfig;
import director.tb.stim.Addressing;
import director.tb.stim.VnicPlan;
import director.tb.stim.trace.TraceFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ERF captures of InfiniBand packets: placed by the file's name (port-NN) or by SLID. */
@Tag("fast")
class CaptureImportIbTest {
    static final SwitchConfig GW = CaptureImportTest.GW;

    @TempDir
    Path dir;

    static byte[] packet(int slid, int dlid, int payload) {
        return IbPacket.builder().vl(0).sl(0).dlid(dlid).slid(slid).opcode(IbPacket.OPCODE_UD_SEND_ONLY).pkey(0xFFFF)
                .destQp(1).qkey(0x80010000L).srcQp(2).payload(new byte[payload]).build().encode();
    }

    private Path erf(String name, byte[]... packets) throws IOException {
        Path f = dir.resolve(name);
        try (ErfWriter w = new ErfWriter(f)) {
            long t = 0;
            for (byte[] p : packets) w.write(t += 2_000_000, p);           // 2 us apart
        }
        return f;
    }

    @Test
    void theCommittedSampleIsWhatIbHostsSampleWritesAndImportsBySlid() throws IOException {
        Path committed = CaptureImportTest.CAPTURES.resolve("ib-hosts.erf");
        Path again = dir.resolve("ib-hosts.erf");
        IbHostsSample.write(again);
        assertArrayEquals(Files.readAllBytes(again), Files.readAllBytes(committed), "run IbHostsSample.main to remake it");
        CaptureImport.Imported im = CaptureImport.read(List.of(committed), GW, null);
        List<byte[]> packets = IbHostsSample.packets();
        assertEquals(packets.size(), im.frames().size());
        for (int k = 0; k < packets.size(); k++) {
            TraceFrame t = im.frames().get(k);
            assertArrayEquals(packets.get(k), t.wire());
            assertEquals(IbPacket.slid(packets.get(k)) - 1, t.port());
            assertEquals(k * 1000L, t.time());
            assertEquals(committed + "#" + (k + 1), t.origin());
        }
        assertEquals(VnicPlan.standard(GW), im.vnics(), "no Ethernet: the standard tables");
        assertEquals(VnicPlan.vhbas(GW), im.vhbas());
    }

    @Test
    void aFileNamedForAHostPortPutsEveryPacketThere() throws IOException {
        byte[] fromEth = packet(Addressing.lid(5), Addressing.lid(0), 8);  // SLID of a 10GbE port: no host's
        Path f = erf("port-03.erf", packet(Addressing.lid(1), Addressing.lid(2), 0), fromEth);
        List<TraceFrame> frames = CaptureImport.read(List.of(f), GW, null).frames();
        assertEquals(List.of(3, 3), frames.stream().map(TraceFrame::port).toList());
        assertArrayEquals(fromEth, frames.get(1).wire());
        assertEquals(2000L, frames.get(1).time());
        Path beyond = erf("port-30.erf", packet(Addressing.lid(4), 1, 0));  // no port 30 here: by SLID
        assertEquals(4, CaptureImport.read(List.of(beyond), GW, null).frames().get(0).port());
    }

    @Test
    void aSlidOfNoHostPortIsRefused() throws IOException {
        Path f = erf("hosts.erf", packet(Addressing.lid(0), 2, 0), packet(Addressing.lid(5), 1, 0));
        InputError e = assertThrows(InputError.class, () -> CaptureImport.read(List.of(f), GW, null));
        assertEquals(f + ": frame 2 (record #2), slid: 0x0006 is no host port's LID (port p has LID p + 1:"
                + " 0x0001..0x0005), and the file's name names no host port (port-NN)", e.getMessage());
    }

    @Test
    void otherErfRecordTypesAreRefusedNamingTheType() throws IOException {
        byte[] rec = new byte[24];
        rec[8] = 2;                                                          // type 2: Ethernet
        rec[11] = 24;                                                        // rlen
        rec[15] = 8;                                                         // wlen
        Path f = Files.write(dir.resolve("eth.erf"), rec);
        InputError e = assertThrows(InputError.class, () -> CaptureImport.read(List.of(f), GW, null));
        assertEquals(f + ": record #0 at byte offset 0: unsupported record type 2 (type byte 0x2); expected 21"
                + " (InfiniBand) or 48 (pad)", e.getMessage());
    }
}
