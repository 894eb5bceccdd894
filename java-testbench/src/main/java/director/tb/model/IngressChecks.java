package director.tb.model;

import director.tb.frame.Vcrc16;

/** The ingress checks of docs/ingress-checks.md, in their order, on one packet's bytes. Plain code from the table. */
public final class IngressChecks {
    private IngressChecks() {}

    /**
     * CRC-32 (with its final XOR, as java.util.zip.CRC32 reports it) of a message followed by its own CRC stored
     * little-endian: 0x2144DF1C, i.e. the register residue 0xDEBB20E3 of docs/ingress-checks.md, inverted.
     */
    static final long ICRC_RESIDUE_FINAL = 0x2144DF1CL;

    /** The first failing check, or null; the DLID lookup (reason 10) is the caller's. */
    public static DropReason check(byte[] p, int maxPacketBytes, int mtuBytes) {
        int len = p.length;
        if (len < 8) return DropReason.RUNT;
        if (len > maxPacketBytes) return DropReason.OVERSIZE;
        int vcrc = Vcrc16.reflected(p, 0, len - 2);
        int stored = (p[len - 2] & 0xff) | (p[len - 1] & 0xff) << 8;
        if (vcrc != stored) return DropReason.BAD_VCRC;
        if ((p[0] & 0x0f) != 0) return DropReason.BAD_LVER;
        if ((p[1] & 0x03) != 2) return DropReason.BAD_LNH;
        int pktLen = ((p[4] & 0x07) << 8) | (p[5] & 0xff);
        if (pktLen * 4 != len - 2) return DropReason.BAD_PKTLEN;
        // ICRC over bytes 0..L-3 with the variant fields as ones: the first 13 bytes masked in a copy, the rest
        // straight from the packet (java.util.zip.CRC32 is the same reflected CRC-32, and fast)
        int covered = len - 2, head = Math.min(13, covered);
        byte[] masked = java.util.Arrays.copyOf(p, head);
        masked[0] |= (byte) 0xf0;
        if (head > 12) masked[12] = (byte) 0xff;
        java.util.zip.CRC32 icrc = new java.util.zip.CRC32();
        icrc.update(masked, 0, head);
        icrc.update(p, head, covered - head);
        if (icrc.getValue() != ICRC_RESIDUE_FINAL) return DropReason.BAD_ICRC;
        int opcode = len > 8 ? p[8] & 0xff : 0;
        int padCnt = len > 9 ? (p[9] >> 4) & 0x03 : 0;
        int payload = len - 26 - (opcode == 0x64 || opcode == 0x65 ? 8 : 0) - padCnt;
        if (((p[0] >> 4) & 0x0f) == 15 && payload > 256) return DropReason.VL15_TOO_LONG;
        if (payload > mtuBytes) return DropReason.TOO_LONG;
        return null;
    }
}
