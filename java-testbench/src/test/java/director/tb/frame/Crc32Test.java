package director.tb.frame;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

@Tag("fast")
class Crc32Test {

    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void checkValue() {
        assertEquals(0xCBF43926, Crc32.compute(CHECK, 0, CHECK.length));
        assertEquals(0xCBF43926, Crc32.compute(CHECK));
    }

    @Test
    void emptyInputGivesZero() {
        assertEquals(0, Crc32.compute(new byte[0]));
    }

    @Test
    void incrementalEqualsOneShotForEverySplit() {
        for (int split = 0; split <= CHECK.length; split++) {
            int reg = Crc32.update(Crc32.INIT, CHECK, 0, split);
            reg = Crc32.update(reg, CHECK, split, CHECK.length - split);
            assertEquals(0xCBF43926, Crc32.finish(reg), "split at " + split);
        }
    }

    @Test
    void matchesJdkCrc32OnRandomData() {
        long seed = 0x1CEB00DAL;
        System.out.println("Crc32Test seed=" + seed);
        Random r = new Random(seed);
        for (int t = 0; t < 200; t++) {
            byte[] b = new byte[r.nextInt(300)];
            r.nextBytes(b);
            int off = b.length == 0 ? 0 : r.nextInt(b.length);
            int len = b.length - off;
            CRC32 jdk = new CRC32();
            jdk.update(b, off, len);
            assertEquals((int) jdk.getValue(), Crc32.compute(b, off, len));
        }
    }

    /**
     * The spec's remark "seeding with 0xDEBB20E3 is the same as hashing 8 bytes of 0xFF
     * first" is a register identity (used for GRH packets, whose LRH is replaced by 8 bytes
     * of ones). It is tested here as exactly that identity.
     */
    @Test
    void seedingWithDebb20e3EqualsHashingEightOnesFirst() {
        byte[] ones = new byte[8];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        assertEquals(Crc32.SEED_AFTER_8_ONES, Crc32.update(Crc32.INIT, ones, 0, 8));
        assertEquals(0xDEBB20E3, Crc32.SEED_AFTER_8_ONES);

        byte[] both = new byte[8 + CHECK.length];
        System.arraycopy(ones, 0, both, 0, 8);
        System.arraycopy(CHECK, 0, both, 8, CHECK.length);
        assertEquals(Crc32.compute(both),
                Crc32.finish(Crc32.update(0xDEBB20E3, CHECK, 0, CHECK.length)));
    }
}
