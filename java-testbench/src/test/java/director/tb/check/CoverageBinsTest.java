package director.tb.check;

import director.rtl.params.DirectorParams;
import director.tb.model.SwitchConfig;
import director.tb.regress.FunctionalCoverage;
import director.tb.run.RunConfig;
import director.tb.stim.TrafficSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The testbench's coverage bins: size bins with the protocols' boundaries as bins of their own, the paths a profile's
 * ports allow, the settings' ranges, and the file they are written to read back by the regression's coverage merge
 * (verilator_coverage) as points like the RTL's.
 */
@Tag("fast")
class CoverageBinsTest {
    static final SwitchConfig GW = SwitchConfig.of(DirectorParams.gateway());

    @Test
    void sizeBinsPutEachProtocolsSmallestAndLargestFrameInBinsOfTheirOwn() {
        assertEquals("ib_payload_0", CoverageBins.ibPayloadBin(0));
        assertEquals("ib_payload_1_63", CoverageBins.ibPayloadBin(1));
        assertEquals("ib_payload_2048_4095", CoverageBins.ibPayloadBin(4095));
        assertEquals("ib_payload_4096_up", CoverageBins.ibPayloadBin(4096));
        // the payload from the headers: a UD packet (with DETH) of payload 0 is 34 bytes on the wire, still payload 0
        byte[] ud = director.tb.frame.IbPacket.builder().dlid(1).slid(2).opcode(director.tb.frame.IbPacket.OPCODE_UD_SEND_ONLY)
                .destQp(5).qkey(1).srcQp(3).payload(new byte[0]).build().encode();
        assertEquals(34, ud.length);
        assertEquals(0, CoverageBins.ibPayload(ud));
        assertEquals("eth_min_64", CoverageBins.sizeBin("eth", 64));
        assertEquals("eth_65_127", CoverageBins.sizeBin("eth", 65));
        assertEquals("eth_1024_1517", CoverageBins.sizeBin("eth", 1517));
        assertEquals("eth_max_1518_1522", CoverageBins.sizeBin("eth", 1518));
        assertEquals("eth_max_1518_1522", CoverageBins.sizeBin("eth", 1522));
        assertEquals("fc_payload_0", CoverageBins.sizeBin("fc", 30));
        assertEquals("fc_payload_1024_2111", CoverageBins.sizeBin("fc", 30 + 2111));
        assertEquals("fc_payload_max_2112", CoverageBins.sizeBin("fc", 30 + 2112));
    }

    @Test
    void theGatewaysPathsAreDeclaredAndOnlyTheyAndHitsCount() {
        CoverageBins b = new CoverageBins(GW);
        Map<String, Long> paths = b.counts().get("path");
        assertEquals(List.of("ib_from_host_to_host", "eoib_from_host_to_host", "eoib_from_eth_to_host", "fcoib_from_fc_to_host",
                "eth_from_host_to_eth", "fc_from_host_to_fc"), List.copyOf(paths.keySet()));
        assertTrue(paths.values().stream().allMatch(c -> c == 0));
        // gateway: 5 host ports x 8 data VLs
        assertEquals(40, b.counts().get("vl_out").size());
        b.delivered(5, 0, LatencyGroups.Protocol.EOIB, new byte[90], 3);
        b.delivered(0, 5, LatencyGroups.Protocol.ETH, new byte[64], -1);
        b.delivered(0, 5, LatencyGroups.Protocol.ETH, new byte[1522], -1);
        assertEquals(1, paths.get("eoib_from_eth_to_host"));
        assertEquals(2, paths.get("eth_from_host_to_eth"));
        assertEquals(1, b.counts().get("vl_out").get("vl3_out0"));
        assertEquals(1, b.counts().get("size").get("eth_min_64"));
        assertEquals(1, b.counts().get("size").get("eth_max_1518_1522"));
        // an IB-only profile has neither gateway paths nor Ethernet or FC sizes
        CoverageBins small = new CoverageBins(SwitchConfig.of(DirectorParams.small()));
        assertEquals(List.of("ib_from_host_to_host"), List.copyOf(small.counts().get("path").keySet()));
        assertTrue(small.counts().get("size").keySet().stream().allMatch(k -> k.startsWith("ib_")));
    }

    @Test
    void settingsFallInTheBinsOfTheirRange(@TempDir Path dir) throws Exception {
        RunConfig rc = RunConfig.of(DirectorParams.gateway(), TrafficSpec.uniform(1.0), 1000, 1);  // reset tables, defaults
        CoverageBins b = new CoverageBins(GW);
        b.settings(rc);
        Map<String, Long> s = b.counts().get("settings");
        assertEquals(1, s.get("sl2vl_zero"));
        assertEquals(0, s.get("sl2vl_random"));
        assertEquals(1, s.get("vl_high_entries_min"));       // High empty at reset
        assertEquals(1, s.get("vl_low_entries_low"));        // 8 of 64
        assertEquals(1, s.get("vl_limit_min"));              // limit 0 at reset
        assertEquals(1, s.get("partner_blocks_low"));        // 256 of 66..2048
        assertEquals(1, s.get("fc_delay_low"));              // 64 of 1..4096
        assertEquals(GW.vnics(), s.get("policer_off"));
        assertEquals(GW.vhbas(), s.get("shaper_off"));
        // written in Verilator's coverage format, merged and read back like the RTL's points
        Path dat = dir.resolve("run.dat");
        b.appendTo(dat);
        b.appendTo(dir.resolve("run2.dat"));
        FunctionalCoverage.Result r = FunctionalCoverage.merge(List.of(dat, dir.resolve("run2.dat")), dir.resolve("cov"));
        var pt = r.points().stream().filter(p -> p.name().equals("sl2vl_zero")).findFirst().orElseThrow();
        assertEquals("TB.settings", pt.where());
        assertEquals("testbench", pt.module());
        assertEquals(2, pt.count());
        assertEquals(2, pt.runs());
        assertTrue(r.points().stream().anyMatch(p -> p.name().equals("sl2vl_random") && p.hole()));
    }
}
