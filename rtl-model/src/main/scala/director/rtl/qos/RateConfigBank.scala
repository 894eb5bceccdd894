package director.rtl.qos

import chisel3._
import chisel3.util._
import director.rtl.gateway.TableWordWrite
import director.rtl.naming.{NamedBundle, NamedModule}

class RateConfigBankIO(val n: Int, val indexBits: Int) extends NamedBundle {
  /** A CSR write of (index, word): word 0 CIR kb/s, 1 PIR kb/s, 2 CBS bytes, 3 PBS bytes. */
  val write = Input(Valid(new TableWordWrite(indexBits)))
  /** CSR read of (index, word), answered in the same cycle. */
  val readIndex = Input(UInt(indexBits.W))
  val readWord = Input(UInt(2.W))
  val readData = Output(UInt(64.W))
  val config = Output(Vec(n, new PolicerConfig))
}

/** The rate settings of `n` policers or shapers, written word by word through CSR (CsrMap.policerAddr,
  * CsrMap.shaperAddr): registers, all zero at reset (not policed, not shaped). */
class RateConfigBank(val n: Int, val indexBits: Int) extends Module with NamedModule {
  val io = IO(new RateConfigBankIO(n, indexBits))
  val configs = RegInit(VecInit(Seq.fill(n)(0.U.asTypeOf(new PolicerConfig))))
  when(io.write.valid) {
    val c = configs(io.write.bits.index)
    val d = io.write.bits.data
    switch(io.write.bits.word) {
      is(0.U) { c.cirKbps := d(31, 0) }
      is(1.U) { c.pirKbps := d(31, 0) }
      is(2.U) { c.cbsBytes := d(23, 0) }
      is(3.U) { c.pbsBytes := d(23, 0) }
    }
  }
  val r = configs(io.readIndex)
  io.readData := VecInit(Seq(r.cirKbps, r.pirKbps, r.cbsBytes, r.pbsBytes).map(_.pad(64)))(io.readWord)
  io.config := configs
}
