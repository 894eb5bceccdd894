package director.tb.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a whole classic pcap file ({@link Pcap}) of either byte order and resolution: enough
 * to check what {@link PcapWriter} wrote. Errors name the file, the record and the byte
 * offset.
 */
public final class PcapReader {

    /** One record: timestamp in picoseconds, original length, captured bytes. */
    public record Record(long timestampPicoseconds, int originalLength, byte[] data) {
    }

    /** A file's header fields and records. */
    public record Capture(Pcap.Resolution resolution, int versionMajor, int versionMinor,
            int snaplen, int network, List<Record> records) {
    }

    private PcapReader() {
    }

    /**
     * Reads {@code file} whole.
     *
     * @throws IOException naming the file, and the record and offset where it is malformed
     */
    public static Capture read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < Pcap.FILE_HEADER_BYTES) {
            throw new IOException("pcap file " + file + ": " + b.remaining()
                    + " bytes, shorter than the 24-byte file header");
        }
        int magic = b.getInt(0);
        Pcap.Resolution res = Pcap.Resolution.ofMagic(magic);
        if (res == null) {
            b.order(ByteOrder.BIG_ENDIAN);
            res = Pcap.Resolution.ofMagic(b.getInt(0));
        }
        if (res == null) {
            throw new IOException(String.format("pcap file %s: magic 0x%08X at offset 0 is not a"
                    + " classic pcap magic", file, magic));
        }
        int major = b.getShort(4) & 0xFFFF;
        int minor = b.getShort(6) & 0xFFFF;
        int snaplen = b.getInt(16);
        int network = b.getInt(20);
        List<Record> records = new ArrayList<>();
        int off = Pcap.FILE_HEADER_BYTES;
        while (off < b.limit()) {
            String where = "pcap file " + file + ", record #" + records.size() + " at offset " + off;
            if (b.limit() - off < Pcap.RECORD_HEADER_BYTES) {
                throw new IOException(where + ": record header cut short");
            }
            long sec = b.getInt(off) & 0xFFFF_FFFFL;
            long frac = b.getInt(off + 4) & 0xFFFF_FFFFL;
            long incl = b.getInt(off + 8) & 0xFFFF_FFFFL;
            long orig = b.getInt(off + 12) & 0xFFFF_FFFFL;
            if (frac * res.psPerUnit >= Pcap.PS_PER_SECOND) {
                throw new IOException(where + ": ts_frac " + frac + " is a second or more");
            }
            if (incl > b.limit() - off - Pcap.RECORD_HEADER_BYTES || incl > orig) {
                throw new IOException(where + ": incl_len " + incl + " (orig_len " + orig
                        + ") does not fit the " + (b.limit() - off - Pcap.RECORD_HEADER_BYTES)
                        + " bytes left");
            }
            byte[] data = new byte[(int) incl];
            b.get(off + Pcap.RECORD_HEADER_BYTES, data);
            long ps = Math.addExact(Math.multiplyExact(sec, Pcap.PS_PER_SECOND), frac * res.psPerUnit);
            records.add(new Record(ps, (int) orig, data));
            off += Pcap.RECORD_HEADER_BYTES + (int) incl;
        }
        return new Capture(res, major, minor, snaplen, network, List.copyOf(records));
    }
}
