package director.rtl.stats

import chisel3._
import chisel3.util._
import director.rtl.link.DropReason
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.util.ZeroedRows

class DropCountersIO(val ports: Int) extends NamedBundle {
  private val portBits = log2Ceil(ports).max(1)
  /** Per port, a packet dropped by its input (any reason code: link checks and admission). */
  val link = Input(Vec(ports, Valid(UInt(DropReason.width.W))))
  /** Per port, a frame dropped by its module ingress (only gateway reasons, 16..31, are counted). */
  val module = Input(Vec(ports, Valid(UInt(DropReason.width.W))))
  /** CSR read, answered in the same cycle: the count of (port, reason code). */
  val readPort = Input(UInt(portBits.W))
  val readReason = Input(UInt(DropReason.width.W))
  val readData = Output(UInt(64.W))
}

/** Every port's drop counters, one per (port, reason code), in one memory of ports x 32 words: the link reasons are
  * read on each port's counter page (CsrMap.Counter), the gateway reasons on its gateway-counter page (CsrMap.GwCounter,
  * n = the reason code; docs/gateway.md).
  *
  * A cycle brings at most one drop from a port's input and one from its module ingress, so a port writes its words
  * at two sites at most; a word counts a cycle's drops of its (port, reason) once, even when both name it (both sites
  * write the same count). Held as registers, 1,053 counters at 39 ports were each copied twice a cycle by the
  * simulator (Verilator's shadow of a register written in a clocked block that another one reads) and each tested
  * against its reason every cycle (docs/design.md, "Issue 12, seventh session"). Its written bits are a word per port
  * and write site ([[ZeroedRows]]).
  */
class DropCounters(val ports: Int) extends Module with NamedModule {
  require(ports >= 1, s"DropCounters: at least one port, got $ports")
  val io = IO(new DropCountersIO(ports))

  /** Row port, column reason: the count, 0 until written. */
  val counts = new ZeroedRows(UInt(64.W), ports, 1 << DropReason.width, writers = 2)

  for (i <- 0 until ports) {
    val a = io.link(i)
    val b = io.module(i)
    when(a.valid) { counts.write(i, a.bits, counts.read(i, a.bits) + 1.U, 0) }
    when(b.valid && b.bits >= DropReason.firstGateway.U) { counts.write(i, b.bits, counts.read(i, b.bits) + 1.U, 1) }
  }
  io.readData := counts.read(io.readPort, io.readReason)
}
