package director.rtl.stream

import chisel3._
import chisel3.util._
import director.rtl.naming.NamedBundle

/** One beat of a packet: the single stream shape of every port and every internal hop, always carried in a
  * `Decoupled` (valid/ready) wrapper.
  *
  * Byte order: byte 0 of the beat (the first on the wire) sits in the most significant byte of `data`, so a
  * big-endian header field reads straight out of the bit vector. `bytes` is the number of valid bytes
  * (1..beatBytes) and is beatBytes on every beat but the last. A packet is `sop` ... `eop`; a one-beat packet
  * carries both.
  */
class PacketBeat(val beatBytes: Int) extends NamedBundle {
  val data  = UInt((beatBytes * 8).W)
  val sop   = Bool()
  val eop   = Bool()
  val bytes = UInt(PacketBeat.bytesWidth(beatBytes).W)

  /** Big-endian field at byte offset `byteOff` (within this beat), `nBytes` long. */
  def field(byteOff: Int, nBytes: Int): UInt = {
    require(byteOff >= 0 && byteOff + nBytes <= beatBytes, s"field $byteOff+$nBytes outside a $beatBytes-byte beat")
    val hi = beatBytes * 8 - 1 - byteOff * 8
    data(hi, hi - nBytes * 8 + 1)
  }
}

object PacketBeat {
  def bytesWidth(beatBytes: Int): Int = log2Ceil(beatBytes + 1)
  def apply(beatBytes: Int): PacketBeat = new PacketBeat(beatBytes)
}
