package director.rtl.qos

import chisel3._
import chisel3.util._
import director.rtl.gateway.{GatewayTableIO, TableRead}
import director.rtl.util.ZeroedMem
import director.rtl.naming.NamedModule

class RateConfigBankIO(n: Int, readPorts: Int, all: Boolean) extends GatewayTableIO(n) {
  val reads = Vec(readPorts, Flipped(new TableRead(new PolicerConfig, n)))
  /** Every entry at once (when the bank is built `all`: the shaper ticks every flow every cycle). */
  val entries = Option.when(all)(Output(Vec(n, new PolicerConfig)))
}

/** The rate settings of `n` policers or shapers, written word by word through CSR (CsrMap.policerAddr,
  * CsrMap.shaperAddr: word 0 CIR kb/s, 1 PIR kb/s, 2 CBS bytes, 3 PBS bytes), all zero at reset (not policed, not
  * shaped). Kept where its readers need them: `all` = registers showing every entry (the shaper's buckets tick
  * every cycle); else a memory with `reads` lookup ports (the policers read the one vNIC whose frame is decided).
  */
class RateConfigBank(val n: Int, val reads: Int = 0, val all: Boolean = true) extends Module with NamedModule {
  require(all || reads >= 1, s"RateConfigBank: a bank without every entry out needs a read port")
  val io = IO(new RateConfigBankIO(n, reads, all))
  private def update(c: PolicerConfig, word: UInt, d: UInt): Unit = switch(word) {
    is(0.U) { c.cirKbps := d(31, 0) }
    is(1.U) { c.pirKbps := d(31, 0) }
    is(2.U) { c.cbsBytes := d(23, 0) }
    is(3.U) { c.pbsBytes := d(23, 0) }
  }
  private val w = io.write.bits
  private val read: UInt => PolicerConfig = if (all) {
    val configs = RegInit(VecInit(Seq.fill(n)(0.U.asTypeOf(new PolicerConfig))))
    when(io.write.valid) { update(configs(w.index), w.word, w.data) }
    io.entries.get := configs
    i => configs(i)
  } else {
    val configs = new ZeroedMem(new PolicerConfig, n)
    when(io.write.valid) {
      val c = WireDefault(configs.read(w.index))
      update(c, w.word, w.data)
      configs.write(w.index, c)
    }
    i => configs.read(i)
  }
  for (r <- io.reads) r.entry := read(r.index)
  val r = read(io.readIndex)
  io.readData := VecInit(Seq(r.cirKbps, r.pirKbps, r.cbsBytes, r.pbsBytes).map(_.pad(64)))(io.readWord)
}
