package director.tb.frame;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;

/**
 * An immutable InfiniBand local packet (LRH, no GRH), as laid out in
 * /work/shared/spec/infiniband.md:
 *
 * <pre>
 * LRH 8 | BTH 12 | [DETH 8, UD opcodes 0x64/0x65 only] | payload | pad 0..3 | ICRC 4 | VCRC 2
 * </pre>
 *
 * <ul>
 *   <li>All header fields are big-endian; reserved bits are written as zero.</li>
 *   <li>PadCnt = number of zero pad bytes so that payload + pad is a multiple of 4.</li>
 *   <li>PktLen = length in 4-byte words from the first LRH byte up to, not including, the
 *       VCRC (so the wire image is {@code PktLen * 4 + 2} bytes).</li>
 *   <li>ICRC: {@link Crc32} over LRH..end of pad with LRH.VL (byte 0, bits 7:4) and
 *       BTH.Resv8a (byte 12) replaced by all ones; stored little-endian.</li>
 *   <li>VCRC: {@link Vcrc16#vcrc} (reflected form) over LRH..ICRC; stored little-endian
 *       (see {@link Vcrc16} for the reasoning).</li>
 * </ul>
 *
 * For opcode 0x65 (UD SEND-only with immediate) the 4-byte ImmDt that follows the DETH is
 * not modelled separately: it is the first 4 bytes of {@link #payload()}.
 *
 * <p>LNH is kept as a field and encoded verbatim, but the layout is always LRH|BTH; only
 * LNH = 2 (IBA local) decodes. Build packets with {@link #builder()}.
 */
public final class IbPacket {
    /** LRH size in bytes. */
    public static final int LRH_BYTES = 8;
    /** BTH size in bytes. */
    public static final int BTH_BYTES = 12;
    /** DETH size in bytes. */
    public static final int DETH_BYTES = 8;
    /** ICRC size in bytes. */
    public static final int ICRC_BYTES = 4;
    /** VCRC size in bytes. */
    public static final int VCRC_BYTES = 2;
    /** Smallest wire image: LRH + BTH + ICRC + VCRC. */
    public static final int MIN_WIRE_BYTES = LRH_BYTES + BTH_BYTES + ICRC_BYTES + VCRC_BYTES;
    /** Largest PktLen value (11-bit field). */
    public static final int MAX_PKT_LEN_WORDS = 0x7FF;
    /** LNH value for "IBA local, BTH follows". */
    public static final int LNH_IBA_LOCAL = 2;
    /** UD SEND-only opcode. */
    public static final int OPCODE_UD_SEND_ONLY = 0x64;
    /** UD SEND-only with immediate opcode. */
    public static final int OPCODE_UD_SEND_ONLY_IMM = 0x65;

    /** Byte offset of BTH.Resv8a in the wire image. */
    public static final int RESV8A_OFFSET = LRH_BYTES + 4;
    /** Byte offset of BTH.PadCnt's byte (SE, M, PadCnt, TVer) in the wire image. */
    public static final int PADCNT_OFFSET = LRH_BYTES + 1;

    private final int vl;
    private final int lver;
    private final int sl;
    private final int lnh;
    private final int dlid;
    private final int slid;
    private final int opcode;
    private final boolean se;
    private final boolean m;
    private final int tver;
    private final int pkey;
    private final int resv8a;
    private final int destQp;
    private final boolean ackReq;
    private final int psn;
    private final long qkey;
    private final int srcQp;
    private final byte[] payload;

    private IbPacket(Builder b) {
        this.vl = b.vl;
        this.lver = b.lver;
        this.sl = b.sl;
        this.lnh = b.lnh;
        this.dlid = b.dlid;
        this.slid = b.slid;
        this.opcode = b.opcode;
        this.se = b.se;
        this.m = b.m;
        this.tver = b.tver;
        this.pkey = b.pkey;
        this.resv8a = b.resv8a;
        this.destQp = b.destQp;
        this.ackReq = b.ackReq;
        this.psn = b.psn;
        this.qkey = b.qkey;
        this.srcQp = b.srcQp;
        this.payload = b.payload.clone();
    }

    /** A new builder with defaults: everything 0 except LNH = 2, opcode 0x04 (RC SEND-only). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this packet's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.vl = vl;
        b.lver = lver;
        b.sl = sl;
        b.lnh = lnh;
        b.dlid = dlid;
        b.slid = slid;
        b.opcode = opcode;
        b.se = se;
        b.m = m;
        b.tver = tver;
        b.pkey = pkey;
        b.resv8a = resv8a;
        b.destQp = destQp;
        b.ackReq = ackReq;
        b.psn = psn;
        b.qkey = qkey;
        b.srcQp = srcQp;
        b.payload = payload.clone();
        return b;
    }

    /** True for the UD opcodes that carry a DETH (0x64, 0x65). */
    public static boolean isUdOpcode(int opcode) {
        return opcode == OPCODE_UD_SEND_ONLY || opcode == OPCODE_UD_SEND_ONLY_IMM;
    }

    // ------------------------------------------------------------------ accessors

    /** LRH.VL, 0..15. */
    public int vl() {
        return vl;
    }

    /** LRH.LVer, 0..15. */
    public int lver() {
        return lver;
    }

    /** LRH.SL, 0..15. */
    public int sl() {
        return sl;
    }

    /** LRH.LNH, 0..3. */
    public int lnh() {
        return lnh;
    }

    /** LRH.DLID, 0..0xFFFF. */
    public int dlid() {
        return dlid;
    }

    /** LRH.SLID, 0..0xFFFF. */
    public int slid() {
        return slid;
    }

    /** LRH.PktLen: words from LRH up to, not including, the VCRC (computed). */
    public int pktLen() {
        return (wireLength() - VCRC_BYTES) / 4;
    }

    /** BTH.OpCode, 0..0xFF. */
    public int opcode() {
        return opcode;
    }

    /** BTH.SE (solicited event). */
    public boolean se() {
        return se;
    }

    /** BTH.M (MigReq). */
    public boolean m() {
        return m;
    }

    /** BTH.PadCnt, 0..3 (computed from the payload length). */
    public int padCnt() {
        return (4 - (payload.length & 3)) & 3;
    }

    /** BTH.TVer, 0..15. */
    public int tver() {
        return tver;
    }

    /** BTH.P_Key, 0..0xFFFF. */
    public int pkey() {
        return pkey;
    }

    /** BTH.Resv8a, 0..0xFF (excluded from the ICRC). */
    public int resv8a() {
        return resv8a;
    }

    /** BTH.DestQP, 24 bits. */
    public int destQp() {
        return destQp;
    }

    /** BTH.AckReq. */
    public boolean ackReq() {
        return ackReq;
    }

    /** BTH.PSN, 24 bits. */
    public int psn() {
        return psn;
    }

    /** True when the packet carries a DETH (UD opcode). */
    public boolean hasDeth() {
        return isUdOpcode(opcode);
    }

    /**
     * DETH.Q_Key, 0..0xFFFFFFFF.
     *
     * @throws IllegalStateException when the packet has no DETH
     */
    public long qkey() {
        requireDeth("qkey");
        return qkey;
    }

    /**
     * DETH.SrcQP, 24 bits.
     *
     * @throws IllegalStateException when the packet has no DETH
     */
    public int srcQp() {
        requireDeth("srcQp");
        return srcQp;
    }

    /** A copy of the payload (without pad). */
    public byte[] payload() {
        return payload.clone();
    }

    /** Payload length in bytes (without pad). */
    public int payloadLength() {
        return payload.length;
    }

    /** Length of the header part: LRH + BTH (+ DETH). */
    public int headerLength() {
        return LRH_BYTES + BTH_BYTES + (hasDeth() ? DETH_BYTES : 0);
    }

    /** Total wire image length including ICRC and VCRC. */
    public int wireLength() {
        return headerLength() + payload.length + padCnt() + ICRC_BYTES + VCRC_BYTES;
    }

    private void requireDeth(String what) {
        if (!hasDeth()) {
            throw new IllegalStateException(what + ": opcode 0x" + Integer.toHexString(opcode)
                    + " carries no DETH");
        }
    }

    // ------------------------------------------------------------------ encode

    /** The wire image: LRH | BTH | [DETH] | payload | pad | ICRC (LE) | VCRC (LE). */
    public byte[] encode() {
        int hl = headerLength();
        int pad = padCnt();
        int icrcOff = hl + payload.length + pad;
        byte[] w = new byte[icrcOff + ICRC_BYTES + VCRC_BYTES];
        int pktLen = (icrcOff + ICRC_BYTES) / 4;
        // LRH
        w[0] = (byte) ((vl << 4) | lver);
        w[1] = (byte) ((sl << 4) | lnh);
        put16(w, 2, dlid);
        put16(w, 4, pktLen);
        put16(w, 6, slid);
        // BTH
        int b = LRH_BYTES;
        w[b] = (byte) opcode;
        w[b + 1] = (byte) ((se ? 0x80 : 0) | (m ? 0x40 : 0) | (pad << 4) | tver);
        put16(w, b + 2, pkey);
        w[b + 4] = (byte) resv8a;
        put24(w, b + 5, destQp);
        w[b + 8] = (byte) (ackReq ? 0x80 : 0);
        put24(w, b + 9, psn);
        // DETH
        if (hasDeth()) {
            int d = LRH_BYTES + BTH_BYTES;
            put32(w, d, (int) qkey);
            w[d + 4] = 0;
            put24(w, d + 5, srcQp);
        }
        System.arraycopy(payload, 0, w, hl, payload.length);
        // pad bytes are already zero
        putLe32(w, icrcOff, computeIcrc(w, icrcOff));
        putLe16(w, icrcOff + ICRC_BYTES, Vcrc16.vcrc(w, 0, icrcOff + ICRC_BYTES));
        return w;
    }

    // ------------------------------------------------------------------ decode / check

    /**
     * Parses and fully verifies a wire image.
     *
     * @throws FrameException naming the first failing field, checked in this order:
     *     length, LRH.LNH, LRH.PktLen, VCRC, ICRC, length (headers), BTH.PadCnt
     */
    public static IbPacket decode(byte[] wire) {
        return decode(wire, true);
    }

    /**
     * Parses a wire image without verifying ICRC and VCRC (structure is still checked:
     * length, LNH, PktLen, PadCnt).
     *
     * @throws FrameException naming the failing field
     */
    public static IbPacket decodeUnchecked(byte[] wire) {
        return decode(wire, false);
    }

    private static IbPacket decode(byte[] wire, boolean verifyCrcs) {
        Objects.requireNonNull(wire, "wire");
        CheckResult r = check(wire);
        throwFirst(r, wire, verifyCrcs);
        int n = wire.length;
        Builder b = new Builder();
        b.vl = (wire[0] >> 4) & 0xF;
        b.lver = wire[0] & 0xF;
        b.sl = (wire[1] >> 4) & 0xF;
        b.lnh = wire[1] & 0x3;
        b.dlid = get16(wire, 2);
        b.slid = get16(wire, 6);
        int o = LRH_BYTES;
        b.opcode = wire[o] & 0xFF;
        b.se = (wire[o + 1] & 0x80) != 0;
        b.m = (wire[o + 1] & 0x40) != 0;
        int pad = (wire[o + 1] >> 4) & 0x3;
        b.tver = wire[o + 1] & 0xF;
        b.pkey = get16(wire, o + 2);
        b.resv8a = wire[o + 4] & 0xFF;
        b.destQp = get24(wire, o + 5);
        b.ackReq = (wire[o + 8] & 0x80) != 0;
        b.psn = get24(wire, o + 9);
        int hl = LRH_BYTES + BTH_BYTES;
        if (isUdOpcode(b.opcode)) {
            b.qkey = get32(wire, hl) & 0xFFFFFFFFL;
            b.srcQp = get24(wire, hl + 5);
            b.dethSet = true;
            hl += DETH_BYTES;
        }
        int region = n - ICRC_BYTES - VCRC_BYTES - hl;
        b.payload = Arrays.copyOfRange(wire, hl, hl + region - pad);
        return b.build();
    }

    private static void throwFirst(CheckResult r, byte[] wire, boolean verifyCrcs) {
        int n = wire.length;
        if (!r.passed(CheckResult.Check.LENGTH)) {
            throw new FrameException("length", n, "wire image of " + n
                    + " bytes is too short for its headers, ICRC and VCRC");
        }
        if (!r.passed(CheckResult.Check.LNH)) {
            throw new FrameException("LRH.LNH", 1, "LNH=" + (wire[1] & 3)
                    + ", only 2 (IBA local) is supported");
        }
        if (!r.passed(CheckResult.Check.PKT_LEN)) {
            throw new FrameException("LRH.PktLen", 4, "PktLen=" + pktLenField(wire)
                    + " words implies " + (pktLenField(wire) * 4 + VCRC_BYTES)
                    + " bytes, image has " + n);
        }
        if (verifyCrcs && !r.vcrcOk()) {
            throw new FrameException("VCRC", n - VCRC_BYTES, String.format(
                    "stored 0x%04X, computed 0x%04X", storedVcrc(wire), computeVcrc(wire)));
        }
        if (verifyCrcs && !r.icrcOk()) {
            throw new FrameException("ICRC", n - VCRC_BYTES - ICRC_BYTES, String.format(
                    "stored 0x%08X, computed 0x%08X", storedIcrc(wire),
                    computeIcrc(wire, n - VCRC_BYTES - ICRC_BYTES)));
        }
        if (!r.passed(CheckResult.Check.PAD_CNT)) {
            throw new FrameException("BTH.PadCnt", PADCNT_OFFSET, "PadCnt="
                    + ((wire[PADCNT_OFFSET] >> 4) & 3) + " exceeds the payload area");
        }
    }

    /**
     * Runs all ingress checks on a wire image and reports which fail (never throws for
     * malformed input).
     */
    public static CheckResult check(byte[] wire) {
        Objects.requireNonNull(wire, "wire");
        EnumSet<CheckResult.Check> failed = EnumSet.noneOf(CheckResult.Check.class);
        int n = wire.length;
        if (n < MIN_WIRE_BYTES) {
            failed.add(CheckResult.Check.LENGTH);
            return new CheckResult(failed);
        }
        if ((wire[1] & 0x3) != LNH_IBA_LOCAL) {
            failed.add(CheckResult.Check.LNH);
        }
        if (pktLenField(wire) * 4 + VCRC_BYTES != n) {
            failed.add(CheckResult.Check.PKT_LEN);
        }
        if (computeVcrc(wire) != storedVcrc(wire)) {
            failed.add(CheckResult.Check.VCRC);
        }
        int icrcOff = n - VCRC_BYTES - ICRC_BYTES;
        if (computeIcrc(wire, icrcOff) != storedIcrc(wire)) {
            failed.add(CheckResult.Check.ICRC);
        }
        int hl = LRH_BYTES + BTH_BYTES + (isUdOpcode(wire[LRH_BYTES] & 0xFF) ? DETH_BYTES : 0);
        int region = icrcOff - hl;
        if (region < 0) {
            failed.add(CheckResult.Check.LENGTH);
        } else if (((wire[PADCNT_OFFSET] >> 4) & 3) > region) {
            failed.add(CheckResult.Check.PAD_CNT);
        }
        return new CheckResult(failed);
    }

    // ------------------------------------------------------------------ raw helpers

    /**
     * ICRC over {@code wire[0, len)} with LRH.VL and BTH.Resv8a replaced by ones (local
     * packet rule), as the unsigned CRC value (store it little-endian).
     *
     * @param len number of bytes covered: LRH through the end of the pad
     */
    public static int computeIcrc(byte[] wire, int len) {
        Objects.requireNonNull(wire, "wire");
        if (len < RESV8A_OFFSET + 1 || len > wire.length) {
            throw new FrameException("length", wire.length, "ICRC needs at least "
                    + (RESV8A_OFFSET + 1) + " bytes, len=" + len);
        }
        byte[] head = Arrays.copyOf(wire, RESV8A_OFFSET + 1);
        head[0] |= (byte) 0xF0;
        head[RESV8A_OFFSET] = (byte) 0xFF;
        int c = Crc32.update(Crc32.INIT, head, 0, head.length);
        c = Crc32.update(c, wire, head.length, len - head.length);
        return Crc32.finish(c);
    }

    /** VCRC computed over everything but the last 2 bytes of the image. */
    public static int computeVcrc(byte[] wire) {
        requireLength(wire, VCRC_BYTES);
        return Vcrc16.vcrc(wire, 0, wire.length - VCRC_BYTES);
    }

    /** The ICRC stored in the image (4 bytes before the VCRC, little-endian). */
    public static int storedIcrc(byte[] wire) {
        requireLength(wire, ICRC_BYTES + VCRC_BYTES);
        return getLe32(wire, wire.length - VCRC_BYTES - ICRC_BYTES);
    }

    /** The VCRC stored in the image (last 2 bytes, little-endian). */
    public static int storedVcrc(byte[] wire) {
        requireLength(wire, VCRC_BYTES);
        return getLe16(wire, wire.length - VCRC_BYTES);
    }

    /**
     * A copy of {@code wire} with LRH.VL set to {@code newVl} and the VCRC recomputed; the
     * ICRC is left untouched (it does not cover VL). This is what a switch does per hop.
     */
    public static byte[] withVl(byte[] wire, int newVl) {
        requireRange("vl", newVl, 0xF);
        requireLength(wire, LRH_BYTES + VCRC_BYTES);
        byte[] w = wire.clone();
        w[0] = (byte) ((w[0] & 0x0F) | (newVl << 4));
        putLe16(w, w.length - VCRC_BYTES, Vcrc16.vcrc(w, 0, w.length - VCRC_BYTES));
        return w;
    }

    /** LRH.DLID read from a raw image. */
    public static int dlid(byte[] wire) {
        requireLength(wire, LRH_BYTES);
        return get16(wire, 2);
    }

    /** LRH.SLID read from a raw image. */
    public static int slid(byte[] wire) {
        requireLength(wire, LRH_BYTES);
        return get16(wire, 6);
    }

    /** LRH.VL read from a raw image. */
    public static int vl(byte[] wire) {
        requireLength(wire, 1);
        return (wire[0] >> 4) & 0xF;
    }

    /** LRH.SL read from a raw image. */
    public static int sl(byte[] wire) {
        requireLength(wire, 2);
        return (wire[1] >> 4) & 0xF;
    }

    /** LRH.LNH read from a raw image. */
    public static int lnh(byte[] wire) {
        requireLength(wire, 2);
        return wire[1] & 0x3;
    }

    /** LRH.PktLen (11 bits, reserved bits masked off) read from a raw image. */
    public static int pktLenField(byte[] wire) {
        requireLength(wire, LRH_BYTES);
        return get16(wire, 4) & MAX_PKT_LEN_WORDS;
    }

    private static void requireLength(byte[] wire, int min) {
        Objects.requireNonNull(wire, "wire");
        if (wire.length < min) {
            throw new FrameException("length", wire.length,
                    "need at least " + min + " bytes, have " + wire.length);
        }
    }

    static void requireRange(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " = " + value + " out of range 0.." + max);
        }
    }

    private static void put16(byte[] w, int o, int v) {
        w[o] = (byte) (v >>> 8);
        w[o + 1] = (byte) v;
    }

    private static void put24(byte[] w, int o, int v) {
        w[o] = (byte) (v >>> 16);
        w[o + 1] = (byte) (v >>> 8);
        w[o + 2] = (byte) v;
    }

    private static void put32(byte[] w, int o, int v) {
        w[o] = (byte) (v >>> 24);
        w[o + 1] = (byte) (v >>> 16);
        w[o + 2] = (byte) (v >>> 8);
        w[o + 3] = (byte) v;
    }

    private static void putLe16(byte[] w, int o, int v) {
        w[o] = (byte) v;
        w[o + 1] = (byte) (v >>> 8);
    }

    private static void putLe32(byte[] w, int o, int v) {
        w[o] = (byte) v;
        w[o + 1] = (byte) (v >>> 8);
        w[o + 2] = (byte) (v >>> 16);
        w[o + 3] = (byte) (v >>> 24);
    }

    private static int get16(byte[] w, int o) {
        return ((w[o] & 0xFF) << 8) | (w[o + 1] & 0xFF);
    }

    private static int get24(byte[] w, int o) {
        return ((w[o] & 0xFF) << 16) | ((w[o + 1] & 0xFF) << 8) | (w[o + 2] & 0xFF);
    }

    private static int get32(byte[] w, int o) {
        return ((w[o] & 0xFF) << 24) | ((w[o + 1] & 0xFF) << 16)
                | ((w[o + 2] & 0xFF) << 8) | (w[o + 3] & 0xFF);
    }

    private static int getLe16(byte[] w, int o) {
        return (w[o] & 0xFF) | ((w[o + 1] & 0xFF) << 8);
    }

    private static int getLe32(byte[] w, int o) {
        return (w[o] & 0xFF) | ((w[o + 1] & 0xFF) << 8)
                | ((w[o + 2] & 0xFF) << 16) | ((w[o + 3] & 0xFF) << 24);
    }

    // ------------------------------------------------------------------ value semantics

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof IbPacket)) {
            return false;
        }
        IbPacket p = (IbPacket) o;
        return vl == p.vl && lver == p.lver && sl == p.sl && lnh == p.lnh && dlid == p.dlid
                && slid == p.slid && opcode == p.opcode && se == p.se && m == p.m
                && tver == p.tver && pkey == p.pkey && resv8a == p.resv8a
                && destQp == p.destQp && ackReq == p.ackReq && psn == p.psn
                && qkey == p.qkey && srcQp == p.srcQp && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(vl, lver, sl, lnh, dlid, slid, opcode, se, m, tver, pkey, resv8a,
                destQp, ackReq, psn, qkey, srcQp);
        return 31 * h + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("IbPacket[");
        s.append(String.format("vl=%d lver=%d sl=%d lnh=%d dlid=0x%04X slid=0x%04X pktLen=%d",
                vl, lver, sl, lnh, dlid, slid, pktLen()));
        s.append(String.format(" opcode=0x%02X se=%b m=%b padCnt=%d tver=%d pkey=0x%04X"
                        + " resv8a=0x%02X destQp=0x%06X ackReq=%b psn=0x%06X",
                opcode, se, m, padCnt(), tver, pkey, resv8a, destQp, ackReq, psn));
        if (hasDeth()) {
            s.append(String.format(" qkey=0x%08X srcQp=0x%06X", qkey, srcQp));
        }
        s.append(" payload=").append(payload.length).append("B]");
        return s.toString();
    }

    // ------------------------------------------------------------------ builder

    /**
     * Builder for {@link IbPacket}. Every setter range-checks its value and throws
     * {@link IllegalArgumentException} naming the field. PktLen and PadCnt are computed.
     */
    public static final class Builder {
        private int vl;
        private int lver;
        private int sl;
        private int lnh = LNH_IBA_LOCAL;
        private int dlid;
        private int slid;
        private int opcode = 0x04;
        private boolean se;
        private boolean m;
        private int tver;
        private int pkey;
        private int resv8a;
        private int destQp;
        private boolean ackReq;
        private int psn;
        private long qkey;
        private int srcQp;
        private boolean dethSet;
        private byte[] payload = new byte[0];

        private Builder() {
        }

        /** LRH.VL, 0..15. */
        public Builder vl(int v) {
            requireRange("vl", v, 0xF);
            vl = v;
            return this;
        }

        /** LRH.LVer, 0..15. */
        public Builder lver(int v) {
            requireRange("lver", v, 0xF);
            lver = v;
            return this;
        }

        /** LRH.SL, 0..15. */
        public Builder sl(int v) {
            requireRange("sl", v, 0xF);
            sl = v;
            return this;
        }

        /** LRH.LNH, 0..3 (default 2; other values are encoded but do not decode). */
        public Builder lnh(int v) {
            requireRange("lnh", v, 0x3);
            lnh = v;
            return this;
        }

        /** LRH.DLID, 0..0xFFFF. */
        public Builder dlid(int v) {
            requireRange("dlid", v, 0xFFFF);
            dlid = v;
            return this;
        }

        /** LRH.SLID, 0..0xFFFF. */
        public Builder slid(int v) {
            requireRange("slid", v, 0xFFFF);
            slid = v;
            return this;
        }

        /** BTH.OpCode, 0..0xFF; 0x64 and 0x65 add a DETH. */
        public Builder opcode(int v) {
            requireRange("opcode", v, 0xFF);
            opcode = v;
            return this;
        }

        /** BTH.SE. */
        public Builder se(boolean v) {
            se = v;
            return this;
        }

        /** BTH.M. */
        public Builder m(boolean v) {
            m = v;
            return this;
        }

        /** BTH.TVer, 0..15. */
        public Builder tver(int v) {
            requireRange("tver", v, 0xF);
            tver = v;
            return this;
        }

        /** BTH.P_Key, 0..0xFFFF. */
        public Builder pkey(int v) {
            requireRange("pkey", v, 0xFFFF);
            pkey = v;
            return this;
        }

        /** BTH.Resv8a, 0..0xFF. */
        public Builder resv8a(int v) {
            requireRange("resv8a", v, 0xFF);
            resv8a = v;
            return this;
        }

        /** BTH.DestQP, 0..0xFFFFFF. */
        public Builder destQp(int v) {
            requireRange("destQp", v, 0xFFFFFF);
            destQp = v;
            return this;
        }

        /** BTH.AckReq. */
        public Builder ackReq(boolean v) {
            ackReq = v;
            return this;
        }

        /** BTH.PSN, 0..0xFFFFFF. */
        public Builder psn(int v) {
            requireRange("psn", v, 0xFFFFFF);
            psn = v;
            return this;
        }

        /** DETH.Q_Key, 0..0xFFFFFFFF; only allowed with a UD opcode. */
        public Builder qkey(long v) {
            requireRange("qkey", v, 0xFFFFFFFFL);
            qkey = v;
            dethSet = true;
            return this;
        }

        /** DETH.SrcQP, 0..0xFFFFFF; only allowed with a UD opcode. */
        public Builder srcQp(int v) {
            requireRange("srcQp", v, 0xFFFFFF);
            srcQp = v;
            dethSet = true;
            return this;
        }

        /** Payload bytes (copied; pad is added by the encoder). */
        public Builder payload(byte[] v) {
            payload = Objects.requireNonNull(v, "payload").clone();
            return this;
        }

        /**
         * Builds the packet.
         *
         * @throws IllegalArgumentException when DETH fields were set on a non-UD opcode, or
         *     the packet would not fit the 11-bit PktLen
         */
        public IbPacket build() {
            boolean ud = isUdOpcode(opcode);
            if (dethSet && !ud) {
                throw new IllegalArgumentException("qkey/srcQp (DETH) set but opcode = 0x"
                        + Integer.toHexString(opcode) + " is not a UD opcode (0x64/0x65)");
            }
            if (!ud) {
                qkey = 0;
                srcQp = 0;
            }
            int hl = LRH_BYTES + BTH_BYTES + (ud ? DETH_BYTES : 0);
            long words = (hl + ((payload.length + 3L) & ~3L) + ICRC_BYTES) / 4;
            if (words > MAX_PKT_LEN_WORDS) {
                throw new IllegalArgumentException("payload = " + payload.length
                        + " bytes makes PktLen = " + words + " > " + MAX_PKT_LEN_WORDS);
            }
            return new IbPacket(this);
        }
    }
}
