package director.tb.stim;

import director.tb.frame.Eoib;
import director.tb.frame.FcEof;
import director.tb.frame.FcFrame;
import director.tb.frame.FcHeader;
import director.tb.frame.FcSof;
import director.tb.frame.Fcoib;
import director.tb.frame.EthernetFrame;
import director.tb.frame.IbPacket;
import director.tb.frame.IpPacket;
import director.tb.frame.UdRoute;
import director.tb.model.gateway.GatewayModel;
import director.tb.model.gateway.Vhba;
import director.tb.model.gateway.Vnic;
import director.tb.model.SwitchConfig;
import director.tb.sim.DirectorSim.Injection;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded traffic: per input port an independent random stream (so a frame never depends on batch boundaries),
 * frames spaced so that the port offers {@code load} x line rate. Frame ids are port << 40 | sequence.
 *
 * <p>Packets are InfiniBand UD SENDs (LRH | BTH | DETH | payload | ICRC | VCRC) from the port's LID to the
 * destination port's LID, with a per-flow PSN and random payload; error frames are raw bytes. A packet of SL s
 * is sent on VL {@code s % dataVls} (a host sends each SL on a VL of its own; the switch re-maps it through
 * SL2VL), except the corrupt kind that tests the VL15 length limit, which is sent on VL15; oversize frames carry
 * VL0 and runts random bytes.
 */
public final class TrafficGenerator implements Source {
    private final SwitchConfig cfg;
    private final TrafficSpec spec;
    private final SplittableRandom[] rng;
    private final double[] nextTime;
    private final long[] seq;
    private final int[][] psn;
    private final int[] perm;
    private final double bytesPerCycle;
    /** Per port: the vNICs bound to it, as host port (EoIB sources) or as 10GbE port (LAN frames' targets). */
    private final List<List<Vnic>> vnicsOf;
    /** Per port: the vHBAs bound to it, as host port (FCoIB sources) or as FC port (SAN frames' targets). */
    private final List<List<Vhba>> vhbasOf;

    public TrafficGenerator(SwitchConfig cfg, TrafficSpec spec, long seed) {
        this.cfg = cfg;
        this.spec = spec;
        boolean anyEth = false, anyFc = false;
        for (int p = 0; p < cfg.ports(); p++) { anyEth |= cfg.isEth(p); anyFc |= cfg.isFc(p); }
        if (spec.mix().fc() > 0 && !anyFc)
            throw new IllegalArgumentException("--mix: fc share " + spec.mix().fc() + " but profile '" + cfg.profile() + "' has no FC ports (try --profile gateway)");
        if (spec.mix().eth() > 0 && !anyEth)
            throw new IllegalArgumentException("--mix: eth share " + spec.mix().eth() + " but profile '" + cfg.profile() + "' has no 10GbE ports (try --profile gateway)");
        this.vnicsOf = VnicPlan.vnicsByPort(cfg);
        this.vhbasOf = VnicPlan.vhbasByPort(cfg);
        int n = cfg.ports();
        SplittableRandom root = new SplittableRandom(seed);
        this.rng = new SplittableRandom[n];
        for (int p = 0; p < n; p++) rng[p] = root.split();
        this.perm = permutation(root.split(), n);
        this.nextTime = new double[n];
        this.seq = new long[n];
        this.psn = new int[n][n];
        this.bytesPerCycle = cfg.lineBytesPerCycle() * spec.load();
        this.burstLeft = new int[n];
        this.burstTarget = new int[n];
        this.burstWire = new double[n];
        if (spec.pattern() == TrafficSpec.Pattern.BALANCED) {
            plan = new LineRatePlan(cfg, vnicsOf, vhbasOf);
            broadcastShare = 0;
            localShare = 0;
        } else plan = null;
    }

    /** With {@code --pattern balanced}: the plan that gives every output exactly its line. */
    private final LineRatePlan plan;

    /** The balanced plan's books (null for other patterns). */
    public LineRatePlan plan() { return plan; }

    /** A derangement-free random permutation (a port may map to itself). */
    private static int[] permutation(SplittableRandom r, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
        return a;
    }

    public int permutationTarget(int port) { return perm[port]; }

    @Override
    public String describe() { return "random traffic: " + spec.describe(); }

    /** All frames whose earliest cycle is below {@code cycleLimit}, port by port, in time order per port. */
    @Override
    public List<Injection> until(long cycleLimit) {
        if (plan != null) return balancedUntil(cycleLimit);
        List<Injection> out = new ArrayList<>();
        for (int p = 0; p < cfg.ports(); p++) {
            if (spec.pattern() == TrafficSpec.Pattern.INCAST && !incastSender(p)) continue;
            while (nextTime[p] < cycleLimit) {
                if (spec.pattern() == TrafficSpec.Pattern.BURSTY && burstLeft[p] == 0) startBurst(p);
                long earliest = (long) Math.ceil(nextTime[p]);
                if ((cfg.isEth(p) && vnicsOf.get(p).isEmpty()) || (cfg.isFc(p) && vhbasOf.get(p).isEmpty())) {
                    nextTime[p] = Double.MAX_VALUE;  // nobody to send to
                    break;
                }
                byte[] bytes = cfg.isEth(p) ? lanFrame(p) : cfg.isFc(p) ? sanFrame(p) : frame(p);
                out.add(new Injection(p, ((long) p << 40) | seq[p]++, earliest, bytes));
                if (spec.pattern() == TrafficSpec.Pattern.BURSTY) {
                    // on: back to back at line rate; after the burst, off for as long again x (1/load - 1) on average
                    double wire = (bytes.length + cfg.wireOverhead(p)) / cfg.lineBytesPerCycle();
                    nextTime[p] += wire;
                    burstWire[p] += wire;
                    if (--burstLeft[p] == 0 && spec.load() < 1)
                        nextTime[p] += -Math.log(1 - rng[p].nextDouble()) * burstWire[p] * (1 / spec.load() - 1);
                } else nextTime[p] += (bytes.length + cfg.wireOverhead(p)) / bytesPerCycle;
            }
        }
        return out;
    }

    /**
     * The balanced plan: frames in time order over all inputs (each destination choice sees every frame sent
     * before it), each input at {@code load} x its line.
     */
    private List<Injection> balancedUntil(long cycleLimit) {
        List<Injection> out = new ArrayList<>();
        while (true) {
            int p = -1;
            for (int q = 0; q < cfg.ports(); q++) if (nextTime[q] < cycleLimit && (p < 0 || nextTime[q] < nextTime[p])) p = q;
            if (p < 0) return out;
            SplittableRandom r = rng[p];
            // every kind's size first: the choice needs to know when the frame would be wholly in
            int ethLen = ethLength(r), fcPayload = 4 * r.nextInt(2112 / 4 + 1), ibPayload = spec.sizes().next(r);
            double line = cfg.lineBytesPerCycle(), t0 = nextTime[p] + SWITCH_LATENCY_CYCLES;
            // wire bytes of each kind (an estimate good to the pad: the choice only needs to know when it is in)
            int fcPort = 2 + FcHeader.BYTES + fcPayload + FcFrame.CRC_BYTES, crcs = IbPacket.ICRC_BYTES + IbPacket.VCRC_BYTES;
            double[] arrival = new double[LineRatePlan.Kind.values().length];
            // a module port stores a frame whole, then moves it encapsulated into its input buffer a beat a cycle
            arrival[LineRatePlan.Kind.LAN.ordinal()] = t0 + (ethLen + cfg.wireOverhead(p)) / line + encapCycles(ethLen + Eoib.ENCAP_HEADER_BYTES);
            arrival[LineRatePlan.Kind.SAN.ordinal()] = t0 + (fcPort + cfg.wireOverhead(p)) / line + encapCycles(fcPort + Fcoib.WIRE_OFFSET + Fcoib.HEADER_BYTES);
            arrival[LineRatePlan.Kind.EOIB.ordinal()] = t0 + (Eoib.ENCAP_HEADER_BYTES + ethLen + crcs) / line;
            arrival[LineRatePlan.Kind.FCOIB.ordinal()] = t0 + (Fcoib.WIRE_OFFSET + Fcoib.HEADER_BYTES + fcPort + Fcoib.TRAILER_BYTES + crcs) / line;
            arrival[LineRatePlan.Kind.IB.ordinal()] = t0 + (Fcoib.WIRE_OFFSET + ibPayload + crcs) / line;
            LineRatePlan.Target t = plan.choose(p, nextTime[p], arrival, r);
            byte[] bytes;
            int outWire;
            switch (t.kind()) {
                case LAN -> {
                    EthernetFrame f = ethFrame(r, ethLen, t.vnic().mac(), 0x0A00_0000_0000L | ((long) p << 24) | r.nextInt(1 << 24),
                            t.vnic().vlans()[r.nextInt(t.vnic().vlans().length)]);
                    bytes = f.encodeWithFcs();
                    outWire = Eoib.encapsulate(f.encode(), vnicRoute(t.vnic(), t.vnic().hostPort())).length;
                }
                case SAN -> {
                    FcSof sof = SOFS[r.nextInt(2)];
                    FcEof eof = EOFS[r.nextInt(2)];
                    FcFrame f = fcFrame(r, fcPayload, t.vhba().fcId(), VnicPlan.SAN_FCID_BASE | r.nextInt(256));
                    bytes = f.portBytes(sof, eof);
                    outWire = vhbaRoute(t.vhba(), t.vhba().hostPort()).packet(Fcoib.payload(sof, f, eof)).encode().length;
                }
                case EOIB -> {
                    EthernetFrame f = ethFrame(r, ethLen, 0x0A00_0000_0000L | r.nextInt(1 << 24) << 1, t.vnic().mac(),
                            t.vnic().vlans()[r.nextInt(t.vnic().vlans().length)]);
                    bytes = Eoib.encapsulate(f.encode(), vnicRoute(t.vnic(), p));
                    outWire = f.encode().length + EthernetFrame.FCS_BYTES + cfg.wireOverhead(t.out());
                }
                case FCOIB -> {
                    FcSof sof = SOFS[r.nextInt(2)];
                    FcEof eof = EOFS[r.nextInt(2)];
                    FcFrame f = fcFrame(r, fcPayload, VnicPlan.SAN_FCID_BASE | r.nextInt(256), t.vhba().fcId());
                    bytes = vhbaRoute(t.vhba(), p).packet(Fcoib.payload(sof, f, eof)).encode();
                    outWire = f.portBytes(sof, eof).length + cfg.wireOverhead(t.out());
                }
                default -> {
                    bytes = ibPacket(p, t.out(), r.nextInt(2), ibPayload);
                    outWire = bytes.length;
                }
            }
            plan.charge(t.out(), nextTime[p] + SWITCH_LATENCY_CYCLES + (bytes.length + cfg.wireOverhead(p)) / cfg.lineBytesPerCycle()
                    + (cfg.isHost(p) ? 0 : encapCycles(outWire)), outWire);
            out.add(new Injection(p, ((long) p << 40) | seq[p]++, (long) Math.ceil(nextTime[p]), bytes));
            nextTime[p] += (bytes.length + cfg.wireOverhead(p)) / bytesPerCycle;
        }
    }

    /**
     * Cycles from a module port's frame wholly in to its encapsulated packet wholly in the input buffer: store and
     * forward through the frame store, then a beat a cycle, plus a few cycles of the encapsulation pipeline.
     */
    private double encapCycles(int packetBytes) { return Math.ceil((double) packetBytes / cfg.beatBytes()) + ENCAP_PIPELINE_CYCLES; }

    /**
     * From a packet wholly in its input buffer to its first beat on the output's wire (checks, VOQ, iSLIP, crossbar,
     * egress), with margin: the balanced plan counts a frame as arrived this much later, so that outputs keep that
     * much more backlog.
     */
    public static final int SWITCH_LATENCY_CYCLES = 200;

    /** The module ingress pipeline's own latency (classification, encapsulation, CRC append), a little over. */
    public static final int ENCAP_PIPELINE_CYCLES = 16;

    private UdRoute vnicRoute(Vnic v, int hostPort) {
        return new UdRoute(v.sl() % cfg.dataVls(), v.sl(), GatewayModel.GW_LID_RESET, Addressing.lid(hostPort), v.directorQp(), hostPort + 2);
    }

    private UdRoute vhbaRoute(Vhba v, int hostPort) {
        return new UdRoute(v.sl() % cfg.dataVls(), v.sl(), GatewayModel.GW_LID_RESET, Addressing.lid(hostPort), v.directorQp(), hostPort + 2);
    }

    /** A well-formed InfiniBand UD SEND from port p to host port dst on SL {@code sl} (its VL sl mod dataVls). */
    private byte[] ibPacket(int p, int dst, int sl, int payloadBytes) {
        SplittableRandom r = rng[p];
        byte[] payload = new byte[payloadBytes];
        r.nextBytes(payload);
        return IbPacket.builder()
                .vl(sl % cfg.dataVls()).sl(sl).dlid(Addressing.lid(dst)).slid(Addressing.lid(p))
                .opcode(0x64).pkey(0xFFFF).destQp(1 + r.nextInt(0xFFFFFE)).psn(psn[p][dst]++ & 0xFFFFFF)
                .qkey(0x80010000L).srcQp(p + 2)
                .payload(payload)
                .build().encode();
    }

    /** With {@code --pattern bursty}: per input, frames left in its burst, the burst's destination and wire time. */
    private final int[] burstLeft, burstTarget;
    private final double[] burstWire;

    /** A new burst: a geometric number of frames (mean {@link TrafficSpec#burstMean}) to one host, uniform. */
    private void startBurst(int p) {
        SplittableRandom r = rng[p];
        double q = 1.0 / spec.burstMean();
        burstLeft[p] = q >= 1 ? 1 : 1 + (int) Math.floor(Math.log(1 - r.nextDouble()) / Math.log(1 - q));
        burstTarget[p] = r.nextInt(cfg.hostPorts());
        burstWire[p] = 0;
    }

    /** With {@code --pattern incast}: the senders are the {@code incastSenders} host ports after the target. */
    private boolean incastSender(int p) {
        if (!cfg.isHost(p) || p == spec.hotspotPort()) return false;
        int k = Math.floorMod(p - spec.hotspotPort(), cfg.hostPorts());
        return k >= 1 && k <= spec.incastSenders();
    }

    /** A plain IB destination: a host port (module ports are reached through the gateway only). */
    private int destination(int p) {
        SplittableRandom r = rng[p];
        int hosts = cfg.hostPorts();
        return switch (spec.pattern()) {
            case UNIFORM -> r.nextInt(hosts);
            case PERMUTATION -> perm[p] % hosts;
            case HOTSPOT -> r.nextDouble() < spec.hotspotFraction() ? spec.hotspotPort() : r.nextInt(hosts);
            case BURSTY -> burstTarget[p];
            case INCAST -> spec.hotspotPort();
            case BALANCED, WORKLOAD -> throw new IllegalStateException(spec.pattern() + " traffic chooses its own destinations");
        };
    }

    /** An Ethernet frame length with FCS, 64..1518, uniform. */
    private static int ethLength(SplittableRandom r) { return 64 + r.nextInt(1518 - 64 + 1); }

    /** With {@code --corrupt F}: this gateway frame fails one gateway check (no draw at all when F is 0). */
    private boolean corrupts(SplittableRandom r) { return spec.corruptFraction() > 0 && r.nextDouble() < spec.corruptFraction(); }

    /** Share of LAN frames sent to the broadcast address (replicated to every vNIC of the port on the VLAN). */
    public static final double BROADCAST_SHARE = 0.01;
    private double broadcastShare = BROADCAST_SHARE;

    /**
     * Without broadcast frames and vNIC-to-vNIC frames: a migration run's exact check needs every frame's binding,
     * and a group frame's copies, like a frame switched inside the director, take their vNIC's binding at a cycle
     * the testbench does not see (docs/gateway.md).
     */
    public TrafficGenerator forMigration() {
        broadcastShare = 0;
        localShare = 0;
        return this;
    }

    /** Share of a host's EoIB frames addressed to another vNIC behind the same 10GbE port (switched inside). */
    public static final double LOCAL_SHARE = 0.01;
    private double localShare = LOCAL_SHARE;

    /**
     * A frame of the LAN into 10GbE port p: to one of the vNICs bound to p (or, {@link #BROADCAST_SHARE} of them,
     * to the broadcast address), on one of that vNIC's VLANs, from a LAN MAC (0a:00:pp:xx:xx:xx), an IPv4 or IPv6
     * UDP packet ({@link #ethFrame}), FCS.
     */
    private byte[] lanFrame(int p) {
        SplittableRandom r = rng[p];
        Vnic v = vnicsOf.get(p).get(r.nextInt(vnicsOf.get(p).size()));
        long dst = r.nextDouble() < broadcastShare ? 0xFFFF_FFFF_FFFFL : v.mac();
        byte[] good = ethFrame(r, dst, 0x0A00_0000_0000L | ((long) p << 24) | r.nextInt(1 << 24), v.vlans()[r.nextInt(v.vlans().length)])
                .encodeWithFcs();
        return corrupts(r) ? GatewayErrors.lan(good, r) : good;
    }

    /** One generated Ethernet frame in this many carries IPv6 (when its payload has room for IPv6/UDP); the rest IPv4. */
    public static final int IPV6_ONE_IN = 4;

    /**
     * An Ethernet frame (64..1518 bytes with FCS) whose payload is a well-formed UDP packet filling it exactly
     * ({@link IpPacket}): IPv6 for about one frame in {@link #IPV6_ONE_IN} when the payload has room, else IPv4,
     * with the matching EtherType.
     */
    private static EthernetFrame ethFrame(SplittableRandom r, long dst, long src, int vid) {
        return ethFrame(r, ethLength(r), dst, src, vid);
    }

    /** {@link #ethFrame} of a given length with FCS, 64..1518. */
    private static EthernetFrame ethFrame(SplittableRandom r, int lengthWithFcs, long dst, long src, int vid) {
        int len = lengthWithFcs - EthernetFrame.FCS_BYTES;
        EthernetFrame.Tag tag = vid == 0 ? null : new EthernetFrame.Tag(r.nextInt(8), false, vid);
        int header = EthernetFrame.HEADER_BYTES + (tag == null ? 0 : EthernetFrame.TAG_BYTES);
        int l3 = len - header;   // 64-byte frames: 46 untagged, 42 tagged, never below IPv4/UDP's 28
        boolean ipv6 = r.nextInt(IPV6_ONE_IN) == 0 && l3 >= IpPacket.MIN_IPV6_UDP_BYTES;
        return new EthernetFrame(dst, src, tag, IpPacket.etherType(ipv6), IpPacket.udp(r, l3, ipv6));
    }

    private static final FcSof[] SOFS = {FcSof.SOFI3, FcSof.SOFN3};
    private static final FcEof[] EOFS = {FcEof.EOFT, FcEof.EOFN};

    /** An FC frame (SCSI-FCP data, payload a multiple of 4 up to 2112 bytes) from {@code sId} to {@code dId}. */
    private static FcFrame fcFrame(SplittableRandom r, int dId, int sId) {
        return fcFrame(r, 4 * r.nextInt(2112 / 4 + 1), dId, sId);
    }

    /** {@link #fcFrame} with a payload of a given length. */
    private static FcFrame fcFrame(SplittableRandom r, int payloadBytes, int dId, int sId) {
        byte[] payload = new byte[payloadBytes];
        r.nextBytes(payload);
        FcHeader h = new FcHeader(0x01, dId, 0, sId, 0x08, 0x290000, r.nextInt(256), 0, r.nextInt(1 << 16), r.nextInt(1 << 16), 0xFFFF, r.nextInt() & 0xFFFFFFFFL);
        return new FcFrame(h, payload);
    }

    /** A frame of the SAN into FC port p (SOF code, header, payload, CRC, EOF code) for one of the vHBAs bound to p. */
    private byte[] sanFrame(int p) {
        SplittableRandom r = rng[p];
        Vhba v = vhbasOf.get(p).get(r.nextInt(vhbasOf.get(p).size()));
        byte[] good = fcFrame(r, v.fcId(), VnicPlan.SAN_FCID_BASE | r.nextInt(256)).portBytes(SOFS[r.nextInt(2)], EOFS[r.nextInt(2)]);
        return corrupts(r) ? GatewayErrors.san(good, r) : good;
    }

    /** An FCoIB packet from host port p through one of its vHBAs (its SL) to a SAN target. */
    private byte[] fcoibPacket(int p, Vhba v) {
        SplittableRandom r = rng[p];
        FcFrame f = fcFrame(r, VnicPlan.SAN_FCID_BASE | r.nextInt(256), v.fcId());
        UdRoute route = new UdRoute(v.sl() % cfg.dataVls(), v.sl(), GatewayModel.GW_LID_RESET, Addressing.lid(p), v.directorQp(), p + 2);
        byte[] payload = Fcoib.payload(SOFS[r.nextInt(2)], f, EOFS[r.nextInt(2)]);
        return corrupts(r) ? GatewayErrors.fcoib(payload, route, cfg.vhbas(), r) : route.packet(payload).encode();
    }

    /** An EoIB packet from host port p through one of its vNICs (its SL) to a LAN MAC. */
    private byte[] eoibPacket(int p, Vnic v) {
        SplittableRandom r = rng[p];
        long dst = 0x0A00_0000_0000L | r.nextInt(1 << 24) << 1;
        List<Vnic> peers = vnicsOf.get(v.modulePort());
        if (r.nextDouble() < localShare && peers.size() > 1) {
            Vnic peer = peers.get(r.nextInt(peers.size()));
            if (peer != v) dst = peer.mac();  // to a vNIC behind the same 10GbE port (its VLANs may differ: then dropped)
        }
        EthernetFrame f = ethFrame(r, dst, v.mac(), v.vlans()[r.nextInt(v.vlans().length)]);
        UdRoute route = new UdRoute(v.sl() % cfg.dataVls(), v.sl(), GatewayModel.GW_LID_RESET, Addressing.lid(p), v.directorQp(), p + 2);
        if (!corrupts(r)) return Eoib.encapsulate(f.encode(), route);
        byte[] frame = f.encode();
        byte[] payload = new byte[Eoib.HEADER_BYTES + frame.length];
        System.arraycopy(Eoib.Header.PLAIN.encode(), 0, payload, 0, Eoib.HEADER_BYTES);
        System.arraycopy(frame, 0, payload, Eoib.HEADER_BYTES, frame.length);
        return GatewayErrors.eoib(payload, route, cfg.vnics(), r);
    }

    /**
     * A packet to the right port that fails exactly one check (docs/ingress-checks.md, docs/virtual-lanes.md), chosen
     * at random: VCRC, ICRC, LVer, LNH, PktLen, VL15 payload, MTU, or (when the switch has fewer than 15 data VLs)
     * sent on a VL the switch does not have (bad_vl).
     */
    private byte[] corrupt(int p, int dst, SplittableRandom r) {
        int kind = r.nextInt(cfg.dataVls() < 15 ? 8 : 7);
        int payloadLen = switch (kind) {
            case 5 -> 257 + r.nextInt(200);                     // VL15, payload over 256
            case 6 -> cfg.mtuBytes() + 1 + r.nextInt(cfg.maxPacketBytes() - cfg.mtuBytes() - 48); // over the MTU
            default -> spec.sizes().next(r);
        };
        byte[] payload = new byte[payloadLen];
        r.nextBytes(payload);
        int sl = r.nextInt(16);
        int vl = kind == 5 ? 15 : kind == 7 ? cfg.dataVls() + r.nextInt(15 - cfg.dataVls()) : sl % cfg.dataVls();
        IbPacket.Builder b = IbPacket.builder().vl(vl).sl(sl).dlid(Addressing.lid(dst))
                .slid(Addressing.lid(p)).opcode(0x64).pkey(0xFFFF).destQp(1 + r.nextInt(0xFFFFFE)).psn(r.nextInt(0x1000000))
                .qkey(0x80010000L).srcQp(p + 2).payload(payload);
        if (kind == 2) b.lver(1 + r.nextInt(15));
        if (kind == 3) b.lnh(r.nextBoolean() ? 0 : (r.nextBoolean() ? 1 : 3));
        byte[] w = b.build().encode();
        int len = w.length;
        switch (kind) {
            case 0 -> w[len - 2 + r.nextInt(2)] ^= (byte) (1 << r.nextInt(8));           // VCRC
            case 1 -> { w[len - 6 + r.nextInt(4)] ^= (byte) (1 << r.nextInt(8)); fixVcrc(w); } // ICRC only
            case 4 -> {                                                                   // PktLen off by one word
                int pl = (((w[4] & 0x07) << 8) | (w[5] & 0xff)) + (r.nextBoolean() ? 1 : -1);
                w[4] = (byte) ((w[4] & 0xf8) | ((pl >> 8) & 0x07));
                w[5] = (byte) pl;
                fixVcrc(w);
            }
            default -> { }
        }
        return w;
    }

    private static void fixVcrc(byte[] w) {
        int v = director.tb.frame.Vcrc16.vcrc(w, 0, w.length - 2);
        w[w.length - 2] = (byte) v;
        w[w.length - 1] = (byte) (v >> 8);
    }

    private byte[] frame(int p) {
        SplittableRandom r = rng[p];
        if (!spec.mix().ibOnly()) {
            double m = r.nextDouble();
            if (m < spec.mix().eth() && !vnicsOf.get(p).isEmpty())
                return eoibPacket(p, vnicsOf.get(p).get(r.nextInt(vnicsOf.get(p).size())));
            if (m >= spec.mix().eth() && m < spec.mix().eth() + spec.mix().fc() && !vhbasOf.get(p).isEmpty())
                return fcoibPacket(p, vhbasOf.get(p).get(r.nextInt(vhbasOf.get(p).size())));
        }
        double u = r.nextDouble();
        if (u < spec.runtFraction()) {
            byte[] b = new byte[1 + r.nextInt(7)];
            r.nextBytes(b);
            return b;
        }
        int dst = destination(p);
        if (u < spec.runtFraction() + spec.oversizeFraction()) {
            byte[] b = new byte[cfg.maxPacketBytes() + 1 + r.nextInt(256)];
            r.nextBytes(b);
            int lid = Addressing.lid(dst);
            b[0] = 0; b[1] = 2; b[2] = (byte) (lid >> 8); b[3] = (byte) lid;
            return b;
        }
        double corruptEnd = spec.runtFraction() + spec.oversizeFraction() + spec.corruptFraction();
        if (u < corruptEnd) return corrupt(p, dst, r);
        int dlid = Addressing.lid(dst);
        if (u < corruptEnd + spec.unknownFraction()) {
            // an unrouted LID inside the table, or one beyond it
            dlid = r.nextBoolean() ? Addressing.lid(cfg.ports()) + r.nextInt(cfg.lidTableSize() - Addressing.lid(cfg.ports()))
                                   : cfg.lidTableSize() + r.nextInt(0xC000 - cfg.lidTableSize());
        }
        byte[] payload = new byte[spec.sizes().next(r)];
        r.nextBytes(payload);
        // in a protocol mix host-to-host InfiniBand keeps to SL 0-1 (VnicPlan: vNICs 2-4, vHBAs 5-7)
        int sl = spec.mix().ibOnly() ? r.nextInt(16) : r.nextInt(2);
        return IbPacket.builder()
                .vl(sl % cfg.dataVls()).sl(sl).dlid(dlid).slid(Addressing.lid(p))
                .opcode(0x64).pkey(0xFFFF).destQp(1 + r.nextInt(0xFFFFFE)).psn(psn[p][dst]++ & 0xFFFFFF)
                .qkey(0x80010000L).srcQp(p + 2)
                .payload(payload)
                .build().encode();
    }
}
