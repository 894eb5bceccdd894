package director.tb.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Fibre Channel frame: {@link FcHeader} (24 bytes) and payload, with its FC CRC
 * (/work/shared/spec/encapsulation.md, "FCoIB" and "On a native FC port").
 *
 * <ul>
 *   <li>Payload: a multiple of 4 bytes, at most {@link #MAX_PAYLOAD_BYTES} 2112.</li>
 *   <li>FC CRC: CRC-32 of IEEE 802.3 ({@link Crc32}) over header and payload, stored
 *       <b>little-endian</b> (least significant byte first, as the Ethernet FCS). The order was
 *       settled with tshark 4.0, which computes the CRC itself and compares: with the CRC
 *       stored little-endian it reports {@code fc.crc.status} 1 (good) for a
 *       LINKTYPE_FC_2_WITH_FRAME_DELIMS capture and {@code fcoib.crc.status} 1 inside FCoIB;
 *       stored big-endian, both report 0 (bad) and "Bad checksum" (FcFrameTest).</li>
 *   <li>{@link #portBytes}: the FC port stream of docs/gateway.md,
 *       {@code SOF code 1 | header | payload | CRC 4 | EOF code 1}.</li>
 *   <li>{@link #orderedSetBytes}: the LINKTYPE_FC_2_WITH_FRAME_DELIMS (225) record,
 *       {@code SOF ordered set 4 | header | payload | CRC 4 | EOF ordered set 4}, ordered sets
 *       big-endian with K28.5 as 0xBC ({@link FcSof}, {@link FcEof}).</li>
 * </ul>
 */
public final class FcFrame {
    /** Largest payload. */
    public static final int MAX_PAYLOAD_BYTES = 2112;
    /** CRC size. */
    public static final int CRC_BYTES = 4;

    /** A frame with its delimiters, as read from a port stream or an FCoIB packet. */
    public record Delimited(FcSof sof, FcFrame frame, FcEof eof) {
        /** @throws NullPointerException naming the missing part */
        public Delimited {
            Objects.requireNonNull(sof, "sof");
            Objects.requireNonNull(frame, "frame");
            Objects.requireNonNull(eof, "eof");
        }
    }

    private final FcHeader header;
    private final byte[] payload;

    /**
     * @param payload copied; a multiple of 4 bytes, at most 2112
     * @throws IllegalArgumentException naming "payload" when its length is not allowed
     */
    public FcFrame(FcHeader header, byte[] payload) {
        this.header = Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        if (payload.length % 4 != 0 || payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload = " + payload.length
                    + " bytes: must be a multiple of 4, at most " + MAX_PAYLOAD_BYTES);
        }
        this.payload = payload.clone();
    }

    /** The header. */
    public FcHeader header() {
        return header;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** Header + payload length. */
    public int length() {
        return FcHeader.BYTES + payload.length;
    }

    /** Header and payload. */
    public byte[] encode() {
        byte[] b = Arrays.copyOf(header.encode(), length());
        System.arraycopy(payload, 0, b, FcHeader.BYTES, payload.length);
        return b;
    }

    /** The FC CRC: CRC-32 (IEEE 802.3) over header and payload. */
    public int crc() {
        return Crc32.compute(encode());
    }

    /** Header, payload, CRC (little-endian). */
    public byte[] encodeWithCrc() {
        return EthernetFrame.appendFcs(encode());
    }

    /** The FC port stream form: SOF code, header, payload, CRC (LE), EOF code. */
    public byte[] portBytes(FcSof sof, FcEof eof) {
        byte[] f = encodeWithCrc();
        byte[] b = new byte[f.length + 2];
        b[0] = (byte) sof.code;
        System.arraycopy(f, 0, b, 1, f.length);
        b[b.length - 1] = (byte) eof.code;
        return b;
    }

    /** The pcap link type 225 form: SOF ordered set, header, payload, CRC (LE), EOF ordered set. */
    public byte[] orderedSetBytes(FcSof sof, FcEof eof) {
        byte[] f = encodeWithCrc();
        byte[] b = new byte[f.length + 8];
        putBe32(b, 0, sof.orderedSet);
        System.arraycopy(f, 0, b, 4, f.length);
        putBe32(b, b.length - 4, eof.orderedSet);
        return b;
    }

    /**
     * Parses the FC port stream form ({@link #portBytes}).
     *
     * @throws FrameException naming the first failing field: "length" (under 1 + 24 + 4 + 1
     *     bytes), "SOF" (offset 0, unknown code), "EOF" (last byte, unknown code), "FC frame
     *     length" (payload not a multiple of 4 or over 2112), "FC CRC"
     */
    public static Delimited parsePort(byte[] b) {
        Objects.requireNonNull(b, "b");
        if (b.length < 2 + FcHeader.BYTES + CRC_BYTES) {
            throw new FrameException("length", b.length, b.length + " bytes: an FC port frame"
                    + " has at least 1 + 24 + 4 + 1");
        }
        FcSof sof = FcSof.ofCode(b[0] & 0xFF);
        if (sof == null) {
            throw new FrameException("SOF", 0, String.format("0x%02X is no SOF code", b[0] & 0xFF));
        }
        int last = b.length - 1;
        FcEof eof = FcEof.ofCode(b[last] & 0xFF);
        if (eof == null) {
            throw new FrameException("EOF", last, String.format("0x%02X is no EOF code", b[last] & 0xFF));
        }
        return new Delimited(sof, parseWithCrc(b, 1, last - 1), eof);
    }

    /**
     * Parses header, payload and CRC at {@code b[off, off+len)} and verifies the CRC.
     *
     * @throws FrameException "FC frame length" at {@code off} (frame not 24 + a multiple of
     *     4 up to 2112 bytes of payload), "FC CRC" at the CRC's offset
     */
    public static FcFrame parseWithCrc(byte[] b, int off, int len) {
        return parseWithCrc(b, off, len, 0);
    }

    /** As {@link #parseWithCrc(byte[], int, int)}, reporting offsets plus {@code base}. */
    static FcFrame parseWithCrc(byte[] b, int off, int len, int base) {
        int frameLen = len - CRC_BYTES;
        int payloadLen = frameLen - FcHeader.BYTES;
        if (payloadLen < 0 || payloadLen % 4 != 0 || payloadLen > MAX_PAYLOAD_BYTES) {
            throw new FrameException("FC frame length", base + off, "header + payload of " + frameLen
                    + " bytes: must be 24 + a multiple of 4, payload at most " + MAX_PAYLOAD_BYTES);
        }
        int crcOff = off + frameLen;
        int stored = (b[crcOff] & 0xFF) | ((b[crcOff + 1] & 0xFF) << 8)
                | ((b[crcOff + 2] & 0xFF) << 16) | ((b[crcOff + 3] & 0xFF) << 24);
        int computed = Crc32.compute(b, off, frameLen);
        if (stored != computed) {
            throw new FrameException("FC CRC", base + crcOff, String.format(
                    "stored 0x%08X, computed 0x%08X", stored, computed));
        }
        return new FcFrame(FcHeader.parse(b, off),
                Arrays.copyOfRange(b, off + FcHeader.BYTES, off + frameLen));
    }

    private static void putBe32(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FcFrame f && header.equals(f.header) && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "FcFrame[" + header + " payload=" + payload.length + "B]";
    }
}
