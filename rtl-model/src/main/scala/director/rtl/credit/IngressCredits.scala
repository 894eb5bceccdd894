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
  */
class IngressCredits(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new IngressCreditsIO(p))
  private val useBits = log2Ceil(p.ingressBlocks + 1)

  val abr = RegInit(VecInit(Seq.fill(p.dataVls)(0.U(Fccl.Bits.W))))
  val inUse = RegInit(VecInit(Seq.fill(p.dataVls)(0.U(useBits.W))))

  /** Per data VL: blocks of an oversize fragment stored before its packet's end (one packet arrives at a time). */
  val early = RegInit(VecInit(Seq.fill(p.dataVls)(0.U(Fccl.Bits.W))))

  /** The advertised limit: ABR, plus an oversize fragment's blocks counted early, plus the VL's free quota. */
  private def advertised(abr: UInt, early: UInt, inUse: UInt): UInt = {
    val quota = p.ingressVlBlocks.U(useBits.W)
    abr + early + Mux(inUse >= quota, 0.U, quota - inUse)
  }

  /** Per VL, bit v: the event frees more blocks than the VL holds; its quota is exceeded (each an assertion below,
    * one for all VLs: an assertion's failure path is code in every port's evaluation). */
  private val freedTooMany = Wire(Vec(p.dataVls, Bool()))
  private val overQuota = Wire(Vec(p.dataVls, Bool()))
  for (v <- 0 until p.dataVls) {
    def on(e: Valid[VlBlocks]): Bool = e.valid && e.bits.vl === v.U
    val abrNext = Mux(on(io.received), abr(v) + io.received.bits.blocks, abr(v))
    abr(v) := abrNext
    val earlyIn = Mux(on(io.stored) && io.storedEarly, io.stored.bits.blocks, 0.U)
    val earlyNext = WireDefault(UInt(Fccl.Bits.W), Mux(on(io.received), 0.U, early(v)) + earlyIn)
    early(v) := earlyNext
    val plus = Mux(on(io.stored), io.stored.bits.blocks, 0.U)
    val minus = Mux(on(io.freed), io.freed.bits.blocks, 0.U)
    val inUseNext = WireDefault(UInt(useBits.W), inUse(v) + plus - minus)
    inUse(v) := inUseNext
    freedTooMany(v) := on(io.freed) && inUse(v) + plus < minus
    overQuota(v) := inUse(v) > p.ingressVlBlocks.U
    io.fccl(v) := advertised(abr(v), early(v), inUse(v))
    io.fcclNext(v) := advertised(abrNext, earlyNext, inUseNext)
  }
  assert(!freedTooMany.asUInt.orR, "ingress credits: a VL freed more blocks than it holds (VLs, a bit each: %b)",
    freedTooMany.asUInt)
  // a partner that keeps to the advertised credits can never fill a VL beyond its quota
  assert(!overQuota.asUInt.orR, s"ingress credits: a VL holds more blocks than its quota of ${p.ingressVlBlocks} (VLs, a " +
    "bit each: %b): the link partner sent without credits, or the credit accounting is wrong", overQuota.asUInt)
}
