package director.tb.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One ERF packet record as read by {@link ErfReader}.
 *
 * @param timestampPicoseconds the record timestamp converted with {@link Erf#toPicoseconds}
 * @param type record type, bits 6:0 of the type byte (21 = InfiniBand)
 * @param flags the flags byte (see {@link Erf}'s FLAG_ constants)
 * @param wireLength wlen: length of the packet on the wire
 * @param packet the captured bytes, {@code min(wlen, rlen - 16 - extension headers)} long
 *     (padding removed); shorter than {@code wireLength} only for a snapped capture
 */
public record ErfRecord(long timestampPicoseconds, int type, int flags, int wireLength,
        byte[] packet) {
    /** Copies {@code packet} so the record stays immutable. */
    public ErfRecord {
        packet = Objects.requireNonNull(packet, "packet").clone();
    }

    /** A copy of the captured bytes. */
    @Override
    public byte[] packet() {
        return packet.clone();
    }

    /** Number of captured bytes. */
    public int capturedLength() {
        return packet.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErfRecord r && r.timestampPicoseconds == timestampPicoseconds
                && r.type == type && r.flags == flags && r.wireLength == wireLength
                && Arrays.equals(r.packet, packet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestampPicoseconds, type, flags, wireLength) * 31
                + Arrays.hashCode(packet);
    }

    @Override
    public String toString() {
        return "ErfRecord[ts=" + timestampPicoseconds + "ps type=" + type + " flags=0x"
                + Integer.toHexString(flags) + " wlen=" + wireLength + " caplen=" + packet.length
                + "]";
    }
}
