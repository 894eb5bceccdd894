package director.rtl.util

import chisel3._
import chisel3.util._

/** Bits of vectors wider than a machine word, in the shapes a cycle-based simulator runs cheaply. Verilator holds a
  * vector of more than 64 bits as an array of 32-bit words and turns a bit picked or set by a variable index into a
  * shift of the whole array, every evaluation: at 39 ports the vHBA shaper's 120 eligibility bits were picked 1,080
  * times a cycle that way, and setting one of the SL2VL table's 1,521 written bits was a 3,568-bit shift every cycle
  * (docs/design.md, "Issue 12, fourth session"). Picked from, or set in, the 64-bit word that holds it, a bit is
  * one operation on one word. Same logic, same timing. */
object WideBits {
  val wordBits = 64
  private val lowBits = log2Ceil(wordBits)

  /** The words of `vec`, lowest first, each `wordBits` wide (the last zero-extended). */
  def words(vec: UInt): Seq[UInt] = {
    val w = vec.getWidth
    (0 until w by wordBits).map(lo => vec(math.min(lo + wordBits, w) - 1, lo).pad(wordBits))
  }

  /** Bit `idx` of the vector whose 64-bit words, lowest first, are `ws`. */
  def ofWords(ws: Seq[UInt], idx: UInt): Bool = {
    val low = idx.pad(lowBits)(lowBits - 1, 0)
    if (ws.size == 1) ws.head(low)
    else {
      val high = idx >> lowBits
      val word = if (ws.size == 2) Mux(high(0), ws(1), ws(0)) else VecInit(ws)(high)
      word(low)
    }
  }

  /** Bit `idx` of `vec` (`idx` below the width of `vec`; an index of any width). */
  def bit(vec: UInt, idx: UInt): Bool =
    if (vec.getWidth <= wordBits) (vec >> idx)(0) else ofWords(words(vec), idx)

  /** The index of the lowest set bit of `vec` (as `PriorityEncoder`: the top index when none is set) and `vec` with
    * that bit cleared, word by word: a word's lowest bit is `w & -w` and its index an OR tree, where a priority
    * encoder over a wide vector is a chain of one selection per bit, and clearing the bit by a one-hot a shift of
    * the whole vector. */
  def lowest(vec: UInt): (UInt, UInt) = {
    val n = vec.getWidth
    val ws = words(vec)
    val nonZero = ws.map(_.orR)
    val before = nonZero.scanLeft(false.B)(_ || _) // before(k): a word below word k has a set bit
    val indices = ws.zipWithIndex.map { case (w, k) => ((k * wordBits).U +& OHToUInt(w & (~w + 1.U))).pad(log2Ceil(n).max(1)) }
    val index = PriorityMux(nonZero :+ true.B, indices :+ (n - 1).U)
    val cleared = ws.zipWithIndex.map { case (w, k) => Mux(before(k), w, w & (w - 1.U)) }
    (index(log2Ceil(n).max(1) - 1, 0), Cat(cleared.reverse)(n - 1, 0))
  }
}

/** A register of `n` bits, all zero at reset, held as 64-bit words ([[WideBits]]): `apply(i)` reads bit i, `set(i)`
  * (under the caller's `when`) sets it from the next cycle. */
class WordBits(val n: Int) {
  require(n >= 1, s"WordBits: at least one bit, got $n")
  private val nWords = (n + WideBits.wordBits - 1) / WideBits.wordBits
  private val lowBits = log2Ceil(WideBits.wordBits)
  val words = RegInit(VecInit(Seq.fill(nWords)(0.U(WideBits.wordBits.W))))

  def apply(i: UInt): Bool = WideBits.ofWords(words, i)

  def set(i: UInt): Unit = {
    val bit = UIntToOH(i.pad(lowBits)(lowBits - 1, 0), WideBits.wordBits)
    if (nWords == 1) words(0) := words(0) | bit
    else {
      val k = (i >> lowBits)(log2Ceil(nWords) - 1, 0)
      words(k) := words(k) | bit
    }
  }

  /** All `n` bits, bit i at i. */
  def asUInt: UInt = words.asUInt(n - 1, 0)
}
