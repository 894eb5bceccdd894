package director.tb.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One ERF packet record as read by {@link ErfReader}.
 *
 * @param erfTimestamp the record's timestamp as stored: 32.32 fixed-point seconds (see {@link Erf})
 * @param type record type, bits 6:0 of the type byte (21 = InfiniBand)
 * @param flags the flags byte (see {@link Erf}'s FLAG_ constants)
 * @param wireLength wlen: length of the packet on the wire
 * @param packet the captured bytes, {@code min(wlen, rlen - 16 - extension headers)} long
 *     (padding removed); shorter than {@code wireLength} only for a snapped capture
 */
public record ErfRecord(long erfTimestamp, int type, int flags, int wireLength,
        byte[] packet) {
    /** Copies {@code packet} so the record stays immutable. */
    public ErfRecord {
        packet = Objects.requireNonNull(packet, "packet").clone();
    }

    /**
     * The timestamp in picoseconds ({@link Erf#toPicoseconds}).
     *
     * @throws ArithmeticException past about 106 days: an absolute time (since 1970, as a capture card writes it)
     *     needs {@link #timestampNanoseconds}
     */
    public long timestampPicoseconds() {
        return Erf.toPicoseconds(erfTimestamp);
    }

    /** The timestamp in nanoseconds, rounded to the nearest; fits {@code long} for every ERF timestamp. */
    public long timestampNanoseconds() {
        long ticks = erfTimestamp & 0xFFFF_FFFFL;
        return (erfTimestamp >>> 32) * 1_000_000_000L + ((ticks * 1_000_000_000L + (1L << 31)) >>> 32);
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
        return o instanceof ErfRecord r && r.erfTimestamp == erfTimestamp
                && r.type == type && r.flags == flags && r.wireLength == wireLength
                && Arrays.equals(r.packet, packet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(erfTimestamp, type, flags, wireLength) * 31
                + Arrays.hashCode(packet);
    }

    @Override
    public String toString() {
        return "ErfRecord[ts=" + Long.toHexString(erfTimestamp) + " type=" + type + " flags=0x"
                + Integer.toHexString(flags) + " wlen=" + wireLength + " caplen=" + packet.length
                + "]";
    }
}
