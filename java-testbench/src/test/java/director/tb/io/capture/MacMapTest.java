package director.tb.io.capture;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import director.tb.io.InputError;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vnic;
import director.tb.stim.Addressing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class MacMapTest {
    static final SwitchConfig GW = CaptureImportTest.GW;

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("macs.csv"), text);
    }

    @Test
    void linesBecomeVnicsInOrderWithTheirVlansOrTheCapturesOnes() throws IOException {
        Path f = file("# vNICs of the capture\nmac, host_port, eth_port, vlans\n\n02:CA:e4:8d:7e:6e,4,6,0;100\n"
                + "# the other end\na2-b9-39-51-a2-44,1,5,\n02:00:00:00:00:03,0,5\n");
        MacMap m = MacMap.read(f);
        assertEquals(List.of(4L, 6L, 7L), m.entries().stream().map(MacMap.Entry::line).toList());
        assertArrayEquals(new int[] {0, 100}, m.entries().get(0).vlans());
        assertNull(m.entries().get(1).vlans());
        List<Vnic> v = m.vnics(GW, Map.of(0xa2b93951a244L, new TreeSet<>(List.of(300, 20))));
        assertEquals(List.of(
                new Vnic(0, 0x02cae48d7e6eL, new int[] {0, 100}, 4, 6, 2, Addressing.lid(4), 0x1000),
                new Vnic(1, 0xa2b93951a244L, new int[] {0, 20, 300}, 1, 5, 3, Addressing.lid(1), 0x1001),
                new Vnic(2, 0x020000000003L, new int[] {0}, 0, 5, 4, Addressing.lid(0), 0x1002)), v);
    }

    @Test
    void badLinesNameTheFileLineAndColumn() throws IOException {
        String h = "mac,host_port,eth_port,vlans\n";
        assertRead(h + "02:00:00:00:00:01,0,5\n02:00:00:00:0001,0,5\n",
                "line 3, column 'mac': '02:00:00:00:0001' is not a MAC (six hex bytes separated by ':' or '-')");
        assertRead(h + "03:00:00:00:00:01,0,5\n",
                "line 2, column 'mac': 03:00:00:00:00:01 is a group MAC (first byte odd): a vNIC's MAC is unicast");
        assertRead(h + "02:00:00:00:00:01,0,5\n02:00:00:00:00:01,1,6\n",
                "line 3, column 'mac': MAC 02:00:00:00:00:01 is already the vNIC of line 2");
        assertRead(h + "02:00:00:00:00:01,x,5\n", "line 2, column 'host_port': 'x' is not a port number");
        assertRead(h + "02:00:00:00:00:01,0,\n", "line 2, column 'eth_port': empty");
        assertRead(h + "02:00:00:00:00:01,0,5,0;4096\n",
                "line 2, column 'vlans': '4096' is not a VLAN id (0..4095, 0 = untagged)");
        assertRead(h + "02:00:00:00:00:01,0,5,1;2;3;4;5\n", "line 2, column 'vlans': 5 VLANs, a vNIC allows at most 4");
        assertRead(h + "02:00:00:00:00:01,0,5,7;7\n", "line 2, column 'vlans': VLAN 7 twice");
        assertRead(h + "02:00:00:00:00:01,0,5,0,9\n", "line 2: 5 fields, the header names 4");
        assertRead("mac,host,eth_port\n", "header line, column 'host_port': missing: the header names [mac, host,"
                + " eth_port], the MAC map needs mac,host_port,eth_port[,vlans]");
        assertRead("mac,host_port,eth_port,sl\n", "header line, column 'sl': unknown: the columns are"
                + " mac,host_port,eth_port[,vlans]");
        assertRead(h + "\"02:00:00:00:00:01,0,5\n", "line 2: not CSV: ");
    }

    /** Found by fuzzing (mac-map): bytes that are not UTF-8 in the header leaked a MalformedInputException naming nothing. */
    @Test
    void bytesThatAreNotUtf8AreNamedWithTheirLineAndOffset() throws IOException {
        Path f = dir.resolve("macs.csv");
        Files.write(f, new byte[] {'m', 'a', 'c', ',', (byte) 0xFE, (byte) 0xFF, '\n', '0'});
        assertEquals(f + ": line 1, byte offset 4: not UTF-8 text (bytes FE): the file must be UTF-8",
                assertThrows(InputError.class, () -> MacMap.read(f)).getMessage());
        Files.write(f, ("mac,host_port,eth_port\n02:00:00:00:00:01,0,5\n02:00:00:00:00:02,0," + "\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(f + ": line 3, byte offset 65: not UTF-8 text (bytes E9): the file must be UTF-8",
                assertThrows(InputError.class, () -> MacMap.read(f)).getMessage());
    }

    /**
     * Found by fuzzing (mac-map): a header that is not CSV leaked Commons CSV's CSVException (an IOException naming no
     * file), and a header cell holding a line break split the message over lines.
     */
    @Test
    void aHeaderThatIsNotCsvIsNamedOnOneLine() throws IOException {
        assertRead("mac,\"host_port,eth_port\n02:00:00:00:00:01,0,5\n", "header line: not CSV: ");
        assertRead("mac,\"host_port\"x,eth_port\n", "header line: not CSV: ");
        String m = assertThrows(InputError.class, () -> MacMap.read(file("mac,\"c\nd\",eth_port\n"))).getMessage();
        assertTrue(m.endsWith("header line, column 'host_port': missing: the header names [mac, c\\nd, eth_port], the MAC map needs "
                + "mac,host_port,eth_port[,vlans]"), m);
    }

    @Test
    void portsAndSizesAreCheckedAgainstTheSwitch() throws IOException {
        assertVnics("mac,host_port,eth_port\n02:00:00:00:00:01,5,6\n",
                "line 2, column 'host_port': 5 is not a host port (0..4)");
        assertVnics("mac,host_port,eth_port\n02:00:00:00:00:01,0,7\n",
                "line 2, column 'eth_port': 7 is not a 10GbE port of profile 'gateway' ([5, 6])");
        StringBuilder many = new StringBuilder("mac,host_port,eth_port\n");
        for (int i = 0; i <= GW.vnics(); i++) many.append(String.format("02:00:00:00:01:%02x,0,5%n", i));
        assertVnics(many.toString(), "line 18: 17 vNICs, the vNIC table of profile 'gateway' has 16 entries (--set"
                + " vnics=N)");
        assertVnics("mac,host_port,eth_port\n02:00:00:00:00:01,0,5\n", "line 2, column 'vlans': empty, and the captures"
                + " show VLANs [0, 1, 2, 3, 4] from MAC 02:00:00:00:00:01: a vNIC allows at most 4 (untagged counts as"
                + " one); name the ones to allow");
    }

    private void assertRead(String text, String expected) throws IOException {
        Path f = file(text);
        InputError e = assertThrows(InputError.class, () -> MacMap.read(f));
        String m = e.getMessage();
        assertEquals(f + ": " + expected, expected.endsWith(": ") ? m.substring(0, Math.min(m.length(),
                (f + ": " + expected).length())) : m);
    }

    private void assertVnics(String text, String expected) throws IOException {
        MacMap m = MacMap.read(file(text));
        InputError e = assertThrows(InputError.class, () -> m.vnics(GW, Map.of(0x020000000001L,
                new TreeSet<>(List.of(1, 2, 3, 4)))));
        assertEquals(m.file() + ": " + expected, e.getMessage());
    }
}
