package director.tb.frame;

import java.util.Objects;

/**
 * The 24-byte Fibre Channel frame header (/work/shared/spec/encapsulation.md, "FC frame
 * header"), every field big-endian:
 *
 * <pre>
 * R_CTL 1 | D_ID 3 | CS_CTL 1 | S_ID 3 | TYPE 1 | F_CTL 3 | SEQ_ID 1 | DF_CTL 1 | SEQ_CNT 2 | OX_ID 2 | RX_ID 2 | PARAM 4
 * </pre>
 *
 * D_ID and S_ID are 24-bit FC addresses (FC_IDs); TYPE 0x08 is SCSI-FCP.
 */
public record FcHeader(int rCtl, int dId, int csCtl, int sId, int type, int fCtl, int seqId,
        int dfCtl, int seqCnt, int oxId, int rxId, long param) {
    /** Header size. */
    public static final int BYTES = 24;
    /** TYPE of SCSI-FCP. */
    public static final int TYPE_FCP = 0x08;

    /** @throws IllegalArgumentException naming the field when out of range */
    public FcHeader {
        IbPacket.requireRange("R_CTL", rCtl, 0xFF);
        IbPacket.requireRange("D_ID", dId, 0xFFFFFF);
        IbPacket.requireRange("CS_CTL", csCtl, 0xFF);
        IbPacket.requireRange("S_ID", sId, 0xFFFFFF);
        IbPacket.requireRange("TYPE", type, 0xFF);
        IbPacket.requireRange("F_CTL", fCtl, 0xFFFFFF);
        IbPacket.requireRange("SEQ_ID", seqId, 0xFF);
        IbPacket.requireRange("DF_CTL", dfCtl, 0xFF);
        IbPacket.requireRange("SEQ_CNT", seqCnt, 0xFFFF);
        IbPacket.requireRange("OX_ID", oxId, 0xFFFF);
        IbPacket.requireRange("RX_ID", rxId, 0xFFFF);
        IbPacket.requireRange("PARAM", param, 0xFFFFFFFFL);
    }

    /** The 24 header bytes. */
    public byte[] encode() {
        byte[] b = new byte[BYTES];
        b[0] = (byte) rCtl;
        put(b, 1, dId, 3);
        b[4] = (byte) csCtl;
        put(b, 5, sId, 3);
        b[8] = (byte) type;
        put(b, 9, fCtl, 3);
        b[12] = (byte) seqId;
        b[13] = (byte) dfCtl;
        put(b, 14, seqCnt, 2);
        put(b, 16, oxId, 2);
        put(b, 18, rxId, 2);
        put(b, 20, param, 4);
        return b;
    }

    /**
     * Reads a header at {@code b[off, off+24)}.
     *
     * @throws FrameException ("FC header") when fewer than 24 bytes remain
     */
    public static FcHeader parse(byte[] b, int off) {
        Objects.requireNonNull(b, "b");
        if (off < 0 || b.length - off < BYTES) {
            throw new FrameException("FC header", off, "needs 24 bytes, "
                    + Math.max(0, b.length - off) + " remain");
        }
        return new FcHeader(b[off] & 0xFF, (int) get(b, off + 1, 3), b[off + 4] & 0xFF,
                (int) get(b, off + 5, 3), b[off + 8] & 0xFF, (int) get(b, off + 9, 3),
                b[off + 12] & 0xFF, b[off + 13] & 0xFF, (int) get(b, off + 14, 2),
                (int) get(b, off + 16, 2), (int) get(b, off + 18, 2), get(b, off + 20, 4));
    }

    private static void put(byte[] b, int off, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
    }

    private static long get(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }
}
