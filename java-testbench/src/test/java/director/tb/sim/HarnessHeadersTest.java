package director.tb.sim;

import org.junit.jupiter.api.Tag;
import director.harness.HarnessSetting;
import director.harness.ModelBuild;
import director.rtl.credit.Fccl;
import director.rtl.csr.CsrMap;
import director.rtl.params.PortKind;
import director.rtl.top.HarnessConsts;
import director.tb.model.DropReason;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The constants and settings C++ shares with Scala and Java come from one definition each: the headers generated
 * for a director model build (director_consts.h from the RTL's objects, director_settings.h from
 * {@link HarnessSetting}) are compiled here with g++ into a small program, with the harness's own settings reader
 * (harness_settings.h), and what it prints must equal the Scala objects and the Java testbench's view of them. No
 * Verilator model is built.
 */
@Tag("rtl")
class HarnessHeadersTest {
    @TempDir
    static Path dir;
    private static Path program;
    private static Map<String, String> printed;

    private static final SimOptions OPTIONS = new SimOptions(7, 10_000, 250, SimOptions.EgressMode.LINE_STALLS, 1234, 5000)
            .withBrokenSop(3, 900).withCredits(100, 12);

    @BeforeAll
    static void compile() throws IOException, InterruptedException {
        Models.directorHeaders("").forEach((name, text) -> write(name, text));
        write("harness_settings.h", harnessSource("harness_settings.h"));
        StringBuilder c = new StringBuilder("""
                #include "director_consts.h"
                #include "harness_settings.h"
                #include <cstdio>
                #include <iostream>
                #include <iterator>
                int main(int argc, char** argv) {
                    if (argc > 1) {  // read settings from stdin: the values or the error
                        std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
                        int64_t cfg[CFG_COUNT];
                        std::string err = parseSettings(text.c_str(), cfg);
                        if (!err.empty()) std::printf("error=%s\\n", err.c_str());
                        else for (int i = 0; i < CFG_COUNT; i++) std::printf("%s=%lld\\n", kSettings[i].name, (long long)cfg[i]);
                        return 0;
                    }
                    std::printf("csr.id=%lld\\ncsr.id_addr=%d\\ncsr.params_addr=%d\\n", (long long)DIR_CSR_ID, DIR_CSR_ID_ADDR, DIR_CSR_PARAMS_ADDR);
                    std::printf("fccl.bits=%d\\nfccl.mask=%d\\n", DIR_FCCL_BITS, DIR_FCCL_MASK);
                    std::printf("drop.none=%d\\ndrop.first_gateway=%d\\n", DIR_DROP_NONE, DIR_DROP_FIRST_GATEWAY);
                #define REASON(code, name) std::printf("reason.%s=%d\\n", name, code);
                    DIR_FOR_EACH_DROP_REASON(REASON)
                #define SETTING(id, name, required, def, choices) std::printf("setting.%s=%s %d %lld %s\\n", name, #id, required, (long long)(def), choices);
                    DIR_FOR_EACH_SETTING(SETTING)
                """);
        // every name the Java side uses must exist as a macro in the headers: the program does not compile otherwise
        for (CsrMap.Field f : list(CsrMap.ParamsField$.MODULE$.all())) {
            String m = "DIR_CSR_PARAMS_" + HarnessConsts.cName(f.name());
            c.append("    std::printf(\"params.").append(f.name()).append("=%d %d\\n\", ").append(m).append("_LSB, ").append(m).append("_WIDTH);\n");
        }
        for (PortKind k : list(PortKind.all()))
            c.append("    std::printf(\"overhead.").append(k.key()).append("=%d\\n\", DIR_WIRE_OVERHEAD_").append(HarnessConsts.cName(k.key())).append(");\n");
        for (DropReason r : DropReason.values())
            c.append("    std::printf(\"drop.").append(r.key).append("=%d\\n\", DIR_DROP_").append(r.name()).append(");\n");
        for (SimOptions.EgressMode m : SimOptions.EgressMode.values())
            c.append("    std::printf(\"egress_mode.").append(m.key()).append("=%d\\n\", DIR_EGRESS_MODE_").append(m.name()).append(");\n");
        c.append("    return 0;\n}\n");
        write("main.cpp", c.toString());
        program = dir.resolve("consts");
        String out = run(List.of("g++", "-std=c++17", "-Wall", "-Werror", "-o", program.toString(), "main.cpp"), "");
        assertTrue(Files.isExecutable(program), "g++ built the program: " + out);
        printed = lines(run(List.of(program.toString()), ""));
    }

    @Test
    void dropReasonsAgreeBetweenScalaTheHeaderAndJava() {
        var rtl = list(director.rtl.link.DropReason.all());
        Map<String, String> reasons = new TreeMap<>();
        printed.forEach((k, v) -> { if (k.startsWith("reason.")) reasons.put(k.substring(7), v); });
        assertEquals(rtl.size(), reasons.size(), "the header's X-macro lists every reason of the RTL: " + reasons);
        assertEquals(rtl.size(), DropReason.values().length, "Java has every reason of the RTL");
        for (var r : rtl) {
            assertEquals(Integer.toString(r.code()), reasons.get(r.key()), "X-macro: " + r.key());
            DropReason j = DropReason.valueOf(HarnessConsts.cName(r.key()));
            assertEquals(r.code(), j.rtlCode, j.name());
            assertEquals(r.key(), j.key, j.name());
            assertEquals(Integer.toString(r.code()), printed.get("drop." + r.key()), "DIR_DROP_" + j.name());
        }
        assertEquals("0", printed.get("drop.none"));
        assertEquals(Integer.toString(director.rtl.link.DropReason.firstGateway()), printed.get("drop.first_gateway"));
        // no code is skipped: 1..11 the link layer, 16..31 the gateway, codes 12..15 unused
        List<Integer> codes = new ArrayList<>();
        for (DropReason r : DropReason.values()) codes.add(r.rtlCode);
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= 11; i++) expected.add(i);
        for (int i = 16; i <= 31; i++) expected.add(i);
        assertEquals(expected, codes);
    }

    @Test
    void csrIdAndParamsLayoutAgree() {
        assertEquals(Long.toString(CsrMap.Id()), printed.get("csr.id"));
        assertEquals(Integer.toString(CsrMap.IdAddr()), printed.get("csr.id_addr"));
        assertEquals(Integer.toString(CsrMap.ParamsAddr()), printed.get("csr.params_addr"));
        var fields = list(CsrMap.ParamsField$.MODULE$.all());
        for (CsrMap.Field f : fields) assertEquals(f.lsb() + " " + f.width(), printed.get("params." + f.name()), f.name());
        // the PARAMS word puts each field where the layout says (the harness checks ports and beat bytes this way)
        var p = director.rtl.params.DirectorParams.vp780();
        long word = CsrMap.paramsWord(p);
        var pf = CsrMap.ParamsField$.MODULE$;
        assertEquals(p.ports(), pf.Ports().get(word));
        assertEquals(p.beatBytes(), pf.BeatBytes().get(word));
        assertEquals(p.islipIterations(), pf.IslipIterations().get(word));
        assertEquals(p.dataVls(), pf.DataVls().get(word));
        assertEquals(39L | 8L << 8 | 4L << 16 | 8L << 20, word, "the layout as documented in CsrMap");
        for (int i = 0; i < fields.size(); i++)
            for (int j = i + 1; j < fields.size(); j++)
                assertEquals(0, fields.get(i).put(-1) & fields.get(j).put(-1), fields.get(i).name() + " and " + fields.get(j).name() + " overlap");
    }

    @Test
    void fcclWidthWireOverheadsAndQpBasesAgree() {
        assertEquals(Integer.toString(Fccl.Bits()), printed.get("fccl.bits"));
        assertEquals(Integer.toString(Fccl.Mask()), printed.get("fccl.mask"));
        assertEquals(12, Fccl.Bits(), "IBTA: FCCL and FCTBS are 12 bits");
        assertEquals(0xfff, Fccl.Mask());
        for (PortKind k : list(PortKind.all()))
            assertEquals(Integer.toString(k.wireOverheadBytes()), printed.get("overhead." + k.key()), k.key());
        assertEquals("0", printed.get("overhead.ib"));
        assertEquals(20, SwitchConfig.ETH_OVERHEAD, "Ethernet: preamble 7, SFD 1, gap 12");
        assertEquals(30, SwitchConfig.FC_OVERHEAD, "FC: SOF and EOF 3 + 3 more than their codes, six IDLEs");
        assertEquals(printed.get("overhead.eth"), Integer.toString(SwitchConfig.ETH_OVERHEAD));
        assertEquals(printed.get("overhead.fc"), Integer.toString(SwitchConfig.FC_OVERHEAD));
        var gw = SwitchConfig.of(director.rtl.params.DirectorParams.gateway());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 20, 20, 30},
                java.util.stream.IntStream.range(0, gw.ports()).map(gw::wireOverhead).toArray(), "gateway: ports 5-6 10GbE, 7 FC");
        assertEquals(0x100, Vnic.QP_BASE);
        assertEquals(0x800, Vhba.QP_BASE);
        assertEquals(director.rtl.gateway.GatewayQp.VnicBase(), Vnic.QP_BASE);
        assertEquals(director.rtl.gateway.GatewayQp.VhbaBase(), Vhba.QP_BASE);
    }

    @Test
    void everySettingIsKnownOnBothSides() throws Exception {
        // the header lists exactly the Java settings, with their defaults and choices
        Map<String, String> settings = new TreeMap<>();
        printed.forEach((k, v) -> { if (k.startsWith("setting.")) settings.put(k.substring(8), v); });
        assertEquals(HarnessSetting.values().length, settings.size(), settings.toString());
        for (HarnessSetting s : HarnessSetting.values())
            assertEquals((s.name() + " " + (s.defaultValue == null ? 1 : 0) + " " + (s.defaultValue == null ? 0 : s.defaultValue)
                    + " " + String.join("|", s.choices)).trim(), settings.get(s.key).trim(), s.key);
        // Java gives every setting a value, and the egress modes are the harness's choices
        assertEquals(EnumSet.allOf(HarnessSetting.class), OPTIONS.settings().keySet());
        List<String> modes = new ArrayList<>();
        for (SimOptions.EgressMode m : SimOptions.EgressMode.values()) {
            modes.add(m.key());
            assertEquals(Integer.toString(HarnessSetting.EGRESS_MODE.choice(m.key())), printed.get("egress_mode." + m.key()));
        }
        assertEquals(HarnessSetting.EGRESS_MODE.choices, modes);
        // the harness reads what Java sends, value for value
        Map<String, String> read = lines(run(List.of(program.toString(), "parse"), OPTIONS.settingsText()));
        assertEquals(Map.of("seed", "7", "line_mbps", "10000", "core_mhz", "250", "egress_mode", "1", "egress_stall_ppm", "1234",
                "watchdog", "5000", "break_port", "3", "break_cycle", "900", "partner_blocks", "100", "fc_delay", "12"), read);
        // what bench_driver may leave out keeps its default
        Map<String, String> least = lines(run(List.of(program.toString(), "parse"), "line_mbps=10000\ncore_mhz=250\n"));
        assertEquals("100000", least.get("watchdog"));
        assertEquals("-1", least.get("break_port"));
        assertEquals(Long.toString(SimOptions.DEFAULT_PARTNER_BLOCKS), least.get("partner_blocks"));
        assertEquals(Long.toString(SimOptions.DEFAULT_FC_DELAY), least.get("fc_delay"));
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() throws Exception {
        String base = "line_mbps=10000\ncore_mhz=250\n";
        assertEquals("unknown harness setting 'speed' (known: seed, line_mbps, core_mhz, egress_mode, egress_stall_ppm, watchdog, "
                + "break_port, break_cycle, partner_blocks, fc_delay)", parseError(base + "speed=3\n"));
        assertEquals("harness setting 'seed': 'x1' is not an integer", parseError(base + "seed=x1\n"));
        assertEquals("harness setting 'seed': '' is not an integer", parseError(base + "seed=\n"));
        assertEquals("harness setting 'egress_mode': 'fast' is not one of line|line_stalls|unpaced", parseError(base + "egress_mode=fast\n"));
        assertEquals("harness setting 'seed' has no value (expected seed=value)", parseError(base + "seed\n"));
        assertEquals("harness setting 'seed' given twice", parseError(base + "seed=1\nseed=2\n"));
        assertEquals("harness setting 'core_mhz' is required", parseError("line_mbps=10000\n"));
        // and the Java side names what it cannot send
        var e = assertThrows(IllegalArgumentException.class, () -> HarnessSetting.text(Map.of(HarnessSetting.SEED, "1")));
        assertEquals("harness setting line_mbps has no value", e.getMessage());
        assertEquals("unknown harness setting 'speed' (known: seed, line_mbps, core_mhz, egress_mode, egress_stall_ppm, watchdog, "
                + "break_port, break_cycle, partner_blocks, fc_delay)",
                assertThrows(IllegalArgumentException.class, () -> HarnessSetting.byKey("speed")).getMessage());
        assertEquals("harness setting egress_mode: 'fast' is not one of line, line_stalls, unpaced",
                assertThrows(IllegalArgumentException.class, () -> HarnessSetting.EGRESS_MODE.choice("fast")).getMessage());
    }

    @Test
    void theHeadersAreGeneratedIntoEveryDirectorBuildAndWrittenOnlyWhenChanged() throws IOException {
        Map<String, String> h = Models.directorHeaders("// ports\n");
        assertEquals(Set.of("director_ports.h", "director_consts.h", "director_settings.h"), h.keySet());
        assertEquals(HarnessConsts.text(), h.get("director_consts.h"));
        assertEquals(HarnessSetting.header(), h.get("director_settings.h"));
        assertEquals(HarnessConsts.text(), HarnessConsts.text(), "the same text every time (part of the model's cache key)");
        Path f = dir.resolve("again").resolve("director_consts.h");
        assertTrue(ModelBuild.writeIfChanged(f, HarnessConsts.text()), "first write");
        var stamp = Files.getLastModifiedTime(f);
        assertFalse(ModelBuild.writeIfChanged(f, HarnessConsts.text()), "unchanged: not written again");
        assertEquals(stamp, Files.getLastModifiedTime(f));
    }

    private static String parseError(String text) throws Exception {
        Map<String, String> r = lines(run(List.of(program.toString(), "parse"), text));
        assertTrue(r.containsKey("error"), "refused: " + text.replace("\n", "\\n") + " -> " + r);
        return r.get("error");
    }

    private static <T> List<T> list(scala.collection.Seq<T> s) { return scala.jdk.javaapi.CollectionConverters.asJava(s); }

    private static void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String harnessSource(String name) throws IOException {
        try (InputStream in = ModelBuild.class.getResourceAsStream("/director/harness/cpp/" + name)) {
            assertNotNull(in, name + " ships in the verilator-harness jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** "key=value" lines (the program's own output) into a map. */
    private static Map<String, String> lines(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : out.split("\n")) {
            int eq = l.indexOf('=');
            if (eq > 0) m.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return m;
    }

    private static String run(List<String> cmd, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd) + " finished");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }
}
