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

  for (v <- 0 until p.dataVls) {
    def on(e: Valid[VlBlocks]): Bool = e.valid && e.bits.vl === v.U
    when(on(io.received)) { abr(v) := abr(v) + io.received.bits.blocks }
    val earlyIn = Mux(on(io.stored) && io.storedEarly, io.stored.bits.blocks, 0.U)
    early(v) := Mux(on(io.received), 0.U, early(v)) + earlyIn
    val plus = Mux(on(io.stored), io.stored.bits.blocks, 0.U)
    val minus = Mux(on(io.freed), io.freed.bits.blocks, 0.U)
    inUse(v) := inUse(v) + plus - minus
    assert(!on(io.freed) || inUse(v) + plus >= minus, s"ingress credits: VL $v freed more blocks than it holds")
    val quota = p.ingressVlBlocks.U(useBits.W)
    // a partner that keeps to the advertised credits can never fill a VL beyond its quota
    assert(inUse(v) <= quota, s"ingress credits: VL $v holds more blocks than its quota of ${p.ingressVlBlocks}: the " +
      "link partner sent without credits, or the credit accounting is wrong")
    val free = Mux(inUse(v) >= quota, 0.U, quota - inUse(v))
    io.fccl(v) := abr(v) + early(v) + free
  }
}
