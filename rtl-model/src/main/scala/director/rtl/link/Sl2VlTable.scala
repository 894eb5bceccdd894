package director.rtl.link

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.util.ZeroedMem

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

  /** Per (in*ports + out) pair its table, 0 (every SL on VL0) until written. */
  val tables = new ZeroedMem(UInt(64.W), pairs)

  when(io.write.valid) {
    val i = index(io.write.bits.in, io.write.bits.out)
    tables.write(i, io.write.bits.table)
  }
  for (l <- io.lookup) {
    val i = index(l.in, l.out)
    l.vl := (tables.read(i) >> (l.sl << 2))(3, 0)
  }
  val ri = index(io.readIn, io.readOut)
  io.readData := tables.read(ri)
}
