package director.tb.frame;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

@Tag("fast")
class Vcrc16Test {

    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void reflectedCheckValue() {
        assertEquals(0x0A3D, Vcrc16.reflected(CHECK, 0, CHECK.length));
    }

    @Test
    void nonReflectedCheckValue() {
        assertEquals(0x4591, Vcrc16.nonReflected(CHECK, 0, CHECK.length));
    }

    @Test
    void wireOrderIsTheReflectedForm() {
        assertEquals(0x0A3D, Vcrc16.vcrc(CHECK, 0, CHECK.length));
    }

    /** Bit-serial references, written independently of the table code. */
    private static int bitwiseReflected(byte[] b) {
        int c = 0xFFFF;
        for (byte x : b) {
            for (int k = 0; k < 8; k++) {
                int in = (x >> k) & 1;               // LSB of the byte first
                int fb = (c & 1) ^ in;
                c >>>= 1;
                if (fb != 0) {
                    c ^= 0xD008;
                }
            }
        }
        return c ^ 0xFFFF;
    }

    private static int bitwiseNormal(byte[] b) {
        int c = 0xFFFF;
        for (byte x : b) {
            for (int k = 7; k >= 0; k--) {
                int in = (x >> k) & 1;               // MSB of the byte first
                int fb = ((c >> 15) & 1) ^ in;
                c = (c << 1) & 0xFFFF;
                if (fb != 0) {
                    c ^= 0x100B;
                }
            }
        }
        return c ^ 0xFFFF;
    }

    @Test
    void tablesMatchBitSerialReferences() {
        long seed = 0x5EED16L;
        System.out.println("Vcrc16Test seed=" + seed);
        Random r = new Random(seed);
        for (int t = 0; t < 200; t++) {
            byte[] b = new byte[r.nextInt(100)];
            r.nextBytes(b);
            assertEquals(bitwiseReflected(b), Vcrc16.reflected(b, 0, b.length));
            assertEquals(bitwiseNormal(b), Vcrc16.nonReflected(b, 0, b.length));
        }
    }

    /** The two forms are mirror images: reflect every byte and the result. */
    @Test
    void formsAreBitMirrorImages() {
        Random r = new Random(7);
        for (int t = 0; t < 50; t++) {
            byte[] b = new byte[1 + r.nextInt(64)];
            r.nextBytes(b);
            byte[] mirrored = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                mirrored[i] = (byte) (Integer.reverse(b[i] & 0xFF) >>> 24);
            }
            int refl = Vcrc16.reflected(b, 0, b.length);
            int norm = Vcrc16.nonReflected(mirrored, 0, mirrored.length);
            assertEquals(refl, Integer.reverse(norm) >>> 16);
        }
    }

    @Test
    void offsetAndLengthAreHonoured() {
        byte[] padded = new byte[CHECK.length + 5];
        System.arraycopy(CHECK, 0, padded, 3, CHECK.length);
        assertEquals(0x0A3D, Vcrc16.reflected(padded, 3, CHECK.length));
        assertEquals(0x4591, Vcrc16.nonReflected(padded, 3, CHECK.length));
    }
}
