package director.rtl.sched

import chisel3._
import chisel3.util._

/** Round-robin pick: the one-hot of the first set bit of `req` at or after position `ptr`, wrapping around;
  * zero when `req` is zero.
  */
object RoundRobin {
  def lowestOneHot(x: UInt): UInt = x & (~x + 1.U)

  def apply(req: UInt, ptr: UInt): UInt = {
    val n = req.getWidth
    val atOrAbove = req & ~((1.U << ptr) - 1.U)(n - 1, 0)
    Mux(atOrAbove.orR, lowestOneHot(atOrAbove), lowestOneHot(req))(n - 1, 0)
  }
}
