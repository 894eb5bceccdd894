package director.rtl.util

import chisel3._
import chisel3.util.{log2Ceil, MixedVec}
import chisel3.simulator.EphemeralSimulator._
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.{Tag, Test}

/** `WideBits.lowest` on vectors of several widths around the 64-bit word (1, 7, 64, 65, 120, 128), simulated by
  * Verilator (chisel3's EphemeralSimulator), against the arithmetic of the index of the lowest set bit: zero, every
  * single bit, all ones, both ends of each word, and random vectors from a fixed seed. */
class LowestProbe(widths: Seq[Int]) extends Module {
  val in = IO(Input(MixedVec(widths.map(w => UInt(w.W))))).suggestName("in")
  val index = IO(Output(MixedVec(widths.map(w => UInt(log2Ceil(w).max(1).W))))).suggestName("index")
  val cleared = IO(Output(MixedVec(widths.map(w => UInt(w.W))))).suggestName("cleared")
  for (k <- widths.indices) {
    val (i, c) = WideBits.lowest(in(k))
    index(k) := i
    cleared(k) := c
  }
}

@Tag("rtl")
class WideBitsTest {
  private val widths = Seq(1, 7, 64, 65, 120, 128)

  private def values(w: Int, rnd: scala.util.Random): Seq[BigInt] = {
    val all = (BigInt(1) << w) - 1
    val singles = (0 until w).map(BigInt(1) << _)
    val ends = Seq(0, 63, 64, 127).filter(_ < w).flatMap(b => Seq(all >> b << b, (BigInt(1) << b) | (BigInt(1) << (w - 1))))
    val random = Seq.fill(200)(BigInt(w, rnd) >> rnd.nextInt(w))
    Seq(BigInt(0), all) ++ singles ++ ends ++ random
  }

  @Test def lowestIsTheIndexOfTheLowestSetBitAndClearsIt(): Unit = {
    val rnd = new scala.util.Random(12)
    val cases = widths.map(w => values(w, rnd))
    simulate(new LowestProbe(widths)) { dut =>
      for (round <- 0 until cases.map(_.size).max) {
        for (k <- widths.indices) dut.in(k).poke(cases(k)(round % cases(k).size).U(widths(k).W))
        dut.clock.step()
        for (k <- widths.indices) {
          val w = widths(k)
          val v = cases(k)(round % cases(k).size)
          // PriorityEncoder's answer when no bit is set: the top index
          val want = if (v == 0) w - 1 else v.lowestSetBit
          val what = s"width $w, vector ${v.toString(16)}"
          assertEquals(BigInt(want), dut.index(k).peek().litValue, s"index: $what")
          assertEquals(if (v == 0) BigInt(0) else v.clearBit(want), dut.cleared(k).peek().litValue, s"cleared: $what")
        }
      }
    }
  }
}
