package director.rtl.link

import chisel3._
import chisel3.util._
import director.rtl.params.DirectorParams

/** The lanes of a port inside the switch: the data VLs as they are, VL15 as lane `dataVls` (docs/virtual-lanes.md),
  * and the credit size of a packet.
  */
object Lanes {
  /** The lane of a VL the port has (a data VL or 15). */
  def laneOf(p: DirectorParams, vl: UInt): UInt = Mux(vl === 15.U, p.dataVls.U(4.W), vl)

  /** The lane of VL `vl` (0..15), or None when the port does not have that VL. */
  def laneOf(p: DirectorParams, vl: Int): Option[Int] =
    if (vl < p.dataVls) Some(vl) else if (vl == 15) Some(p.dataVls) else None

  /** Credit blocks of a packet of `bytes` bytes: ceil(bytes / blockBytes). */
  def blocks(p: DirectorParams, bytes: UInt): UInt = (bytes +& (p.blockBytes - 1).U) >> log2Ceil(p.blockBytes)
}
