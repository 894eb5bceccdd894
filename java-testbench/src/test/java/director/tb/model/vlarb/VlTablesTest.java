package director.tb.model.vlarb;

import org.junit.jupiter.api.Tag;
import director.tb.model.vlarb.VlTables.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The tables file format and the register writes, against values written from docs/virtual-lanes.md. */
@Tag("fast")
class VlTablesTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** The message of the IllegalArgumentException that parsing {@code text} (8 data VLs, 64 entries) throws. */
    private String error(String text) throws IOException {
        Path p = write("vl-tables.csv", text);
        return assertThrows(IllegalArgumentException.class, () -> VlTables.parse(p, 8, 64)).getMessage();
    }

    @Test
    void aGoodFile() throws IOException {
        Path p = write("good.csv", """
                # one port's arbitration
                TABLE, vl, Weight
                high,0,16

                low , 1 , 64   # spaces and a trailing comment
                LOW,2,32
                High,3,0
                low,9,8
                limit,4
                """);
        VlTables t = VlTables.parse(p, 8, 64);
        assertEquals(List.of(new Entry(0, 16), new Entry(3, 0)), t.high());
        assertEquals(List.of(new Entry(1, 64), new Entry(2, 32), new Entry(9, 8)), t.low(), "VL 9 is accepted (skipped by the arbiter)");
        assertEquals(4, t.limit());
        assertEquals(8, t.dataVls());
        assertEquals(64, t.maxEntries());
        assertFalse(t.usable(new Entry(9, 8)), "not a data VL with dataVls 8");
        assertFalse(t.usable(new Entry(3, 0)), "weight 0");
        assertTrue(t.usable(new Entry(7, 1)));
    }

    @Test
    void withoutALimitLineTheLimitIsZero() throws IOException {
        VlTables t = VlTables.parse(write("a.csv", "low,0,1\n"), 1, 1);
        assertEquals(0, t.limit());
        assertEquals(List.of(), t.high());
    }

    @Test
    void theExampleFileParses() {
        Path example = Path.of(System.getProperty("user.dir")).getParent().resolve("traces/vl-tables/example.csv");
        VlTables t = VlTables.parse(example, 8, 64);
        assertEquals(List.of(new Entry(0, 16)), t.high());
        assertEquals(List.of(new Entry(1, 64), new Entry(2, 64), new Entry(3, 32), new Entry(4, 32), new Entry(5, 16),
                new Entry(6, 16), new Entry(7, 8)), t.low());
        assertEquals(4, t.limit());
    }

    @Test
    void everyErrorNamesFileLineAndField() throws IOException {
        assertEquals(dir.resolve("vl-tables.csv") + " line 4, field weight: '300' is not 0..255",
                error("table,vl,weight\nhigh,0,16\nlow,1,64\nlow,2,300\n"));
        assertEquals(dir.resolve("vl-tables.csv") + " line 2, field vl: '16' is not 0..15", error("# c\nlow,16,1\n"));
        assertTrue(error("low,x,1").endsWith("vl-tables.csv line 1, field vl: 'x' is not 0..15"));
        assertTrue(error("low,-1,1").endsWith("line 1, field vl: '-1' is not 0..15"));
        assertTrue(error("low,1,").endsWith("line 1, field weight: '' is not 0..255"));
        assertTrue(error("low,1,2.5").endsWith("line 1, field weight: '2.5' is not 0..255"));
        assertTrue(error("mid,1,2").endsWith("line 1, field table: 'mid' is not high, low or limit"));
        assertTrue(error("low,1,2\ntable,vl,weight\n").endsWith("line 2, field table: 'table' is not high, low or limit"),
                "a header only as the first line");
        assertTrue(error("low,1,2\nlimit,256\n").endsWith("line 2, field limit: '256' is not 0..255"));
        assertTrue(error("low,1,2\nlimit,1\n\nlimit,2\n").endsWith("line 4, field limit: a second limit line (the first is line 2)"));
        assertTrue(error("low,1\n").endsWith("line 1: 2 fields, an entry line has 3 (table,vl,weight)"));
        assertTrue(error("low,1,2,3\n").endsWith("line 1: 4 fields, an entry line has 3 (table,vl,weight)"));
        assertTrue(error("limit,1,2\n").endsWith("line 1: 3 fields, a limit line has 2 (limit,N)"));
        assertTrue(error("# nothing\n\n").endsWith("vl-tables.csv: no high or low entry (every data VL would stop)"));
    }

    @Test
    void quotedFieldsAreCsvAndBrokenQuotingIsNamed() throws IOException {
        VlTables t = VlTables.parse(write("q.csv", "\"low\",\"1\", \"2\"\n  # an indented comment\nlimit,\"3\"\n"), 8, 64);
        assertEquals(List.of(new Entry(1, 2)), t.low());
        assertEquals(3, t.limit());
        String m = error("low,1,2\nlow,\"2,3\n");
        assertTrue(m.startsWith(dir.resolve("vl-tables.csv") + " line 2: not valid CSV"), m);
    }

    @Test
    void moreEntriesThanTheTableHasIsAnError() throws IOException {
        Path p = write("vl-tables.csv", "high,0,1\nlow,0,1\nlow,1,1\nhigh,1,1\nlow,2,1\n");
        String m = assertThrows(IllegalArgumentException.class, () -> VlTables.parse(p, 8, 2)).getMessage();
        assertEquals(p + " line 5, field table: more than 2 entries in the low table (the port has 2)", m);
        assertEquals(2, VlTables.parse(write("ok.csv", "high,0,1\nlow,0,1\nlow,1,1\nhigh,1,1\n"), 8, 2).low().size());
    }

    /** Values echoed in messages keep them on one line; bytes that are not UTF-8 are named with their line and offset. */
    @Test
    void messagesStayOnOneLineAndNonUtf8IsNamed() throws IOException {
        assertTrue(error("\"lo\nw\",1,2\n").endsWith("line 2, field table: 'lo\\nw' is not high, low or limit"), error("\"lo\nw\",1,2\n"));
        assertTrue(error("low,\"1\r\",2\n").endsWith("line 2, field vl: '1\\r' is not 0..15"), error("low,\"1\r\",2\n"));
        Path p = dir.resolve("latin1.csv");
        Files.write(p, new byte[] {'l', 'o', 'w', ',', '1', ',', '2', '\n', 'h', (byte) 0xE9});
        assertEquals(p + ": line 2, byte offset 9: not UTF-8 text (bytes E9): the file must be UTF-8",
                assertThrows(IllegalArgumentException.class, () -> VlTables.parse(p, 8, 64)).getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path p = dir.resolve("absent.csv");
        String m = assertThrows(IllegalArgumentException.class, () -> VlTables.parse(p, 8, 64)).getMessage();
        assertTrue(m.startsWith(p + ": cannot read"), m);
    }

    @Test
    void defaultsAreTheResetValues() {
        VlTables d = VlTables.defaults(3);
        assertEquals(List.of(), d.high());
        assertEquals(List.of(new Entry(0, 64), new Entry(1, 64), new Entry(2, 64)), d.low());
        assertEquals(0, d.limit());
        assertEquals(64, d.maxEntries());
        assertEquals(List.of(new Entry(0, 64), new Entry(1, 64)), VlTables.defaults(8, 2).low(), "as many as the table has");
        double[] s = d.weightShare();
        assertEquals(1.0 / 3, s[0], 1e-12);
        assertEquals(1.0 / 3, s[2], 1e-12);
        assertEquals(0.0, s[3]);
    }

    @Test
    void csrWritesCoverEveryEntryAndTheLimit() {
        VlTables t = new VlTables(8, 4, List.of(new Entry(0, 16)), List.of(new Entry(1, 64), new Entry(7, 255)), 4);
        List<long[]> w = t.csrWrites(2);
        assertEquals(9, w.size(), "4 High, 4 Low, the limit");
        long base = 0x050000 + 2 * 256;  // docs/virtual-lanes.md: 0x050000 + port*256
        long[][] expected = {
            {base, 0x1000},            // High 0: VL0 weight 16 (bits 15:8)
            {base + 1, 0}, {base + 2, 0}, {base + 3, 0},
            {base + 64, 0x4001},       // Low 0: VL1 weight 64
            {base + 65, 0xff07},       // Low 1: VL7 weight 255
            {base + 66, 0}, {base + 67, 0},
            {base + 128, 4},           // LimitOfHighPriority
        };
        for (int i = 0; i < expected.length; i++) assertArrayEquals(expected[i], w.get(i), "write " + i);
    }

    @Test
    void weightShareCountsUsableEntriesOfBothTables() {
        // usable: High VL0 16, Low VL1 64, Low VL0 16, Low VL2 32 -> total 128; VL 9 and weight 0 skipped
        VlTables t = new VlTables(8, 64, List.of(new Entry(0, 16), new Entry(5, 0)),
                List.of(new Entry(1, 64), new Entry(9, 100), new Entry(0, 16), new Entry(2, 32), new Entry(15, 10)), 0);
        double[] s = t.weightShare();
        assertEquals(16, s.length);
        assertEquals(32.0 / 128, s[0], 1e-12);
        assertEquals(64.0 / 128, s[1], 1e-12);
        assertEquals(32.0 / 128, s[2], 1e-12);
        assertEquals(0.0, s[5]);
        assertEquals(0.0, s[9]);
        assertEquals(0.0, s[15]);
    }

    @Test
    void applyToWritesEveryEntryOfTheModel() {
        VlTables t = new VlTables(2, 2, List.of(new Entry(1, 1)), List.of(new Entry(0, 1)), 255);
        VlArbiterModel m = new VlArbiterModel(2, 2);
        t.applyTo(m);
        assertEquals(255, m.limit());
        boolean[] has = new boolean[16], fits = new boolean[16];
        int[] bytes = new int[16];
        has[0] = has[1] = fits[0] = fits[1] = true;
        bytes[0] = bytes[1] = 64;
        assertEquals(new VlArbiterModel.Decision(1, VlArbiterModel.Table.HIGH), m.decide(has, bytes, fits), "limit 255: High first");
        assertThrows(IllegalArgumentException.class, () -> t.applyTo(new VlArbiterModel(2, 3)));
    }
}
