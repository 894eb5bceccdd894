package director.rtl.vlarb

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}

class VlArbUnitIO(val entries: Int) extends NamedBundle {
  /** has[15:0] | fits[31:16] | decide[32] */
  val ctl = Input(UInt(33.W))
  /** bytes of VL v at [16v+12 : 16v] */
  val bytes = Input(UInt(256.W))
  /** write: valid[0] high[1] index[7:2] vl[11:8] weight[19:12] limitValid[20] limit[28:21] */
  val write = Input(UInt(29.W))
  /** valid[0] table[2:1] vl[7:4] hiIndex[13:8] loIndex[19:14] hpOpen[20] hpLeft[40:21] */
  val out0 = Output(UInt(64.W))
  /** hiUsed[15:0] loUsed[31:16] */
  val out1 = Output(UInt(64.W))
}

/** The VL arbiter alone behind flat ports, for the lockstep unit test against the Java model. */
class VlArbUnit(val dataVls: Int, val entries: Int) extends Module with NamedModule {
  val io = FlatIO(new VlArbUnitIO(entries))
  val arb = Module(new VlArbiter(dataVls, entries))
  arb.io.has := io.ctl(15, 0)
  arb.io.fits := io.ctl(31, 16)
  arb.io.decide := io.ctl(32)
  for (v <- 0 until 16) arb.io.bytes(v) := io.bytes(16 * v + 12, 16 * v)
  arb.io.entryWrite.valid := io.write(0)
  arb.io.entryWrite.bits.high := io.write(1)
  arb.io.entryWrite.bits.index := io.write(7, 2)
  arb.io.entryWrite.bits.vl := io.write(11, 8)
  arb.io.entryWrite.bits.weight := io.write(19, 12)
  arb.io.limitWrite.valid := io.write(20)
  arb.io.limitWrite.bits := io.write(28, 21)
  arb.io.readHigh := false.B
  arb.io.readIndex := 0.U
  io.out0 := Cat(arb.io.hpLeft, arb.io.hpOpen, arb.io.loIndex, arb.io.hiIndex, arb.io.grant.bits.vl, 0.U(1.W),
    arb.io.grant.bits.table, arb.io.grant.valid)
  io.out1 := Cat(arb.io.loUsed, arb.io.hiUsed)
}
