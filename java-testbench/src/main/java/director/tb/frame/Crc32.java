package director.tb.frame;

/**
 * Standard reflected CRC-32 (Ethernet FCS / InfiniBand ICRC): polynomial 0xEDB88320
 * (reflected form of 0x04C11DB7), init 0xFFFFFFFF, final XOR 0xFFFFFFFF, table driven.
 *
 * <p>The incremental API works on the raw shift register, as hardware does: start from
 * {@link #INIT}, feed bytes with {@link #update}, and apply {@link #finish} (the final XOR)
 * once at the end. {@code compute(b, off, len) == finish(update(INIT, b, off, len))}.
 * Check value: {@code compute("123456789") == 0xCBF43926}.
 */
public final class Crc32 {
    /** Register value before the first byte. */
    public static final int INIT = 0xFFFFFFFF;
    /** Reflected polynomial. */
    public static final int POLY_REFLECTED = 0xEDB88320;
    /**
     * Register value after hashing 8 bytes of 0xFF from {@link #INIT}; seeding the register
     * with this is the same as hashing those 8 bytes first (used for GRH packets, whose LRH is
     * replaced by 8 bytes of ones in the ICRC computation).
     */
    public static final int SEED_AFTER_8_ONES = 0xDEBB20E3;

    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
            }
            TABLE[n] = c;
        }
    }

    private Crc32() {
    }

    /**
     * Feeds {@code len} bytes into a raw CRC register (no pre- or post-inversion).
     *
     * @param crc current register value ({@link #INIT} for a fresh computation)
     * @return the new register value
     */
    public static int update(int crc, byte[] b, int off, int len) {
        checkRange(b, off, len);
        int c = crc;
        for (int i = off; i < off + len; i++) {
            c = TABLE[(c ^ b[i]) & 0xFF] ^ (c >>> 8);
        }
        return c;
    }

    /** Applies the final XOR to a raw register value. */
    public static int finish(int crc) {
        return ~crc;
    }

    /** Complete CRC-32 of {@code b[off, off+len)}. */
    public static int compute(byte[] b, int off, int len) {
        return finish(update(INIT, b, off, len));
    }

    /** Complete CRC-32 of the whole array. */
    public static int compute(byte[] b) {
        return compute(b, 0, b.length);
    }

    static void checkRange(byte[] b, int off, int len) {
        if (b == null) {
            throw new NullPointerException("b");
        }
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IndexOutOfBoundsException(
                    "off=" + off + " len=" + len + " array length=" + b.length);
        }
    }
}
