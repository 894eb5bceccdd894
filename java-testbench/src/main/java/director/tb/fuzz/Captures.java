package director.tb.fuzz;

import director.tb.frame.EthernetFrame;
import director.tb.frame.FcEof;
import director.tb.frame.FcFrame;
import director.tb.frame.FcHeader;
import director.tb.frame.FcSof;
import director.tb.frame.IbPacket;
import director.tb.io.ErfWriter;
import director.tb.io.Pcap;
import director.tb.io.PcapWriter;
import director.tb.stim.VnicPlan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small captures built here as seeds, one of each kind the import places: an Ethernet frame from a vNIC's MAC (pcap,
 * with and without its FCS), an FC frame with frame delimiters from a vHBA's FC_ID (pcap link type 225), an IB packet
 * from host port 1 (pcap link type 247 and ERF), and a pcapng of the Ethernet frame.
 */
final class Captures {
    private Captures() {}

    /** An untagged frame from the first standard vNIC's MAC, without FCS. */
    static byte[] ethernet() {
        return EthernetFrame.untagged(0x02AA_BBCC_DDEEL, VnicPlan.MAC_BASE, 0x0800, new byte[46]).encode();
    }

    /** An FC frame from the first standard vHBA, as link type 225 records it. */
    static byte[] fc() {
        FcHeader h = new FcHeader(0x01, VnicPlan.SAN_FCID_BASE, 0, VnicPlan.VHBA_FCID_BASE, FcHeader.TYPE_FCP, 0x290000, 1, 0, 0,
                1, 0xFFFF, 0);
        return new FcFrame(h, new byte[32]).orderedSetBytes(FcSof.SOFI3, FcEof.EOFT);
    }

    /** A UD SEND from host port 1 (LID 2) to LID 3. */
    static byte[] ib() {
        return IbPacket.builder().vl(0).sl(0).dlid(3).slid(2).opcode(IbPacket.OPCODE_UD_SEND_ONLY).pkey(0xFFFF).destQp(1)
                .qkey(0x80010000L).srcQp(3).payload(new byte[64]).build().encode();
    }

    static List<byte[]> pcaps() throws IOException {
        return List.of(pcap(Pcap.LinkType.ETHERNET, ethernet()), pcap(Pcap.LinkType.ETHERNET_WITH_FCS, EthernetFrame.appendFcs(ethernet())),
                pcap(Pcap.LinkType.FC_2_WITH_FRAME_DELIMS, fc()), pcap(Pcap.LinkType.INFINIBAND, ib()));
    }

    static byte[] pcap(Pcap.LinkType type, byte[] frame) throws IOException {
        Path f = Files.createTempFile("director-fuzz-seed", ".pcap");
        try {
            try (PcapWriter w = new PcapWriter(f, type)) {
                w.write(1_000_000L, frame);
                w.write(2_000_000L, frame);
            }
            return Files.readAllBytes(f);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    static byte[] erf() throws IOException {
        Path f = Files.createTempFile("director-fuzz-seed", ".erf");
        try {
            try (ErfWriter w = new ErfWriter(f)) {
                w.write(1_000_000L, ib());
                w.write(2_000_000L, ib());
            }
            return Files.readAllBytes(f);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /** A little-endian pcapng: section header, an Ethernet interface with if_tsresol 9 and if_fcslen 0, two packets. */
    static byte[] pcapng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        block(out, 0x0A0D0D0A, le(4 + 2 + 2 + 8).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).array());
        block(out, 1, le(8 + 8 + 8 + 4).putShort((short) 1).putShort((short) 0).putInt(0)
                .putShort((short) 9).putShort((short) 1).putInt(9)       // if_tsresol 9 (padded)
                .putShort((short) 13).putShort((short) 1).putInt(0)      // if_fcslen 0 (padded)
                .putInt(0).array());                                      // opt_endofopt
        byte[] frame = ethernet();
        for (int i = 1; i <= 2; i++) {
            int padded = (frame.length + 3) & ~3;
            ByteBuffer b = le(20 + padded).putInt(0).putInt(0).putInt(1000 * i).putInt(frame.length).putInt(frame.length);
            b.put(frame);
            block(out, 6, b.array());
        }
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void block(ByteArrayOutputStream out, int type, byte[] body) {
        int total = 12 + body.length;
        out.writeBytes(le(8).putInt(type).putInt(total).array());
        out.writeBytes(body);
        out.writeBytes(le(4).putInt(total).array());
    }
}
