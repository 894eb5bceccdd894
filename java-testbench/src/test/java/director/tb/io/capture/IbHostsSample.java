package director.tb.io.capture;

import director.tb.frame.IbPacket;
import director.tb.io.ErfWriter;
import director.tb.stim.Addressing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes traces/captures/ib-hosts.erf: 15 InfiniBand UD SENDs (IbPacket.builder) from the five host ports of the
 * {@code gateway} profile, three per host, host p sending from its LID p + 1 to the next host's LID, SL p mod 4 on
 * VL p mod 4, payloads of 4, 64 and 1000 bytes (byte i = i + p), one packet every microsecond from 1 us. The file
 * is not named port-NN, so the import places each packet by its SLID. Run {@code main} (test classpath) with the
 * output path to make it again; CaptureImportIbTest checks that the committed file is exactly what this writes.
 */
public final class IbHostsSample {
    /** Hosts of the gateway profile. */
    static final int HOSTS = 5;
    /** Payload sizes each host sends. */
    static final int[] PAYLOADS = {4, 64, 1000};

    private IbHostsSample() {
    }

    /** The packets, in the file's order. */
    static List<byte[]> packets() {
        List<byte[]> out = new ArrayList<>();
        for (int size : PAYLOADS)
            for (int p = 0; p < HOSTS; p++) {
                byte[] payload = new byte[size];
                for (int i = 0; i < size; i++) payload[i] = (byte) (i + p);
                out.add(IbPacket.builder().vl(p % 4).sl(p % 4).dlid(Addressing.lid((p + 1) % HOSTS))
                        .slid(Addressing.lid(p)).opcode(IbPacket.OPCODE_UD_SEND_ONLY).pkey(0xFFFF)
                        .destQp(0x10 + p).psn(out.size()).qkey(0x80010000L).srcQp(p + 2).payload(payload)
                        .build().encode());
            }
        return out;
    }

    /** Writes the sample to {@code file}: packet k at (k + 1) microseconds. */
    static void write(Path file) throws IOException {
        try (ErfWriter w = new ErfWriter(file)) {
            long us = 1;
            for (byte[] p : packets()) w.write(us++ * 1_000_000L, p);
        }
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "traces/captures/ib-hosts.erf"));
    }
}
