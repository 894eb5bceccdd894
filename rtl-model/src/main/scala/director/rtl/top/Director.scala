package director.rtl.top

import director.rtl.credit.Fccl
import chisel3._
import chisel3.experimental.hierarchy.Instantiate
import chisel3.util._
import director.rtl.csr.{CsrBlock, CsrMap, CsrPort, CsrReq}
import director.rtl.egress.EgressPort
import director.rtl.gateway.{EoibDecap, FcoibDecap, GatewayAdmit, GatewayTableIO, HeaderPeek, LocalSwitch, ModuleIngress, TableWordWrite, VhbaSearchPort, VhbaTable, VnicSearchPort, VnicTable}
import director.rtl.params.PortKind
import director.rtl.link.{DropReason, Sl2VlTable}
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.route.ForwardingTable
import director.rtl.sched.IslipScheduler
import director.rtl.stats.{Coverage, DropCounters, VlCounters}
import director.rtl.stream.{PacketBeat, PinRegister}
import director.rtl.voq.InputBuffer
import director.rtl.qos.{RateConfigBank, TokenShaper}
import director.rtl.xbar.Crossbar
import director.rtl.util.WideBits

/** The director's pins. Every input is registered at the pins ([[director.rtl.stream.PinRegister]]): what the core
  * sees in a cycle is what the link partners and the CSR master drove in the cycle before, so nothing they drive
  * reaches the core's logic in the cycle it changes (in simulation, logic that follows a top-level input is evaluated
  * twice a cycle, in Verilator's input region, and by one thread). The harness drives each cycle's inputs before
  * that cycle's clock edge and samples the handshakes after it (docs/design.md, "Registered pins"). */
class DirectorIO(val p: DirectorParams) extends NamedBundle {
  /** Per port the beats its partner offers; `ready`: the core takes the beat registered at the last edge. */
  val ingress = Vec(p.ports, Flipped(Decoupled(new PacketBeat(p.beatBytes))))
  /** Per port the beats to its partner; `ready` as the partner drove it in the cycle before. */
  val egress  = Vec(p.ports, Decoupled(new PacketBeat(p.beatBytes)))
  /** Flow control from each port's link partner: per data VL v its FCCL in bits 12v+11..12v, as the port is to see
    * it in the next cycle (registered as `fcclSeen`). */
  val fcclIn  = Input(Vec(p.ports, UInt((Fccl.Bits * p.dataVls).W)))
  /** Flow control to each port's link partner: the FCCL this port will advertise in the next cycle, same layout: the
    * partner decides the next cycle's beat in this one, on the credits it will have then. */
  val fcclOut = Output(Vec(p.ports, UInt((Fccl.Bits * p.dataVls).W)))
  val csr     = new CsrPort
  /** No packet anywhere inside: every queue and buffer empty, no connection open. */
  val idle = Output(Bool())
  /** Work conservation (docs/work-conservation.md), bit j for output j: some input holds a whole packet for j
    * whose VL has credit for any packet at j's partner, or j's egress holds one that fits. */
  val wcWork = Output(UInt(p.ports.W))
  /** Bit j: a packet is on its way to output j (matched this cycle, crossing the crossbar, or in its egress). */
  val wcTransit = Output(UInt(p.ports.W))
  /** Bit j: an input that is free to start a packet, and not matched this cycle, holds one for j whose VL has credit
    * for any packet there. */
  val wcFreeWork = Output(UInt(p.ports.W))
}

/** The switch core: per port an input buffer with virtual output queues per (output, VL), a shared forwarding
  * table and SL-to-VL tables, an iSLIP scheduler over a packet-mode crossbar, per port an egress stage with a
  * queue per VL, the VL arbiter and credit flow control, counters and the CSR block.
  *
  * ingress -> InputBuffer (DLID lookup, SL2VL, VOQs, credits) -> Crossbar (iSLIP) -> EgressPort (VL queues,
  * VL arbiter, credits, VCRC) -> egress
  *
  * With module ports (docs/gateway.md): a host port's input passes HeaderPeek and EoibAdmit (packets to GW_LID
  * are routed by their vNIC); a 10GbE port's input is EthIngress (frame store, checks, EoIB encapsulation) and
  * its output EoibDecap (FCS appended). Inside, every packet is an InfiniBand packet.
  */
class Director(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new DirectorIO(p))

  val lft = Module(new ForwardingTable(p))
  val sl2vl = Module(new Sl2VlTable(p))
  /** The FC ports: at a host port their queues carry each packet's vHBA, for the shaper. */
  val fcPorts = (0 until p.ports).filter(p.kind(_) == PortKind.Fc)
  val inputs = Seq.tabulate(p.ports)(i =>
    Instantiate(new InputBuffer(p, if (p.hasGateway && p.kind(i) == PortKind.Ib) fcPorts else Nil)))
  val scheduler = Module(new IslipScheduler(p.ports, p.islipIterations))
  val crossbar = Module(new Crossbar(p))
  val outputs = Seq.tabulate(p.ports)(j => Instantiate(new EgressPort(p, creditFlow = p.kind(j) == PortKind.Ib)))
  // ---- the pins, registered (DirectorIO) ----
  /** Each port's partner FCCL as the port registered it at the last clock edge ([[DirectorIO.fcclIn]]). */
  val fcclSeen = RegNext(io.fcclIn)
  private val beat = new PacketBeat(p.beatBytes)
  /** Each port's ingress pins (valid and beat) as registered at the last clock edge. */
  val ingressSeen = RegNext(VecInit(io.ingress.map(PinRegister.sampled(beat, _))))
  /** Each port's egress ready as registered at the last clock edge. */
  val egressReadySeen = RegNext(VecInit(io.egress.map(_.ready)))
  /** The CSR request as registered at the last clock edge. */
  val csrReqSeen = RegNext(PinRegister.sampled(new CsrReq, io.csr.req))
  /** The streams as the core sees them. */
  private val ingress = (0 until p.ports).map(i => PinRegister.incoming(beat, io.ingress(i), ingressSeen(i)))
  private val egress = (0 until p.ports).map(j => PinRegister.outgoing(beat, io.egress(j), egressReadySeen(j)))
  val vlCounters = Seq.tabulate(p.ports)(_ => Instantiate(new VlCounters(p)))
  val csr = Module(new CsrBlock(p))
  /** Host ports whose input passes the gateway's admission (every host port of a profile with module ports). */
  val admitted = (0 until p.ports).filter(i => p.hasGateway && p.kind(i) == PortKind.Ib)
  // the gateway's tables: a lookup port per reader (two per admitted host port and per 10GbE port for the vNICs, one
  // per admitted host port and per FC port for the vHBAs, one per admitted host port for the policers' settings)
  val vnicTable = Option.when(p.hasGateway)(Module(new VnicTable(p, 2 * admitted.size + 2 * p.ethPorts.size)))
  /** Cycles since reset: the policers' clock. */
  val now = RegInit(0.U(64.W))
  now := now + 1.U
  val vhbaTable = Option.when(p.hasGateway)(Module(new VhbaTable(p, admitted.size + fcPorts.size)))
  val policerConfig = Option.when(p.hasGateway)(Module(new RateConfigBank(p.vnics, reads = admitted.size, all = false)))
  val shaperConfig = Option.when(p.hasGateway)(Module(new RateConfigBank(p.vhbas)))
  val shaper = Option.when(p.hasGateway && fcPorts.nonEmpty)(Module(new TokenShaper(p.vhbas, p.vhbaBits, fcPorts.size, p.coreMHz)))
  /** Hands out a table's lookup ports to its readers in turn. */
  private class LookupPorts[T <: Data](ports: Option[Vec[T]]) {
    private var next = 0
    def take(): T = { val r = ports.get(next); next += 1; r }
    def allTaken(): Boolean = ports.forall(_.size == next)
  }
  private val vnicReads = new LookupPorts(vnicTable.map(_.io.reads))
  /** The vHBA table's search port of each FC port, by port number. */
  private val vhbaSearch: Map[Int, VhbaSearchPort] =
    vhbaTable.map(t => p.fcPorts.zip(t.io.search).toMap).getOrElse(Map.empty)
  /** The vNIC table's search port of each 10GbE port, by port number. */
  private val vnicSearch: Map[Int, VnicSearchPort] =
    vnicTable.map(t => p.ethPorts.zip(t.io.search).toMap).getOrElse(Map.empty)
  private val vhbaReads = new LookupPorts(vhbaTable.map(_.io.reads))
  private val policerReads = new LookupPorts(policerConfig.map(_.io.reads))
  val modIn = (0 until p.ports).map(i => Option.when(p.kind(i) != PortKind.Ib)(Instantiate(new ModuleIngress(p, p.kind(i)))))
  val ethOut = (0 until p.ports).map(i => Option.when(p.kind(i) == PortKind.Eth)(Instantiate(new EoibDecap(p))))
  val fcOut = (0 until p.ports).map(i => Option.when(p.kind(i) == PortKind.Fc)(Instantiate(new FcoibDecap(p))))
  val local = (0 until p.ports).map(i => Option.when(p.kind(i) == PortKind.Eth)(Instantiate(new LocalSwitch(p))))
  val admit = (0 until p.ports).map(i => Option.when(admitted.contains(i))(Instantiate(new GatewayAdmit(p))))

  /** Per lane, bit j: output j's queue of that lane has room for a packet. */
  val room = VecInit((0 until p.lanes).map(v => VecInit(outputs.map(_.io.room(v))).asUInt))
  val outFree = crossbar.io.outFree.asUInt

  /** The scheduler matches this cycle: one cycle in SCHED_PERIOD (every cycle unless set lazy; csr/CsrMap). */
  val schedPhase = RegInit(0.U(7.W))
  schedPhase := Mux(schedPhase + 1.U >= csr.io.schedPeriod, 0.U, schedPhase + 1.U)
  val schedThisCycle = schedPhase === 0.U
  for (i <- 0 until p.ports) {
    val in = inputs(i)
    lft.io.lookup(i).dlid := in.io.lookupDlid
    // the forwarding table routes to host ports only: an entry naming a module port is no route
    val lftHit = if (!p.hasGateway) lft.io.lookup(i).hit
      else lft.io.lookup(i).hit && VnicTable.isKind(p, lft.io.lookup(i).port, PortKind.Ib)
    in.io.lookupHit := lftHit
    in.io.lookupPort := lft.io.lookup(i).port
    in.io.lateReason := DropReason.None.U
    io.fcclOut(i) := in.io.fcclNext.asUInt
    (modIn(i), admit(i)) match {
      case (Some(mod), _) =>
        mod.io.in <> ingress(i)
        in.io.in <> mod.io.out
        mod.io.fccl := in.io.fccl
        mod.io.gwLid := csr.io.gwLid
        for (mac <- mod.io.vnicMacNext) vnicSearch(i).probe.macNext := mac
        for (vlans <- mod.io.vnicVlansNext) vnicSearch(i).probe.vlansNext := vlans
        for (a <- mod.io.vnicAnswer) a := vnicSearch(i).answer
        for (r <- mod.io.vnicFound ++ mod.io.vnicMember) r <> vnicReads.take()
        for (id <- mod.io.vhbaIdNext) vhbaSearch(i).fcIdNext := id
        for (m <- mod.io.vhbaMatches) m := vhbaSearch(i).matches
        for (r <- mod.io.vhbaFound) r <> vhbaReads.take()
        if (p.kind(i) != PortKind.Eth) {  // only a 10GbE port turns frames round (LocalSwitch)
          mod.io.hairpin.valid := false.B
          mod.io.hairpin.bits := DontCare
        }
        in.io.lookupHit := true.B
        in.io.lookupPort := mod.io.route
        io.fcclOut(i) := 0.U
      case (None, Some(adm)) =>
        val peek = Module(new HeaderPeek(p.beatBytes))
        peek.io.in <> ingress(i)
        in.io.in <> peek.io.out
        adm.io.head := peek.io.out.bits
        adm.io.peek := peek.io.peek
        adm.io.taken := peek.io.out.fire
        adm.io.gwLid := csr.io.gwLid
        adm.io.vnicRoute <> vnicReads.take()
        adm.io.vnicCheck <> vnicReads.take()
        adm.io.vhbaRoute <> vhbaReads.take()
        adm.io.policer <> policerReads.take()
        adm.io.now := now
        in.io.lookupHit := Mux(adm.io.isGw, adm.io.routeOk, lftHit)
        in.io.lookupPort := Mux(adm.io.isGw, adm.io.route, lft.io.lookup(i).port)
        in.io.lateReason := adm.io.reason
        for (t <- in.io.tags) {
          t.lateTag := adm.io.tag
          // a queue whose head belongs to a vHBA without tokens waits (docs/gateway.md, "QoS: the vHBA shaper")
          def waits(h: director.rtl.voq.PacketTag): Bool = h.valid && !WideBits.bit(shaper.get.io.eligible, h.flow)
          for ((h, k) <- t.headTag.zipWithIndex) t.hold(k) := waits(h)
          t.nextHold := waits(t.nextTag.bits)
        }
      case (None, None) =>
        in.io.in <> ingress(i)
    }
    in.io.tableReady := lft.io.ready
    sl2vl.io.lookup(i).out := in.io.lookupPort
    sl2vl.io.lookup(i).sl := in.io.sl2vlSl
    in.io.sl2vlVl := sl2vl.io.lookup(i).vl
    in.io.room := room
    scheduler.io.req(i) := in.io.req & outFree & Fill(p.ports, schedThisCycle)
    in.io.grant := scheduler.io.inMatch(i)
    crossbar.io.in(i) <> in.io.out
    crossbar.io.connectIn(i) := scheduler.io.inMatch(i)
  }
  /** Per output: a frame in a module port's way out (decapsulation, its queue, the local switch). */
  val modOutBusy = WireDefault(VecInit(Seq.fill(p.ports)(false.B)))
  for (j <- 0 until p.ports) {
    crossbar.io.connect(j) := scheduler.io.outMatch(j)
    outputs(j).io.fromXbar <> crossbar.io.out(j)
    outputs(j).io.fccl := fcclSeen(j).asTypeOf(Vec(p.dataVls, UInt(Fccl.Bits.W)))
    (ethOut(j), fcOut(j)) match {
      case (Some(decap), _) =>
        decap.io.in <> outputs(j).io.out
        val sw = local(j).get
        // a few beats between the way out and the wire: the next frame's headers are stripped while the wire still
        // sends the end of this one (else the wire idles a few cycles a frame)
        val q = Module(new Queue(new PacketBeat(p.beatBytes), 8))
        q.io.enq <> decap.io.out
        sw.io.in <> q.io.deq
        modOutBusy(j) := !decap.io.empty || q.io.count =/= 0.U || !sw.io.empty
        vnicSearch(j).probe.localMac := sw.io.dstMac
        sw.io.vnicHere := vnicSearch(j).answer.local
        egress(j) <> sw.io.toWire
        modIn(j).get.io.hairpin <> sw.io.toHairpin
      case (_, Some(decap)) =>
        decap.io.in <> outputs(j).io.out
        val q = Module(new Queue(new PacketBeat(p.beatBytes), 8))
        q.io.enq <> decap.io.out
        egress(j) <> q.io.deq
        modOutBusy(j) := !decap.io.empty || q.io.count =/= 0.U
      case _ => egress(j) <> outputs(j).io.out
    }
  }

  // ---- counters, one set per port, and per port per VL ----
  import CsrMap.Counter
  /** Per port the counters of events (registers); the drop counters are words of `dropCounters` (zero here). */
  private val dropIds = CsrMap.dropCounters.map(_._2.id).toSet
  val counters = Seq.tabulate(p.ports)(_ => (0 until Counter.maxId).map(k => Option.when(!dropIds(k))(RegInit(0.U(64.W)))))
  /** Every port's drops by reason (link reasons on the counter page, gateway reasons on the gateway-counter page). */
  val dropCounters = Module(new DropCounters(p.ports))
  for (i <- 0 until p.ports) {
    val c = counters(i)
    val in = inputs(i).io
    val out = outputs(i).io
    def bump(k: Counter.Value, by: UInt, when_ : Bool): Unit = when(when_) { c(k.id).get := c(k.id).get + by }
    bump(Counter.RxPackets, 1.U, in.rxPacket.valid)
    bump(Counter.RxBytes, in.rxPacket.bits.bytes, in.rxPacket.valid)
    bump(Counter.TxPackets, 1.U, out.txPacket.valid)
    bump(Counter.TxBytes, out.txPacket.bits, out.txPacket.valid)
    bump(Counter.XbarBeats, 1.U, crossbar.io.out(i).fire)
    dropCounters.io.link(i).valid := in.drop.valid
    dropCounters.io.link(i).bits := in.drop.bits.reason
    dropCounters.io.module(i).valid := modIn(i).map(_.io.drop.valid).getOrElse(false.B)
    dropCounters.io.module(i).bits := modIn(i).map(_.io.drop.bits).getOrElse(0.U)

    val vc = vlCounters(i).io
    vc.rx := in.rxPacket
    vc.drop := in.drop
    vc.tx := out.laneTx
    vc.creditStall := out.creditStall
    vc.readVl := csr.io.vlCounterReadVl
    vc.readN := csr.io.vlCounterReadN
  }
  csr.io.counters := VecInit(counters.map(c => VecInit(c.map(_.getOrElse(0.U(64.W))))))
  dropCounters.io.readPort := csr.io.dropReadPort
  dropCounters.io.readReason := csr.io.dropReadReason
  csr.io.dropReadData := dropCounters.io.readData
  csr.io.vlCounterData := VecInit(vlCounters.map(_.io.readData))
  csr.io.vlCounterOk := VecInit(vlCounters.map(_.io.readOk))

  // ---- CSR ----
  csr.io.bus.req <> PinRegister.incoming(new CsrReq, io.csr.req, csrReqSeen)
  io.csr.resp := csr.io.bus.resp
  csr.io.tableReady := lft.io.ready
  lft.io.csrWrite := csr.io.tableWrite
  lft.io.csrReadIdx := csr.io.tableReadIdx
  csr.io.tableReadData := lft.io.csrReadData
  scheduler.io.iterations := csr.io.schedIterations
  sl2vl.io.write := csr.io.sl2vlWrite
  sl2vl.io.readIn := csr.io.sl2vlReadIn
  sl2vl.io.readOut := csr.io.sl2vlReadOut
  csr.io.sl2vlReadData := sl2vl.io.readData
  for (j <- 0 until p.ports) {
    outputs(j).io.arbEntryWrite.valid := csr.io.vlArbEntryWrite.valid && csr.io.vlArbPort === j.U
    outputs(j).io.arbEntryWrite.bits := csr.io.vlArbEntryWrite.bits
    outputs(j).io.arbLimitWrite.valid := csr.io.vlArbLimitWrite.valid && csr.io.vlArbPort === j.U
    outputs(j).io.arbLimitWrite.bits := csr.io.vlArbLimitWrite.bits
    outputs(j).io.arbReadHigh := csr.io.vlArbReadHigh
    outputs(j).io.arbReadIndex := csr.io.vlArbReadIndex
  }
  csr.io.vlArbReadWord := VecInit(outputs.map(_.io.arbReadWord))

  // ---- gateway: vNIC table, counters ----
  // the gateway's tables on their CSR pages (a profile without module ports answers 0)
  require(vnicReads.allTaken() && vhbaReads.allTaken() && policerReads.allTaken(), "a gateway table's lookup port is left unused")
  for ((table, write, data) <- Seq[(Option[GatewayTableIO], Valid[TableWordWrite], UInt)](
      (vnicTable.map(_.io), csr.io.vnicWrite, csr.io.vnicReadData), (vhbaTable.map(_.io), csr.io.vhbaWrite, csr.io.vhbaReadData),
      (policerConfig.map(_.io), csr.io.policerWrite, csr.io.policerReadData),
      (shaperConfig.map(_.io), csr.io.shaperWrite, csr.io.shaperReadData))) table match {
    case Some(t) =>
      t.write := write
      t.readIndex := csr.io.gwReadIndex
      t.readWord := csr.io.gwReadWord
      data := t.readData
    case None => data := 0.U
  }
  // the vHBA shaper: its settings, and per FC port the packet granted to it this cycle (from one host port at most)
  for (s <- shaper) {
    s.io.config := shaperConfig.get.io.entries.get
    s.io.written.valid := csr.io.shaperWrite.valid
    s.io.written.bits := csr.io.shaperWrite.bits.index
    for ((j, k) <- fcPorts.zipWithIndex) {
      val grants = inputs.flatMap(in => in.io.tags.map(t => (t.grantTag.valid && in.io.grant.bits === j.U, t.grantTag.bits)))
      s.io.take(k).valid := grants.map(_._1).reduce(_ || _)
      s.io.take(k).bits.flow := Mux1H(grants.map(g => g._1 -> g._2.flow))
      s.io.take(k).bits.bytes := Mux1H(grants.map(g => g._1 -> g._2.bytes))
    }
  }

  import CsrMap.GwCounter
  val gwCounters = Seq.tabulate(p.ports) { i =>
    if (!p.hasGateway) VecInit(Seq.fill(CsrMap.GwCounterStride)(0.U(64.W)))
    else {
      // the drops by gateway reason (n = the reason code) are words of `dropCounters`
      val regs = (0 until CsrMap.GwCounterStride).map(n =>
        Option.when(GwCounter.used.contains(n) && n < DropReason.firstGateway)(RegInit(0.U(64.W))))
      def bump(n: Int, by: UInt, cond: Bool): Unit = when(cond) { regs(n).get := regs(n).get + by }
      for (e <- modIn(i)) {
        bump(GwCounter.WireFramesIn, 1.U, e.io.frame.valid)
        bump(GwCounter.WireBytesIn, e.io.frame.bits, e.io.frame.valid)
        bump(GwCounter.Encapsulated, 1.U, e.io.encapsulated.valid)
      }
      for (d <- ethOut(i) ++ fcOut(i)) {
        val o = egress(i)
        val len = RegInit(0.U(16.W))
        val lenNow = len + o.bits.bytes
        when(o.fire) { len := Mux(o.bits.eop, 0.U, lenNow) }
        bump(GwCounter.WireFramesOut, 1.U, o.fire && o.bits.eop)
        bump(GwCounter.WireBytesOut, lenNow, o.fire && o.bits.eop)
      }
      VecInit(regs.map(_.getOrElse(0.U(64.W))))
    }
  }
  csr.io.gwCounters := VecInit(gwCounters)

  // ---- functional coverage (docs/coverage.md): drops by reason at each port, credit stalls, the gateway's paths ----
  if (Coverage.enabled) {
  for (i <- 0 until p.ports) {
    val drop = inputs(i).io.drop
    for (r <- DropReason.at(p.kind(i), p.hasGateway)) {
      val viaModule = modIn(i).map(e => e.io.drop.valid && e.io.drop.bits === r.code.U).getOrElse(false.B)
      Coverage.point((drop.valid && drop.bits.reason === r.code.U) || viaModule, s"drop_p${i}_${r.key}")
    }
    for (e <- modIn(i)) Coverage.point(e.io.encapsulated.valid, s"encapsulated_p$i")
    for (d <- ethOut(i) ++ fcOut(i)) Coverage.point(egress(i).fire && egress(i).bits.eop, s"decapsulated_p$i")
    if (p.kind(i) == PortKind.Ib) Coverage.point(outputs(i).io.txPacket.valid, s"tx_p$i")
  }
  for (v <- 0 until p.dataVls)
    Coverage.point(VecInit(outputs.map(_.io.creditStall(v))).asUInt.orR, s"credit_stall_vl$v")
  val busy = !VecInit(inputs.map(_.io.empty)).asUInt.andR
  for ((table, w, name) <- Seq((vnicTable, csr.io.vnicWrite, "vnic"), (vhbaTable, csr.io.vhbaWrite, "vhba")); _ <- table)
    Coverage.point(w.valid && w.bits.word === 3.U && busy, s"${name}_commit_under_traffic")
  for (_ <- shaper)
    Coverage.point(VecInit(inputs.flatMap(_.io.tags.toSeq.map(_.holding))).asUInt.orR, "shaper_hold")
  }
  csr.io.vlArbLimit := VecInit(outputs.map(_.io.arbLimit))

  // ---- work conservation (docs/work-conservation.md): counted by the harness in cycles its link idles ----
  val ample = (0 until p.lanes).map(v => VecInit(outputs.map(_.io.ampleCredit(v))).asUInt)
  val workOf = inputs.map(in => (0 until p.lanes).map(v => in.io.waiting(v) & ample(v)).reduce(_ | _))
  val egressWork = VecInit((0 until p.ports).map(j => outputs(j).io.sendable || modOutBusy(j))).asUInt
  io.wcWork := workOf.reduce(_ | _) | egressWork
  io.wcTransit := egressWork | ~crossbar.io.outFree.asUInt | VecInit(scheduler.io.outMatch.map(_.valid)).asUInt
  // free: able to start a packet and not matched with another output this cycle (a match to j itself is transit)
  io.wcFreeWork := workOf.zip(inputs).map { case (w, in) => Mux(in.io.free && !in.io.grant.valid, w, 0.U) }.reduce(_ | _)

  io.idle := inputs.map(_.io.empty).reduce(_ && _) && crossbar.io.outFree.reduce(_ && _) &&
    outputs.map(_.io.empty).reduce(_ && _) && (modIn.flatten.map(_.io.empty) ++ ethOut.flatten.map(_.io.empty) ++ fcOut.flatten.map(_.io.empty) ++
      local.flatten.map(_.io.empty)).foldLeft(true.B)(_ && _)
}
