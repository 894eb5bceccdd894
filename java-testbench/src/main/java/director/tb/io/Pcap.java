package director.tb.io;

/**
 * Constants of the classic libpcap file format as written by {@link PcapWriter} and read by
 * {@link PcapReader}.
 *
 * <h2>Layout (every field little-endian, as the magic number tells readers)</h2>
 * <pre>
 * file header 24 B: magic 4 | version_major 2 (2) | version_minor 2 (4) | thiszone 4 (0) |
 *                   sigfigs 4 (0) | snaplen 4 | network 4 (link type + FCS bits)
 * record header 16 B: ts_sec 4 | ts_frac 4 (microseconds or nanoseconds) | incl_len 4 | orig_len 4
 * </pre>
 * The magic number selects the resolution of ts_frac: 0xA1B2C3D4 microseconds, 0xA1B23C4D
 * nanoseconds (wiretap/libpcap.c, PCAP_MAGIC and PCAP_NSEC_MAGIC).
 */
public final class Pcap {
    /** File header size. */
    public static final int FILE_HEADER_BYTES = 24;
    /** Record header size. */
    public static final int RECORD_HEADER_BYTES = 16;
    /** Snapshot length written in the header; no record may be longer. */
    public static final int SNAPLEN = 262_144;
    /** Picoseconds per second. */
    public static final long PS_PER_SECOND = 1_000_000_000_000L;

    private Pcap() {
    }

    /**
     * Picoseconds to units of {@code r} (whole and fraction of a second), rounded to the
     * nearest unit, halves up. Any {@code long} of picoseconds (up to 106 days) fits ts_sec.
     *
     * @return {seconds, fraction in units}
     * @throws IllegalArgumentException for a negative timestamp
     */
    public static long[] toSecondsAndFraction(long picoseconds, Resolution r) {
        if (picoseconds < 0) {
            throw new IllegalArgumentException("timestamp " + picoseconds + " ps is negative");
        }
        long units = picoseconds / r.psPerUnit;
        if ((picoseconds % r.psPerUnit) * 2 >= r.psPerUnit) {
            units++;
        }
        long perSecond = PS_PER_SECOND / r.psPerUnit;
        return new long[] {units / perSecond, units % perSecond};
    }

    /** Time-stamp resolution, chosen by the magic number. */
    public enum Resolution {
        /** ts_frac in microseconds, magic 0xA1B2C3D4. */
        MICROSECONDS(0xA1B2C3D4, 1_000_000L),
        /** ts_frac in nanoseconds, magic 0xA1B23C4D. */
        NANOSECONDS(0xA1B23C4D, 1_000L);

        /** The magic number. */
        public final int magic;
        /** Picoseconds per ts_frac unit. */
        public final long psPerUnit;

        Resolution(int magic, long psPerUnit) {
            this.magic = magic;
            this.psPerUnit = psPerUnit;
        }

        /** The resolution whose magic this is (in the file's byte order), or null. */
        public static Resolution ofMagic(int magic) {
            for (Resolution r : values()) {
                if (r.magic == magic) {
                    return r;
                }
            }
            return null;
        }
    }

    /**
     * The header's {@code network} field: a LINKTYPE_ value in bits 15:0 and, for Ethernet,
     * libpcap's FCS bits: bit 26 ({@code LT_FCS_LENGTH_PRESENT}, 0x04000000) says the FCS
     * length is given, and bits 31:28 ({@code LT_FCS_LENGTH}) give it <b>in 16-bit units</b>:
     * Wireshark's reader computes {@code fcs_len = LT_FCS_LENGTH(network) * 16} bits
     * (wiretap/libpcap.c), so a 4-byte FCS is 2 and the field is 0x24000001. Tried with tshark
     * 4.0.17: 0x24000001 makes it take the last 4 bytes as the FCS (with
     * {@code -o eth.check_fcs:TRUE}: {@code eth.fcs.status} 1 = Good); 0x44000001 (4 &lt;&lt; 28)
     * declares an 8-byte FCS and tshark then shows 4 frame bytes as an undecoded trailer
     * ("Didn't find padding of zeros ..."); plain 1 leaves the FCS to guesswork.
     */
    public enum LinkType {
        /** LINKTYPE_ETHERNET without an FCS. */
        ETHERNET(1),
        /** LINKTYPE_ETHERNET, every frame ending with its 4-byte FCS. */
        ETHERNET_WITH_FCS(0x24000001),
        /** LINKTYPE_FC_2 (224): FC header, payload, CRC. */
        FC_2(224),
        /**
         * LINKTYPE_FC_2_WITH_FRAME_DELIMS (225): SOF ordered set 4 | FC header | payload | CRC |
         * EOF ordered set 4 (see {@code FcFrame#orderedSetBytes}).
         */
        FC_2_WITH_FRAME_DELIMS(225),
        /** LINKTYPE_INFINIBAND (247): the packet from the LRH on. */
        INFINIBAND(247);

        /** The header's network field. */
        public final int network;

        LinkType(int network) {
            this.network = network;
        }

        /** The link type with this network field, or null. */
        public static LinkType ofNetwork(int network) {
            for (LinkType t : values()) {
                if (t.network == network) {
                    return t;
                }
            }
            return null;
        }
    }
}
