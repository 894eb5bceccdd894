package director.tb.frame;

import java.util.Objects;

/**
 * Fibre Channel over InfiniBand, the Mellanox format of /work/shared/spec/encapsulation.md
 * ("FCoIB"), carried as the payload of a UD SEND ({@link UdRoute}):
 *
 * <pre>
 * FCoIB header 16 | FC header 24 | FC payload | FC CRC 4 (LE) | EOF code 1 | 3 bytes 0
 * </pre>
 *
 * Header: byte 0 bits 7:6 signature 0b01 (bits 5:0 reserved), byte 1 reserved, byte 2 bits
 * 7:4 version 0 (bits 3:0 reserved), bytes 3..14 reserved, byte 15 the SOF code. Reserved
 * bits are written 0 and must be 0 on decapsulation. The CRC byte order is that of
 * {@link FcFrame} (tshark 4.0 checks it: {@code fcoib.crc.status} 1). The payload is
 * always a multiple of 4 bytes, so PadCnt is 0.
 */
public final class Fcoib {
    /** FCoIB header size. */
    public static final int HEADER_BYTES = 16;
    /** Trailer: CRC 4, EOF 1, reserved 3. */
    public static final int TRAILER_BYTES = 8;
    /** Byte 0 bits 7:6. */
    public static final int SIGNATURE = 0b01;
    /** Offset of the FCoIB header in the IB wire image (after LRH, BTH, DETH). */
    public static final int WIRE_OFFSET = IbPacket.LRH_BYTES + IbPacket.BTH_BYTES + IbPacket.DETH_BYTES;

    private Fcoib() {
    }

    /** The IB payload: FCoIB header with {@code sof}, the frame, CRC, {@code eof}, 3 zero bytes. */
    public static byte[] payload(FcSof sof, FcFrame frame, FcEof eof) {
        Objects.requireNonNull(sof, "sof");
        Objects.requireNonNull(eof, "eof");
        byte[] f = frame.encodeWithCrc();
        byte[] p = new byte[HEADER_BYTES + f.length + TRAILER_BYTES - FcFrame.CRC_BYTES];
        p[0] = (byte) (SIGNATURE << 6);
        p[HEADER_BYTES - 1] = (byte) sof.code;
        System.arraycopy(f, 0, p, HEADER_BYTES, f.length);
        p[HEADER_BYTES + f.length] = (byte) eof.code;
        return p;
    }

    /** The UD SEND carrying {@link #payload}. */
    public static IbPacket packet(FcSof sof, FcFrame frame, FcEof eof, UdRoute route) {
        return route.packet(payload(sof, frame, eof));
    }

    /** {@code packet(...).encode()}. */
    public static byte[] encapsulate(FcSof sof, FcFrame frame, FcEof eof, UdRoute route) {
        return packet(sof, frame, eof, route).encode();
    }

    /**
     * The FC frame and its delimiters inside an FCoIB packet's wire image, which must decode
     * ({@link IbPacket#decode}) and be a UD SEND only.
     *
     * @throws FrameException naming the first failing field, at its offset in the wire image:
     *     as {@link IbPacket#decode}, then "BTH.OpCode", "length" (payload under 16 + 24 + 8),
     *     "FCoIB.signature", "FCoIB.version", "FCoIB.reserved", "FCoIB.SOF",
     *     "FCoIB.EOF", "FCoIB.trailer reserved", then as {@link FcFrame#parseWithCrc}
     */
    public static FcFrame.Delimited decapsulate(byte[] ibWire) {
        IbPacket pkt = IbPacket.decode(ibWire);
        if (pkt.opcode() != IbPacket.OPCODE_UD_SEND_ONLY) {
            throw new FrameException("BTH.OpCode", IbPacket.LRH_BYTES, String.format(
                    "opcode 0x%02X, FCoIB is carried by UD SEND only (0x64)", pkt.opcode()));
        }
        byte[] p = pkt.payload();
        int w = WIRE_OFFSET;
        if (p.length < HEADER_BYTES + FcHeader.BYTES + TRAILER_BYTES) {
            throw new FrameException("length", w + p.length, "payload of " + p.length
                    + " bytes is shorter than FCoIB header + FC header + trailer (48)");
        }
        int sig = (p[0] & 0xFF) >>> 6;
        check(sig == SIGNATURE, "FCoIB.signature", w, "signature " + sig + ", must be 1 (0b01)");
        int version = (p[2] & 0xFF) >>> 4;
        check(version == 0, "FCoIB.version", w + 2, "version " + version + ", must be 0");
        for (int i = 0; i < HEADER_BYTES - 1; i++) {
            int mask = i == 0 ? 0x3F : i == 2 ? 0x0F : 0xFF;
            check((p[i] & mask) == 0, "FCoIB.reserved", w + i, String.format(
                    "header byte %d = 0x%02X has reserved bits set", i, p[i] & 0xFF));
        }
        FcSof sof = FcSof.ofCode(p[HEADER_BYTES - 1] & 0xFF);
        check(sof != null, "FCoIB.SOF", w + HEADER_BYTES - 1,
                String.format("0x%02X is no SOF code", p[HEADER_BYTES - 1] & 0xFF));
        int eofAt = p.length - 4;
        FcEof eof = FcEof.ofCode(p[eofAt] & 0xFF);
        check(eof != null, "FCoIB.EOF", w + eofAt,
                String.format("0x%02X is no EOF code", p[eofAt] & 0xFF));
        for (int i = eofAt + 1; i < p.length; i++) {
            check(p[i] == 0, "FCoIB.trailer reserved", w + i,
                    String.format("trailer byte = 0x%02X, must be 0", p[i] & 0xFF));
        }
        return new FcFrame.Delimited(sof, FcFrame.parseWithCrc(p, HEADER_BYTES,
                eofAt - HEADER_BYTES, w), eof);
    }

    private static void check(boolean ok, String field, int offset, String detail) {
        if (!ok) {
            throw new FrameException(field, offset, detail);
        }
    }
}
