package director.rtl.egress

import chisel3._
import chisel3.util._
import chisel3.util.experimental.BoringUtils
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams

class EgressPortUnitIO extends NamedBundle {
  /** The crossbar's beat: its data (byte 0 in the top byte) */
  val inData = Input(UInt(64.W))
  /** in: valid[0] sop[1] eop[2] bytes[6:3]; out.ready[8];
    * table write: valid[16] high[17] index[23:18] vl[27:24] weight[35:28]; limit write: valid[36] limit[44:37] */
  val ctl = Input(UInt(64.W))
  /** FCCL of data VL v at [12v+11 : 12v] */
  val fccl = Input(UInt(192.W))
  val outData = Output(UInt(64.W))
  /** out: valid[0] sop[1] eop[2] bytes[6:3]; in.ready[8]; room[24:9]; laneTx valid[25] vl[29:26] bytes[42:30];
    * sendable[43] empty[44] txPacket.valid[45]; busy[46] curLane[50:47] */
  val stat = Output(UInt(64.W))
  /** creditStall[15:0] ampleCredit[31:16] txPacket.bits[63:32] */
  val stat2 = Output(UInt(64.W))
  /** the port's VL arbiter: hiIndex[5:0] loIndex[11:6] hpOpen[12] hpLeft[32:13] hiUsed[48:33]; loUsed at [15:0] of arb2 */
  val arb1 = Output(UInt(64.W))
  val arb2 = Output(UInt(64.W))
  /** FCTBS of data VL v at [12v+11 : 12v] */
  val fctbs = Output(UInt(192.W))
  /** beats in lane v's queue at [16v+15 : 16v] */
  val counts = Output(UInt(256.W))
}

/** The egress port (with its VCRC regeneration) alone behind flat ports, for the unit test against its rules
  * (EgressPortUnitTest): the queue counts, FCTBS, busy/current lane and the arbiter's state are bored out of
  * the port for the comparison; the port itself is the one the director instantiates. 8-byte beats only. */
class EgressPortUnit(val p: DirectorParams) extends Module with NamedModule {
  require(p.beatBytes == 8, s"EgressPortUnit: 8-byte beats only, got ${p.beatBytes}")
  val io = FlatIO(new EgressPortUnitIO)
  val port = Module(new EgressPort(p))
  private val c = io.ctl
  port.io.fromXbar.valid := c(0)
  port.io.fromXbar.bits.sop := c(1)
  port.io.fromXbar.bits.eop := c(2)
  port.io.fromXbar.bits.bytes := c(6, 3)
  port.io.fromXbar.bits.data := io.inData
  port.io.out.ready := c(8)
  port.io.arbEntryWrite.valid := c(16)
  port.io.arbEntryWrite.bits.high := c(17)
  port.io.arbEntryWrite.bits.index := c(23, 18)
  port.io.arbEntryWrite.bits.vl := c(27, 24)
  port.io.arbEntryWrite.bits.weight := c(35, 28)
  port.io.arbLimitWrite.valid := c(36)
  port.io.arbLimitWrite.bits := c(44, 37)
  port.io.arbReadHigh := false.B
  port.io.arbReadIndex := 0.U
  for (v <- 0 until p.dataVls) port.io.fccl(v) := io.fccl(12 * v + 11, 12 * v)

  private def bore[T <: Data](x: T): T = BoringUtils.bore(x)
  val busy = bore(port.busy)
  val curLane = bore(port.curLane)
  val fctbs = port.fctbs.map(bore(_))
  val counts = port.counts.map(bore(_))
  val a = port.arb.io
  val hiIndex = bore(a.hiIndex); val loIndex = bore(a.loIndex); val hpOpen = bore(a.hpOpen)
  val hpLeft = bore(a.hpLeft); val hiUsed = bore(a.hiUsed); val loUsed = bore(a.loUsed)

  val o = port.io.out
  io.outData := o.bits.data
  io.stat := Cat(curLane, busy, port.io.txPacket.valid, port.io.empty, port.io.sendable, port.io.laneTx.bits.bytes,
    port.io.laneTx.bits.vl, port.io.laneTx.valid, port.io.room.pad(16), port.io.fromXbar.ready, 0.U(1.W),
    o.bits.bytes, o.bits.eop, o.bits.sop, o.valid)
  io.stat2 := Cat(port.io.txPacket.bits, port.io.ampleCredit.pad(16), port.io.creditStall.pad(16))
  io.arb1 := Cat(hiUsed, hpLeft, hpOpen, loIndex, hiIndex)
  io.arb2 := loUsed.pad(64)
  io.fctbs := Cat(fctbs.reverse).pad(192)
  io.counts := Cat(counts.reverse.map(_.pad(16))).pad(256)
}
