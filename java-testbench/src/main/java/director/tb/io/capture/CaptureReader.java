package director.tb.io.capture;

import director.tb.io.ErfFormatException;
import director.tb.io.ErfReader;
import director.tb.io.ErfRecord;
import director.tb.io.InputError;
import director.tb.io.PcapReader;
import director.tb.io.PcapngReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a capture file of any format the import knows into {@link CapturedFrame}s, in file order. The format is
 * told by the first four bytes: a classic pcap magic (A1B2C3D4 microseconds or A1B23C4D nanoseconds, either byte
 * order), pcapng's section header block type 0A0D0D0A; else, ERF having no magic number, a name ending in
 * {@code .erf}. Anything else is an {@link InputError} naming the file and the bytes found.
 */
final class CaptureReader {
    /** The formats. */
    enum Format { PCAP, PCAPNG, ERF }

    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int[] PCAP_MAGICS = {0xA1B2C3D4, 0xD4C3B2A1, 0xA1B23C4D, 0x4D3CB2A1};
    /** libpcap's network field: bit 26 says an FCS length is given in bits 31:28, in 16-bit units. */
    private static final int FCS_LENGTH_PRESENT = 0x0400_0000;

    private CaptureReader() {
    }

    /** The file's format. */
    static Format detect(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n == 4) {
            int magic = ((head[0] & 0xFF) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
            if (magic == PCAPNG_SHB) return Format.PCAPNG;
            for (int m : PCAP_MAGICS) if (m == magic) return Format.PCAP;
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".erf")) return Format.ERF;
        StringBuilder found = new StringBuilder();
        for (int i = 0; i < n; i++) found.append(String.format("%02X", head[i] & 0xFF));
        throw new InputError(file.toString(), "byte offset 0", "magic", (n == 0 ? "empty file" : "0x" + found)
                + " is no capture format's magic: pcap (A1B2C3D4, A1B23C4D, either byte order), pcapng (0A0D0D0A),"
                + " or ERF (no magic: the name must end in .erf)");
    }

    /** Every frame of {@code file}. */
    static List<CapturedFrame> read(Path file) throws IOException {
        return switch (detect(file)) {
            case PCAP -> pcap(file);
            case PCAPNG -> pcapng(file);
            case ERF -> erf(file);
        };
    }

    private static List<CapturedFrame> pcap(Path file) throws IOException {
        PcapReader.Capture c = PcapReader.read(file);
        int linkType = c.network() & 0xFFFF;
        int fcs = (c.network() & FCS_LENGTH_PRESENT) != 0 ? ((c.network() >>> 28) & 0xF) * 2 : 0;
        if (linkType == CapturedFrame.ETHERNET && fcs != 0 && fcs != 4)
            throw new InputError(file.toString(), "byte offset 20", "network", String.format("0x%08X declares a %d-byte"
                    + " FCS: an Ethernet frame has none or 4", c.network(), fcs));
        List<CapturedFrame> out = new ArrayList<>();
        for (PcapReader.Record r : c.records()) {
            long n = out.size() + 1;
            out.add(new CapturedFrame(file, n, "frame " + n, r.timestampNanoseconds(), linkType, fcs, r.originalLength(),
                    r.data()));
        }
        return out;
    }

    private static List<CapturedFrame> pcapng(Path file) throws IOException {
        List<CapturedFrame> out = new ArrayList<>();
        for (PcapngReader.Packet p : PcapngReader.read(file).packets()) {
            PcapngReader.Interface i = p.iface();
            int fcs = Math.max(0, i.fcsLength());
            if (i.linkType() == CapturedFrame.ETHERNET && fcs != 0 && fcs != 4)
                throw new InputError(file.toString(), p.where(), "if_fcslen", "interface " + i.id() + " of section "
                        + i.section() + " declares a " + fcs + "-byte FCS: an Ethernet frame has none or 4");
            out.add(new CapturedFrame(file, p.frame(), p.where(), p.timestampNanoseconds(), i.linkType(), fcs,
                    p.originalLength(), p.data()));
        }
        return out;
    }

    private static List<CapturedFrame> erf(Path file) throws IOException {
        List<CapturedFrame> out = new ArrayList<>();
        try (ErfReader r = new ErfReader(file)) {
            for (ErfRecord rec = r.read(); rec != null; rec = r.read()) {
                long n = out.size() + 1;
                out.add(new CapturedFrame(file, n, "frame " + n + " (record #" + (r.recordIndex() - 1) + ")",
                        rec.timestampNanoseconds(), CapturedFrame.INFINIBAND, 0, rec.wireLength(), rec.packet()));
            }
        } catch (ErfFormatException e) {
            throw new InputError(file.toString(), "record #" + e.recordIndex() + " at byte offset " + e.byteOffset(),
                    null, e.problem());
        }
        return out;
    }
}
