package director.rtl.qos

import chisel3._
import chisel3.util._
import director.rtl.gateway.GatewayTableIO
import director.rtl.naming.{NamedBundle, NamedModule}

/** The rate settings of `n` policers or shapers, written word by word through CSR (CsrMap.policerAddr,
  * CsrMap.shaperAddr: word 0 CIR kb/s, 1 PIR kb/s, 2 CBS bytes, 3 PBS bytes): registers, all zero at reset (not
  * policed, not shaped). */
class RateConfigBank(val n: Int) extends Module with NamedModule {
  val io = IO(new GatewayTableIO(new PolicerConfig, n))
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
  io.entries := configs
}
