package director.rtl.qos

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}

class TokenShaperUnitIO(val n: Int) extends NamedBundle {
  /** A settings write: valid[0] word[2:1] flow[10:3] */
  val write = Input(UInt(11.W))
  val writeData = Input(UInt(64.W))
  /** Taker k at [20k+19 : 20k]: valid[0] flow[5:1] bytes[19:6] */
  val take = Input(UInt(40.W))
  /** Bit f: flow f may send */
  val eligible = Output(UInt(n.W))
  /** Flow f's committed bucket at [64f+63 : 64f], its peak bucket at [64(n+f)+63 : 64(n+f)], sign-extended */
  val buckets = Output(UInt((128 * n).W))
}

/** The shaper and its settings bank alone behind flat ports, for the lockstep unit test against the Java model:
  * `n` flows (at most 32), two takers, the settings written as through CSR. */
class TokenShaperUnit(val n: Int, val coreMHz: Int) extends Module with NamedModule {
  require(n >= 1 && n <= 32, s"TokenShaperUnit: 1..32 flows, got $n")
  private val bits = log2Ceil(n).max(1)
  val io = FlatIO(new TokenShaperUnitIO(n))
  val bank = Module(new RateConfigBank(n))
  val shaper = Module(new TokenShaper(n, bits, 2, coreMHz))
  bank.io.write.valid := io.write(0)
  bank.io.write.bits.word := io.write(2, 1)
  bank.io.write.bits.index := io.write(3 + bits - 1, 3)
  bank.io.write.bits.data := io.writeData
  bank.io.readIndex := 0.U
  bank.io.readWord := 0.U
  shaper.io.config := bank.io.entries.get
  shaper.io.written.valid := io.write(0)
  shaper.io.written.bits := io.write(3 + bits - 1, 3)
  for (k <- 0 until 2) {
    val t = io.take(20 * k + 19, 20 * k)
    shaper.io.take(k).valid := t(0)
    shaper.io.take(k).bits.flow := t(1 + bits - 1, 1)
    shaper.io.take(k).bits.bytes := t(19, 6)
  }
  io.eligible := shaper.io.eligible
  io.buckets := Cat((shaper.io.peak.reverse ++ shaper.io.committed.reverse).map(_.pad(64).asUInt))
}
