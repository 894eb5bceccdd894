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

/** What a search of the vHBA table needs of an entry (FC classification), kept beside the table as one word (a
  * search compares every entry every cycle): usable (valid and bound to a host port), FC port and FC_ID. */
class VhbaKey extends NamedBundle {
  val place = UInt(33.W)

  /** Usable, with `port` as its FC port and `fcId` as its FC_ID. */
  def at(port: UInt, fcId: UInt): Bool = place === Cat(true.B, port(7, 0), fcId(23, 0))
}

object VhbaKey {
  def apply(usable: Bool, e: VhbaEntry): VhbaKey = {
    val k = Wire(new VhbaKey)
    k.place := Cat(usable, e.fcPort, e.fcId)
    k
  }
}

/** The vHBA table (CsrMap.vhbaAddr; vHBA m is the director's QP 0x800 + m): word 0 FC_ID 23:0 and valid 63, word 1
  * reserved (reads 0), word 2 host port 7:0, FC port 15:8, SL 19:16, DLID 47:32, word 3 host QP 23:0; an entry
  * changes in one cycle ([[StagedTable]]: words 0..2 staged, word 3 commits). A memory with a lookup port per reader
  * (`reads`) and every entry's [[VhbaKey]] for the searches.
  */
class VhbaTableIO(p: DirectorParams, reads: Int) extends BindingTableIO(new VhbaEntry, p.vhbas, reads) {
  /** Every entry's search key (FcClassifier). */
  val keys = Output(Vec(p.vhbas, new VhbaKey))
}

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
  /** Per entry, its search key: registers beside the table, written with the entry. */
  val keys = RegInit(VecInit(Seq.fill(p.vhbas)(0.U.asTypeOf(new VhbaKey))))
  private val c = staged.io.commit
  when(c.valid) { keys(c.bits.index) := VhbaKey(c.bits.entry.valid && VnicTable.isKind(p, c.bits.entry.hostPort, PortKind.Ib), c.bits.entry) }
  io.keys := keys
}
