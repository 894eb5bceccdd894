package director.tb.model;

import director.tb.frame.Crc32;
import director.tb.frame.Vcrc16;

/** The ingress checks of docs/ingress-checks.md, in their order, on one packet's bytes. Plain code from the table. */
public final class IngressChecks {
    private IngressChecks() {}

    /** The residue a reflected CRC-32 register holds after a message and its own CRC stored little-endian. */
    static final int ICRC_RESIDUE = 0xDEBB20E3;

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
        byte[] masked = java.util.Arrays.copyOf(p, len - 2);
        masked[0] |= (byte) 0xf0;
        if (masked.length > 12) masked[12] = (byte) 0xff;
        if (Crc32.update(Crc32.INIT, masked, 0, masked.length) != ICRC_RESIDUE) return DropReason.BAD_ICRC;
        int opcode = len > 8 ? p[8] & 0xff : 0;
        int padCnt = len > 9 ? (p[9] >> 4) & 0x03 : 0;
        int payload = len - 26 - (opcode == 0x64 || opcode == 0x65 ? 8 : 0) - padCnt;
        if (((p[0] >> 4) & 0x0f) == 15 && payload > 256) return DropReason.VL15_TOO_LONG;
        if (payload > mtuBytes) return DropReason.TOO_LONG;
        return null;
    }
}
