package director.rtl.link

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}

/** A reflected CRC advanced one byte at a time: the register shifted by a byte, XORed with the entry of a
  * 256-entry table of constants that the byte leaving it selects (the classic table CRC; synthesis makes the table
  * XORs of constants). The table is a module of its own ([[CrcTable]]): its index is then a named signal,
  * which Verilator makes a constant array (one look-up and two XORs per byte); an unnamed index made the table a
  * tree of 255 comparisons, and 8 gated XORs of constants per byte (the earlier form) cost the simulator several
  * times the look-up.
  */
class ByteCrc(val width: Int, val polyReflected: BigInt) {
  private val mask = (BigInt(1) << width) - 1

  /** The software reference: one byte into a register. */
  def stepSoftware(reg: BigInt, byte: Int): BigInt = {
    var c = (reg ^ byte) & mask
    for (_ <- 0 until 8) c = if (c.testBit(0)) (c >> 1) ^ polyReflected else c >> 1
    c & mask
  }

  /** The 256 table entries: the register change of each byte value leaving it. */
  val table: Seq[BigInt] = (0 until 256).map(b => stepSoftware(0, b))

  def step(reg: UInt, byte: UInt): UInt = {
    val rom = Module(new CrcTable(this))
    rom.io.index := reg(7, 0) ^ byte
    (reg >> 8) ^ rom.io.entry
  }

  /** The register left after a message followed by its own CRC, stored little-endian: the same for every message. */
  def residue(init: BigInt, xorOut: BigInt): BigInt = {
    val msg = "residue".getBytes.map(_ & 0xff)
    val crc = msg.foldLeft(init)((r, b) => stepSoftware(r, b)) ^ xorOut
    val bytes = (0 until width / 8).map(k => ((crc >> (8 * k)) & 0xff).toInt)
    (msg ++ bytes).foldLeft(init)((r, b) => stepSoftware(r, b))
  }
}

class CrcTableIO(val crcBits: Int) extends NamedBundle {
  val index = Input(UInt(8.W))
  val entry = Output(UInt(crcBits.W))
}

/** One CRC's byte table as a module of its own: the SystemVerilog holds each table once, not at every step. */
class CrcTable(crc: ByteCrc) extends RawModule with NamedModule {
  override def desiredName = s"CrcTable${crc.width}"
  val io = IO(new CrcTableIO(crc.width))
  io.entry := VecInit(crc.table.map(_.U(crc.width.W)))(io.index)
}

object ByteCrc {
  val icrc = new ByteCrc(32, BigInt("EDB88320", 16))
  val vcrc = new ByteCrc(16, BigInt("D008", 16))
}
