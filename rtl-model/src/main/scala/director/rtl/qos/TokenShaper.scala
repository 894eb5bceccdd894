package director.rtl.qos

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}

/** Bytes taken from one shaped flow's buckets: a packet of it was sent on. */
class ShaperTake(val flowBits: Int) extends NamedBundle {
  val flow = UInt(flowBits.W)
  val bytes = UInt(14.W)
}

class TokenShaperIO(val n: Int, val flowBits: Int, val takers: Int) extends NamedBundle {
  val config = Input(Vec(n, new PolicerConfig))
  /** A settings word of this flow was written: its buckets are full again from the next cycle. */
  val written = Input(Valid(UInt(flowBits.W)))
  /** Packets sent on this cycle (each taker at most one; several may name one flow). */
  val take = Input(Vec(takers, Valid(new ShaperTake(flowBits))))
  /** Bit f: flow f may send a packet now (not shaped, or neither bucket in debt). */
  val eligible = Output(UInt(n.W))
  /** Each flow's committed and peak bucket, in 2^-24 bytes (for the unit test and the waves). */
  val committed = Output(Vec(n, SInt(TokenShaper.width.W)))
  val peak = Output(Vec(n, SInt(TokenShaper.width.W)))
}

object TokenShaper {
  /** Buckets are signed: up to 2^48 (a full 16 MB bucket), down to -2^38 (a packet's debt). */
  val width = 50
}

/** `n` shapers (docs/gateway.md, "QoS: the vHBA shaper"): per flow a committed bucket of CBS bytes filled at CIR
  * and, when PIR is not 0, a peak bucket of PBS bytes filled at PIR, in the policer's integer arithmetic (tokens of
  * 2^-24 bytes, (kbps x M) >> 16 a cycle, [[TwoRatePolicer.rateMultiplier]]). A flow may send while neither bucket
  * is in debt; a packet sent takes its bytes from both, which may put them in debt by up to one packet. So a flow
  * that always has packets waiting leaves at CIR after a first burst of CBS bytes (at PIR where PIR is set), and
  * nothing is ever dropped: a packet that may not go waits. CIR 0: not shaped. Buckets are full after a write of
  * the flow's settings (in the cycle after the write; a packet taken in that cycle is taken from the full
  * buckets). The buckets tick every cycle (their state is the token count itself, so `eligible` needs
  * no arithmetic on the way to the scheduler).
  */
class TokenShaper(val n: Int, val flowBits: Int, val takers: Int, val coreMHz: Int) extends Module with NamedModule {
  val io = IO(new TokenShaperIO(n, flowBits, takers))
  import TwoRatePolicer.{fracBits, rateBits, rateMultiplier}
  private val m = rateMultiplier(coreMHz)
  private val w = TokenShaper.width

  val committed = RegInit(VecInit(Seq.fill(n)(0.S(w.W))))
  val peak = RegInit(VecInit(Seq.fill(n)(0.S(w.W))))
  val refill = RegNext(io.written, 0.U.asTypeOf(io.written))

  private def inc(kbps: UInt): SInt = (((kbps(rateBits - 1, 0) * m.U) >> 16)(27, 0)).zext
  private def cap(burst: UInt): SInt = (burst(23, 0) << fracBits).zext
  private def tick(tokens: SInt, kbps: UInt, burst: UInt, debit: SInt, full: Bool): SInt = {
    val up = tokens +& inc(kbps)
    Mux(full || up > cap(burst), cap(burst), up) - debit
  }
  val eligible = Wire(Vec(n, Bool()))
  for (f <- 0 until n) {
    val c = io.config(f)
    val debit = io.take.map(t => Mux(t.valid && t.bits.flow === f.U, (t.bits.bytes << fracBits).zext, 0.S)).reduce(_ +& _)
    val full = refill.valid && refill.bits === f.U
    committed(f) := tick(committed(f), c.cirKbps, c.cbsBytes, debit, full)(w - 1, 0).asSInt
    peak(f) := tick(peak(f), c.pirKbps, c.pbsBytes, debit, full)(w - 1, 0).asSInt
    eligible(f) := c.cirKbps === 0.U || (committed(f) >= 0.S && (c.pirKbps === 0.U || peak(f) >= 0.S))
  }
  io.eligible := eligible.asUInt
  io.committed := committed
  io.peak := peak
}
