package director.tb.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * Ethernet over InfiniBand, the Mellanox format of /work/shared/spec/encapsulation.md
 * ("EoIB"), as the director's gateway builds and takes it (docs/gateway.md):
 *
 * <pre>
 * LRH 8 | BTH 12 (opcode 0x64) | DETH 8 | EoIB header 4 | Ethernet frame without FCS | pad | ICRC | VCRC
 * </pre>
 *
 * The EoIB header is two big-endian 16-bit words; the first: bits 15:14 signature (always
 * 0b11), 13:12 version (0), 11:10 TCP/UDP checksum status, 9:8 IP checksum status, 7
 * reserved (0), 6 FCS present, 5 more segments, 4:0 segment offset; the second: segment ID.
 * The director sends {@link Header#PLAIN} ({@code C0 00 00 00}) and accepts only headers
 * with signature 0b11, version 0, FCS-present, more-segments and segment offset all 0
 * (docs/gateway.md, malformed_eoib): it never segments and never carries the FCS inside.
 */
public final class Eoib {
    /** EoIB header size. */
    public static final int HEADER_BYTES = 4;
    /** The signature every EoIB header carries in bits 15:14. */
    public static final int SIGNATURE = 0b11;
    /** Bytes from the LRH to the end of the EoIB header: LRH + BTH + DETH + EoIB = 32. */
    public static final int ENCAP_HEADER_BYTES = IbPacket.LRH_BYTES + IbPacket.BTH_BYTES
            + IbPacket.DETH_BYTES + HEADER_BYTES;

    private Eoib() {
    }

    /**
     * The EoIB header's fields.
     *
     * @param signature 2 bits (0b11 for EoIB)
     * @param version 2 bits
     * @param l4Checksum TCP/UDP checksum status, 2 bits (1 = TCP ok, 2 = UDP ok)
     * @param ipChecksum IP checksum status, 2 bits
     * @param fcsPresent the Ethernet FCS is carried
     * @param moreSegments more segments follow
     * @param segmentOffset 5 bits
     * @param segmentId 16 bits
     */
    public record Header(int signature, int version, int l4Checksum, int ipChecksum,
            boolean fcsPresent, boolean moreSegments, int segmentOffset, int segmentId) {
        /** What the director sends: signature 0b11, everything else 0 ({@code C0 00 00 00}). */
        public static final Header PLAIN = new Header(SIGNATURE, 0, 0, 0, false, false, 0, 0);

        /** @throws IllegalArgumentException naming the field when out of range */
        public Header {
            IbPacket.requireRange("signature", signature, 3);
            IbPacket.requireRange("version", version, 3);
            IbPacket.requireRange("l4Checksum", l4Checksum, 3);
            IbPacket.requireRange("ipChecksum", ipChecksum, 3);
            IbPacket.requireRange("segmentOffset", segmentOffset, 0x1F);
            IbPacket.requireRange("segmentId", segmentId, 0xFFFF);
        }

        /** The first 16-bit word. */
        public int firstWord() {
            return (signature << 14) | (version << 12) | (l4Checksum << 10) | (ipChecksum << 8)
                    | (fcsPresent ? 0x40 : 0) | (moreSegments ? 0x20 : 0) | segmentOffset;
        }

        /** The 4 header bytes. */
        public byte[] encode() {
            int w = firstWord();
            return new byte[] {(byte) (w >>> 8), (byte) w, (byte) (segmentId >>> 8), (byte) segmentId};
        }

        /**
         * Reads a header at {@code b[off..off+3]} (bit 7 of the first word is ignored).
         *
         * @throws FrameException ("EoIB header") when fewer than 4 bytes remain
         */
        public static Header parse(byte[] b, int off) {
            Objects.requireNonNull(b, "b");
            if (off < 0 || b.length - off < HEADER_BYTES) {
                throw new FrameException("EoIB header", off, "needs 4 bytes, "
                        + Math.max(0, b.length - off) + " remain");
            }
            int w = ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
            return new Header(w >>> 14, (w >>> 12) & 3, (w >>> 10) & 3, (w >>> 8) & 3,
                    (w & 0x40) != 0, (w & 0x20) != 0, w & 0x1F,
                    ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF));
        }
    }

    /**
     * The EoIB packet the gateway sends to a host for {@code frameWithoutFcs}: {@code route}'s
     * LRH/BTH/DETH ({@link UdRoute}), {@link Header#PLAIN}, the frame, pad, ICRC, VCRC.
     */
    public static IbPacket packet(byte[] frameWithoutFcs, UdRoute route) {
        Objects.requireNonNull(frameWithoutFcs, "frameWithoutFcs");
        byte[] payload = new byte[HEADER_BYTES + frameWithoutFcs.length];
        System.arraycopy(Header.PLAIN.encode(), 0, payload, 0, HEADER_BYTES);
        System.arraycopy(frameWithoutFcs, 0, payload, HEADER_BYTES, frameWithoutFcs.length);
        return route.packet(payload);
    }

    /** {@code packet(frameWithoutFcs, route).encode()}: the wire image. */
    public static byte[] encapsulate(byte[] frameWithoutFcs, UdRoute route) {
        return packet(frameWithoutFcs, route).encode();
    }

    /**
     * The Ethernet frame (without FCS) inside an EoIB packet's wire image. The packet must
     * decode ({@link IbPacket#decode}: lengths, VCRC, ICRC, PadCnt), be a UD SEND only, and
     * carry a header the director accepts (class comment).
     *
     * @throws FrameException naming the first failing field: as {@link IbPacket#decode}, then
     *     "BTH.OpCode", "EoIB header" (payload under 4 bytes), "EoIB.signature",
     *     "EoIB.version", "EoIB.fcsPresent", "EoIB.moreSegments", "EoIB.segmentOffset"; the
     *     offset is the field's byte in the wire image
     */
    public static byte[] decapsulate(byte[] ibWire) {
        IbPacket p = IbPacket.decode(ibWire);
        if (p.opcode() != IbPacket.OPCODE_UD_SEND_ONLY) {
            throw new FrameException("BTH.OpCode", IbPacket.LRH_BYTES, String.format(
                    "opcode 0x%02X, EoIB is carried by UD SEND only (0x64)", p.opcode()));
        }
        int h = ENCAP_HEADER_BYTES - HEADER_BYTES;
        byte[] payload = p.payload();
        if (payload.length < HEADER_BYTES) {
            throw new FrameException("EoIB header", h, "payload of " + payload.length
                    + " bytes has no room for the 4-byte EoIB header");
        }
        Header eh = Header.parse(payload, 0);
        require(eh.signature() == SIGNATURE, "EoIB.signature", h, "signature " + eh.signature()
                + ", must be 3 (0b11)");
        require(eh.version() == 0, "EoIB.version", h, "version " + eh.version() + ", must be 0");
        require(!eh.fcsPresent(), "EoIB.fcsPresent", h + 1,
                "FCS-present bit set: the director carries frames without their FCS");
        require(!eh.moreSegments(), "EoIB.moreSegments", h + 1,
                "more-segments bit set: the director does not reassemble segments");
        require(eh.segmentOffset() == 0, "EoIB.segmentOffset", h + 1, "segment offset "
                + eh.segmentOffset() + ", must be 0 (no segmentation)");
        return Arrays.copyOfRange(payload, HEADER_BYTES, payload.length);
    }

    private static void require(boolean ok, String field, int offset, String detail) {
        if (!ok) {
            throw new FrameException(field, offset, detail);
        }
    }
}
