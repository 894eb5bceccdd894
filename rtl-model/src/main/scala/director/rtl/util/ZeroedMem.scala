package director.rtl.util

import chisel3._

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
