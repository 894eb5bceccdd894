package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.{DirectorParams, PortKind}

/** One vHBA (docs/gateway.md, "vHBA table"). */
class VhbaEntry extends NamedBundle {
  val valid = Bool()
  /** Its FC address (FC_ID): frames from the SAN with this D_ID are for it. */
  val fcId = UInt(24.W)
  val hostPort = UInt(8.W)
  val fcPort = UInt(8.W)
  val sl = UInt(4.W)
  val dlid = UInt(16.W)
  /** The host's QP, destination of SAN -> server packets. */
  val qp = UInt(24.W)
}

/** An FC port's search of the vHBA table, every cycle: the D_ID of the frame its classifier decides, asked a cycle
  * ahead; the answer, bit k: vHBA k is usable (valid, bound to a host port) at this FC port with that FC_ID. */
class VhbaSearchPort(val n: Int) extends NamedBundle {
  /** The D_ID one cycle ahead: `matches` answers it in the next cycle. */
  val fcIdNext = Input(UInt(24.W))
  val matches = Output(UInt(n.W))
}

class VhbaTableIO(p: DirectorParams, reads: Int) extends BindingTableIO(new VhbaEntry, p.vhbas, reads) {
  /** One search port per FC port, in the order of `p.fcPorts`. */
  val search = Vec(p.fcPorts.size, new VhbaSearchPort(p.vhbas))
}

/** The vHBA table (CsrMap.vhbaAddr; vHBA m is the director's QP 0x800 + m): word 0 FC_ID 23:0 and valid 63, word 1
  * reserved (reads 0), word 2 host port 7:0, FC port 15:8, SL 19:16, DLID 47:32, word 3 host QP 23:0; an entry
  * changes in one cycle ([[StagedTable]]: words 0..2 staged, word 3 commits). A memory with a lookup port per reader
  * (`reads`) and a search port per FC port (`search`, [[PortSearch]]).
  */
class VhbaTable(val p: DirectorParams, val reads: Int) extends Module with NamedModule {
  val io = IO(new VhbaTableIO(p, reads))
  val staged = Module(new StagedTable(new VhbaEntry, p.vhbas, reads + 1, (e: VhbaEntry, word: UInt, d: UInt) => {
    switch(word) {
      is(0.U) { e.fcId := d(23, 0); e.valid := d(63) }
      is(2.U) { e.hostPort := d(7, 0); e.fcPort := d(15, 8); e.sl := d(19, 16); e.dlid := d(47, 32) }
      is(3.U) { e.qp := d(23, 0) }
    }
  }))
  val r = staged.serve(io)
  io.readData := VecInit(Seq(Cat(r.valid, 0.U(39.W), r.fcId), 0.U(64.W),
    Cat(0.U(16.W), r.dlid, 0.U(12.W), r.sl, r.fcPort, r.hostPort), Cat(0.U(40.W), r.qp)))(io.readWord)

  // ---- the searches (PortSearch: each entry against the probe of its own FC port) ----
  private val n = p.vhbas
  val search = new PortSearch("vhba", p.fcPorts, n)
  val searchId = Mem(n, UInt(24.W))
  private val c = staged.io.commit
  when(c.valid) {
    searchId.write(c.bits.index, c.bits.entry.fcId)
    search.commit(c.bits.index, c.bits.entry.fcPort, c.bits.entry.valid && VnicTable.isKind(p, c.bits.entry.hostPort, PortKind.Ib))
  }
  if (p.fcPorts.nonEmpty) {
    val ids = search.askedAhead(io.search.map(_.fcIdNext), 0.U(24.W), "Id")
    val hits = VecInit((0 until n).map(k => searchId(k.U) === ids(search.slot(k)))).asUInt
    for (j <- p.fcPorts.indices) io.search(j).matches := search.answer(j, hits)
  }
}
