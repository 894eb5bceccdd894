package director.rtl.stats

import chisel3._
import chisel3.util._
import director.rtl.link.DropReason
import director.rtl.naming.{NamedBundle, NamedModule}

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
  * against its reason every cycle (docs/design.md, "Issue 12, seventh session"). A bit per word says it was written
  * since reset (else it reads 0).
  */
class DropCounters(val ports: Int) extends Module with NamedModule {
  require(ports >= 1, s"DropCounters: at least one port, got $ports")
  val io = IO(new DropCountersIO(ports))
  private val portBits = log2Ceil(ports).max(1)
  private val reasons = 1 << DropReason.width

  val counts = Mem(ports * reasons, UInt(64.W))
  /** Per port, bit r: word (port, r) was written since reset. */
  val written = RegInit(VecInit(Seq.fill(ports)(0.U(reasons.W))))

  private def addr(port: UInt, reason: UInt): UInt = Cat(port, reason)
  private def count(port: UInt, reason: UInt, seen: UInt): UInt = Mux(seen(reason), counts.read(addr(port, reason)), 0.U)

  for (i <- 0 until ports) {
    val port = i.U(portBits.W)
    val a = io.link(i)
    val b = io.module(i)
    val bCounts = b.valid && b.bits >= DropReason.firstGateway.U
    when(a.valid) { counts.write(addr(port, a.bits), count(port, a.bits, written(i)) + 1.U) }
    when(bCounts) { counts.write(addr(port, b.bits), count(port, b.bits, written(i)) + 1.U) }
    when(a.valid || bCounts) {
      written(i) := written(i) | Mux(a.valid, UIntToOH(a.bits, reasons), 0.U) | Mux(bCounts, UIntToOH(b.bits, reasons), 0.U)
    }
  }
  private val seen = if (ports == 1) written(0) else written(io.readPort)
  io.readData := count(io.readPort, io.readReason, seen)
}
