package director.tb.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad replay input is rejected before the first cycle (no model is built or run), with one line naming the file,
 * where in it (line or frame) and the field, and exit code 2.
 */
@Tag("fast")
class ReplayInputErrorsTest {
    static final Path CAPTURES = Path.of("..", "traces", "captures").toAbsolutePath().normalize();

    /** Runs the command line; returns stderr's one line after asserting exit code 2 and nothing else printed there. */
    static String error(String... argv) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), argv);
        assertEquals(Main.EXIT_BAD_INPUT, code, out + "\n" + err);
        String e = err.toString().trim();
        assertEquals(1, e.lines().count(), "one line: " + e);
        assertTrue(e.startsWith("director: "), e);
        return e;
    }

    static String replay(Path... files) {
        String[] argv = new String[files.length + 3];
        argv[0] = "replay";
        for (int i = 0; i < files.length; i++) argv[i + 1] = files[i].toString();
        argv[files.length + 1] = "--profile";
        argv[files.length + 2] = "gateway";
        return error(argv);
    }

    @Test
    void aBadCsvCellNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "time_ns,port,protocol,dlid,size\n0,0,ib,2,64\n10,x7,ib,2,64\n");
        String e = replay(f);
        assertTrue(e.contains(f.toString()) && e.contains("line 3") && e.contains("'port'") && e.contains("x7"), e);
    }

    @Test
    void aTimeGoingBackwardsIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("back.csv");
        Files.writeString(f, "time_ns,port,protocol,dlid,size\n100,0,ib,2,64\n50,1,ib,3,64\n");
        String e = replay(f);
        assertTrue(e.contains(f.toString()) && e.contains("line 3") && e.contains("backwards"), e);
    }

    @Test
    void aFrameForAPortOfTheWrongKindIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kind.csv");
        Files.writeString(f, "time_ns,port,protocol,dlid,size\n0,7,ib,2,64\n");  // port 7 of the gateway profile is FC
        String e = replay(f);
        assertTrue(e.contains(f.toString()) && e.contains("line 2") && e.contains("port"), e);
    }

    @Test
    void aTruncatedPcapNamesTheFrame(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(CAPTURES.resolve("tcpdump-udp.pcap"));
        Path f = dir.resolve("cut.pcap");
        Files.write(f, Arrays.copyOf(whole, 24 + 16 + 42 + 16 + 42 + 16 + 30));  // frames of 42 bytes, then the third cut short
        String e = replay(f);
        assertTrue(e.contains(f.toString()) && e.contains("frame 3 at byte offset 140") && e.contains("incl_len"), e);
    }

    @Test
    void anUnknownLinkTypeIsNamed(@TempDir Path dir) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + 20).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(147);
        b.putInt(1).putInt(0).putInt(20).putInt(20).put(new byte[20]);
        Path f = dir.resolve("user0.pcap");
        Files.write(f, b.array());
        String e = replay(f);
        assertTrue(e.contains(f.toString()) && e.contains("147"), e);
    }

    @Test
    void aMacMissingFromTheMapIsNamed(@TempDir Path dir) throws Exception {
        Path map = dir.resolve("macs.csv");
        Files.writeString(map, "mac,host_port,eth_port\n02:00:00:00:00:01,0,5\n");
        String e = error("replay", CAPTURES.resolve("tcpdump-udp.pcap").toString(), "--profile", "gateway", "--mac-map", map.toString());
        assertTrue(e.contains("tcpdump-udp.pcap") && e.contains("frame 1") && e.contains("mac"), e);
    }

    @Test
    void aDirectoryWithoutIngressCapturesIsNamed(@TempDir Path dir) {
        String e = replay(dir);
        assertTrue(e.contains(dir.toString()) && e.contains("port-NN.in"), e);
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path f = dir.resolve("nope.csv");
        String e = replay(f);
        assertTrue(e.contains(f.toString()) && e.contains("no such file"), e);
    }
}
