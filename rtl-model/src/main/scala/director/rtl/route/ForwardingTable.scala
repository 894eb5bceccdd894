package director.rtl.route

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams

/** One lookup: a DLID in, the output port out (combinational). */
class LookupPort(val p: DirectorParams) extends NamedBundle {
  val dlid = Input(UInt(16.W))
  val hit  = Output(Bool())
  val port = Output(UInt(p.portBits.W))
}

/** The linear forwarding table DLID -> output port, one entry per routable LID, shared by every input
  * (one read port each) and written through the CSR bus. After reset the table clears itself, one entry a
  * cycle; `ready` rises when that is done (inputs hold their packets until then).
  */
class ForwardingTable(val p: DirectorParams) extends Module with NamedModule {
  private val idxBits = ForwardingTable.indexBits(p)
  val io = IO(new ForwardingTableIO(p))

  // entry = valid ## port
  val table = Mem(p.lidTableSize, UInt((p.portBits + 1).W))
  val clearIdx = RegInit(0.U((idxBits + 1).W))
  val clearing = clearIdx =/= p.lidTableSize.U
  io.ready := !clearing

  when(clearing) {
    table.write(clearIdx(idxBits - 1, 0), 0.U)
    clearIdx := clearIdx + 1.U
  }.elsewhen(io.csrWrite.valid) {
    table.write(io.csrWrite.bits.index, Cat(io.csrWrite.bits.valid, io.csrWrite.bits.port))
  }

  for ((l, i) <- io.lookup.zipWithIndex) {
    val inRange = (l.dlid >> idxBits) === 0.U
    val entry = table.read(l.dlid(idxBits - 1, 0))
    l.hit := inRange && entry(p.portBits) && entry(p.portBits - 1, 0) < p.ports.U
    l.port := entry(p.portBits - 1, 0)
  }
  val readEntry = table.read(io.csrReadIdx)
  io.csrReadData := Cat(readEntry(p.portBits), 0.U((15 - p.portBits).W), readEntry(p.portBits - 1, 0))
}

class ForwardingTableIO(val p: DirectorParams) extends NamedBundle {
  val lookup      = Vec(p.ports, new LookupPort(p))
  val csrWrite    = Input(Valid(new TableWrite(ForwardingTable.indexBits(p), p.portBits)))
  val csrReadIdx  = Input(UInt(ForwardingTable.indexBits(p).W))
  val csrReadData = Output(UInt(16.W))
  val ready       = Output(Bool())
}

object ForwardingTable {
  def indexBits(p: DirectorParams): Int = log2Ceil(p.lidTableSize)
}

class TableWrite(val idxBits: Int, val portBits: Int) extends NamedBundle {
  val index = UInt(idxBits.W)
  val valid = Bool()
  val port  = UInt(portBits.W)
}
