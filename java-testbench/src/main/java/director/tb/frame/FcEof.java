package director.tb.frame;

/**
 * Fibre Channel end-of-frame delimiters: the one-byte codes of FCoE/FCoIB
 * (/work/shared/spec/encapsulation.md, "EOF codes"), used in-band as the last byte on an FC
 * port (docs/gateway.md), and their 4-byte ordered sets for LINKTYPE_FC_2_WITH_FRAME_DELIMS
 * (225) captures. An EOF ordered set's second character depends on the running disparity
 * before it: D21.4 (0x95) or D10.4 (0x8A) when it is negative, D21.5 (0xB5) or D10.5 (0xAA)
 * when positive; Wireshark 4.0 (packet-fc.c, {@code EOFT_NEG 0xBC957575} ...) names both.
 * The model has no 8b/10b coder, so {@link #orderedSet} is the negative-disparity form;
 * {@link #orderedSetPositive} is given for readers.
 */
public enum FcEof {
    /** EOFn, normal. */
    EOFN(0x41, 0xBC95D5D5, 0xBCB5D5D5),
    /** EOFt, terminate. */
    EOFT(0x42, 0xBC957575, 0xBCB57575),
    /** EOFrt, remove-terminate (class 4). */
    EOFRT(0x44, 0xBC959999, 0xBCB59999),
    /** EOFdt, disconnect-terminate (class 1). */
    EOFDT(0x46, 0xBC959595, 0xBCB59595),
    /** EOFni, normal-invalid. */
    EOFNI(0x49, 0xBC8AD5D5, 0xBCAAD5D5),
    /** EOFdti, disconnect-terminate-invalid. */
    EOFDTI(0x4E, 0xBC8A9595, 0xBCAA9595),
    /** EOFrti, remove-terminate-invalid. */
    EOFRTI(0x4F, 0xBC8A9999, 0xBCAA9999),
    /** EOFa, abort. */
    EOFA(0x50, 0xBC95F5F5, 0xBCB5F5F5);

    /** The one-byte code. */
    public final int code;
    /** The ordered set after negative running disparity, first character in bits 31:24. */
    public final int orderedSet;
    /** The ordered set after positive running disparity. */
    public final int orderedSetPositive;

    FcEof(int code, int orderedSet, int orderedSetPositive) {
        this.code = code;
        this.orderedSet = orderedSet;
        this.orderedSetPositive = orderedSetPositive;
    }

    /** The delimiter with this one-byte code, or null when no EOF has it. */
    public static FcEof ofCode(int code) {
        for (FcEof e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }
}
