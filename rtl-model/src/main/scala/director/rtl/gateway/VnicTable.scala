package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.{DirectorParams, PortKind}

/** One vNIC (docs/gateway.md, "vNIC table"). */
class VnicEntry extends NamedBundle {
  val valid = Bool()
  val mac = UInt(48.W)
  /** Allowed VLANs: slot k valid and its VID (0 = untagged frames). */
  val vlanValid = Vec(VnicEntry.vlanSlots, Bool())
  val vlanVid = Vec(VnicEntry.vlanSlots, UInt(12.W))
  val hostPort = UInt(8.W)
  val modulePort = UInt(8.W)
  val sl = UInt(4.W)
  val dlid = UInt(16.W)
  /** The host's QP, destination of LAN -> server packets. */
  val qp = UInt(24.W)

  def allows(vid: UInt): Bool = (0 until VnicEntry.vlanSlots).map(k => vlanValid(k) && vlanVid(k) === vid).reduce(_ || _)
}

object VnicEntry {
  val vlanSlots = 4
  /** CSR words of an entry (CsrMap.vnicAddr): 0 MAC + valid, 1 VLAN slots, 2 ports/SL/DLID, 3 host QP. */
  val words = 4
}

/** What a search of the vNIC table needs of an entry (10GbE classification and vNIC-to-vNIC switching): kept in
  * registers beside the table, updated when the entry is. Packed so that each question a search asks of an entry
  * is one comparison of one word (every search compares every entry every cycle): `place` is usable (valid and
  * bound to a host port), module port and MAC; `vlans` per slot its valid bit and VID. */
class VnicKey extends NamedBundle {
  val place = UInt(57.W)
  val vlans = Vec(VnicEntry.vlanSlots, UInt(13.W))

  /** Usable, with `port` as its module port. */
  def at(port: UInt): Bool = place(56, 48) === Cat(true.B, port(7, 0))
  /** Usable, with `port` as its module port and `mac` as its MAC. */
  def at(port: UInt, mac: UInt): Bool = place === Cat(true.B, port(7, 0), mac(47, 0))
  def allows(vid: UInt): Bool = vlans.map(_ === Cat(true.B, vid(11, 0))).reduce(_ || _)
}

object VnicKey {
  def apply(usable: Bool, e: VnicEntry): VnicKey = {
    val k = Wire(new VnicKey)
    k.place := Cat(usable, e.modulePort, e.mac)
    for (s <- 0 until VnicEntry.vlanSlots) k.vlans(s) := Cat(e.vlanValid(s), e.vlanVid(s))
    k
  }
}


/** The vNIC table: a memory written word by word through CSR (layout in [[VnicTable.pack]]), with a lookup port
  * per reader (`reads`) and, for the searches, every entry's [[VnicKey]]. Reset: every entry invalid. (The vNICs' policer settings are a
  * [[director.rtl.qos.RateConfigBank]] of their own.)
  *
  * An entry changes in one cycle ([[StagedTable]]: words 0..2 staged, word 3 commits). Reads show the table.
  *
  * Word 0: MAC bits 47:0, valid bit 63. Word 1: VLAN slot k in bits 16k+15..16k (bit 16k+15 valid, 16k+11..16k
  * VID). Word 2: host port 7:0, module port 15:8, SL 19:16, DLID 47:32. Word 3: host QP 23:0. Other bits read 0.
  */
class VnicTable(val p: DirectorParams, val reads: Int) extends Module with NamedModule {
  val io = IO(new BindingTableIO(new VnicEntry, new VnicKey, p.vnics, reads))
  val staged = Module(new StagedTable(new VnicEntry, new VnicKey, p.vnics, reads + 1, (e: VnicEntry) => {
    VnicKey(e.valid && VnicTable.isKind(p, e.hostPort, PortKind.Ib), e)
  }, (e: VnicEntry, word: UInt, d: UInt) => {
    switch(word) {
      is(0.U) { e.mac := d(47, 0); e.valid := d(63) }
      is(1.U) {
        for (k <- 0 until VnicEntry.vlanSlots) { e.vlanValid(k) := d(16 * k + 15); e.vlanVid(k) := d(16 * k + 11, 16 * k) }
      }
      is(2.U) { e.hostPort := d(7, 0); e.modulePort := d(15, 8); e.sl := d(19, 16); e.dlid := d(47, 32) }
      is(3.U) { e.qp := d(23, 0) }
    }
  }))
  io.readData := VecInit(VnicTable.pack(staged.serve(io)))(io.readWord)
}

object VnicTable {
  def pack(e: VnicEntry): Seq[UInt] = Seq(
    Cat(e.valid, 0.U(15.W), e.mac),
    Cat((VnicEntry.vlanSlots - 1 to 0 by -1).map(k => Cat(e.vlanValid(k), 0.U(3.W), e.vlanVid(k)))),
    Cat(0.U(16.W), e.dlid, 0.U(12.W), e.sl, e.modulePort, e.hostPort),
    Cat(0.U(40.W), e.qp))

  /** True when `port` is one of the director's ports of `kind`: a range check per run of consecutive ports of
    * that kind (host ports come first, module ports in the order of `modules`), not a comparison per port. */
  def isKind(p: DirectorParams, port: UInt, kind: PortKind): Bool = {
    val runs = kindRuns(p, kind)
    if (runs.isEmpty) false.B
    else runs.map { case (lo, hi) => if (lo == 0) port <= hi.U else port >= lo.U && port <= hi.U }.reduce(_ || _)
  }

  /** The runs (first, last) of consecutive ports of `kind`. */
  def kindRuns(p: DirectorParams, kind: PortKind): Seq[(Int, Int)] =
    (0 until p.ports).filter(p.kind(_) == kind).foldLeft(List.empty[(Int, Int)]) {
      case ((lo, hi) :: rest, j) if j == hi + 1 => (lo, j) :: rest
      case (acc, j) => (j, j) :: acc
    }.reverse
}
