package director.tb.frame;

/**
 * InfiniBand VCRC (variant CRC, 16 bit): polynomial x^16 + x^12 + x^3 + x + 1 (0x100B),
 * init 0xFFFF, final XOR 0xFFFF, computed over LRH through ICRC.
 *
 * <p>Both bit orders are provided:
 * <ul>
 *   <li>{@link #reflected}: LSB of each byte first, reflected polynomial 0xD008;
 *       check value of "123456789" is 0x0A3D.</li>
 *   <li>{@link #nonReflected}: MSB of each byte first, polynomial 0x100B;
 *       check value of "123456789" is 0x4591.</li>
 * </ul>
 *
 * <p><b>Wire order used by the codec ({@link #vcrc}): the reflected (LSB-first) form.</b>
 * Finding: Wireshark's InfiniBand dissector (wireshark/wireshark
 * epan/dissectors/packet-infiniband.c, all versions available to us, 2009 to 2020s) does
 * <i>not</i> compute or verify the VCRC (nor the ICRC): it only displays the trailing 4 and
 * 2 bytes as raw fields, so Wireshark cannot settle the bit order. The deciding source is
 * the CRC library of Endace (the company that wrote that dissector), dagcrc.c in the DAG
 * capture library (seen in mgrosvenor/camio1.0, dag/dagcrc.c): its
 * {@code dagcrc_infiniband_vcrc16_r} builds a table from the reflected polynomial 0xD008,
 * processes bytes LSB first, starts from 0xFFFF and XORs the result with 0xFFFF, exactly
 * like {@link #reflected}. That agrees with the ICRC, which is also a reflected CRC.
 *
 * <p>Byte order in the packet is not stated by our spec; {@link IbPacket} stores the VCRC
 * little-endian (low byte first), like the ICRC, which is the natural order for an
 * LSB-first CRC: with it, the reflected VCRC over a whole packet including its VCRC is a
 * constant (tested).
 */
public final class Vcrc16 {
    /** Polynomial in normal (MSB-first) notation. */
    public static final int POLY = 0x100B;
    /** Polynomial in reflected (LSB-first) notation. */
    public static final int POLY_REFLECTED = 0xD008;
    /** Initial register value. */
    public static final int INIT = 0xFFFF;
    /** Final XOR. */
    public static final int XOR_OUT = 0xFFFF;

    private static final int[] TABLE_REFLECTED = new int[256];
    private static final int[] TABLE_NORMAL = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
            }
            TABLE_REFLECTED[n] = c;
            int d = n << 8;
            for (int k = 0; k < 8; k++) {
                d = (d & 0x8000) != 0 ? ((d << 1) ^ POLY) & 0xFFFF : (d << 1) & 0xFFFF;
            }
            TABLE_NORMAL[n] = d;
        }
    }

    private Vcrc16() {
    }

    /** Reflected (LSB-first, poly 0xD008) CRC-16 of {@code b[off, off+len)}. */
    public static int reflected(byte[] b, int off, int len) {
        Crc32.checkRange(b, off, len);
        int c = INIT;
        for (int i = off; i < off + len; i++) {
            c = TABLE_REFLECTED[(c ^ b[i]) & 0xFF] ^ (c >>> 8);
        }
        return (c ^ XOR_OUT) & 0xFFFF;
    }

    /** Non-reflected (MSB-first, poly 0x100B) CRC-16 of {@code b[off, off+len)}. */
    public static int nonReflected(byte[] b, int off, int len) {
        Crc32.checkRange(b, off, len);
        int c = INIT;
        for (int i = off; i < off + len; i++) {
            c = (TABLE_NORMAL[((c >>> 8) ^ b[i]) & 0xFF] ^ (c << 8)) & 0xFFFF;
        }
        return (c ^ XOR_OUT) & 0xFFFF;
    }

    /**
     * The VCRC as used on the wire by {@link IbPacket}: the reflected form (see the class
     * comment for the source of that choice).
     */
    public static int vcrc(byte[] b, int off, int len) {
        return reflected(b, off, len);
    }
}
