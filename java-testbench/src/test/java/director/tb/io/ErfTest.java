package director.tb.io;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import director.tb.frame.IbPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class ErfTest {
    @TempDir
    Path dir;

    // ------------------------------------------------------------------ helpers

    /** A random valid packet whose wire image is exactly {@code wireLength} bytes (2 mod 4). */
    static IbPacket randomPacket(Random r, int wireLength) {
        int[] rcOps = {0x00, 0x01, 0x02, 0x04};
        boolean ud = r.nextBoolean();
        int region = wireLength - IbPacket.LRH_BYTES - IbPacket.BTH_BYTES - IbPacket.ICRC_BYTES
                - IbPacket.VCRC_BYTES - (ud ? IbPacket.DETH_BYTES : 0);
        int pad = Math.min(r.nextInt(4), region);
        int opcode = ud ? (region - pad >= 4 && r.nextBoolean() ? 0x65 : 0x64)
                : rcOps[r.nextInt(rcOps.length)];
        byte[] payload = new byte[region - pad];
        r.nextBytes(payload);
        IbPacket.Builder b = IbPacket.builder().vl(r.nextInt(16)).lver(0).sl(r.nextInt(16))
                .dlid(r.nextInt(0x10000)).slid(r.nextInt(0x10000)).opcode(opcode)
                .se(r.nextBoolean()).m(r.nextBoolean()).pkey(r.nextInt(0x10000))
                .destQp(r.nextInt(0x1000000)).ackReq(r.nextBoolean()).psn(r.nextInt(0x1000000))
                .payload(payload);
        if (ud) {
            b.qkey(r.nextInt() & 0xFFFFFFFFL).srcQp(r.nextInt(0x1000000));
        }
        IbPacket p = b.build();
        assertEquals(wireLength, p.wireLength(), "generator");
        return p;
    }

    /** Wire lengths 34..4130 (all 2 mod 4), both ends included. */
    static int randomWireLength(Random r, int i) {
        if (i == 0) {
            return 34;
        }
        if (i == 1) {
            return 4130;
        }
        return 34 + 4 * r.nextInt((4130 - 34) / 4 + 1);
    }

    static List<byte[]> randomPackets(long seed, int n) {
        Random r = new Random(seed);
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(randomPacket(r, randomWireLength(r, i)).encode());
        }
        return list;
    }

    /** Non-decreasing timestamps with equal steps, sub-tick steps, second boundaries, jumps. */
    static long[] randomTimestamps(long seed, int n) {
        Random r = new Random(seed);
        long[] ts = new long[n];
        long t = 0;
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(6)) {
                case 0 -> { }                                            // same time
                case 1 -> t += 1 + r.nextInt(300);                       // below a tick or so
                case 2 -> t = Math.max(t, (t / Erf.PS_PER_SECOND + 1) * Erf.PS_PER_SECOND - r.nextInt(3));
                case 3 -> t += (long) r.nextInt(1_000_000_000) * 1000;   // up to 1 s
                default -> t += 1 + r.nextInt(100_000_000);              // up to 100 us
            }
            ts[i] = t;
        }
        return ts;
    }

    Path write(String name, long[] ts, List<byte[]> packets) throws IOException {
        Path f = dir.resolve(name);
        try (ErfWriter w = new ErfWriter(f)) {
            for (int i = 0; i < packets.size(); i++) {
                w.write(ts[i], packets.get(i));
            }
            assertEquals(packets.size(), w.recordCount());
        }
        return f;
    }

    static byte[] header(long erfTs, int type, int flags, int rlen, int lctr, int wlen) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.order(ByteOrder.LITTLE_ENDIAN).putLong(erfTs);
        b.order(ByteOrder.BIG_ENDIAN).put((byte) type).put((byte) flags).putShort((short) rlen)
                .putShort((short) lctr).putShort((short) wlen);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    ErfFormatException readFails(Path f) {
        return assertThrows(ErfFormatException.class, () -> ErfReader.readAll(f));
    }

    // ------------------------------------------------------------------ timestamps

    @Test
    void timestampConversionKnownValues() {
        assertEquals(0L, Erf.toErfTimestamp(0));
        assertEquals(1L << 32, Erf.toErfTimestamp(Erf.PS_PER_SECOND));
        assertEquals(0x8000_0000L, Erf.toErfTimestamp(Erf.PS_PER_SECOND / 2));
        assertEquals((3L << 32) | 0x4000_0000L, Erf.toErfTimestamp(3_250_000_000_000L));
        assertEquals(0L, Erf.toErfTimestamp(116));                 // 0.498 tick
        assertEquals(1L, Erf.toErfTimestamp(117));                 // 0.502 tick
        assertEquals(1L << 32, Erf.toErfTimestamp(Erf.PS_PER_SECOND - 1));   // carry
        assertEquals(233L, Erf.toPicoseconds(1));                  // 232.83 ps
        assertEquals(Erf.PS_PER_SECOND / 2, Erf.toPicoseconds(0x8000_0000L));
        assertEquals(Erf.PS_PER_SECOND - 233, Erf.toPicoseconds(0xFFFF_FFFFL));
        assertThrows(IllegalArgumentException.class, () -> Erf.toErfTimestamp(-1));
        assertThrows(IllegalArgumentException.class,
                () -> Erf.toErfTimestamp(Erf.MAX_TIMESTAMP_PS_EXCLUSIVE));
        long max = Erf.MAX_TIMESTAMP_PS_EXCLUSIVE - 1;
        long back = Erf.toPicoseconds(Erf.toErfTimestamp(max));
        assertTrue(Math.abs(back - max) <= Erf.MAX_ROUND_TRIP_ERROR_PS, "max " + back);
        assertThrows(ArithmeticException.class, () -> Erf.toPicoseconds(0xFFFF_FFFF_0000_0000L));
    }

    @Test
    void timestampRoundTripWithinHalfATick() {
        Random r = new Random(7);
        long worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            long ps = i < 2000 ? i : (r.nextLong() >>> 1) % Erf.MAX_TIMESTAMP_PS_EXCLUSIVE;
            long ts = Erf.toErfTimestamp(ps);
            long back = Erf.toPicoseconds(ts);
            worst = Math.max(worst, Math.abs(back - ps));
            assertTrue(Math.abs(back - ps) <= Erf.MAX_ROUND_TRIP_ERROR_PS, ps + " -> " + back);
            assertEquals(ts, Erf.toErfTimestamp(back), "tick is stable for " + ps);
            // the tick is the nearest one
            double exact = (double) (ps % Erf.PS_PER_SECOND) * 0x1p32 / Erf.PS_PER_SECOND;
            assertTrue(Math.abs(exact - ((ts & 0xFFFF_FFFFL) + (ts >>> 32 > ps / Erf.PS_PER_SECOND
                    ? 0x1p32 : 0))) <= 0.5 + 1e-6, "nearest tick for " + ps);
        }
        assertEquals(Erf.MAX_ROUND_TRIP_ERROR_PS, worst, "bound is tight");
        for (int i = 0; i < 100_000; i++) {                   // every ERF timestamp survives
            long ts = ((long) r.nextInt(9_223_372) << 32) | (r.nextInt() & 0xFFFF_FFFFL);
            assertEquals(ts, Erf.toErfTimestamp(Erf.toPicoseconds(ts)));
        }
    }

    // ------------------------------------------------------------------ round trip

    @Test
    void roundTripOfRandomPackets() throws IOException {
        int n = 400;
        List<byte[]> packets = randomPackets(1, n);
        long[] ts = randomTimestamps(2, n);
        Path f = write("rt.erf", ts, packets);

        byte[] raw = Files.readAllBytes(f);
        assertArrayEquals(Erf.padRecord(), Arrays.copyOf(raw, 16), "leading pad record");
        long expectedSize = 16;
        for (byte[] p : packets) {
            expectedSize += Erf.recordLength(p.length);
        }
        assertEquals(expectedSize, raw.length);

        List<ErfRecord> back = ErfReader.readAll(f);
        assertEquals(n, back.size());
        for (int i = 0; i < n; i++) {
            ErfRecord rec = back.get(i);
            assertArrayEquals(packets.get(i), rec.packet(), "packet " + i);
            assertEquals(Erf.TYPE_INFINIBAND, rec.type());
            assertEquals(Erf.FLAG_VLEN, rec.flags());
            assertEquals(packets.get(i).length, rec.wireLength());
            assertTrue(Math.abs(rec.timestampPicoseconds() - ts[i]) <= Erf.MAX_ROUND_TRIP_ERROR_PS,
                    "timestamp " + i + ": " + ts[i] + " -> " + rec.timestampPicoseconds());
            assertEquals(Erf.toErfTimestamp(ts[i]), Erf.toErfTimestamp(rec.timestampPicoseconds()));
            assertEquals(IbPacket.decode(packets.get(i)), IbPacket.decode(rec.packet()));
        }
        // rewriting what was read reproduces the file byte for byte
        Path again = dir.resolve("again.erf");
        try (ErfWriter w = new ErfWriter(again)) {
            for (ErfRecord rec : back) {
                w.write(rec.timestampPicoseconds(), rec.packet());
            }
        }
        assertArrayEquals(raw, Files.readAllBytes(again));
    }

    @Test
    void headerLayoutOfOneRecord() throws IOException {
        byte[] p = randomPackets(3, 3).get(2);
        long ps = 5 * Erf.PS_PER_SECOND + 1234567;
        Path f = write("one.erf", new long[] {ps}, List.of(p));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
        b.position(16);
        assertEquals(Erf.toErfTimestamp(ps), b.order(ByteOrder.LITTLE_ENDIAN).getLong());
        b.order(ByteOrder.BIG_ENDIAN);
        assertEquals(21, b.get());
        assertEquals(0x04, b.get());
        int rlen = b.getShort() & 0xFFFF;
        assertEquals(0, rlen % 8);
        assertEquals(16 + p.length + 7 & ~7, rlen);
        assertEquals(0, b.getShort());
        assertEquals(p.length, b.getShort() & 0xFFFF);
        byte[] body = new byte[p.length];
        b.get(body);
        assertArrayEquals(p, body);
        while (b.hasRemaining()) {
            assertEquals(0, b.get(), "padding");
        }
    }

    @Test
    void iteratorAndReadGiveTheSameRecords() throws IOException {
        List<byte[]> packets = randomPackets(4, 20);
        Path f = write("it.erf", randomTimestamps(5, 20), packets);
        List<ErfRecord> all = ErfReader.readAll(f);
        List<ErfRecord> viaIterator = new ArrayList<>();
        try (ErfReader r = new ErfReader(f)) {
            for (ErfRecord rec : r) {
                viaIterator.add(rec);
            }
            assertThrows(IllegalStateException.class, r::iterator);
        }
        assertEquals(all, viaIterator);
        try (ErfReader r = new ErfReader(f)) {
            for (int i = 0; i < 20; i++) {
                assertEquals(all.get(i), r.read());
            }
            assertNull(r.read());
            assertNull(r.read());
        }
    }

    @Test
    void emptyCaptureHoldsOnlyThePadRecord() throws IOException {
        Path f = write("empty.erf", new long[0], List.of());
        assertArrayEquals(Erf.padRecord(), Files.readAllBytes(f));
        assertTrue(ErfReader.readAll(f).isEmpty());
    }

    // ------------------------------------------------------------------ writer errors

    @Test
    void writerRejectsBadInputNamingTheFile() throws IOException {
        Path f = dir.resolve("bad.erf");
        byte[] p = randomPackets(6, 1).get(0);
        ErfWriter w = new ErfWriter(f);
        try {
            w.write(1000, p);
            IllegalArgumentException back = assertThrows(IllegalArgumentException.class,
                    () -> w.write(999, p));
            assertTrue(back.getMessage().contains(f.toString())
                    && back.getMessage().contains("packet #1"), back.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.write(2000, new byte[0]));
            assertThrows(IllegalArgumentException.class,
                    () -> w.write(2000, new byte[Erf.MAX_PACKET_BYTES + 1]));
            assertThrows(IllegalArgumentException.class,
                    () -> w.write(Erf.MAX_TIMESTAMP_PS_EXCLUSIVE, p));
            w.write(1000, p);                                   // equal time is fine
            w.write(2000, new byte[Erf.MAX_PACKET_BYTES]);      // largest record: rlen 65528
            w.close();
            IOException closed = assertThrows(IOException.class, () -> w.write(3000, p));
            assertTrue(closed.getMessage().contains(f.toString()), closed.getMessage());
        } finally {
            w.close();                                          // a second close does nothing
        }
        List<ErfRecord> back = ErfReader.readAll(f);
        assertEquals(3, back.size());
        assertEquals(Erf.MAX_PACKET_BYTES, back.get(2).wireLength());

        Path missing = dir.resolve("no/such/dir/x.erf");
        IOException e = assertThrows(IOException.class, () -> new ErfWriter(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        IOException e2 = assertThrows(IOException.class, () -> new ErfReader(missing));
        assertTrue(e2.getMessage().contains(missing.toString()), e2.getMessage());
    }

    // ------------------------------------------------------------------ malformed files

    @Nested
    class Malformed {
        List<byte[]> packets;
        Path good;
        byte[] raw;
        long[] offsets;       // header offset of record k (k = 0 is the pad record)

        void setUp() throws IOException {
            packets = randomPackets(8, 5);
            good = write("good.erf", new long[] {0, 10, 20, 30, 40}, packets);
            raw = Files.readAllBytes(good);
            offsets = new long[6];
            offsets[0] = 0;
            offsets[1] = 16;
            for (int k = 2; k <= 5; k++) {
                offsets[k] = offsets[k - 1] + Erf.recordLength(packets.get(k - 2).length);
            }
        }

        Path file(String name, byte[] content) throws IOException {
            return Files.write(dir.resolve(name), content);
        }

        void assertNames(ErfFormatException e, Path f, int index, String what) {
            String m = e.getMessage();
            assertTrue(m.contains(f.toString()), m);
            assertTrue(m.contains("record #" + index), m);
            assertTrue(m.contains("byte offset " + offsets[index]), m);
            assertTrue(m.contains(what), m);
            assertEquals(index, e.recordIndex());
            assertEquals(offsets[index], e.byteOffset());
            assertEquals(f, e.file());
        }

        @Test
        void truncatedRecord() throws IOException {
            setUp();
            Path f = file("cut.erf", Arrays.copyOf(raw, (int) offsets[4] + 16 + 5));
            ErfFormatException e = readFails(f);
            assertNames(e, f, 4, "truncated record");
            assertTrue(e.getMessage().contains("only 21 bytes"), e.getMessage());
            // the records before the damage are still delivered one by one
            try (ErfReader r = new ErfReader(f)) {
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(packets.get(i), r.read().packet());
                }
                assertThrows(ErfFormatException.class, r::read);
            }
        }

        @Test
        void truncatedHeader() throws IOException {
            setUp();
            Path f = file("cuthdr.erf", Arrays.copyOf(raw, (int) offsets[3] + 7));
            assertNames(readFails(f), f, 3, "truncated header: only 7 of 16");
        }

        @Test
        void rlenSmallerThanHeader() throws IOException {
            setUp();
            byte[] bad = raw.clone();
            bad[(int) offsets[2] + 10] = 0;
            bad[(int) offsets[2] + 11] = 12;
            Path f = file("rlen.erf", bad);
            assertNames(readFails(f), f, 2, "rlen 12 is smaller than the 16-byte header");
        }

        @Test
        void rlenBeyondEndOfFile() throws IOException {
            setUp();
            byte[] bad = raw.clone();
            bad[(int) offsets[5] + 10] = (byte) 0xFF;
            int rlen = 0xFF00 | (bad[(int) offsets[5] + 11] & 0xFF);
            Path f = file("rlenbig.erf", bad);
            assertNames(readFails(f), f, 5, "truncated record: rlen " + rlen + " but only "
                    + (raw.length - offsets[5]) + " bytes");
        }

        @Test
        void unknownType() throws IOException {
            setUp();
            byte[] bad = raw.clone();
            bad[(int) offsets[3] + 8] = 2;                       // ERF_TYPE_ETH
            Path f = file("type.erf", bad);
            assertNames(readFails(f), f, 3, "unsupported record type 2");
            bad[(int) offsets[3] + 8] = 0;
            Path g = file("type0.erf", bad);
            assertNames(readFails(g), g, 3, "unsupported record type 0");
        }

        @Test
        void recordWithoutPacketBytesAndZeroWlen() throws IOException {
            setUp();
            Path f = file("empty.erf", concat(Erf.padRecord(), header(0, 21, 4, 16, 0, 0)));
            assertNames(readFails(f), f, 1, "no packet bytes (rlen 16)");
            Path g = file("wlen0.erf", concat(Erf.padRecord(), header(0, 21, 4, 24, 0, 0),
                    new byte[8]));
            assertNames(readFails(g), g, 1, "wlen is 0");
        }

        @Test
        void iteratorWrapsTheFormatError() throws IOException {
            setUp();
            Path f = file("cut2.erf", Arrays.copyOf(raw, raw.length - 1));
            try (ErfReader r = new ErfReader(f)) {
                UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
                    for (ErfRecord ignored : r) {
                        // consume
                    }
                });
                assertNames(assertInstanceOf(ErfFormatException.class, e.getCause()), f, 5,
                        "truncated record");
            }
        }
    }

    @Test
    void readerAcceptsExtensionHeadersPadRecordsAndSnappedRecords() throws IOException {
        byte[] p = randomPackets(9, 2).get(1);                 // 4130 bytes
        byte[] ext1 = {(byte) 0x81, 1, 2, 3, 4, 5, 6, 7};     // "more" bit set
        byte[] ext2 = {0x11, 0, 0, 0, 0, 0, 0, 1};
        int rlen = 16 + 16 + p.length;
        byte[] withExt = concat(header(1L << 32, 0x80 | 21, 0x05, rlen, 3, p.length), ext1, ext2, p);
        byte[] pad = concat(header(0, 48, 0, 40, 0, 0), new byte[24]);
        byte[] snapped = concat(header(2L << 32, 21, 0x04, 16 + 40, 0, p.length),
                Arrays.copyOf(p, 40));
        Path f = Files.write(dir.resolve("ext.erf"), concat(withExt, pad, snapped));
        List<ErfRecord> recs = ErfReader.readAll(f);
        assertEquals(2, recs.size());
        assertArrayEquals(p, recs.get(0).packet());
        assertEquals(Erf.PS_PER_SECOND, recs.get(0).timestampPicoseconds());
        assertEquals(0x05, recs.get(0).flags());
        assertEquals(21, recs.get(0).type());
        assertArrayEquals(Arrays.copyOf(p, 40), recs.get(1).packet());
        assertEquals(p.length, recs.get(1).wireLength());
        assertEquals(40, recs.get(1).capturedLength());

        byte[] extTooLong = concat(header(0, 0x80 | 21, 4, 20, 0, 4), new byte[4]);
        Path g = Files.write(dir.resolve("ext2.erf"), extTooLong);
        ErfFormatException e = readFails(g);
        assertTrue(e.getMessage().contains("record #0 at byte offset 0: extension header #0"
                + " does not fit in rlen 20"), e.getMessage());
    }

    // ------------------------------------------------------------------ tshark

    @Nested
    class WithTshark {
        void requireTshark() {
            director.tb.tools.RequiredTools.tshark();
        }

        String show(List<String> problems) {
            return problems.stream().collect(Collectors.joining("\n  ", "\n  ", ""));
        }

        @Test
        void goodPacketsDecodeCleanly() throws IOException {
            requireTshark();
            int n = 300;
            List<byte[]> packets = randomPackets(11, n);
            Path f = write("good.erf", randomTimestamps(12, n), packets);
            List<String> problems = Tshark.decodeProblems(f);
            assertTrue(problems.isEmpty(), show(problems));
            assertTrue(Tshark.decodeProblems(f, packets, false).isEmpty());
        }

        @Test
        void withPayloadHeuristicsEveryFrameIsStillErfAndInfiniband() throws IOException {
            requireTshark();
            List<byte[]> packets = randomPackets(13, 200);
            Path f = write("heur.erf", randomTimestamps(14, 200), packets);
            // random payloads may be taken for EoIB and the like; the IB layer must be fine
            List<String> ibProblems = Tshark.decodeProblems(f, packets, true).stream()
                    .filter(p -> !p.contains("malformed") && !p.contains("expert severity"))
                    .toList();
            assertTrue(ibProblems.isEmpty(), show(ibProblems));
        }

        @Test
        void catchesPacketsCutInsideTheirHeaders() throws IOException {
            requireTshark();
            List<byte[]> packets = new ArrayList<>(randomPackets(15, 4));
            packets.set(2, Arrays.copyOf(packets.get(2), IbPacket.LRH_BYTES + 4)); // cut in BTH
            Path f = write("cut.erf", new long[] {0, 1, 2, 3}, packets);
            assertTrue(ErfReader.readAll(f).size() == 4, "a valid ERF file");
            List<String> problems = Tshark.decodeProblems(f);
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("frame 3: malformed")),
                    show(problems));
            assertTrue(problems.stream().allMatch(p -> p.startsWith("frame 3: ")), show(problems));
        }

        @Test
        void catchesABadLinkNextHeader() throws IOException {
            requireTshark();
            List<byte[]> packets = new ArrayList<>(randomPackets(16, 3));
            byte[] p = packets.get(1).clone();
            p[1] = (byte) ((p[1] & 0xFC) | 1);                 // LNH = 1: raw IPv6 follows
            p[IbPacket.LRH_BYTES] = 0x04;                       // BTH opcode: IPv6 version 0
            packets.set(1, p);
            Path f = write("lnh.erf", new long[] {0, 1, 2}, packets);
            List<String> problems = Tshark.decodeProblems(f);
            assertTrue(problems.stream().anyMatch(q -> q.startsWith("frame 2: expert severity")
                    && q.contains("IPv6")), show(problems));
        }

        @Test
        void catchesLidMismatchAndMissingFrames() throws IOException {
            requireTshark();
            List<byte[]> packets = randomPackets(17, 3);
            Path f = write("lid.erf", new long[] {0, 1, 2}, packets);
            List<byte[]> expected = new ArrayList<>(packets);
            byte[] other = expected.get(1).clone();
            other[2] ^= 0x01;                                    // DLID differs
            other[7] ^= 0x10;                                    // SLID differs
            expected.set(1, other);
            expected.add(packets.get(0));
            List<String> problems = Tshark.decodeProblems(f, expected, false);
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("frame 2: infiniband.lrh.dlid")),
                    show(problems));
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("frame 2: infiniband.lrh.slid")),
                    show(problems));
            assertTrue(problems.contains("tshark shows 3 frames, expected 4"), show(problems));
            assertEquals(3, problems.size(), show(problems));
        }

        @Test
        void leadingPadRecordKeepsFilesFromLookingLikePcap() throws IOException {
            requireTshark();
            List<byte[]> packets = randomPackets(18, 3);
            long unlucky = Erf.toPicoseconds(0xA1B2C3D4L);       // fraction = pcap magic
            long[] ts = {unlucky, unlucky + 1000, unlucky + 2000};
            Path f = write("magic.erf", ts, packets);
            List<String> problems = Tshark.decodeProblems(f);
            assertTrue(problems.isEmpty(), show(problems));
            // the same records without the pad record: tshark takes the file for pcap
            byte[] raw = Files.readAllBytes(f);
            Path bare = Files.write(dir.resolve("bare.erf"), Arrays.copyOfRange(raw, 16, raw.length));
            assertEquals(3, ErfReader.readAll(bare).size());
            List<String> bareProblems = Tshark.decodeProblems(bare);
            assertTrue(bareProblems.stream().anyMatch(p -> p.startsWith("tshark stderr:")),
                    show(bareProblems));
            assertTrue(bareProblems.stream().anyMatch(p -> p.startsWith("tshark exited with status")),
                    show(bareProblems));
        }

        @Test
        void tsharkDoesNotVerifyIcrcOrVcrc() throws IOException {
            requireTshark();
            List<byte[]> packets = new ArrayList<>(randomPackets(19, 3));
            byte[] p = packets.get(1).clone();
            int n = p.length;
            p[n - 1] ^= 0x5A;                                    // VCRC
            p[n - 4] ^= 0x01;                                    // ICRC
            assertTrue(!IbPacket.check(p).vcrcOk() && !IbPacket.check(p).icrcOk(), "both CRCs wrong");
            packets.set(1, p);
            Path f = write("crc.erf", new long[] {0, 1, 2}, packets);
            assertTrue(Tshark.decodeProblems(f).isEmpty(), "tshark 4.0 flags nothing");
            Tshark.Result r = Tshark.run(List.of("-r", f.toString(), "-T", "fields",
                    "-e", "infiniband.invariant.crc", "-e", "infiniband.variant.crc"),
                    Tshark.TIMEOUT);
            String[] line = r.stdout().split("\n")[1].split("\t");
            // shown verbatim, read big-endian from the wire bytes
            long icrc = ByteBuffer.wrap(p, n - 6, 4).getInt() & 0xFFFFFFFFL;
            int vcrc = ByteBuffer.wrap(p, n - 2, 2).getShort() & 0xFFFF;
            assertEquals(icrc, Long.decode(line[0]));
            assertEquals(vcrc, Integer.decode(line[1]));
        }
    }
}
