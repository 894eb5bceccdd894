package director.rtl.voq

import chisel3._
import chisel3.experimental.hierarchy.{instantiable, public}
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.{DirectorParams, FaultInjection}
import director.rtl.stream.PacketBeat
import director.rtl.link.{DropReason, IngressCheck, Lanes}
import director.rtl.credit.{Fccl, IngressCredits, VlBlocks}
import director.rtl.sched.RoundRobin
import director.rtl.stats.Coverage
import director.rtl.util.WideBits

/** A packet seen at ingress: its length and the VL it came on. */
class RxEvent extends NamedBundle {
  val bytes = UInt(32.W)
  val vl = UInt(4.W)
}

/** A dropped packet: why, and the VL it came on. */
class DropEvent extends NamedBundle {
  val reason = UInt(DropReason.width.W)
  val vl = UInt(4.W)
}

/** What the gateway knows of a packet and its queue needs at the head: the shaped flow (vHBA) it belongs to and
  * its bytes as they leave the director (docs/gateway.md, "QoS: the vHBA shaper"). */
class PacketTag(val p: DirectorParams) extends NamedBundle {
  val valid = Bool()
  val flow = UInt(p.vhbaBits.W)
  val bytes = UInt(14.W)
}

/** The queues of the tagged outputs, per (lane, tagged output) at lane * tagged + k: the head packet's tag, and
  * whether the queue must wait (its head's flow may not send now). */
class TaggedQueuesIO(val p: DirectorParams, val tagged: Int) extends NamedBundle {
  /** With the link checks (`lateReason`'s cycle): the tag of the packet that ended. */
  val lateTag = Input(new PacketTag(p))
  /** The head packets' tags as of the last clock edge, and per queue whether its head must wait. */
  val headTag = Output(Vec(p.lanes * tagged, new PacketTag(p)))
  val hold = Input(Vec(p.lanes * tagged, Bool()))
  /** In a cycle in which a tagged queue's head packet leaves with another behind it: that packet's tag (it is the
    * queue's head from this cycle on), and whether it must wait. */
  val nextTag = Output(Valid(new PacketTag(p)))
  val nextHold = Input(Bool())
  /** In the cycle of a grant to a tagged output: the tag of the packet that will be sent. */
  val grantTag = Output(Valid(new PacketTag(p)))
  /** Some queue with a packet for a tagged output waits this cycle (functional coverage). */
  val holding = Output(Bool())
}

class InputBufferIO(val p: DirectorParams, val tagged: Int = 0) extends NamedBundle {
  /** The ingress stream of this port. */
  val in = Flipped(Decoupled(new PacketBeat(p.beatBytes)))
  /** Forwarding-table lookup of the first beat's DLID. */
  val lookupDlid = Output(UInt(16.W))
  val lookupHit  = Input(Bool())
  val lookupPort = Input(UInt(p.portBits.W))
  /** SL-to-VL lookup for the first beat: (this input, lookupPort, this SL) -> sl2vlVl. */
  val sl2vlSl = Output(UInt(4.W))
  val sl2vlVl = Input(UInt(4.W))
  /** In the cycle after a packet's last beat (with the link checks): a later check's drop reason, or 0 (the
    * gateway's admission at a host port, docs/gateway.md). It comes after the link checks and before unknown_dlid
    * and bad_vl. */
  val lateReason = Input(UInt(DropReason.width.W))
  /** The table has finished its reset sweep. */
  val tableReady = Input(Bool())
  /** Per lane, bit j: output j's queue of that lane has room for a whole packet. */
  val room = Input(Vec(p.lanes, UInt(p.ports.W)))
  /** Bit j: this input can start a packet to output j now (one is queued on a lane of j with room, and this
    * input is free or finishing). */
  val req = Output(UInt(p.ports.W))
  /** The scheduler's match for this input (only ever when `req` asked for it). */
  val grant = Input(Valid(UInt(p.portBits.W)))
  /** Towards the crossbar: the packet of the current connection, beat by beat. */
  val out = Decoupled(new PacketBeat(p.beatBytes))
  /** One pulse per packet accepted at the port (any fate), with its length and VL. */
  val rxPacket = Output(Valid(new RxEvent))
  /** One pulse per dropped packet, with its reason (director.rtl.link.DropReason) and VL. */
  val drop     = Output(Valid(new DropEvent))
  /** Per data VL, the credit limit this port advertises to its link partner. */
  val fccl     = Output(Vec(p.dataVls, UInt(Fccl.Bits.W)))
  /** `fccl` as it will be in the next cycle ([[IngressCredits]]). */
  val fcclNext = Output(Vec(p.dataVls, UInt(Fccl.Bits.W)))
  val empty    = Output(Bool())
  /** Work conservation (docs/work-conservation.md): per lane, bit j: a whole packet for output j waits on that
    * lane and the shaper does not hold it (the egress queue's room does not matter here). */
  val waiting  = Output(Vec(p.lanes, UInt(p.ports.W)))
  /** This input can start a packet now: it sends none, or ends one this cycle. */
  val free     = Output(Bool())
  val tags = Option.when(tagged > 0)(new TaggedQueuesIO(p, tagged))
}

/** One input's packet buffer and its virtual output queues, built as silicon builds them: one beat memory
  * divided into blocks (64 bytes by default, the IB credit unit), a free list of blocks, a next-block pointer
  * memory chaining the blocks of a queue, and per queue a head, a tail and a packet count. There is a queue
  * per (output, lane): queue `lane * ports + output`, lane = egress VL (VL15 is lane dataVls); the last queue
  * is the discard queue, for packets that failed a check after they were (partly) stored.
  *
  * The egress VL is found at the first beat (docs/virtual-lanes.md): VL15 stays, otherwise
  * SL2VL[input][output][SL]; an unsupported VL is a drop (bad_vl). The packet is stored with LRH.VL rewritten.
  * Credits: per data VL the blocks received and held are accounted in [[IngressCredits]].
  *
  * Store-and-forward: a packet joins its queue only when its last beat is stored, so a queued packet can
  * always be sent at the full crossbar rate. Every packet starts on a fresh block.
  *
  * Drops (counted by the caller from `drop`), in the order of docs/ingress-checks.md: a runt (shorter than the
  * 8-byte LRH) is its own only beat; oversize (more than maxPacketBytes) is decided on the first beat past the
  * limit: that beat is stored as a forced end, the stored part goes to the discard queue, the rest of the
  * packet is skipped; the link checks (IngressCheck) and an unknown DLID are decided with the last beat. A
  * packet with an unknown DLID is not stored at all (its DLID is known from the first beat); one that fails a
  * check goes to the discard queue.
  *
  * Tagged outputs (`tagged`, the FC ports at a host port of the gateway): each packet carries a [[PacketTag]], the
  * tag of each queue's head is kept in a small memory, and a queue whose `hold` is set does not request the crossbar
  * (the vHBA shaper holds a flow back here: never dropped, its credits come back when it leaves).
  */
@instantiable
class InputBuffer(val p: DirectorParams, val tagged: Seq[Int] = Nil) extends Module with NamedModule {
  require(p.beatsPerBlock >= 2, s"InputBuffer: a block must hold at least two beats (blockBytes ${p.blockBytes}, beatBytes ${p.beatBytes})")
  require(tagged.forall(j => j >= 0 && j < p.ports) && tagged.distinct == tagged, s"InputBuffer: tagged outputs $tagged")
  @public val io = IO(new InputBufferIO(p, tagged.size))

  private val nLaneQ = p.lanes * p.ports
  private val nQ = nLaneQ + 1
  private val discardQ = nLaneQ
  private val blkBits = log2Ceil(p.ingressBlocks)
  private val offBits = log2Ceil(p.beatsPerBlock).max(1)
  private val cntBits = log2Ceil(p.ingressBlocks + 1)
  private val qBits = log2Ceil(nQ)
  private val lastOff = (p.beatsPerBlock - 1).U
  /** The queue of (lane, output). */
  private def queueOf(lane: UInt, out: UInt): UInt = (lane * p.ports.U + out)(qBits - 1, 0)

  // ---- storage ----
  val beats = Mem(p.ingressBeats, new PacketBeat(p.beatBytes))
  val nextBlk = Mem(p.ingressBlocks, UInt(blkBits.W))
  val freeFifo = Mem(p.ingressBlocks, UInt(blkBits.W))
  val freeHead = RegInit(0.U(blkBits.W))
  val freeTail = RegInit(0.U(blkBits.W))
  val freeCount = RegInit(0.U(cntBits.W))
  /** Per packet, at its first block: the VL it came on and the blocks it holds (credit return when it leaves). */
  val pktMeta = Mem(p.ingressBlocks, new VlBlocks(p))
  /** Blocks never used yet are handed out in order, so the free list needs no initialisation sweep. */
  val freshNext = RegInit(0.U(cntBits.W))

  // ---- virtual output queues: state in small register files, a bit per queue says which hold packets ----
  val qHead  = Mem(nQ, UInt(blkBits.W))
  val qOff   = Mem(nQ, UInt(offBits.W))
  val qTail  = Mem(nQ, UInt(blkBits.W))
  val qCount = Mem(nQ, UInt(cntBits.W))
  /** Per lane, bit j: queue (lane, j) holds at least one packet (its qHead/qOff/qTail/qCount entries are
    * meaningful): a word per lane, not one vector of every queue, which the simulator would handle as a vector of
    * many words in every operation (a bit picked by a variable index is a shift of all of them). */
  val nonEmpty = RegInit(VecInit(Seq.fill(p.lanes)(0.U(p.ports.W))))
  /** The discard queue holds a packet. */
  val discardNonEmpty = RegInit(false.B)

  // ---- block allocation ----
  val fromFifo = freeCount =/= 0.U
  val freeAvail = fromFifo || freshNext =/= p.ingressBlocks.U
  val allocBlk = Mux(fromFifo, freeFifo.read(freeHead), freshNext(blkBits - 1, 0))
  val allocTake = WireDefault(false.B)

  // ---- writer: classify and store ----
  val inPkt     = RegInit(false.B)
  val skipping  = RegInit(false.B)
  val dest      = RegInit(0.U(p.portBits.W))
  val lane      = RegInit(0.U(4.W))
  val rxVl      = RegInit(0.U(4.W))   // LRH.VL as received
  val pktBlocks = RegInit(0.U(12.W))  // blocks this packet has taken so far
  val firstBlk  = RegInit(0.U(blkBits.W))
  val curBlk    = RegInit(0.U(blkBits.W))
  val wrOff     = RegInit(0.U(offBits.W))
  val beatCount = RegInit(0.U(log2Ceil(p.maxPacketBeats + 2).W))
  val rxBytes   = RegInit(0.U(32.W))

  val skipOversize = RegInit(false.B) // skipping the rest of an oversize packet (already counted)
  val pktUnknown = RegInit(false.B)   // this packet's DLID has no route
  val pktBadVl = RegInit(false.B)     // this packet's VL is not supported (as received or after SL2VL)
  val beat = io.in.bits
  val isFirst = !inPkt
  io.lookupDlid := beat.field(2, 2)
  io.sl2vlSl := beat.field(1, 1)(7, 4)
  val vlIn = beat.field(0, 1)(7, 4)
  val vl15 = vlIn === 15.U
  val badVl = isFirst && !vl15 && (vlIn >= p.dataVls.U || io.sl2vlVl >= p.dataVls.U)
  val egressVl = Mux(vl15, 15.U(4.W), io.sl2vlVl)
  val laneFirst = Lanes.laneOf(p, egressVl)
  val runt = isFirst && beat.eop && beat.bytes < 8.U
  val unknown = isFirst && !runt && !io.lookupHit
  val unroutable = unknown || (badVl && !runt)
  val startSkip = unroutable
  val storing = Mux(isFirst, !runt && !unroutable, !skipping)
  val overLimit = !isFirst && !skipping && beatCount === p.maxPacketBeats.U
  val needBlock = storing && (isFirst || wrOff === 0.U)
  io.in.ready := io.tableReady && (!needBlock || freeAvail)
  val inFire = io.in.valid && io.in.ready

  val blkNow = Mux(needBlock, allocBlk, curBlk)
  val firstNow = Mux(isFirst, allocBlk, firstBlk)
  val destNow = Mux(isFirst, io.lookupPort, dest)
  val laneNow = Mux(isFirst, laneFirst, lane)
  val rxVlNow = Mux(isFirst, vlIn, rxVl)
  val blocksNow = Mux(isFirst, 1.U, pktBlocks + needBlock.asUInt)
  // the link checks watch every accepted beat and decide in the cycle after the last one: the end of each
  // packet waits one cycle in the pend* registers (a one-entry queue: the next end is at least a cycle later)
  val check = Module(new IngressCheck(p))
  check.io.beat.valid := inFire
  check.io.beat.bits := beat
  val unknownNow = Mux(isFirst, unknown, pktUnknown)
  val badVlNow = Mux(isFirst, badVl, pktBadVl)
  val atEnd = inFire && beat.eop && !overLimit && !(skipOversize && !isFirst)
  val pendValid   = RegNext(atEnd, false.B)
  val pendRunt    = RegEnable(runt, atEnd)
  val pendStored  = RegEnable(storing && !runt, atEnd)
  val pendUnknown = RegEnable(unknownNow, atEnd)
  val pendFirst   = RegEnable(firstNow, atEnd)
  val pendLast    = RegEnable(blkNow, atEnd)
  val pendBadVl   = RegEnable(badVlNow, atEnd)
  val pendLane    = RegEnable(laneNow, atEnd)
  val pendDest    = RegEnable(destNow, atEnd)
  val pendQ       = queueOf(pendLane, pendDest)
  val pendRxVl    = RegEnable(rxVlNow, atEnd)
  val pendBlocks  = RegEnable(blocksNow, atEnd)
  val checkFail = check.io.reason =/= DropReason.None.U || (pendValid && io.lateReason =/= DropReason.None.U)
  val pendEnq = pendValid && pendStored
  val overEnq = inFire && storing && overLimit
  assert(!(pendEnq && overEnq), "two enqueues in one cycle")
  val enqueue = pendEnq || overEnq
  val enqDiscard = overEnq || checkFail
  val enqQ = Mux(enqDiscard, discardQ.U(qBits.W), pendQ)
  val enqFirst = Mux(overEnq, firstNow, pendFirst)
  val enqLast = Mux(overEnq, blkNow, pendLast)

  // reader's same-cycle dequeue, declared here and driven below
  val deqLast = WireDefault(false.B) // the last beat of a packet leaves queue `rdQ`
  val rdQ = Wire(UInt(qBits.W))

  when(inFire) {
    assert(beat.sop === isFirst, "ingress stream: sop must mark exactly the first beat of a packet")
    inPkt := !beat.eop
    val len = Mux(isFirst, 0.U, rxBytes) + beat.bytes
    rxBytes := len
    when(isFirst) { dest := io.lookupPort; beatCount := 1.U }.otherwise { beatCount := beatCount + 1.U }
    when(isFirst) { lane := laneFirst; rxVl := vlIn }
    when(isFirst) { skipping := startSkip && !beat.eop; skipOversize := false.B; pktUnknown := unknown; pktBadVl := badVl }
      .elsewhen(overLimit) { skipping := !beat.eop; skipOversize := !beat.eop }
      .elsewhen(beat.eop) { skipping := false.B; skipOversize := false.B }
    when(storing) {
      val stored = Wire(new PacketBeat(p.beatBytes))
      stored := beat
      stored.eop := beat.eop || overLimit
      when(isFirst) { stored.data := Cat(egressVl, beat.data(p.beatBits - 5, 0)) }
      pktBlocks := blocksNow
      beats.write(Cat(blkNow, wrOff)(log2Ceil(p.ingressBeats) - 1, 0), stored)
      wrOff := Mux(wrOff === lastOff, 0.U, wrOff + 1.U)
      when(needBlock) {
        allocTake := true.B
        when(!isFirst) { nextBlk.write(curBlk, allocBlk) }
        curBlk := allocBlk
      }
      when(isFirst) { firstBlk := allocBlk }
      when(beat.eop || overLimit) { wrOff := 0.U }
    }
  }

  // link a finished packet (or an oversize fragment) onto its queue
  val enqNonEmpty = Mux(enqDiscard, discardNonEmpty, nonEmpty(pendLane)(pendDest))
  val enqCount = Mux(enqNonEmpty, qCount.read(enqQ), 0.U)
  val enqWasEmpty = enqCount === 0.U || (deqLast && rdQ === enqQ && enqCount === 1.U)
  val enqMeta = Wire(new VlBlocks(p))
  enqMeta.vl := Mux(overEnq, rxVl, pendRxVl)
  enqMeta.blocks := Mux(overEnq, blocksNow, pendBlocks)
  when(enqueue) {
    when(!enqWasEmpty) { nextBlk.write(qTail.read(enqQ), enqFirst) }
    qTail.write(enqQ, enqLast)
    pktMeta.write(enqFirst, enqMeta)
  }

  val rxLen = Mux(isFirst, 0.U, rxBytes) + beat.bytes
  io.rxPacket.valid := inFire && beat.eop
  io.rxPacket.bits.bytes := rxLen
  io.rxPacket.bits.vl := rxVlNow
  val endReason = Mux(pendRunt, DropReason.Runt.U,
    Mux(check.io.reason =/= DropReason.None.U, check.io.reason,
    Mux(io.lateReason =/= DropReason.None.U, io.lateReason, Mux(pendUnknown, DropReason.UnknownDlid.U,
      Mux(pendBadVl, DropReason.BadVl.U, DropReason.None.U)))))
  val endDrop = pendValid && endReason =/= DropReason.None.U
  assert(!(endDrop && overEnq), "two drops in one cycle")
  io.drop.valid := endDrop || (inFire && overLimit)
  io.drop.bits.reason := Mux(endDrop, endReason, DropReason.Oversize.U)
  io.drop.bits.vl := Mux(endDrop, pendRxVl, rxVl)

  // ---- reader: one packet at a time to the crossbar, or the discard queue to nowhere ----
  val sending    = RegInit(false.B)
  val discarding = RegInit(false.B)
  val curOut     = RegInit(0.U(p.portBits.W))
  val curLane    = RegInit(0.U(4.W))
  val curMeta    = Reg(new VlBlocks(p))
  rdQ := Mux(discarding, discardQ.U(qBits.W), queueOf(curLane, curOut))
  val rdBlk = qHead.read(rdQ)
  val rdOff = qOff.read(rdQ)
  val rdCount = qCount.read(rdQ)
  val rdBeat = beats.read(Cat(rdBlk, rdOff)(log2Ceil(p.ingressBeats) - 1, 0))
  io.out.valid := sending
  io.out.bits := rdBeat
  val rdFire = (sending && io.out.ready) || discarding
  val rdBlockDone = rdFire && (rdBeat.eop || rdOff === lastOff)
  deqLast := rdFire && rdBeat.eop
  // the packet's credit record is read with its first beat, and its blocks return with its last
  val rdMeta = Mux(rdBeat.sop, pktMeta.read(rdBlk), curMeta)
  when(rdFire && rdBeat.sop) { curMeta := rdMeta }

  // a packet enqueued onto an empty queue (or one emptying this cycle) becomes its head: that write wins over
  // the reader's advance of the same queue
  val headByWriter = enqueue && enqWasEmpty
  when(headByWriter) {
    qHead.write(enqQ, enqFirst)
    qOff.write(enqQ, 0.U)
  }
  when(rdFire) {
    when(!(headByWriter && enqQ === rdQ)) {
      qOff.write(rdQ, Mux(rdBlockDone, 0.U, rdOff + 1.U))
      when(rdBlockDone) { qHead.write(rdQ, nextBlk.read(rdBlk)) }
    }
    when(rdBeat.eop) {
      sending := false.B
      discarding := false.B
    }
  }

  // ---- queue counts: +1 on enqueue, -1 when a packet's last beat leaves ----
  val sameQ = enqueue && deqLast && enqQ === rdQ
  // a deliberate bug when built with faultInject = voq-count (params/FaultInjection): a lost count update
  val loseCount: Option[Bool] = if (p.faultInject == FaultInjection.VoqCount) Some {
    val enqueued = RegInit(0.U(log2Ceil(FaultInjection.VoqCountPeriod).W))
    when(enqueue && !sameQ) { enqueued := enqueued + 1.U }
    enqueued === (FaultInjection.VoqCountPeriod - 1).U
  } else None
  val countUp = loseCount.map(lose => Mux(lose, 0.U, 1.U)).getOrElse(1.U)
  when(enqueue && !sameQ) { qCount.write(enqQ, enqCount + countUp) }
  when(deqLast && !sameQ) { qCount.write(rdQ, rdCount - 1.U) }
  // a set wins over a clear of the same queue
  val clearing = deqLast && !sameQ && rdCount === 1.U
  val setOH = UIntToOH(pendDest, p.ports)
  val clearOH = UIntToOH(curOut, p.ports)
  for (v <- 0 until p.lanes) {
    val set = Mux(enqueue && !enqDiscard && pendLane === v.U, setOH, 0.U)
    val clear = Mux(clearing && !discarding && curLane === v.U, clearOH, 0.U)
    nonEmpty(v) := (nonEmpty(v) & ~clear) | set
  }
  discardNonEmpty := (discardNonEmpty && !(clearing && discarding)) || (enqueue && enqDiscard)

  // ---- tags of the tagged outputs' packets, and of each such queue's head ----
  private val nT = tagged.size
  /** Bit j: output j is tagged. */
  private val taggedMask = tagged.map(j => BigInt(1) << j).foldLeft(BigInt(0))(_ | _).U(p.ports.W)
  /** Per output, its place among the tagged outputs (0 for an untagged one): a constant table. */
  private val taggedPlace = VecInit((0 until p.ports).map(j => tagged.indexOf(j).max(0).U(log2Ceil(nT.max(2)).W)))
  /** The head tag's entry of queue (lane, out), for a tagged `out`. */
  private def tagIndex(lane: UInt, out: UInt): UInt = lane * nT.U + taggedPlace(out)
  /** A tagged queue's head packet leaves this cycle and another packet stays behind it. */
  val tagAdvance = WireDefault(false.B)
  /** The tag of the packet behind the one leaving (its queue's head from this cycle on). */
  val tagNext = Wire(new PacketTag(p))
  tagNext := DontCare
  /** The head tag of entry `i` as of the last clock edge (set below when there are tagged outputs). */
  private var headTagAt: UInt => PacketTag = _ => 0.U.asTypeOf(new PacketTag(p))
  for (t <- io.tags) {
    val pktTag = Mem(p.ingressBlocks, new PacketTag(p))
    val enqTag = WireDefault(t.lateTag)
    when(overEnq) { enqTag := 0.U.asTypeOf(enqTag) }
    when(enqueue) { pktTag.write(enqFirst, enqTag) }
    // the head tags in a small memory written at two entries at most a cycle (the writer's new head, the reader's
    // next head), so a cycle costs the same whatever the number of tagged queues; a valid bit per entry, reset
    val headMem = Mem(p.lanes * nT, new PacketTag(p))
    val headValid = RegInit(0.U((p.lanes * nT).W))
    // the packet behind the one leaving: linked at the leaving packet's last block
    tagNext := pktTag.read(nextBlk.read(rdBlk))
    val byWriter = headByWriter && !enqDiscard && WideBits.bit(taggedMask, pendDest)
    val writerIdx = tagIndex(pendLane, pendDest)
    // (a queue that keeps a packet behind the one leaving is not empty for the writer: the two never meet, and
    // the head tag, which feeds the requests, does not wait for this cycle's ingress beat)
    tagAdvance := deqLast && !discarding && WideBits.bit(taggedMask, curOut) && rdCount > 1.U
    val readerIdx = tagIndex(curLane, curOut)
    assert(!(byWriter && tagAdvance && writerIdx === readerIdx),
      "a queue's head taken by the writer while a packet behind the leaving one stays")
    when(byWriter) { headMem.write(writerIdx, enqTag) }
    when(tagAdvance) { headMem.write(readerIdx, tagNext) }
    val writerOH = Mux(byWriter, UIntToOH(writerIdx, p.lanes * nT), 0.U)
    val readerOH = Mux(tagAdvance, UIntToOH(readerIdx, p.lanes * nT), 0.U)
    headValid := (headValid & ~(writerOH | readerOH)) | Mux(enqTag.valid, writerOH, 0.U) | Mux(tagNext.valid, readerOH, 0.U)
    headTagAt = { i =>
      val h = WireDefault(headMem.read(i))
      h.valid := WideBits.bit(headValid, i)
      h
    }
    for (k <- 0 until p.lanes * nT) t.headTag(k) := headTagAt(k.U)
    t.nextTag.valid := tagAdvance
    t.nextTag.bits := tagNext
  }

  // ---- free list: one block in (reader), one block out (writer) per cycle ----
  when(allocTake) {
    when(fromFifo) { freeHead := freeHead + 1.U }.otherwise { freshNext := freshNext + 1.U }
  }
  when(rdBlockDone) {
    freeFifo.write(freeTail, rdBlk)
    freeTail := freeTail + 1.U
  }
  freeCount := freeCount + rdBlockDone.asUInt - (allocTake && fromFifo).asUInt

  // ---- credits ----
  val credits = Module(new IngressCredits(p))
  val endSeen = RegNext(inFire && beat.eop, false.B)
  credits.io.received.valid := endSeen
  credits.io.received.bits.vl := RegEnable(rxVlNow, inFire && beat.eop)
  credits.io.received.bits.blocks := RegEnable(Lanes.blocks(p, rxLen)(11, 0), inFire && beat.eop)
  credits.io.stored.valid := enqueue
  credits.io.stored.bits := enqMeta
  credits.io.storedEarly := overEnq
  credits.io.freed.valid := deqLast
  credits.io.freed.bits := rdMeta
  io.fccl := credits.io.fccl
  io.fcclNext := credits.io.fcclNext

  // ---- requests to the scheduler ----
  val finishing = sending && io.out.ready && rdBeat.eop
  val discardPending = discardNonEmpty
  val canMatch = (!sending || finishing) && !discarding && !discardPending
  // the queue being finished drops out of the request when this was its last packet
  val emptyingOH = Mux(finishing && rdCount === 1.U, clearOH, 0.U)
  val queued = VecInit((0 until p.lanes).map(v => nonEmpty(v) & ~Mux(curLane === v.U, emptyingOH, 0.U)))
  /** Per lane, bit j: the tagged output j's queue of the lane waits (the shaper holds its head): as the head tags
    * registered say, but for the queue whose head leaves this cycle, which says of the packet behind it. */
  val held = VecInit((0 until p.lanes).map(v => io.tags.map { t =>
    val registered = tagged.zipWithIndex.map { case (j, k) => Mux(t.hold(v * nT + k), (BigInt(1) << j).U(p.ports.W), 0.U) }
      .reduce(_ | _)
    val advancing = Mux(tagAdvance && curLane === v.U, clearOH, 0.U)
    (registered & ~advancing) | Mux(t.nextHold, advancing, 0.U)
  }.getOrElse(0.U(p.ports.W))))
  for (t <- io.tags) t.holding := held.map(_.orR).reduce(_ || _)
  /** Per lane, bit j: a packet for output j on this lane, and room for it there. */
  val sendable = VecInit((0 until p.lanes).map(v => queued(v) & io.room(v) & ~held(v)))
  io.req := Mux(canMatch, sendable.reduce(_ | _), 0.U)
  io.waiting := VecInit((0 until p.lanes).map(v => queued(v) & ~held(v)))
  io.free := canMatch
  // a matched input sends VL15 first, else the data lanes in round robin
  val lanePtr = RegInit(0.U(4.W))
  val laneCand = VecInit(sendable.map(row => row(io.grant.bits))).asUInt
  val dataPick = RoundRobin(laneCand(p.dataVls - 1, 0), lanePtr)
  val pickLane = Mux(laneCand(p.dataVls), p.dataVls.U, OHToUInt(dataPick))
  for (t <- io.tags) {
    // the granted queue's head: the packet behind the leaving one when the grant is for that same queue
    val sameQueue = tagAdvance && pickLane === curLane && io.grant.bits === curOut
    val head = headTagAt(tagIndex(pickLane, io.grant.bits))
    val tag = Mux(sameQueue, tagNext, head)
    t.grantTag.valid := io.grant.valid && WideBits.bit(taggedMask, io.grant.bits) && tag.valid
    t.grantTag.bits := tag
  }
  when(io.grant.valid) {
    assert(canMatch && io.req(io.grant.bits), "scheduler granted an output this input did not request")
    sending := true.B
    curOut := io.grant.bits
    curLane := pickLane
    when(!laneCand(p.dataVls)) { lanePtr := Mux(pickLane === (p.dataVls - 1).U, 0.U, pickLane + 1.U) }
  }.elsewhen(!sending && !discarding && discardPending) {
    discarding := true.B
  }
  io.empty := !inPkt && !pendValid && !discardNonEmpty && nonEmpty.map(_ === 0.U).reduce(_ && _)

  // ---- functional coverage (docs/coverage.md) ----
  if (Coverage.enabled) {
  for (v <- 0 until p.lanes)
    Coverage.point(nonEmpty(v).orR, if (v == p.dataVls) "voq_lane_vl15_nonempty" else s"voq_lane${v}_nonempty")
  for (j <- 0 until p.ports)
    Coverage.point(VecInit((0 until p.lanes).map(v => nonEmpty(v)(j))).asUInt.orR, s"voq_out${j}_nonempty")
  Coverage.point(discarding, "discard_queue_drained")
  Coverage.point(overEnq, "oversize_fragment_stored")
  Coverage.point(io.in.valid && io.tableReady && needBlock && !freeAvail, "buffer_full")
  Coverage.point(io.grant.valid && PopCount(laneCand) > 1.U, "lane_choice")
  }
}
