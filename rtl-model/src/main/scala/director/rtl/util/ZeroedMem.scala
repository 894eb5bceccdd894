package director.rtl.util

import chisel3._

/** Entries in a memory that read all zero until first written (a bit per entry says written): a table's reset
  * state without a reset sweep. Used inside one module; one write site. */
class ZeroedMem[T <: Data](gen: T, n: Int) {
  private val mem = Mem(n, gen)
  private val written = new WordBits(n)
  def read(i: UInt): T = Mux(written(i), mem.read(i), 0.U.asTypeOf(gen))
  def write(i: UInt, d: T): Unit = {
    mem.write(i, d)
    written.set(i)
  }
}
