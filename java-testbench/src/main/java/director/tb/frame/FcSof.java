package director.tb.frame;

/**
 * Fibre Channel start-of-frame delimiters: the one-byte codes of FCoE/FCoIB
 * (/work/shared/spec/encapsulation.md, "SOF codes"), used in-band as the first byte on an FC
 * port (docs/gateway.md), and the 4-byte ordered sets that LINKTYPE_FC_2_WITH_FRAME_DELIMS
 * (225) captures carry: K28.5 (written as 0xBC), D21.5 (0xB5), then the frame's two data
 * characters, as Wireshark 4.0's packet-fc.c decodes them ({@code FC_SOFF 0xBCB55858} and so
 * on). A SOF ordered set does not depend on running disparity.
 */
public enum FcSof {
    /** SOFf, fabric. */
    SOFF(0x28, 0xBCB55858),
    /** SOFi4, initiate class 4. */
    SOFI4(0x29, 0xBCB55959),
    /** SOFi2, initiate class 2. */
    SOFI2(0x2D, 0xBCB55555),
    /** SOFi3, initiate class 3. */
    SOFI3(0x2E, 0xBCB55656),
    /** SOFn4, normal class 4. */
    SOFN4(0x31, 0xBCB53939),
    /** SOFn2, normal class 2. */
    SOFN2(0x35, 0xBCB53535),
    /** SOFn3, normal class 3. */
    SOFN3(0x36, 0xBCB53636),
    /** SOFc4, activate class 4. */
    SOFC4(0x39, 0xBCB51919);

    /** The one-byte code. */
    public final int code;
    /** The ordered set, first character in bits 31:24. */
    public final int orderedSet;

    FcSof(int code, int orderedSet) {
        this.code = code;
        this.orderedSet = orderedSet;
    }

    /** The delimiter with this one-byte code, or null when no SOF has it. */
    public static FcSof ofCode(int code) {
        for (FcSof s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
