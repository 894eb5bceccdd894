package director.rtl.egress

import director.rtl.credit.Fccl
import chisel3._
import chisel3.experimental.hierarchy.{instantiable, public}
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.{DirectorParams, FaultInjection}
import director.rtl.util.ZeroedMem
import director.rtl.stream.PacketBeat
import director.rtl.link.Lanes
import director.rtl.vlarb.{VlArbEntryWrite, VlArbiter}

/** A packet starting on the link: its VL and length. */
class LaneTx extends NamedBundle {
  val vl = UInt(4.W)
  val bytes = UInt(13.W)
}

class EgressPortIO(val p: DirectorParams) extends NamedBundle {
  /** From the crossbar; the first beat's LRH.VL (already the egress VL) chooses the lane. */
  val fromXbar = Flipped(Decoupled(new PacketBeat(p.beatBytes)))
  val out      = Decoupled(new PacketBeat(p.beatBytes))
  /** Bit v: lane v's queue has room for a whole packet of maxPacketBytes (plus the beat that may arrive now). */
  val room = Output(UInt(p.lanes.W))
  /** One pulse per packet leaving the port, with its length in bytes. */
  val txPacket = Output(Valid(UInt(32.W)))
  /** Per data VL, the credit limit the link partner advertised (FCCL, mod 4096). */
  val fccl = Input(Vec(p.dataVls, UInt(Fccl.Bits.W)))
  val arbEntryWrite = Input(Valid(new VlArbEntryWrite(p.vlArbEntries)))
  val arbLimitWrite = Input(Valid(UInt(8.W)))
  /** CSR read of the VL arbitration tables: entry (table, index) -> (VL, weight), and the limit. */
  val arbReadHigh = Input(Bool())
  val arbReadIndex = Input(UInt(log2Ceil(p.vlArbEntries).max(1).W))
  val arbReadWord = Output(UInt(16.W))
  val arbLimit = Output(UInt(8.W))
  /** A packet chosen by the VL arbiter starts on the link. */
  val laneTx = Output(Valid(new LaneTx))
  /** Bit v: a packet waits at the head of data VL v for credits this cycle. */
  val creditStall = Output(UInt(p.dataVls.W))
  /** Nothing queued, nothing leaving. */
  val empty = Output(Bool())
  /** Work conservation (docs/work-conservation.md), bit lane v: the partner's credit on that lane's VL covers a
    * packet of maxPacketBytes (always for VL15, and at a module port). */
  val ampleCredit = Output(UInt(p.lanes.W))
  /** A packet is on its way to the link, or one waits at a lane's head and fits the partner's credits. */
  val sendable = Output(Bool())
}

/** The output side of a port: one queue per lane (data VLs, then VL15) behind the crossbar, the IBTA VL
  * arbiter choosing at each packet boundary among lanes whose head packet fits the partner's credits, credit
  * accounting (FCTBS per VL), and VCRC regeneration on the way out (the VL was rewritten at ingress).
  *
  * The lane queues share one beat memory, lane v's ring at [v x egressVlBeats, (v + 1) x egressVlBeats), with
  * per-lane write and read addresses and beat counts in registers: a cycle writes at most the crossbar's beat
  * (into its lane) and reads the beat of the lane being sent. Each lane behaves as a chisel3.util `Queue` of
  * egressVlBeats beats (a beat written now can leave next cycle; a full lane takes nothing even when a beat
  * leaves). The arbiter's view of a lane's head packet (a first beat waits; its length) is kept in registers,
  * updated when a first beat arrives at an empty lane and when a packet's last beat leaves (the next packet's
  * first beat is then read from memory, or arrives in that cycle): packets arrive whole and in order, so a lane
  * not being sent always has a packet's first beat at its head.
  *
  * With `creditFlow` false (a module port) every VL always fits: the port's decapsulator holds the link by
  * valid/ready instead.
  *
  * The crossbar is connected to this port only when the packet's lane has room for a whole packet, so a
  * connection never stalls; the link may start a packet before its last beat is in (the crossbar is faster).
  */
@instantiable
class EgressPort(val p: DirectorParams, val creditFlow: Boolean = true) extends Module with NamedModule {
  @public val io = IO(new EgressPortIO(p))

  require(p.beatBytes >= 6, s"EgressPort: the LRH's PktLen must be in the first beat, got ${p.beatBytes}-byte beats")
  require(p.egressVlBeats > p.maxPacketBeats, s"EgressPort: a lane of ${p.egressVlBeats} beats cannot take a whole packet")

  // ---- the lane queues: one beat memory, a ring per lane ----
  private val depth = p.egressVlBeats
  private val addrBits = log2Ceil(p.lanes * depth)
  private val offBits = log2Ceil(depth)
  private val countBits = log2Ceil(depth + 1)
  val beats = Mem(p.lanes * depth, new PacketBeat(p.beatBytes))
  /** Each lane's write and read offsets in its ring, and its beats, in small memories: a lane picked by a variable
    * (the arriving packet's, the one being sent) is one load and one store, where registers were a 9-way selection
    * and nine conditional writes every cycle (docs/design.md, "Issue 12, sixth session"). Zero after reset. */
  val wrOff = new ZeroedMem(UInt(offBits.W), p.lanes)
  val rdOff = new ZeroedMem(UInt(offBits.W), p.lanes)
  val laneBeats = new ZeroedMem(UInt(countBits.W), p.lanes, writers = 2)
  /** The beat memory's address of offset `off` in lane `lane`'s ring. */
  private def addrOf(lane: UInt, off: UInt): UInt = (lane * depth.U(addrBits.W) + off)(addrBits - 1, 0)
  /** The offset after `off` in a ring. */
  private def after(off: UInt): UInt = Mux(off === (depth - 1).U, 0.U, off + 1.U)
  /** Beats in lane v's queue. */
  val counts = VecInit.tabulate(p.lanes)(v => laneBeats.read(v.U))
  /** A packet's length in bytes from its first beat: LRH.PktLen x 4 + 2 (the VCRC). */
  private def lenOf(b: PacketBeat): UInt = Cat(b.field(4, 2)(10, 0), 2.U(2.W))

  // ---- into the lane queues ----
  val inLane = RegInit(0.U(4.W))
  val firstVl = io.fromXbar.bits.field(0, 1)(7, 4)
  val laneNow = Mux(io.fromXbar.bits.sop, Lanes.laneOf(p, firstVl), inLane)
  when(io.fromXbar.fire && io.fromXbar.bits.sop) { inLane := laneNow }
  val inCount = laneBeats.read(laneNow)
  io.fromXbar.ready := inCount =/= depth.U
  val enq = io.fromXbar.fire
  when(enq) {
    val off = wrOff.read(laneNow)
    beats.write(addrOf(laneNow, off), io.fromXbar.bits)
    wrOff.write(laneNow, after(off))
  }
  assert(!(io.fromXbar.valid && io.fromXbar.bits.sop && firstVl =/= 15.U && firstVl >= p.dataVls.U),
    "egress: a packet on an unsupported VL reached the output")
  io.room := VecInit(counts.map(_ <= (depth - p.maxPacketBeats - 1).U)).asUInt

  // ---- the VL arbiter over the lanes' head packets ----
  val arb = Module(new VlArbiter(p.dataVls, p.vlArbEntries, (0 until p.dataVls).map(v => (v, 64))))
  val fctbs = RegInit(VecInit(Seq.fill(p.dataVls)(0.U(Fccl.Bits.W))))
  val busy = RegInit(false.B)
  val curLane = RegInit(0.U(4.W))
  /** Per lane: a packet's first beat waits at the head (a lane not being sent holds whole packets from its head). */
  val heads = VecInit(counts.zipWithIndex.map { case (n, v) => n =/= 0.U && !(busy && curLane === v.U) })
  /** Per lane: the length of the packet whose first beat is at the head (meaningful where `heads`), and its
    * credit blocks (always `Lanes.blocks` of the length: kept with it so that `fits` does not recompute them). In a
    * memory written from two places (the packet behind one leaving, one arriving at an empty lane: two lanes at most
    * a cycle) and used only where `heads` says a packet waits, so without a reset. */
  private val blockBits = Lanes.blocks(p, 0.U(13.W)).getWidth
  private val headMem = Mem(p.lanes, UInt((13 + blockBits).W))
  private def setHead(lane: UInt, len: UInt): Unit = headMem.write(lane, Cat(Lanes.blocks(p, len), len))
  val headLen = VecInit.tabulate(p.lanes)(v => headMem.read(v.U)(12, 0))
  val headBlocks = VecInit.tabulate(p.lanes)(v => headMem.read(v.U) >> 13)
  // a module port's egress has no InfiniBand link partner: its decapsulator takes beats by valid/ready
  val fits = VecInit((0 until p.dataVls).map(v =>
    if (creditFlow) (io.fccl(v) - fctbs(v)) >= headBlocks(v) else true.B))
  // the arbiter sees VLs 0..15; VL15 is never flow controlled
  val has16 = Wire(Vec(16, Bool()))
  val fits16 = Wire(Vec(16, Bool()))
  for (v <- 0 until 16) {
    val lane = Lanes.laneOf(p, v)
    has16(v) := lane.map(heads(_)).getOrElse(false.B)
    fits16(v) := (if (v < p.dataVls) fits(v) else (v == 15).B)
    arb.io.bytes(v) := lane.map(headLen(_)).getOrElse(0.U)
  }
  arb.io.has := has16.asUInt
  arb.io.fits := fits16.asUInt
  arb.io.decide := !busy
  arb.io.entryWrite := io.arbEntryWrite
  arb.io.limitWrite := io.arbLimitWrite
  arb.io.readHigh := io.arbReadHigh
  arb.io.readIndex := io.arbReadIndex
  io.arbReadWord := Cat(arb.io.readWeight, 0.U(4.W), arb.io.readVl)
  io.arbLimit := arb.io.limit
  io.creditStall := VecInit((0 until p.dataVls).map(v => heads(v) && !fits(v))).asUInt

  val grantVl = arb.io.grant.bits.vl
  val grantLane = Lanes.laneOf(p, grantVl)
  val start = !busy && arb.io.grant.valid
  val startBytes = arb.io.bytes(grantVl)
  when(start) {
    busy := true.B
    curLane := grantLane
    for (v <- 0 until p.dataVls) when(grantVl === v.U) { fctbs(v) := fctbs(v) + Lanes.blocks(p, startBytes) }
  }
  io.laneTx.valid := start
  io.laneTx.bits.vl := grantVl
  io.laneTx.bits.bytes := startBytes

  // ---- the chosen lane to the link, VCRC regenerated ----
  // a few beats of FIFO between the lanes and the link: the lanes move at the core rate, so the next decision
  // (one cycle) is taken while the link still sends the end of the previous packet, and back-to-back packets
  // leave without a gap on the wire
  val toLink = Module(new Queue(new PacketBeat(p.beatBytes), 4))
  val vcrc = Module(new VcrcRegen(p))
  val curCount = laneBeats.read(curLane)
  val curOff = rdOff.read(curLane)
  toLink.io.enq.valid := busy && curCount =/= 0.U
  toLink.io.enq.bits := beats(addrOf(curLane, curOff))
  val deq = toLink.io.enq.fire
  when(deq) { rdOff.write(curLane, after(curOff)) }
  when(deq && toLink.io.enq.bits.eop) { busy := false.B }
  // a lane's beat count moves when a beat arrives or leaves it, not both (two lanes at most, one write site each)
  val sameLane = curLane === laneNow
  when(enq && !(deq && sameLane)) { laneBeats.write(laneNow, inCount + 1.U, 0) }
  when(deq && !(enq && sameLane)) { laneBeats.write(curLane, curCount - 1.U, 1) }
  // the lane's next head packet: behind the last beat leaving now (one more read), or arriving into an empty lane
  // (or now, as the lane's last beat leaves)
  val lastOut = deq && toLink.io.enq.bits.eop
  when(lastOut && curCount > 1.U) { setHead(curLane, lenOf(beats(addrOf(curLane, after(curOff))))) }
  when(enq && io.fromXbar.bits.sop && (inCount === 0.U || (inCount === 1.U && lastOut && sameLane))) {
    setHead(laneNow, lenOf(io.fromXbar.bits))
  }
  vcrc.io.in <> toLink.io.deq
  if (p.faultInject == FaultInjection.EgressHeader) {
    // a deliberate bug (params/FaultInjection): every EgressHeaderPeriod-th packet has a DLID bit flipped
    val sent = RegInit(0.U(log2Ceil(FaultInjection.EgressHeaderPeriod).W))
    when(toLink.io.deq.fire && toLink.io.deq.bits.sop) { sent := sent + 1.U }
    when(toLink.io.deq.bits.sop && sent === (FaultInjection.EgressHeaderPeriod - 1).U) {
      vcrc.io.in.bits.data := toLink.io.deq.bits.data ^ (1.U << (p.beatBits - 32))
    }
  }
  io.out <> vcrc.io.out

  val txBytes = RegInit(0.U(32.W))
  val txLen = txBytes + io.out.bits.bytes
  when(io.out.fire) { txBytes := Mux(io.out.bits.eop, 0.U, txLen) }
  io.txPacket.valid := io.out.fire && io.out.bits.eop
  io.txPacket.bits := txLen
  private val maxBlocks = (p.maxPacketBytes + p.blockBytes - 1) / p.blockBytes
  io.ampleCredit := VecInit((0 until p.lanes).map(v =>
    if (creditFlow && v < p.dataVls) (io.fccl(v) - fctbs(v)) >= maxBlocks.U else true.B)).asUInt
  io.sendable := busy || toLink.io.deq.valid ||
    (0 until p.lanes).map(v => heads(v) && (if (v < p.dataVls) fits(v) else true.B)).reduce(_ || _)
  io.empty := !busy && !io.out.valid && !toLink.io.deq.valid && counts.map(_ === 0.U).reduce(_ && _)
}
