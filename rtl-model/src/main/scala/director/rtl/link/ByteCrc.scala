package director.rtl.link

import chisel3._
import chisel3.util._

/** A reflected CRC advanced one byte at a time, the byte table built from its 8 single-bit rows so that the
  * hardware is 8 gated XORs of constants per byte (and fast to simulate).
  */
class ByteCrc(val width: Int, val polyReflected: BigInt) {
  private val mask = (BigInt(1) << width) - 1

  /** The software reference: one byte into a register. */
  def stepSoftware(reg: BigInt, byte: Int): BigInt = {
    var c = (reg ^ byte) & mask
    for (_ <- 0 until 8) c = if (c.testBit(0)) (c >> 1) ^ polyReflected else c >> 1
    c & mask
  }

  private val rows: Seq[BigInt] = (0 until 8).map(i => stepSoftware(0, 1 << i))

  def step(reg: UInt, byte: UInt): UInt = {
    val x = (reg(7, 0) ^ byte)
    val t = (0 until 8).map(i => Mux(x(i), rows(i).U(width.W), 0.U(width.W))).reduce(_ ^ _)
    (reg >> 8) ^ t
  }

  /** The same step by a table of the 256 byte values. The index is kept a named wire so that Verilator makes the
    * table a constant array (one look-up and two XORs), not a tree of 255 comparisons.
    */
  def stepByTable(reg: UInt, byte: UInt): UInt = {
    val table = VecInit((0 until 256).map(b => stepSoftware(0, b).U(width.W)))
    val index = dontTouch(WireInit(reg(7, 0) ^ byte))
    (reg >> 8) ^ table(index)
  }

  /** The register left after a message followed by its own CRC, stored little-endian: the same for every message. */
  def residue(init: BigInt, xorOut: BigInt): BigInt = {
    val msg = "residue".getBytes.map(_ & 0xff)
    val crc = msg.foldLeft(init)((r, b) => stepSoftware(r, b)) ^ xorOut
    val bytes = (0 until width / 8).map(k => ((crc >> (8 * k)) & 0xff).toInt)
    (msg ++ bytes).foldLeft(init)((r, b) => stepSoftware(r, b))
  }
}

object ByteCrc {
  val icrc = new ByteCrc(32, BigInt("EDB88320", 16))
  val vcrc = new ByteCrc(16, BigInt("D008", 16))
}
