package director.rtl.gateway

import chisel3._
import chisel3.simulator.EphemeralSimulator._
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.{Tag, Test}

/** The vNIC search's VLAN test (`VnicTable.hasZeroLane` on the XOR of an entry's slots and the frame's VLAN, one
  * 16-bit lane per slot), simulated by Verilator against a lane-by-lane check: no lane zero, each lane zero alone,
  * every pair, all four, lanes that differ in one bit only (the valid bit, the lowest and the highest VID bit), and
  * random words from a fixed seed. */
class ZeroLaneProbe extends Module {
  val x = IO(Input(UInt(64.W))).suggestName("x")
  val zero = IO(Output(Bool())).suggestName("zero")
  zero := VnicTable.hasZeroLane(x)
}

@Tag("rtl")
class VlanLaneTest {
  private def lane(v: BigInt, k: Int): Int = ((v >> (16 * k)) & 0xffff).toInt

  @Test def aWordHasAZeroLaneExactlyWhenOneOfItsSlotsMatches(): Unit = {
    val rnd = new scala.util.Random(7)
    def word(lanes: Seq[Int]): BigInt = lanes.zipWithIndex.map { case (l, k) => BigInt(l) << (16 * k) }.sum
    val near = Seq(0x1000, 0x0001, 0x0800, 0x1fff, 0x0fff)  // a lane one bit (or all bits) from zero, top 3 bits clear
    val cases =
      (for (m <- 0 until 16; fill <- near) yield word((0 until 4).map(k => if ((m >> k & 1) == 1) 0 else fill))) ++
      Seq.fill(300)(word(Seq.fill(4)(if (rnd.nextInt(5) == 0) 0 else rnd.nextInt(0x2000))))
    simulate(new ZeroLaneProbe) { dut =>
      for (v <- cases) {
        dut.x.poke(v.U(64.W))
        dut.clock.step()
        val want = (0 until 4).exists(k => lane(v, k) == 0)
        assertEquals(want, dut.zero.peek().litToBoolean, s"x = ${v.toString(16)}")
      }
    }
  }
}
