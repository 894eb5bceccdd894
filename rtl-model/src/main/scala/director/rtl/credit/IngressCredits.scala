package director.rtl.credit

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams

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
  */
class IngressCredits(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new IngressCreditsIO(p))
  private val useBits = log2Ceil(p.ingressVlBlocks + 1)
  require(p.ingressVlBlocks < (1 << Fccl.Bits), s"IngressCredits: a VL's quota must be below 4096 blocks, got ${p.ingressVlBlocks}")

  /** Per data VL, the advertised limit: after reset ABR 0, nothing held, the whole quota. */
  val fccl = RegInit(VecInit(Seq.fill(p.dataVls)(p.ingressVlBlocks.U(Fccl.Bits.W))))
  /** Per data VL, the blocks its packets hold in the buffer (for the assertions below). */
  val inUse = RegInit(VecInit(Seq.fill(p.dataVls)(0.U(useBits.W))))
  /** Per data VL: blocks of an oversize fragment stored before its packet's end (one packet arrives at a time). */
  val early = RegInit(VecInit(Seq.fill(p.dataVls)(0.U(Fccl.Bits.W))))

  /** Per VL, bit v: the event frees more blocks than the VL holds; its quota is exceeded (each an assertion below,
    * one for all VLs: an assertion's failure path is code in every port's evaluation). */
  private val freedTooMany = Wire(Vec(p.dataVls, Bool()))
  private val overQuota = Wire(Vec(p.dataVls, Bool()))
  for (v <- 0 until p.dataVls) {
    def on(e: Valid[VlBlocks]): Bool = e.valid && e.bits.vl === v.U
    val received = on(io.received)
    val stored = on(io.stored)
    val freed = on(io.freed)
    val earlyIn = Mux(stored && io.storedEarly, io.stored.bits.blocks, 0.U)
    early(v) := Mux(received, 0.U, early(v)) + earlyIn
    val plus = Mux(stored, io.stored.bits.blocks, 0.U)
    val minus = Mux(freed, io.freed.bits.blocks, 0.U)
    inUse(v) := inUse(v) + plus - minus
    freedTooMany(v) := freed && inUse(v) + plus < minus
    overQuota(v) := inUse(v) > p.ingressVlBlocks.U
    val fcclNext = fccl(v) + Mux(received, io.received.bits.blocks - early(v), 0.U) -
      Mux(stored && !io.storedEarly, io.stored.bits.blocks, 0.U) + minus
    fccl(v) := fcclNext
    io.fccl(v) := fccl(v)
    io.fcclNext(v) := fcclNext
  }
  assert(!freedTooMany.asUInt.orR, "ingress credits: a VL freed more blocks than it holds (VLs, a bit each: %b)",
    freedTooMany.asUInt)
  // a partner that keeps to the advertised credits can never fill a VL beyond its quota
  assert(!overQuota.asUInt.orR, s"ingress credits: a VL holds more blocks than its quota of ${p.ingressVlBlocks} (VLs, a " +
    "bit each: %b): the link partner sent without credits, or the credit accounting is wrong", overQuota.asUInt)
}
