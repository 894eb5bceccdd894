package director.rtl.sched

import chisel3._
import chisel3.util._

/** Transpose of a square bit matrix given as rows (row i bit j -> row j bit i), by recursive block swaps
  * (log2 stages of word-wide shifts and masks) instead of n x n single-bit moves: the simulator then works on
  * whole words, which made the 39-port scheduler several times faster to simulate than bit-by-bit columns.
  */
object BitTranspose {
  def apply(rows: Seq[UInt]): Seq[UInt] = {
    val n = rows.length
    val size = 1 << log2Ceil(n.max(2))
    var m: IndexedSeq[UInt] = (rows.map(_.pad(size)) ++ Seq.fill(size - n)(0.U(size.W))).toIndexedSeq
    var s = size / 2
    while (s >= 1) {
      // mask selecting, in every 2s-bit group, the upper s bits (bit positions counted from the LSB)
      val mask = BigInt((0 until size).filter(b => (b / s) % 2 == 1).map(b => BigInt(1) << b).sum.toString)
      val next = Array.fill[UInt](size)(null)
      for (blk <- 0 until size by 2 * s; k <- 0 until s) {
        val a = blk + k       // row a keeps its low halves, takes the partner's
        val b = blk + k + s
        // element (a, c + s) <-> (b, c) for c in a low half: a's upper-half bits swap with b's lower-half bits
        val t = ((m(a) >> s) ^ m(b)) & (~mask.U(size.W)).asUInt
        next(b) = (m(b) ^ t)(size - 1, 0)
        next(a) = (m(a) ^ (t << s))(size - 1, 0)
      }
      m = next.toIndexedSeq
      s /= 2
    }
    m.take(n).map(_(n - 1, 0))
  }
}
