package director.tb.check;

import director.tb.frame.EthernetFrame;
import director.tb.frame.FcFrame;
import director.tb.frame.IbPacket;
import director.tb.model.SwitchConfig;
import director.tb.model.gateway.Policer;
import director.tb.model.gateway.Shaper;
import director.tb.model.vlarb.VlTables;
import director.tb.run.RunConfig;
import director.tb.sim.SimOptions;
import director.tb.stim.RandomSettings;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The testbench's functional coverage bins (docs/coverage.md, "Testbench bins"): what the RTL's cover points cannot
 * see. Every bin of a run is declared up front (count 0), so a bin no run hits is a hole:
 * <ul>
 *   <li>{@code path}: each delivered frame's protocol by the kinds of its input and output port
 *       ({@code eoib_from_eth_to_host}, ...), the paths the run's ports allow;</li>
 *   <li>{@code size}: each delivered frame's size on its output wire, in bins with the protocol's boundaries
 *       (the smallest and the largest frame each a bin of its own; an InfiniBand packet by its payload);</li>
 *   <li>{@code vl_out}: each InfiniBand output port by the VL its packets left on ({@code vl3_out5});</li>
 *   <li>{@code settings}: what the run was set to, each setting's value in a bin of its legal range (its
 *       boundaries bins of their own): the SL-to-VL plan, the VL arbitration tables (entries, weights, limit), the
 *       link partners' buffers and FC delay, every vNIC policer's and vHBA shaper's four settings.</li>
 * </ul>
 * Written after a run with {@code --coverage FILE.dat} into the same file as the RTL's points, in Verilator's
 * coverage format, so {@code verilator_coverage} merges both and the regression reports both alike.
 */
public final class CoverageBins {
    /** group -> bin -> count, in declaration order. */
    private final Map<String, Map<String, Long>> bins = new LinkedHashMap<>();
    private final SwitchConfig cfg;
    private final int ethPorts, fcPorts;

    public CoverageBins(SwitchConfig cfg) {
        this.cfg = cfg;
        int e = 0, f = 0;
        for (int p = 0; p < cfg.ports(); p++) { if (cfg.isEth(p)) e++; if (cfg.isFc(p)) f++; }
        ethPorts = e;
        fcPorts = f;
        for (int out = 0; out < cfg.ports(); out++) for (int in = 0; in < cfg.ports(); in++) declarePath(in, out);
        for (String w : new String[] {"ib", "eth", "fc"}) {
            if (w.equals("eth") && ethPorts == 0 || w.equals("fc") && fcPorts == 0) continue;
            for (String b : sizeBins(w)) declare("size", w + "_" + b);
        }
        for (int out = 0; out < cfg.hostPorts(); out++)
            for (int vl = 0; vl < cfg.dataVls(); vl++) declare("vl_out", "vl" + vl + "_out" + out);
    }

    private static final String[] IB_SIZES = {"payload_0", "payload_1_63", "payload_64_255", "payload_256_1023",
            "payload_1024_2047", "payload_2048_4095", "payload_4096_up"};
    private static final String[] ETH_SIZES = {"min_64", "65_127", "128_511", "512_1023", "1024_1517", "max_1518_1522"};
    private static final String[] FC_SIZES = {"payload_0", "payload_1_511", "payload_512_1023", "payload_1024_2111", "payload_max_2112"};
    /** An FC frame on the FC port stream round its payload: SOF code, header, CRC, EOF code (FcFrame.portBytes). */
    static final int FC_OVERHEAD = director.tb.model.gateway.GatewayModel.FC_MAX_PORT_BYTES - FcFrame.MAX_PAYLOAD_BYTES;

    private static String[] sizeBins(String wire) {
        return switch (wire) {
            case "ib" -> IB_SIZES;
            case "eth" -> ETH_SIZES;
            default -> FC_SIZES;
        };
    }

    /** The size bin of an InfiniBand packet with {@code payload} bytes of payload (its pad left out). */
    static String ibPayloadBin(int p) {
        return "ib_" + (p <= 0 ? IB_SIZES[0] : p < 64 ? IB_SIZES[1] : p < 256 ? IB_SIZES[2] : p < 1024 ? IB_SIZES[3]
                : p < 2048 ? IB_SIZES[4] : p < 4096 ? IB_SIZES[5] : IB_SIZES[6]);
    }

    /** An InfiniBand packet's payload bytes, from its headers (LRH, BTH, DETH if any); from its length if it does not parse. */
    static int ibPayload(byte[] wire) {
        try {
            return IbPacket.decodeUnchecked(wire).payloadLength();
        } catch (RuntimeException e) {
            return wire.length - IbPacket.MIN_WIRE_BYTES;
        }
    }

    /** The size bin of an Ethernet or FC frame of {@code bytes} on a wire of that kind. */
    static String sizeBin(String wire, int bytes) {
        switch (wire) {
            case "eth":
                return "eth_" + (bytes <= EthernetFrame.MIN_BYTES_WITH_FCS ? ETH_SIZES[0] : bytes < 128 ? ETH_SIZES[1]
                        : bytes < 512 ? ETH_SIZES[2] : bytes < 1024 ? ETH_SIZES[3]
                        : bytes < EthernetFrame.MAX_UNTAGGED_BYTES_WITH_FCS ? ETH_SIZES[4] : ETH_SIZES[5]);
            default: {
                int p = bytes - FC_OVERHEAD;
                return "fc_" + (p <= 0 ? FC_SIZES[0] : p < 512 ? FC_SIZES[1] : p < 1024 ? FC_SIZES[2]
                        : p < FcFrame.MAX_PAYLOAD_BYTES ? FC_SIZES[3] : FC_SIZES[4]);
            }
        }
    }

    private String kind(int port) { return cfg.isEth(port) ? "eth" : cfg.isFc(port) ? "fc" : "host"; }

    /** The protocols a frame from {@code in} to {@code out} can be delivered as (docs/gateway.md). */
    private void declarePath(int in, int out) {
        String i = kind(in), o = kind(out);
        if (i.equals("host") && o.equals("host")) {
            declare("path", "ib_from_host_to_host");
            if (ethPorts > 0) declare("path", "eoib_from_host_to_host");
        }
        if (i.equals("eth") && o.equals("host")) declare("path", "eoib_from_eth_to_host");
        if (i.equals("fc") && o.equals("host")) declare("path", "fcoib_from_fc_to_host");
        if (i.equals("host") && o.equals("eth")) declare("path", "eth_from_host_to_eth");
        if (i.equals("host") && o.equals("fc")) declare("path", "fc_from_host_to_fc");
    }

    private void declare(String group, String bin) {
        bins.computeIfAbsent(group, g -> new LinkedHashMap<>()).putIfAbsent(bin, 0L);
    }

    private void hit(String group, String bin) {
        bins.computeIfAbsent(group, g -> new LinkedHashMap<>()).merge(bin, 1L, Long::sum);
    }

    /** A frame delivered from input {@code in} to output {@code out} as {@code protocol}, {@code frame} as on the wire, on {@code vl} (-1: none). */
    public void delivered(int in, int out, LatencyGroups.Protocol protocol, byte[] frame, int vl) {
        hit("path", protocol.key + "_from_" + kind(in) + "_to_" + kind(out));
        String wire = cfg.isEth(out) ? "eth" : cfg.isFc(out) ? "fc" : "ib";
        hit("size", wire.equals("ib") ? ibPayloadBin(ibPayload(frame)) : sizeBin(wire, frame.length));
        if (vl >= 0 && !cfg.isModule(out)) hit("vl_out", "vl" + vl + "_out" + out);
    }

    /** Declares and hits the bins of the settings of run {@code rc}: each bin hit once per run that used it. */
    public void settings(RunConfig rc) {
        String[] plans = {"zero", "mod8", "random"};
        for (String p : plans) declare("settings", "sl2vl_" + p);
        hit("settings", "sl2vl_" + plans[rc.sl2vl().ordinal()]);
        VlTables t = rc.links().tables() != null ? rc.links().tables() : VlTables.defaults(cfg.dataVls(), cfg.vlArbEntries());
        range("vl_high_entries", t.high().size(), 0, t.maxEntries());
        range("vl_low_entries", t.low().size(), 0, t.maxEntries());
        range("vl_limit", t.limit(), 0, VlTables.UNLIMITED);
        for (String b : new String[] {"vl_weight_0", "vl_weight_mid", "vl_weight_255", "vl_entry_not_data_vl"}) declare("settings", b);
        for (var e : concat(t)) {
            hit("settings", e.weight() == 0 ? "vl_weight_0" : e.weight() == VlTables.MAX_WEIGHT ? "vl_weight_255" : "vl_weight_mid");
            if (e.vl() >= cfg.dataVls()) hit("settings", "vl_entry_not_data_vl");
        }
        range("partner_blocks", rc.links().partnerBlocks(), SimOptions.minPartnerBlocks(cfg.maxPacketBytes()), SimOptions.MAX_PARTNER_BLOCKS);
        range("fc_delay", rc.links().fcDelay(), 1, RandomSettings.MAX_FC_DELAY);
        if (ethPorts > 0)
            bank("policer", cfg.vnics(), v -> rc.scenario().policers().getOrDefault(v, Policer.OFF).words(), 1, "pir_eq_cir", w -> w[1] == w[0]);
        if (fcPorts > 0)
            bank("shaper", cfg.vhbas(), h -> rc.scenario().shapers().getOrDefault(h, Shaper.OFF).words(), 0, "no_peak_bucket", w -> w[1] == 0);
    }

    /**
     * The settings of a bank of {@code n} policers or shapers ({@code words}: CIR, PIR, CBS, PBS): each off (its
     * enabling word {@code on} 0) or each setting in its range, and a bin for {@code flag}.
     */
    private void bank(String what, int n, java.util.function.IntFunction<long[]> words, int on, String flag,
                      java.util.function.Predicate<long[]> flagged) {
        String[] names = {"cir", "pir", "cbs", "pbs"};
        declare("settings", what + "_off");
        declare("settings", what + "_" + flag);
        for (int k = 0; k < 4; k++) range(what + "_" + names[k], -1, k == on ? 1 : 0, RandomSettings.MAX_RATE);
        for (int i = 0; i < n; i++) {
            long[] w = words.apply(i);
            if (w[on] == 0) { hit("settings", what + "_off"); continue; }
            for (int k = 0; k < 4; k++) range(what + "_" + names[k], w[k], k == on ? 1 : 0, RandomSettings.MAX_RATE);
            if (flagged.test(w)) hit("settings", what + "_" + flag);
        }
    }

    private static java.util.List<VlTables.Entry> concat(VlTables t) {
        java.util.List<VlTables.Entry> l = new java.util.ArrayList<>(t.high());
        l.addAll(t.low());
        return l;
    }

    /** Bins of a setting in lo..hi: exactly lo, exactly hi, below the middle, above it. */
    private void range(String name, long v, long lo, long hi) {
        String[] b = {name + "_min", name + "_low", name + "_high", name + "_max"};
        for (String s : b) declare("settings", s);
        if (v < 0) return;  // declared only
        long mid = lo + (hi - lo) / 2;
        hit("settings", v <= lo ? b[0] : v >= hi ? b[3] : v <= mid ? b[1] : b[2]);
    }

    /** Every bin with its count: group -> bin -> count. */
    public Map<String, Map<String, Long>> counts() { return bins; }

    /**
     * Appends the bins to {@code dat} (made if missing) as Verilator coverage entries: module {@code testbench},
     * hierarchy {@code TB.<group>.cov_<bin>}, which {@code FunctionalCoverage} reads as point {@code <bin>} at
     * {@code TB.<group>}.
     */
    public void appendTo(Path dat) throws IOException {
        boolean fresh = !Files.exists(dat) || Files.size(dat) == 0;
        try (Writer w = Files.newBufferedWriter(dat, StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            if (fresh) w.write("# SystemC::Coverage-3\n");
            for (var g : bins.entrySet())
                for (var b : g.getValue().entrySet())
                    w.write("C '\u0001f\u0002testbench\u0001l\u00020\u0001n\u00020\u0001page\u0002v_user/testbench"
                            + "\u0001o\u0002cov_" + b.getKey() + "\u0001h\u0002TB." + g.getKey() + ".cov_" + b.getKey() + "' "
                            + b.getValue() + "\n");
        }
    }
}
