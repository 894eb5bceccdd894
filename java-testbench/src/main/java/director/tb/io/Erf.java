package director.tb.io;

/**
 * Constants and timestamp arithmetic of the Endace Extensible Record Format (ERF) as used by
 * {@link ErfWriter} and {@link ErfReader}.
 *
 * <h2>Record layout</h2>
 * Every record is a 16-byte header followed by the packet and zero padding:
 * <pre>
 * offset size  field   encoding
 *  0      8    ts      little-endian 64-bit, 32.32 fixed point seconds (high 32 bits:
 *                      whole seconds, low 32 bits: binary fraction of a second)
 *  8      1    type    bit 7 = "extension header(s) follow", bits 6:0 = record type;
 *                      21 = ERF_TYPE_INFINIBAND (written without extension headers)
 *  9      1    flags   bits 1:0 capture interface, bit 2 varying record length (vlen),
 *                      bit 3 truncated, bit 4 RX error, bit 5 DS error, bits 7:6 reserved
 * 10      2    rlen    big-endian, total record length: header + extension headers +
 *                      sub-header + packet + padding
 * 12      2    lctr    big-endian, loss counter (or colour for some types)
 * 14      2    wlen    big-endian, wire length of the packet
 * 16      -    packet  for type 21 the InfiniBand packet starting with the LRH; there is no
 *                      type-specific sub-header (unlike Ethernet's 2 bytes or the 4-byte
 *                      MC headers)
 * </pre>
 *
 * What the writer puts there: type 21, flags = {@link #FLAG_VLEN} (interface 0, no error
 * bits), lctr = 0, wlen = packet length (ICRC and VCRC included), rlen = 16 + packet length
 * rounded up to a multiple of 8 with zero bytes. That is exactly what Wireshark's own ERF
 * writer does for packets it converts to ERF (wiretap/erf.c, erf_dump: {@code flags = 0x4},
 * {@code lctr = 0}, {@code rlen = caplen + 16} padded to 8, {@code wlen = len}), and the
 * 8-byte record alignment of DAG capture cards. Readers take the captured length as
 * {@code min(wlen, rlen - 16 - extension headers)}, so the padding is never shown as data.
 *
 * <p>ERF has no file header and no magic number: Wireshark recognises an ERF file
 * heuristically by checking up to the first 20 records (rlen &ge; 16, type not 0, timestamps
 * not decreasing by more than 1 s, not increasing by more than a year, records not cut
 * short), and only after all the formats that do have a magic number failed. The first
 * 4 bytes of a plain ERF file are the fraction of the first timestamp, so a first packet at,
 * e.g., 0xA1B2C3D4 ticks (0.6316 s) makes the file look like a pcap file to Wireshark (tried:
 * tshark 4.0 then reports "pcap: major version 0 unsupported"). Hence {@link ErfWriter}
 * starts every file with one 16-byte pad record ({@link #padRecord()}: timestamp 0, type 48,
 * rlen 16), which Wireshark's heuristic and reader skip, and insists on non-decreasing
 * timestamps.
 *
 * <h2>Timestamps</h2>
 * The resolution is one tick = 2<sup>-32</sup> s = 232.83064365386963 ps.
 * {@link #toErfTimestamp} rounds picoseconds to the nearest tick (a tie is impossible,
 * because 10<sup>12</sup>/2<sup>32</sup> has the odd denominator 5<sup>12</sup> after
 * reduction), so the reconstructed time is within {@link #MAX_ROUND_TRIP_ERROR_PS} (116 ps,
 * half a tick) of the original. {@link #toPicoseconds} rounds a tick count to the nearest
 * picosecond (ties, which can occur, round up). Because a tick is much longer than a
 * picosecond, {@code toErfTimestamp(toPicoseconds(ts)) == ts} for every timestamp, i.e.
 * reading a file and writing it again reproduces it byte for byte.
 */
public final class Erf {
    /** ERF record header size in bytes. */
    public static final int HEADER_BYTES = 16;
    /** Records are padded to a multiple of this many bytes. */
    public static final int ALIGNMENT = 8;
    /** Size of one extension header. */
    public static final int EXTENSION_HEADER_BYTES = 8;
    /** ERF_TYPE_INFINIBAND: InfiniBand packet from the LRH on, no sub-header. */
    public static final int TYPE_INFINIBAND = 21;
    /** ERF_TYPE_PAD: padding record, skipped by readers. */
    public static final int TYPE_PAD = 48;
    /** Type bit 7: one or more extension headers follow the header. */
    public static final int TYPE_EXTENSION_BIT = 0x80;
    /** Flags bits 1:0: capture interface. */
    public static final int FLAG_INTERFACE_MASK = 0x03;
    /** Flags bit 2: varying-length record (not padded to a fixed snap length). */
    public static final int FLAG_VLEN = 0x04;
    /** Flags bit 3: record truncated (buffer overflow while capturing). */
    public static final int FLAG_TRUNCATED = 0x08;
    /** Flags bit 4: link-layer receive error. */
    public static final int FLAG_RX_ERROR = 0x10;
    /** Flags bit 5: internal (data stream) error. */
    public static final int FLAG_DS_ERROR = 0x20;
    private static final byte[] PAD_RECORD = {0, 0, 0, 0, 0, 0, 0, 0, (byte) TYPE_PAD, FLAG_VLEN,
        0, HEADER_BYTES, 0, 0, 0, 0};

    /** Largest rlen (16-bit field). */
    public static final int MAX_RECORD_BYTES = 0xFFFF;
    /** Largest packet {@link ErfWriter} accepts: 65528 - 16 (rlen stays 8-aligned, &le; 0xFFFF). */
    public static final int MAX_PACKET_BYTES = (MAX_RECORD_BYTES & ~(ALIGNMENT - 1)) - HEADER_BYTES;

    /** Picoseconds per second. */
    public static final long PS_PER_SECOND = 1_000_000_000_000L;
    /**
     * Exclusive upper bound of the timestamps {@link ErfWriter} accepts: 9,223,372 s (about
     * 106.75 days), the largest whole number of seconds whose picoseconds still fit a
     * {@code long} after the round trip.
     */
    public static final long MAX_TIMESTAMP_PS_EXCLUSIVE =
            (Long.MAX_VALUE / PS_PER_SECOND) * PS_PER_SECOND;
    /** Largest difference between a timestamp and its value after a write/read round trip. */
    public static final long MAX_ROUND_TRIP_ERROR_PS = 116;

    /** 5^12: 10^12 / 2^12, odd. ps * 2^32 / 10^12 == ps * 2^20 / 5^12. */
    private static final long FIVE_POW_12 = 244_140_625L;

    private Erf() {
    }

    /**
     * Picoseconds to an ERF 32.32 fixed-point timestamp, rounded to the nearest tick.
     *
     * @param picoseconds 0 &le; value &lt; {@link #MAX_TIMESTAMP_PS_EXCLUSIVE}
     * @throws IllegalArgumentException when out of range
     */
    public static long toErfTimestamp(long picoseconds) {
        if (picoseconds < 0 || picoseconds >= MAX_TIMESTAMP_PS_EXCLUSIVE) {
            throw new IllegalArgumentException("timestamp " + picoseconds
                    + " ps out of range 0.." + (MAX_TIMESTAMP_PS_EXCLUSIVE - 1) + " ps");
        }
        long seconds = picoseconds / PS_PER_SECOND;
        long fractionPs = picoseconds % PS_PER_SECOND;              // < 2^40
        // ticks = round(fractionPs * 2^32 / 10^12) = round(fractionPs * 2^20 / 5^12);
        // fractionPs * 2^20 < 2^60: no overflow. No ties (odd divisor, even numerator * 2).
        long ticks = ((fractionPs << 20) + FIVE_POW_12 / 2) / FIVE_POW_12;
        if (ticks == 1L << 32) {                                   // rounded up to a whole second
            seconds++;
            ticks = 0;
        }
        return (seconds << 32) | ticks;
    }

    /**
     * An ERF 32.32 fixed-point timestamp to picoseconds, rounded to the nearest picosecond
     * (ties up).
     *
     * @throws ArithmeticException when the result does not fit a {@code long} (more than
     *     about 106.75 days)
     */
    public static long toPicoseconds(long erfTimestamp) {
        long seconds = erfTimestamp >>> 32;
        long ticks = erfTimestamp & 0xFFFF_FFFFL;
        // round(ticks * 10^12 / 2^32) = round(ticks * 5^12 / 2^20); ticks * 5^12 < 2^60.
        long fractionPs = (ticks * FIVE_POW_12 + (1L << 19)) >>> 20;
        return Math.addExact(Math.multiplyExact(seconds, PS_PER_SECOND), fractionPs);
    }

    /**
     * A copy of the 16-byte pad record every {@link ErfWriter} file starts with: timestamp 0,
     * type 48 (pad), flags 0x04, rlen 16, lctr 0, wlen 0.
     */
    public static byte[] padRecord() {
        return PAD_RECORD.clone();
    }

    /** Record length for a packet of {@code packetBytes}: header + packet, padded to 8. */
    public static int recordLength(int packetBytes) {
        return (HEADER_BYTES + packetBytes + ALIGNMENT - 1) & ~(ALIGNMENT - 1);
    }
}
