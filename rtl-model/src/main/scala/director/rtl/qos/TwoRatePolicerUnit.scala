package director.rtl.qos

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams

class TwoRatePolicerUnitIO(val n: Int) extends NamedBundle {
  /** A settings write: valid[0] word[2:1] vnic[10:3] */
  val write = Input(UInt(11.W))
  val writeData = Input(UInt(64.W))
  /** A frame to decide: valid[0] bytes[14:1] vnic[22:15] */
  val req = Input(UInt(23.W))
  /** The policer's clock (the director's cycles since reset) */
  val now = Input(UInt(64.W))
  /** The policer's own output: the frame is red (dropped as `policed`) */
  val red = Output(Bool())
  /** The decision's colour (0 none, 1 green, 2 yellow, 3 red) and the vNIC's buckets brought up to date */
  val colour = Output(UInt(2.W))
  val committedNow = Output(UInt(64.W))
  val peakNow = Output(UInt(64.W))
  /** Bit v: vNIC v metered since reset */
  val seen = Output(UInt(n.W))
  /** vNIC v's stored committed bucket at [64v+63 : 64v], its peak bucket at [64(n+v)+63 : 64(n+v)], the cycle of
    * its last decision at [64(2n+v)+63 : 64(2n+v)] */
  val state = Output(UInt((192 * n).W))
}

/** One host port's vNIC policers (the real [[TwoRatePolicer]], with its probe) and their settings bank (a
  * [[RateConfigBank]] kept in memory with one lookup port, as the director builds it) alone behind flat ports, for
  * the lockstep unit test against the Java model: `n` vNICs (at most 32), the settings written as through CSR, one
  * frame decided per cycle at most, `now` driven from outside (a jump stands for that many idle cycles). */
class TwoRatePolicerUnit(val n: Int, val coreMHz: Int) extends Module with NamedModule {
  require(n >= 1 && n <= 32, s"TwoRatePolicerUnit: 1..32 vNICs, got $n")
  private val p = DirectorParams.gateway.copy(vnics = n, coreMHz = coreMHz)
  private val bits = p.vnicBits
  val io = FlatIO(new TwoRatePolicerUnitIO(n))
  val bank = Module(new RateConfigBank(n, reads = 1, all = false))
  val policer = Module(new TwoRatePolicer(p, probe = true))
  bank.io.write.valid := io.write(0)
  bank.io.write.bits.word := io.write(2, 1)
  bank.io.write.bits.index := io.write(3 + bits - 1, 3)
  bank.io.write.bits.data := io.writeData
  bank.io.readIndex := 0.U
  bank.io.readWord := 0.U
  policer.io.config <> bank.io.reads(0)
  policer.io.req.valid := io.req(0)
  policer.io.req.bits.bytes := io.req(14, 1)
  policer.io.req.bits.vnic := io.req(15 + bits - 1, 15)
  policer.io.now := io.now
  io.red := policer.io.red
  for (pr <- policer.io.probe) {
    io.colour := pr.colour
    io.committedNow := pr.committedNow
    io.peakNow := pr.peakNow
    io.seen := pr.seen
    io.state := Cat((pr.last.reverse ++ pr.peak.reverse ++ pr.committed.reverse).map(_.asUInt))
  }
}
