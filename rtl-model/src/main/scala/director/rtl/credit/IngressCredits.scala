package director.rtl.credit

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.util.ZeroedMem

/** Blocks of one VL: an event of the credit accounting. */
class VlBlocks(val p: DirectorParams) extends NamedBundle {
  val vl = UInt(4.W)
  val blocks = UInt(Fccl.Bits.W)
}

class IngressCreditsIO(val p: DirectorParams) extends NamedBundle {
  /** A packet ended on the link (any fate): its VL as received and ceil(length / 64) (mod 4096). */
  val received = Input(Valid(new VlBlocks(p)))
  /** Blocks of a packet (or an oversize fragment) linked into a queue: they hold buffer until freed. */
  val stored = Input(Valid(new VlBlocks(p)))
  /** With `stored`: they are an oversize fragment, stored while the rest of its packet still arrives (its `received`
    * comes at its end). */
  val storedEarly = Input(Bool())
  /** The last beat of a stored packet left the buffer: its blocks are free again. */
  val freed = Input(Valid(new VlBlocks(p)))
  /** Per data VL, the FCCL this port advertises to its link partner. */
  val fccl = Output(Vec(p.dataVls, UInt(Fccl.Bits.W)))
  /** `fccl` as it will be in the next cycle (after this cycle's events): what the director shows its link partner,
    * whose inputs the director registers at its pins (DirectorIO), so that the partner decides each cycle's beat
    * in the cycle before, on the credits the switch will advertise then. */
  val fcclNext = Output(Vec(p.dataVls, UInt(Fccl.Bits.W)))
}

/** The receiving end of IB credit-based flow control (docs/virtual-lanes.md): per data VL, ABR (blocks
  * received, mod 4096) and the blocks the VL's packets hold in the buffer; the advertised credit limit is
  * FCCL = ABR + the VL's free quota. VL15 and unsupported VLs are not flow controlled and not counted.
  *
  * An oversize packet's stored fragment holds buffer before the packet ends and ABR counts it: until then its
  * blocks count as received already (`early`), so FCCL never falls below what the partner has sent (FCTBS), which
  * the sender's rule `(FCCL - FCTBS) mod 4096 >= b` would read as nearly 4096 blocks of credit.
  *
  * Kept as the sum itself: FCCL = ABR + early + (quota - inUse) (mod 4096), which each event moves by its own blocks
  * (a packet's end: + its blocks - the blocks counted early; a stored packet: - its blocks, unless stored early; a
  * freed one: + its blocks). The free quota never goes below zero: a VL holding more than its quota is an assertion
  * (the partner sent without credits), so the sum needs no clamp, and ABR no register of its own.
  *
  * A cycle has three events at most, each on one VL, and most cycles none: `early` and `inUse` are small memories
  * written at the events' VLs (one load and one store each), and each VL's FCCL moves by the terms of the events on
  * it, each term computed once. Registers per VL cost the simulator every VL's arithmetic and checks every cycle:
  * 5.5% of the 39-port model's instruction-cache misses (docs/design.md, "Issue 12, seventh session").
  */
class IngressCredits(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new IngressCreditsIO(p))
  private val useBits = log2Ceil(p.ingressVlBlocks + 1)
  require(p.ingressVlBlocks < (1 << Fccl.Bits), s"IngressCredits: a VL's quota must be below 4096 blocks, got ${p.ingressVlBlocks}")

  /** Per data VL, the advertised limit: after reset ABR 0, nothing held, the whole quota. */
  val fccl = RegInit(VecInit(Seq.fill(p.dataVls)(p.ingressVlBlocks.U(Fccl.Bits.W))))
  /** Per data VL, the blocks its packets hold in the buffer (for the assertions below); zero after reset. */
  val inUse = new ZeroedMem(UInt(useBits.W), p.dataVls, writers = 2)
  /** Per data VL: blocks of an oversize fragment stored before its packet's end (one packet arrives at a time). */
  val early = new ZeroedMem(UInt(Fccl.Bits.W), p.dataVls, writers = 2)

  /** An event on a data VL (VL15 and unsupported VLs are not flow controlled), and its VL as an index. */
  private def counted(e: Valid[VlBlocks]): Bool = e.valid && e.bits.vl < p.dataVls.U
  private val vlBits = log2Ceil(p.dataVls).max(1)
  private def vlOf(e: Valid[VlBlocks]): UInt = e.bits.vl(vlBits - 1, 0)
  val received = counted(io.received)
  val stored = counted(io.stored)
  val freed = counted(io.freed)
  val rVl = vlOf(io.received)
  val sVl = vlOf(io.stored)
  val fVl = vlOf(io.freed)
  val storedEarly = stored && io.storedEarly

  // early: cleared by its packet's end, grown by an early store (both on one VL: the store's blocks stay)
  val earlyR = early.read(rVl)
  val bothEarly = storedEarly && received && sVl === rVl
  when(received) { early.write(rVl, Mux(bothEarly, io.stored.bits.blocks, 0.U), 0) }
  when(storedEarly && !bothEarly) { early.write(sVl, early.read(sVl) + io.stored.bits.blocks, 1) }

  // inUse: + a stored packet's blocks, - a freed one's (both on one VL: one write of both)
  val sameVl = stored && freed && sVl === fVl
  val plus = io.stored.bits.blocks
  val minus = io.freed.bits.blocks
  val usedS = inUse.read(sVl)
  val usedF = inUse.read(fVl)
  val afterS = (usedS + plus - Mux(sameVl, minus, 0.U))(useBits - 1, 0)
  val afterF = (usedF - minus)(useBits - 1, 0)
  when(stored) { inUse.write(sVl, afterS, 0) }
  when(freed && !sameVl) { inUse.write(fVl, afterF, 1) }
  assert(!(freed && usedF + Mux(sameVl, plus, 0.U) < minus),
    "ingress credits: VL %d freed more blocks than it holds", fVl)
  // a partner that keeps to the advertised credits can never fill a VL beyond its quota (checked on the count as it
  // is from the cycle after the store, as a register of it would be)
  val overQuota = RegNext((stored && afterS > p.ingressVlBlocks.U) || (freed && !sameVl && afterF > p.ingressVlBlocks.U), false.B)
  val overQuotaVl = RegNext(Mux(stored && afterS > p.ingressVlBlocks.U, sVl, fVl))
  assert(!overQuota, s"ingress credits: VL %d holds more blocks than its quota of ${p.ingressVlBlocks}: the link partner " +
    "sent without credits, or the credit accounting is wrong", overQuotaVl)

  // each event's term, once; per VL the terms of the events on it
  val termR = io.received.bits.blocks - earlyR
  val termS = Mux(io.storedEarly, 0.U, io.stored.bits.blocks)
  val termF = io.freed.bits.blocks
  for (v <- 0 until p.dataVls) {
    val fcclNext = fccl(v) + Mux(received && rVl === v.U, termR, 0.U) - Mux(stored && sVl === v.U, termS, 0.U) +
      Mux(freed && fVl === v.U, termF, 0.U)
    fccl(v) := fcclNext
    io.fccl(v) := fccl(v)
    io.fcclNext(v) := fcclNext
  }
}
