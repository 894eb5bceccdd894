package director.tb.frame;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable Ethernet II frame, as carried by the director's 10GbE ports and inside EoIB
 * (/work/shared/spec/encapsulation.md, "EoIB"):
 *
 * <pre>
 * dst MAC 6 | src MAC 6 | [802.1Q tag 4: TPID 0x8100, PCP 3 b, DEI 1 b, VID 12 b] | EtherType 2 | payload | [FCS 4]
 * </pre>
 *
 * <ul>
 *   <li>MACs and the tag/EtherType are big-endian; a MAC is held as a 48-bit {@code long}
 *       whose most significant byte is the first on the wire.</li>
 *   <li>FCS: CRC-32 of IEEE 802.3 ({@link Crc32}, the ICRC's CRC) over every byte before
 *       it, transmitted little-endian (least significant byte first). Checked with tshark
 *       4.0 ({@code -o eth.check_fcs:TRUE}, field {@code eth.fcs.status} = 1 "Good"; see
 *       EthernetFrameTest and PcapTsharkTest).</li>
 *   <li>Sizes (encapsulation.md, docs/gateway.md): 64..1518 bytes with FCS, 1522 tagged;
 *       shorter than 64 is a runt. No padding is ever added: {@link #encode()} writes the
 *       payload as given.</li>
 * </ul>
 *
 * {@link #tag()} is null for an untagged frame. A payload that starts with bytes looking like
 * another tag (Q-in-Q) is kept as payload: only one tag is recognised.
 */
public final class EthernetFrame {
    /** dst MAC + src MAC + EtherType. */
    public static final int HEADER_BYTES = 14;
    /** An 802.1Q tag: TPID 2 + TCI 2. */
    public static final int TAG_BYTES = 4;
    /** The FCS. */
    public static final int FCS_BYTES = 4;
    /** Smallest legal frame, FCS included. */
    public static final int MIN_BYTES_WITH_FCS = 64;
    /** Largest untagged frame, FCS included. */
    public static final int MAX_UNTAGGED_BYTES_WITH_FCS = 1518;
    /** Largest tagged frame, FCS included (the gateway's ethMaxFrameBytes default). */
    public static final int MAX_TAGGED_BYTES_WITH_FCS = 1522;
    /** TPID of an 802.1Q tag. */
    public static final int TPID_8021Q = 0x8100;
    /** Largest MAC value (48 bits). */
    public static final long MAX_MAC = 0xFFFF_FFFF_FFFFL;

    /** An 802.1Q tag: priority code point, drop eligible indicator, VLAN ID. */
    public record Tag(int pcp, boolean dei, int vid) {
        /** @throws IllegalArgumentException naming the field when out of range */
        public Tag {
            IbPacket.requireRange("tag.pcp", pcp, 7);
            IbPacket.requireRange("tag.vid", vid, 0xFFF);
        }

        /** The 16-bit TCI: PCP in bits 15:13, DEI in bit 12, VID in bits 11:0. */
        public int tci() {
            return (pcp << 13) | (dei ? 0x1000 : 0) | vid;
        }
    }

    /** What {@link #check} can find wrong with a frame received with its FCS. */
    public enum Problem {
        /** Shorter than {@link #MIN_BYTES_WITH_FCS}. */
        RUNT("length"),
        /** Longer than the given maximum. */
        OVERSIZE("length"),
        /** The last 4 bytes are not the CRC-32 of the bytes before them (little-endian). */
        BAD_FCS("FCS");

        private final String field;

        Problem(String field) {
            this.field = field;
        }

        /** The field concerned, as in {@link FrameException#field()}. */
        public String field() {
            return field;
        }
    }

    private final long dst;
    private final long src;
    private final Tag tag;
    private final int etherType;
    private final byte[] payload;

    /**
     * @param dst destination MAC, 48 bits
     * @param src source MAC, 48 bits
     * @param tag the 802.1Q tag, or null for an untagged frame
     * @param etherType 0..0xFFFF (the type after the tag when tagged)
     * @param payload copied
     * @throws IllegalArgumentException naming the field when out of range
     */
    public EthernetFrame(long dst, long src, Tag tag, int etherType, byte[] payload) {
        IbPacket.requireRange("dst", dst, MAX_MAC);
        IbPacket.requireRange("src", src, MAX_MAC);
        IbPacket.requireRange("etherType", etherType, 0xFFFF);
        this.dst = dst;
        this.src = src;
        this.tag = tag;
        this.etherType = etherType;
        this.payload = Objects.requireNonNull(payload, "payload").clone();
    }

    /** An untagged frame. */
    public static EthernetFrame untagged(long dst, long src, int etherType, byte[] payload) {
        return new EthernetFrame(dst, src, null, etherType, payload);
    }

    /** Destination MAC (48 bits). */
    public long dst() {
        return dst;
    }

    /** Source MAC (48 bits). */
    public long src() {
        return src;
    }

    /** The 802.1Q tag, or null when untagged. */
    public Tag tag() {
        return tag;
    }

    /** EtherType (after the tag, when tagged). */
    public int etherType() {
        return etherType;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The frame's VLAN: the tag's VID, 0 when untagged (docs/gateway.md). */
    public int vlan() {
        return tag == null ? 0 : tag.vid();
    }

    /** True for a group (broadcast or multicast) destination: dst MAC byte 0 bit 0. */
    public boolean isGroup() {
        return ((dst >>> 40) & 1) != 0;
    }

    /** Length without FCS. */
    public int length() {
        return HEADER_BYTES + (tag == null ? 0 : TAG_BYTES) + payload.length;
    }

    /** The frame without FCS (as carried inside EoIB). */
    public byte[] encode() {
        byte[] w = new byte[length()];
        putMac(w, 0, dst);
        putMac(w, 6, src);
        int o = 12;
        if (tag != null) {
            put16(w, o, TPID_8021Q);
            put16(w, o + 2, tag.tci());
            o += TAG_BYTES;
        }
        put16(w, o, etherType);
        System.arraycopy(payload, 0, w, o + 2, payload.length);
        return w;
    }

    /** The frame followed by its FCS (as on a 10GbE port). */
    public byte[] encodeWithFcs() {
        return appendFcs(encode());
    }

    // ------------------------------------------------------------------ FCS and raw helpers

    /** CRC-32 (IEEE 802.3) of {@code b[off, off+len)}: the FCS value of those bytes. */
    public static int fcs(byte[] b, int off, int len) {
        return Crc32.compute(b, off, len);
    }

    /** {@code frame} followed by the 4 FCS bytes, least significant first. */
    public static byte[] appendFcs(byte[] frame) {
        byte[] w = Arrays.copyOf(frame, frame.length + FCS_BYTES);
        putLe32(w, frame.length, fcs(frame, 0, frame.length));
        return w;
    }

    /** The FCS stored in the last 4 bytes (little-endian). */
    public static int storedFcs(byte[] frameWithFcs) {
        requireLength(frameWithFcs, FCS_BYTES, "FCS");
        int o = frameWithFcs.length - FCS_BYTES;
        return (frameWithFcs[o] & 0xFF) | ((frameWithFcs[o + 1] & 0xFF) << 8)
                | ((frameWithFcs[o + 2] & 0xFF) << 16) | ((frameWithFcs[o + 3] & 0xFF) << 24);
    }

    /** True when the last 4 bytes are the FCS of the bytes before them. */
    public static boolean fcsOk(byte[] frameWithFcs) {
        return frameWithFcs.length >= FCS_BYTES
                && storedFcs(frameWithFcs) == fcs(frameWithFcs, 0, frameWithFcs.length - FCS_BYTES);
    }

    /**
     * The VLAN of raw frame bytes (with or without FCS): the VID when bytes 12-13 are the
     * TPID 0x8100, else 0 (docs/gateway.md, vlan_denied).
     *
     * @throws FrameException ("length") when shorter than 16 bytes with a TPID, or 14
     */
    public static int vlan(byte[] frame) {
        requireLength(frame, HEADER_BYTES, "length");
        if (get16(frame, 12) != TPID_8021Q) {
            return 0;
        }
        requireLength(frame, 16, "tag.vid");
        return get16(frame, 14) & 0xFFF;
    }

    /** Destination MAC of raw frame bytes. */
    public static long dst(byte[] frame) {
        requireLength(frame, 6, "dst");
        return getMac(frame, 0);
    }

    /** True when raw frame bytes have a group destination (byte 0 bit 0). */
    public static boolean isGroup(byte[] frame) {
        requireLength(frame, 1, "dst");
        return (frame[0] & 1) != 0;
    }

    /**
     * The problems of a frame received with its FCS, all evaluated (an empty set means it is
     * good): {@link Problem#RUNT} below 64 bytes, {@link Problem#OVERSIZE} above
     * {@code maxBytesWithFcs}, {@link Problem#BAD_FCS} when the FCS is wrong (a frame of
     * fewer than 4 bytes has no FCS and counts as bad). Never throws for malformed input.
     */
    public static Set<Problem> check(byte[] frameWithFcs, int maxBytesWithFcs) {
        Objects.requireNonNull(frameWithFcs, "frameWithFcs");
        EnumSet<Problem> p = EnumSet.noneOf(Problem.class);
        if (frameWithFcs.length < MIN_BYTES_WITH_FCS) {
            p.add(Problem.RUNT);
        }
        if (frameWithFcs.length > maxBytesWithFcs) {
            p.add(Problem.OVERSIZE);
        }
        if (!fcsOk(frameWithFcs)) {
            p.add(Problem.BAD_FCS);
        }
        return p;
    }

    // ------------------------------------------------------------------ decode

    /**
     * Parses a frame without FCS. A TPID 0x8100 at bytes 12-13 is taken as an 802.1Q tag.
     *
     * @throws FrameException ("length") when shorter than its header (14 bytes, 18 tagged)
     */
    public static EthernetFrame decode(byte[] frame) {
        requireLength(frame, HEADER_BYTES, "length");
        Tag tag = null;
        int o = 12;
        if (get16(frame, 12) == TPID_8021Q) {
            requireLength(frame, HEADER_BYTES + TAG_BYTES, "etherType");
            int tci = get16(frame, 14);
            tag = new Tag(tci >>> 13, (tci & 0x1000) != 0, tci & 0xFFF);
            o += TAG_BYTES;
        }
        return new EthernetFrame(getMac(frame, 0), getMac(frame, 6), tag, get16(frame, o),
                Arrays.copyOfRange(frame, o + 2, frame.length));
    }

    /**
     * Parses a frame with its FCS, which must be right (its length is not checked).
     *
     * @throws FrameException ("FCS" at its offset) when the FCS is wrong, or as
     *     {@link #decode} for a frame too short
     */
    public static EthernetFrame decodeWithFcs(byte[] frameWithFcs) {
        requireLength(frameWithFcs, HEADER_BYTES + FCS_BYTES, "length");
        int n = frameWithFcs.length - FCS_BYTES;
        int computed = fcs(frameWithFcs, 0, n);
        if (computed != storedFcs(frameWithFcs)) {
            throw new FrameException("FCS", n, String.format("stored 0x%08X, computed 0x%08X",
                    storedFcs(frameWithFcs), computed));
        }
        return decode(Arrays.copyOf(frameWithFcs, n));
    }

    // ------------------------------------------------------------------ MAC text

    /**
     * Parses {@code "02:00:5e:10:00:01"} (colon or dash separated hex) to a 48-bit value.
     *
     * @throws IllegalArgumentException quoting the text when it is not six bytes of two hex digits each
     */
    public static long mac(String text) {
        String[] parts = Objects.requireNonNull(text, "text").split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("MAC '" + text + "' does not have 6 bytes");
        }
        long v = 0;
        for (String part : parts) {
            // two ASCII hex digits, nothing else (Integer.parseInt alone takes "+e" and other scripts' digits, and throws
            // NumberFormatException for "0x")
            if (part.length() != 2 || hexDigit(part.charAt(0)) < 0 || hexDigit(part.charAt(1)) < 0) {
                throw new IllegalArgumentException("MAC '" + text + "': byte '" + part + "' is not two hex digits");
            }
            v = (v << 8) | (hexDigit(part.charAt(0)) << 4) | hexDigit(part.charAt(1));
        }
        return v;
    }

    /** The value of an ASCII hex digit, -1 for any other character. */
    private static int hexDigit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** A 48-bit MAC as {@code "02:00:5e:10:00:01"} (lower case, as tshark prints it). */
    public static String macString(long mac) {
        StringBuilder s = new StringBuilder();
        for (int i = 5; i >= 0; i--) {
            s.append(String.format("%02x", (mac >>> (8 * i)) & 0xFF));
            if (i > 0) {
                s.append(':');
            }
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ internals

    private static void requireLength(byte[] b, int min, String field) {
        Objects.requireNonNull(b, "frame");
        if (b.length < min) {
            throw new FrameException(field, b.length, "frame of " + b.length
                    + " bytes ends before " + field + " (needs " + min + ")");
        }
    }

    private static void putMac(byte[] w, int o, long mac) {
        for (int i = 0; i < 6; i++) {
            w[o + i] = (byte) (mac >>> (8 * (5 - i)));
        }
    }

    private static long getMac(byte[] w, int o) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (w[o + i] & 0xFF);
        }
        return v;
    }

    private static void put16(byte[] w, int o, int v) {
        w[o] = (byte) (v >>> 8);
        w[o + 1] = (byte) v;
    }

    private static int get16(byte[] w, int o) {
        return ((w[o] & 0xFF) << 8) | (w[o + 1] & 0xFF);
    }

    private static void putLe32(byte[] w, int o, int v) {
        w[o] = (byte) v;
        w[o + 1] = (byte) (v >>> 8);
        w[o + 2] = (byte) (v >>> 16);
        w[o + 3] = (byte) (v >>> 24);
    }

    // ------------------------------------------------------------------ value semantics

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EthernetFrame)) {
            return false;
        }
        EthernetFrame f = (EthernetFrame) o;
        return dst == f.dst && src == f.src && Objects.equals(tag, f.tag)
                && etherType == f.etherType && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(dst, src, tag, etherType) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "EthernetFrame[dst=" + macString(dst) + " src=" + macString(src)
                + (tag == null ? "" : " tag=" + tag) + String.format(" etherType=0x%04X", etherType)
                + " payload=" + payload.length + "B]";
    }
}
