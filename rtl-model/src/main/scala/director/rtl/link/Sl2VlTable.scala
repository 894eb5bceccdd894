package director.rtl.link

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.util.ZeroedRows

class Sl2VlWrite(val p: DirectorParams) extends NamedBundle {
  val in  = UInt(p.portBits.W)
  val out = UInt(p.portBits.W)
  /** VL for SL s in bits 4s+3 .. 4s. */
  val table = UInt(64.W)
}

class Sl2VlLookup(val p: DirectorParams) extends NamedBundle {
  val out = Input(UInt(p.portBits.W))
  val sl = Input(UInt(4.W))
  val vl = Output(UInt(4.W))
}

class Sl2VlTableIO(val p: DirectorParams) extends NamedBundle {
  /** One lookup per input port, lookup(i) for input i (at ingress, with the output from the forwarding table). */
  val lookup = Vec(p.ports, new Sl2VlLookup(p))
  val write = Input(Valid(new Sl2VlWrite(p)))
  val readIn = Input(UInt(p.portBits.W))
  val readOut = Input(UInt(p.portBits.W))
  val readData = Output(UInt(64.W))
}

/** The SL-to-VL tables of a switch, one per (input port, output port) pair (IBTA: 16 entries of 4 bits), each
  * written whole through the CSR bus. A pair never written maps every SL to VL0.
  *
  * The tables are a memory whose written bits are a word per input ([[ZeroedRows]]), so that an input's lookup tests
  * one bit of its own word: a bit of one 1,521-bit vector picked by the pair's index was, in the simulator, a
  * selection among its 24 words at every input every cycle (docs/design.md, "Issue 12, seventh session").
  */
class Sl2VlTable(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new Sl2VlTableIO(p))

  /** Row in, column out: the pair's table, 0 (every SL on VL0) until written. */
  val tables = new ZeroedRows(UInt(64.W), p.ports, p.ports)

  when(io.write.valid) { tables.write(io.write.bits.in, io.write.bits.out, io.write.bits.table) }
  for ((l, in) <- io.lookup.zipWithIndex) l.vl := (tables.read(in, l.out) >> (l.sl << 2))(3, 0)
  io.readData := tables.read(io.readIn, io.readOut)
}
