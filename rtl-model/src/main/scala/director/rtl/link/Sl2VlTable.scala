package director.rtl.link

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.util.WordBits

class Sl2VlWrite(val p: DirectorParams) extends NamedBundle {
  val in  = UInt(p.portBits.W)
  val out = UInt(p.portBits.W)
  /** VL for SL s in bits 4s+3 .. 4s. */
  val table = UInt(64.W)
}

class Sl2VlLookup(val p: DirectorParams) extends NamedBundle {
  val in = Input(UInt(p.portBits.W))
  val out = Input(UInt(p.portBits.W))
  val sl = Input(UInt(4.W))
  val vl = Output(UInt(4.W))
}

class Sl2VlTableIO(val p: DirectorParams) extends NamedBundle {
  /** One lookup per input port (at ingress, with the output from the forwarding table). */
  val lookup = Vec(p.ports, new Sl2VlLookup(p))
  val write = Input(Valid(new Sl2VlWrite(p)))
  val readIn = Input(UInt(p.portBits.W))
  val readOut = Input(UInt(p.portBits.W))
  val readData = Output(UInt(64.W))
}

/** The SL-to-VL tables of a switch, one per (input port, output port) pair (IBTA: 16 entries of 4 bits), each
  * written whole through the CSR bus. A pair never written maps every SL to VL0.
  */
class Sl2VlTable(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new Sl2VlTableIO(p))
  private val pairs = p.ports * p.ports
  private def index(in: UInt, out: UInt): UInt = (in * p.ports.U + out)(log2Ceil(pairs) - 1, 0)

  val tables = Mem(pairs, UInt(64.W))
  /** Bit (in*ports + out): that pair's table was written. */
  val written = new WordBits(pairs)

  when(io.write.valid) {
    val i = index(io.write.bits.in, io.write.bits.out)
    tables.write(i, io.write.bits.table)
    written.set(i)
  }
  for (l <- io.lookup) {
    val i = index(l.in, l.out)
    val t = Mux(written(i), tables.read(i), 0.U)
    l.vl := (t >> (l.sl << 2))(3, 0)
  }
  val ri = index(io.readIn, io.readOut)
  io.readData := Mux(written(ri), tables.read(ri), 0.U)
}
