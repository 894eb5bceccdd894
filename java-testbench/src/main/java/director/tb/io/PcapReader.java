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
 * Reads a whole classic pcap file ({@link Pcap}) of either byte order and resolution: what {@link PcapWriter} writes,
 * and what tcpdump writes (absolute times since 1970).
 *
 * <p>A malformed file is an {@link InputError} naming the file, the frame (numbered from 1, as Wireshark numbers
 * them) with its byte offset, and the field: {@code x.pcap: frame 3 at byte offset 1210, incl_len: 1514 bytes
 * (orig_len 1514) but only 80 bytes left in the file}. The file header's problems name {@code byte offset 0}.
 */
public final class PcapReader {

    /**
     * One record.
     *
     * @param seconds             ts_sec: whole seconds (since 1970 in a real capture)
     * @param fractionPicoseconds ts_frac converted to picoseconds (below one second)
     * @param originalLength      orig_len: the frame's length on the wire
     * @param data                the captured bytes (incl_len of them)
     */
    public record Record(long seconds, long fractionPicoseconds, int originalLength, byte[] data) {
        /**
         * The timestamp in picoseconds.
         *
         * @throws ArithmeticException past 2<sup>63</sup> ps (about 106 days): use {@link #timestampNanoseconds} for
         *     the absolute times of a real capture
         */
        public long timestampPicoseconds() {
            return Math.addExact(Math.multiplyExact(seconds, Pcap.PS_PER_SECOND), fractionPicoseconds);
        }

        /** The timestamp in nanoseconds (sub-nanosecond parts dropped); fits {@code long} for any 32-bit ts_sec. */
        public long timestampNanoseconds() {
            return seconds * 1_000_000_000L + fractionPicoseconds / 1000;
        }
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
     * @throws InputError naming the file, the frame and byte offset, and the field, when it is malformed
     * @throws IOException when it cannot be read
     */
    public static Capture read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < Pcap.FILE_HEADER_BYTES) {
            throw new InputError(name, "byte offset 0", "file header", b.remaining()
                    + " bytes, shorter than the 24-byte pcap file header");
        }
        int magic = b.getInt(0);
        Pcap.Resolution res = Pcap.Resolution.ofMagic(magic);
        if (res == null) {
            b.order(ByteOrder.BIG_ENDIAN);
            res = Pcap.Resolution.ofMagic(b.getInt(0));
        }
        if (res == null) {
            throw new InputError(name, "byte offset 0", "magic", String.format("0x%08X is not a classic pcap magic"
                    + " (A1B2C3D4 or A1B23C4D, either byte order)", magic));
        }
        int major = b.getShort(4) & 0xFFFF;
        int minor = b.getShort(6) & 0xFFFF;
        int snaplen = b.getInt(16);
        int network = b.getInt(20);
        List<Record> records = new ArrayList<>();
        int off = Pcap.FILE_HEADER_BYTES;
        while (off < b.limit()) {
            String where = "frame " + (records.size() + 1) + " at byte offset " + off;
            int left = b.limit() - off;
            if (left < Pcap.RECORD_HEADER_BYTES) {
                throw new InputError(name, where, "record header", "truncated: " + left
                        + " bytes left, a record header has " + Pcap.RECORD_HEADER_BYTES);
            }
            long sec = b.getInt(off) & 0xFFFF_FFFFL;
            long frac = b.getInt(off + 4) & 0xFFFF_FFFFL;
            long incl = b.getInt(off + 8) & 0xFFFF_FFFFL;
            long orig = b.getInt(off + 12) & 0xFFFF_FFFFL;
            if (frac * res.psPerUnit >= Pcap.PS_PER_SECOND) {
                throw new InputError(name, where, "ts_frac", frac + " is a second or more");
            }
            if (orig > Integer.MAX_VALUE) {
                throw new InputError(name, where, "orig_len", orig + " bytes: no frame is that long");
            }
            if (incl > orig) {
                throw new InputError(name, where, "incl_len", incl + " bytes is more than orig_len " + orig);
            }
            if (incl > left - Pcap.RECORD_HEADER_BYTES) {
                throw new InputError(name, where, "incl_len", "truncated: " + incl + " bytes (orig_len " + orig
                        + ") but only " + (left - Pcap.RECORD_HEADER_BYTES) + " bytes left in the file");
            }
            byte[] data = new byte[(int) incl];
            b.get(off + Pcap.RECORD_HEADER_BYTES, data);
            records.add(new Record(sec, frac * res.psPerUnit, (int) orig, data));
            off += Pcap.RECORD_HEADER_BYTES + (int) incl;
        }
        return new Capture(res, major, minor, snaplen, network, List.copyOf(records));
    }
}
