package director.rtl.stats

import chisel3._
import chisel3.simulator.EphemeralSimulator._
import director.rtl.link.DropReason
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.{Tag, Test}

/** `DropCounters` simulated by Verilator (chisel3's EphemeralSimulator) at 1, 3 and 39 ports against its rules, counted
  * here independently: every (port, reason) word reads 0 after reset; a drop from a port's input counts at its reason
  * (any code); a module ingress drop counts only at a gateway reason (16..31); both in one cycle count once each, once
  * in all when they name the same reason; a read sees the count before this cycle's drops; a second reset clears
  * everything. Random drops from a fixed seed, with the same-reason and non-gateway cases forced often. */
@Tag("rtl")
class DropCountersTest {
  private val reasons = 1 << DropReason.width

  private def run(ports: Int, cycles: Int, seed: Long): Unit = simulate(new DropCounters(ports)) { dut =>
    val rnd = new scala.util.Random(seed)
    val want = Array.fill(ports, reasons)(0L)
    def idle(): Unit = for (i <- 0 until ports) {
      dut.io.link(i).valid.poke(false.B); dut.io.link(i).bits.poke(0.U)
      dut.io.module(i).valid.poke(false.B); dut.io.module(i).bits.poke(0.U)
    }
    def reset(): Unit = {
      idle()
      dut.reset.poke(true.B); dut.clock.step(); dut.reset.poke(false.B)
      for (row <- want) java.util.Arrays.fill(row, 0L)
    }
    def checkAll(what: String): Unit = for (i <- 0 until ports; r <- 0 until reasons) {
      dut.io.readPort.poke(i.U); dut.io.readReason.poke(r.U)
      assertEquals(BigInt(want(i)(r)), dut.io.readData.peek().litValue, s"$ports ports, $what: port $i reason $r")
    }
    reset()
    checkAll("after reset")
    for (c <- 0 until cycles) {
      idle()
      val counted = Array.fill(ports)(Set.empty[Int])
      for (i <- 0 until ports) {
        val a = rnd.nextInt(4) == 0
        val b = rnd.nextInt(4) == 0
        val ra = rnd.nextInt(reasons)
        // the module's reason: often the input's (one count), often a link reason (not counted)
        val rb = rnd.nextInt(3) match { case 0 => ra; case _ => rnd.nextInt(reasons) }
        if (a) { dut.io.link(i).valid.poke(true.B); dut.io.link(i).bits.poke(ra.U); counted(i) += ra }
        if (b) {
          dut.io.module(i).valid.poke(true.B); dut.io.module(i).bits.poke(rb.U)
          if (rb >= DropReason.firstGateway) counted(i) += rb
        }
      }
      // a read in the cycle of the drops sees the counts before them
      val (pi, pr) = (rnd.nextInt(ports), rnd.nextInt(reasons))
      dut.io.readPort.poke(pi.U); dut.io.readReason.poke(pr.U)
      assertEquals(BigInt(want(pi)(pr)), dut.io.readData.peek().litValue, s"$ports ports, cycle $c: read of port $pi reason $pr")
      dut.clock.step()
      for (i <- 0 until ports; r <- counted(i)) want(i)(r) += 1
    }
    idle()
    checkAll(s"after $cycles cycles")
    assertTrue(want.flatten.count(_ > 1) > 0, "some word counted more than one drop")
    reset()
    checkAll("after a second reset")
  }

  // one port count a test, so that they run side by side (junit-platform.properties)
  @Test def onePort(): Unit = run(ports = 1, cycles = 400, seed = 1)
  @Test def threePorts(): Unit = run(ports = 3, cycles = 400, seed = 2)
  @Test def thirtyNinePorts(): Unit = run(ports = 39, cycles = 200, seed = 3)
}
