package director.rtl.util

import chisel3._
import chisel3.util._

/** Entries in a memory that read all zero until first written (bits per entry say written): a table's reset state
  * without a reset sweep. Used inside one module. `writers` write sites, each with its own written bits (two sites
  * may write two entries in one cycle; an entry reads as written when any site has written it): site k writes
  * with `write(i, d, k)`, under the caller's `when`. */
class ZeroedMem[T <: Data](gen: T, n: Int, writers: Int = 1) {
  require(writers >= 1, s"ZeroedMem: at least one write site, got $writers")
  private val mem = Mem(n, gen)
  private val written = Seq.fill(writers)(new WordBits(n))
  def read(i: UInt): T = Mux(written.map(_(i)).reduce(_ || _), mem.read(i), 0.U.asTypeOf(gen))
  def write(i: UInt, d: T, site: Int = 0): Unit = {
    require(site >= 0 && site < writers, s"ZeroedMem: write site $site of $writers")
    mem.write(i, d)
    written(site).set(i)
  }
}

/** A memory of `rows` x `cols` entries (entry (r, c) at r x cols + c) that read all zero until first written, as
  * [[ZeroedMem]], with its written bits a word per row (bit c: column c written) and per write site: a read from a
  * row fixed at elaboration (`read(row: Int, ...)`) tests one bit of that row's word, where ZeroedMem's bit of one
  * long vector picked by a varying index is, in the simulator, a selection among its words at every read (the
  * SL-to-VL tables' 39 x 39 pairs read by each input, the drop counters' 39 x 32 written by each port:
  * docs/design.md, "Issue 12, seventh session"). Site k writes with `write(row, col, d, k)`, under the caller's
  * `when`; two sites may write two entries in one cycle. */
class ZeroedRows[T <: Data](gen: T, rows: Int, cols: Int, writers: Int = 1) {
  require(rows >= 1 && cols >= 1 && cols <= 64, s"ZeroedRows: at least one row of 1..64 columns, got $rows x $cols")
  require(writers >= 1, s"ZeroedRows: at least one write site, got $writers")
  private val rowBits = log2Ceil(rows).max(1)
  private val mem = Mem(rows * cols, gen)
  private val written = Seq.fill(writers)(RegInit(VecInit(Seq.fill(rows)(0.U(cols.W)))))
  private def index(row: UInt, col: UInt): UInt =
    (row.pad(rowBits) * cols.U + col)(log2Ceil(rows * cols).max(1) - 1, 0)
  private def entry(row: UInt, col: UInt, words: Seq[UInt]): T =
    Mux(words.map(w => (w >> col)(0)).reduce(_ || _), mem.read(index(row, col)), 0.U.asTypeOf(gen))
  /** Entry (row, col) of a row fixed at elaboration. */
  def read(row: Int, col: UInt): T = entry(row.U(rowBits.W), col, written.map(_(row)))
  /** Entry (row, col) of any row. */
  def read(row: UInt, col: UInt): T = entry(row, col, written.map(w => if (rows == 1) w(0) else w(row)))
  private def site(k: Int): Vec[UInt] = {
    require(k >= 0 && k < writers, s"ZeroedRows: write site $k of $writers")
    written(k)
  }
  /** Writes entry (row, col) of a row fixed at elaboration, at site `k`. */
  def write(row: Int, col: UInt, d: T, k: Int): Unit = {
    mem.write(index(row.U(rowBits.W), col), d)
    site(k)(row) := site(k)(row) | UIntToOH(col, cols)
  }
  /** Writes entry (row, col) of any row, at site `k`. */
  def write(row: UInt, col: UInt, d: T, k: Int = 0): Unit = {
    mem.write(index(row, col), d)
    val w = site(k)
    if (rows == 1) w(0) := w(0) | UIntToOH(col, cols) else w(row) := w(row) | UIntToOH(col, cols)
  }
}
