package director.tb.io.trace;

import org.junit.jupiter.api.Tag;
import director.tb.io.InputError;
import director.tb.stim.trace.TraceFrame.TimeBase;
import director.tb.stim.trace.TraceRow;
import director.tb.stim.trace.TraceRow.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The CSV trace format of docs/traces.md: reading, writing, and an error naming file, line and column for each bad input. */
@Tag("fast")
class TraceCsvTest {
    @TempDir
    Path dir;

    private static final String HEADER = "time_ns,port,protocol,dlid,sl,qp,dst_mac,src_mac,vlan,d_id,s_id,size,payload,seed\n";

    private Path write(String text) throws IOException {
        Path p = dir.resolve("t.csv");
        Files.writeString(p, text);
        return p;
    }

    /** The message reading {@code text} fails with. */
    private String error(String text) throws IOException {
        Path p = write(text);
        return assertThrows(InputError.class, () -> TraceCsv.read(p)).getMessage();
    }

    /** {@code t.csv: line N, column 'c': problem}, as the reader's message starts. */
    private String at(int line, String column) {
        return dir.resolve("t.csv") + ": line " + line + ", column '" + column + "': ";
    }

    private static TraceRow row(long line, long time, TimeBase base, int port, Protocol p, Integer dlid, Integer sl, Integer qp,
                                Long dst, Long src, Integer vlan, Integer dId, Integer sId, Integer size, byte[] payload, Long seed) {
        return new TraceRow("x", line, time, base, port, p, dlid, sl, qp, dst, src, vlan, dId, sId, size, payload, seed);
    }

    private static void assertSameRow(TraceRow expected, TraceRow actual) {
        String w = "line " + expected.line();
        assertEquals(expected.line(), actual.line(), w);
        assertEquals(expected.time(), actual.time(), w);
        assertEquals(expected.base(), actual.base(), w);
        assertEquals(expected.port(), actual.port(), w);
        assertEquals(expected.protocol(), actual.protocol(), w);
        assertEquals(expected.dlid(), actual.dlid(), w);
        assertEquals(expected.sl(), actual.sl(), w);
        assertEquals(expected.qp(), actual.qp(), w);
        assertEquals(expected.dstMac(), actual.dstMac(), w);
        assertEquals(expected.srcMac(), actual.srcMac(), w);
        assertEquals(expected.vlan(), actual.vlan(), w);
        assertEquals(expected.dId(), actual.dId(), w);
        assertEquals(expected.sId(), actual.sId(), w);
        assertEquals(expected.size(), actual.size(), w);
        assertArrayEquals(expected.payload(), actual.payload(), w);
        assertEquals(expected.seed(), actual.seed(), w);
    }

    @Test
    void writeThenReadGivesTheRowsBack() {
        for (TimeBase base : TimeBase.values()) {
            List<TraceRow> rows = List.of(
                    row(2, 0, base, 0, Protocol.IB, 3, null, null, null, null, null, null, null, 256, null, null),
                    row(3, 0, base, 1, Protocol.IB, 0xBFFF, 15, 0xFFFFFF, null, null, null, null, null, null, new byte[] {1, 2, 3}, null),
                    row(4, 10, base, 2, Protocol.EOIB, null, null, null, 0x0A0000000001L, 0x020D00000002L, 102, null, null, 128, null, -7L),
                    row(5, 10, base, 5, Protocol.ETH, null, null, null, 0xFFFFFFFFFFFFL, 0x0A0000000005L, 0, null, null, null,
                            new byte[] {8, 0, (byte) 0xAB}, null),
                    row(6, 12, base, 3, Protocol.FCOIB, null, null, null, null, null, null, 0x020001, 0x010003, 2112, null, Long.MAX_VALUE),
                    row(7, Long.MAX_VALUE, base, 7, Protocol.FC, null, null, null, null, null, null, 0x010000, 0xFFFFFF, 0, null, null));
            Path p = dir.resolve("round-" + base + ".csv");
            TraceCsv.write(p, rows, base);
            List<TraceRow> back = TraceCsv.read(p);
            assertEquals(rows.size(), back.size());
            for (int i = 0; i < rows.size(); i++) {
                assertSameRow(rows.get(i), back.get(i));
                assertEquals(p.toString(), back.get(i).file());
            }
        }
    }

    @Test
    void writeRefusesARowOfAnotherTimeBase() {
        List<TraceRow> rows = List.of(row(2, 0, TimeBase.CYCLE, 0, Protocol.IB, 3, null, null, null, null, null, null, null, 8, null, null));
        assertThrows(IllegalArgumentException.class, () -> TraceCsv.write(dir.resolve("w.csv"), rows, TimeBase.NS));
    }

    @Test
    void commentsBlankLinesAnyCaseAnyOrderAndEveryNumberForm() throws IOException {
        Path p = write("""
                # a comment before the header
                Protocol , PORT,Cycle,  DLID,SL,QP,Size,Dst_MAC,src_mac,VLAN,D_ID,S_ID,payload,seed

                ib,0,100,0x1f,0x0F,0x10,0x40,,,,,,,
                # a comment between rows
                eoib,1,0x80,,,,,0A:00:00:00:00:01,020d00000001,0x65,,,08 00 45:00 0102,
                eth,5,200,,,,,ff-ff-ff-ff-ff-ff,0a0000000005,,,,0800aabb,
                fc,7,200,,,,8,,,,01:02:03,0x10203,,0x10
                """);
        List<TraceRow> rows = TraceCsv.read(p);
        assertEquals(4, rows.size());
        TraceRow ib = rows.get(0), eoib = rows.get(1), eth = rows.get(2), fc = rows.get(3);
        assertEquals(TimeBase.CYCLE, ib.base());
        assertEquals(4, ib.line(), "line numbers count comments and blank lines");
        assertEquals(100, ib.time());
        assertEquals(0x1F, ib.dlid());
        assertEquals(15, ib.sl());
        assertEquals(16, ib.qp());
        assertEquals(64, ib.size());
        assertEquals(6, eoib.line());
        assertEquals(0x80, eoib.time());
        assertEquals(0x0A0000000001L, eoib.dstMac());
        assertEquals(0x020D00000001L, eoib.srcMac());
        assertEquals(101, eoib.vlan());
        assertArrayEquals(new byte[] {8, 0, 0x45, 0, 1, 2}, eoib.payload());
        assertNull(eoib.size(), "a size may be left to the payload");
        assertEquals(12 + 4 + 6 + 4, eoib.frameSize(), "MACs, tag, EtherType and data, FCS");
        assertEquals(0xFFFFFFFFFFFFL, eth.dstMac());
        assertEquals(12 + 4 + 4, eth.frameSize(), "untagged");
        assertEquals(0x010203, fc.dId());
        assertEquals(0x010203, fc.sId());
        assertEquals(16L, fc.seed());
        assertNull(fc.payload());
    }

    @Test
    void aPayloadAndAMatchingSizeMayBothBeGiven() throws IOException {
        List<TraceRow> rows = TraceCsv.read(write(HEADER
                + "0,0,ib,1,,,,,,,,4,01020304,\n"
                + "0,5,eth,,,,02:00:00:00:00:01,02:00:00:00:00:02,7,,,24,08000102,\n"
                + "0,7,fc,,,,,,,0x010000,0x020000,4,01020304,\n"));
        assertEquals(3, rows.size());
        assertEquals(24, rows.get(1).frameSize());
    }

    @Test
    void theHeaderIsChecked() throws IOException {
        String f = dir.resolve("t.csv") + ": ";
        assertEquals(f + "line 1, column 'colour': unknown column: expected time_ns, cycle, port, protocol, dlid, sl, qp, "
                + "dst_mac, src_mac, vlan, d_id, s_id, size, payload, seed", error("time_ns,port,protocol,colour\n0,0,ib,1\n"));
        assertTrue(error("0,0,ib,1\n").startsWith(f + "line 1, column '0': unknown column (the first row must be the header)"));
        assertEquals(f + "line 2, column 'Port': named twice (columns 2 and 4)", error("# c\ntime_ns,port,protocol,Port\n"));
        assertEquals(f + "line 1, column 'cycle': both time_ns and cycle: a trace has one time base, give one of them",
                error("time_ns,cycle,port,protocol\n"));
        assertEquals(f + "line 1: no time column: expected time_ns (nanoseconds) or cycle (core cycles)", error("port,protocol,dlid\n"));
        assertEquals(f + "line 1: no 'protocol' column: every trace needs one", error("time_ns,port,dlid\n"));
        assertEquals(f + "line 1, column 3: the header names no column here", error("time_ns,port,,protocol\n"));
    }

    @Test
    void aFileWithoutFramesIsAnError() throws IOException {
        String f = dir.resolve("t.csv") + ": ";
        assertEquals(f + "no frames: the file has no header row and no rows", error(""));
        assertEquals(f + "no frames: the file has no header row and no rows", error("# only\n# comments\n\n"));
        assertEquals(f + "no frames: the file has a header and no rows", error(HEADER));
        assertEquals(f + "no frames: the file has a header and no rows", error(HEADER + "# a comment\n   \n"));
    }

    @Test
    void badCellsNameLineColumnValueAndWhatWasExpected() throws IOException {
        assertEquals(at(2, "port") + "'-1' is outside 0 or more", error(HEADER + "0,-1,ib,1,,,,,,,,8,,\n"));
        assertEquals(at(2, "port") + "'p3' is not a number: expected decimal or 0x-hex 0 or more", error(HEADER + "0,p3,ib,1,,,,,,,,8,,\n"));
        assertEquals(at(2, "sl") + "'16' is outside 0..15", error(HEADER + "0,0,ib,1,16,,,,,,,8,,\n"));
        assertEquals(at(2, "qp") + "'0x1000000' is outside 0..16777215", error(HEADER + "0,0,ib,1,,0x1000000,,,,,,8,,\n"));
        assertEquals(at(2, "dlid") + "'65536' is outside 0..65535", error(HEADER + "0,0,ib,65536,,,,,,,,8,,\n"));
        assertEquals(at(3, "vlan") + "'4096' is outside 0..4095",
                error(HEADER + "0,0,ib,1,,,,,,,,8,,\n0,5,eth,,,,02:00:00:00:00:01,02:00:00:00:00:02,4096,,,64,,\n"));
        assertEquals(at(2, "size") + "'-4' is outside 0 or more", error(HEADER + "0,0,ib,1,,,,,,,,-4,,\n"));
        assertEquals(at(2, "time_ns") + "'1.5' is not a number: expected decimal or 0x-hex 0 or more", error(HEADER + "1.5,0,ib,1,,,,,,,,8,,\n"));
        assertEquals(at(2, "protocol") + "'udp' is not a protocol: expected ib, eoib, fcoib, eth or fc", error(HEADER + "0,0,udp,1,,,,,,,,8,,\n"));
        assertEquals(at(2, "dst_mac") + "'02:00:00:00:01' is not a MAC: expected aa:bb:cc:dd:ee:ff or aabbccddeeff",
                error(HEADER + "0,5,eth,,,,02:00:00:00:01,02:00:00:00:00:02,,,,64,,\n"));
        assertEquals(at(2, "src_mac") + "'02000000000g' is not a MAC: expected aa:bb:cc:dd:ee:ff or aabbccddeeff",
                error(HEADER + "0,5,eth,,,,02:00:00:00:00:01,02000000000g,,,,64,,\n"));
        assertEquals(at(2, "d_id") + "'0x1000000' is not an FC_ID: expected 24 bits as 0x010203 or 01:02:03",
                error(HEADER + "0,7,fc,,,,,,,0x1000000,0x010000,0,,\n"));
        assertEquals(at(2, "s_id") + "'66051' is not an FC_ID: expected 24 bits as 0x010203 or 01:02:03",
                error(HEADER + "0,7,fc,,,,,,,0x010000,66051,0,,\n"));
        assertEquals(at(2, "payload") + "'01 2 03' is not hex bytes ('2'): expected pairs of hex digits, spaces or colons allowed between bytes",
                error(HEADER + "0,0,ib,1,,,,,,,,,01 2 03,\n"));
        assertEquals(at(2, "payload") + "'zz' is not hex bytes ('zz'): expected pairs of hex digits, spaces or colons allowed between bytes",
                error(HEADER + "0,0,ib,1,,,,,,,,,zz,\n"));
        assertEquals(at(2, "seed") + "'x' is not a number: expected decimal or 0x-hex (64-bit signed)",
                error(HEADER + "0,0,ib,1,,,,,,,,8,,x\n"));
    }

    @Test
    void eachProtocolNeedsItsColumnsAndTakesNoOthers() throws IOException {
        assertEquals(at(2, "dlid") + "empty: an ib row needs its dlid", error(HEADER + "0,0,ib,,,,,,,,,8,,\n"));
        assertEquals(at(2, "dlid") + "missing (no such column): an ib row needs its dlid", error("time_ns,port,protocol,size\n0,0,ib,8\n"));
        assertEquals(at(2, "dst_mac") + "empty: an eoib row needs its dst_mac", error(HEADER + "0,0,eoib,,,,,02:00:00:00:00:02,,,,64,,\n"));
        assertEquals(at(2, "src_mac") + "empty: an eoib row needs its src_mac", error(HEADER + "0,0,eoib,,,,02:00:00:00:00:02,,,,,64,,\n"));
        assertEquals(at(2, "dst_mac") + "empty: an eth row needs its dst_mac", error(HEADER + "0,5,eth,,,,,02:00:00:00:00:02,,,,64,,\n"));
        assertEquals(at(2, "src_mac") + "empty: an eth row needs its src_mac", error(HEADER + "0,5,eth,,,,02:00:00:00:00:02,,,,,64,,\n"));
        assertEquals(at(2, "d_id") + "empty: an fc row needs its d_id", error(HEADER + "0,7,fc,,,,,,,,0x010000,0,,\n"));
        assertEquals(at(2, "s_id") + "empty: an fcoib row needs its s_id", error(HEADER + "0,0,fcoib,,,,,,,0x020000,,0,,\n"));
        assertEquals(at(2, "dlid") + "'3' does not apply to an eth row (it takes dst_mac, src_mac, vlan, size, payload, seed)",
                error(HEADER + "0,5,eth,3,,,02:00:00:00:00:01,02:00:00:00:00:02,,,,64,,\n"));
        assertEquals(at(2, "vlan") + "'5' does not apply to an fc row (it takes d_id, s_id, size, payload, seed)",
                error(HEADER + "0,7,fc,,,,,,5,0x010000,0x020000,0,,\n"));
        assertEquals(at(2, "sl") + "'2' does not apply to an eoib row (it takes dst_mac, src_mac, vlan, size, payload, seed)",
                error(HEADER + "0,0,eoib,,2,,02:00:00:00:00:01,02:00:00:00:00:02,,,,64,,\n"));
        assertEquals(at(2, "protocol") + "empty: expected ib, eoib, fcoib, eth or fc", error(HEADER + "0,0,,1,,,,,,,,8,,\n"));
        assertEquals(at(2, "port") + "empty: every row needs its ingress port", error(HEADER + "0,,ib,1,,,,,,,,8,,\n"));
        assertEquals(at(2, "time_ns") + "empty: every row needs its arrival time", error(HEADER + ",0,ib,1,,,,,,,,8,,\n"));
    }

    @Test
    void sizePayloadAndSeedMustAgree() throws IOException {
        assertEquals(at(2, "size") + "empty and no payload: give the size or the payload bytes", error(HEADER + "0,0,ib,1,,,,,,,,,,\n"));
        assertEquals(at(2, "seed") + "'7' with a payload: a seed only generates payload bytes, give one of them",
                error(HEADER + "0,0,ib,1,,,,,,,,,0102,7\n"));
        assertEquals(at(2, "size") + "3 does not match the payload: 2 payload bytes make 2 bytes of IB payload",
                error(HEADER + "0,0,ib,1,,,,,,,,3,0102,\n"));
        assertEquals(at(2, "size") + "20 does not match the payload: 4 payload bytes make a frame of 24 bytes with MACs, 802.1Q tag, FCS",
                error(HEADER + "0,5,eth,,,,02:00:00:00:00:01,02:00:00:00:00:02,100,,,20,08000102,\n"));
        assertEquals(at(2, "size") + "8 does not match the payload: 4 payload bytes make 4 bytes of FC data field",
                error(HEADER + "0,7,fc,,,,,,,0x010000,0x020000,8,01020304,\n"));
        assertEquals(at(2, "payload") + "1 bytes: an eoib payload starts with the 2-byte EtherType",
                error(HEADER + "0,0,eoib,,,,02:00:00:00:00:01,02:00:00:00:00:02,,,,,08,\n"));
    }

    @Test
    void timeMustNotGoBackwards() throws IOException {
        String text = HEADER + "# five good rows\n"
                + "0,0,ib,1,,,,,,,,8,,\n1000,0,ib,1,,,,,,,,8,,\n1500,0,ib,1,,,,,,,,8,,\n1500,1,ib,1,,,,,,,,8,,\n"
                + "1200,0,ib,1,,,,,,,,8,,\n";
        assertEquals(at(7, "time_ns") + "time goes backwards: 1200 after 1500 on line 6", error(text));
        assertEquals(at(3, "cycle") + "time goes backwards: 5 after 6 on line 2", error("cycle,port,protocol,dlid,size\n6,0,ib,1,8\n5,0,ib,1,8\n"));
    }

    @Test
    void rowsOfTheWrongWidthAndBrokenCsvAreNamed() throws IOException {
        assertEquals(dir.resolve("t.csv") + ": line 3: 4 cells, the header (line 1) has 14 columns",
                error(HEADER + "0,0,ib,1,,,,,,,,8,,\n0,0,ib,1\n"));
        assertTrue(error(HEADER + "0,0,ib,1,,,,,,,,8,\"01,\n").startsWith(dir.resolve("t.csv") + ": line 2: not valid CSV"));
    }

    /** Found by fuzzing (trace-csv): a quoted cell holding a line break, echoed in the message, split it over lines. */
    @Test
    void echoedCellsKeepTheMessageOnOneLine() throws IOException {
        String m = error("\"\n\"\n");
        assertEquals(dir.resolve("t.csv") + ": line 2, column '\\n': unknown column (the first row must be the header): expected time_ns, "
                + "cycle, port, protocol, dlid, sl, qp, dst_mac, src_mac, vlan, d_id, s_id, size, payload, seed", m);
        String p = error(HEADER + "0,0,ib,1,,,,,,,,8,\"0\r\n1\",\n");
        assertFalse(p.contains("\n") || p.contains("\r"), p);
        assertTrue(p.contains("'0\\r\\n1' is not hex bytes"), p);
    }

    @Test
    void bytesThatAreNotUtf8AreNamed() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.write(f, new byte[] {'t', 'i', 'm', 'e', (byte) 0xC3});
        assertEquals(f + ": line 1, byte offset 4: not UTF-8 text (bytes C3): the file must be UTF-8",
                assertThrows(InputError.class, () -> TraceCsv.read(f)).getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path p = dir.resolve("absent.csv");
        String m = assertThrows(InputError.class, () -> TraceCsv.read(p)).getMessage();
        assertTrue(m.startsWith(p + ": cannot read the trace"), m);
    }
}
