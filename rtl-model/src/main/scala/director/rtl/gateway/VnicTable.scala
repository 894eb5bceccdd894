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

/** A 10GbE port's questions to the vNIC table, asked every cycle: the classifier's (the destination MAC and VLAN of
  * the frame it decides) and the local switch's (the destination MAC of the frame leaving the port). */
class VnicProbe extends NamedBundle {
  /** The classifier's question one cycle ahead (answered in the next cycle): the destination MAC of the frame it
    * will decide, and its VLAN (VID 0 when untagged) as a valid lane in each slot (`VnicTable.vlanLanes`). */
  val macNext = UInt(48.W)
  val vlansNext = UInt((16 * VnicEntry.vlanSlots).W)
  /** The local switch's question, answered in the same cycle. */
  val localMac = UInt(48.W)
}

/** The table's answers to a 10GbE port's [[VnicProbe]] (`matches` and `onVlan` to the classifier's question asked in
  * the cycle before, `local` to this cycle's); a vNIC counts only when usable (valid and bound to a host port) with
  * this port as its module port. */
class VnicAnswer(val n: Int) extends NamedBundle {
  /** Bit k: vNIC k has the probe's MAC and allows its VLAN. */
  val matches = UInt(n.W)
  /** Bit k: vNIC k allows the probe's VLAN (a group frame's members). */
  val onVlan = UInt(n.W)
  /** Some vNIC has the probe's `localMac`. */
  val local = Bool()
}

class VnicSearchPort(val n: Int) extends NamedBundle {
  val probe = Input(new VnicProbe)
  val answer = Output(new VnicAnswer(n))
}

class VnicTableIO(p: DirectorParams, reads: Int) extends BindingTableIO(new VnicEntry, p.vnics, reads) {
  /** One search port per 10GbE port, in the order of `p.ethPorts`. */
  val search = Vec(p.ethPorts.size, new VnicSearchPort(p.vnics))
}

/** The vNIC table: a memory written word by word through CSR (layout in [[VnicTable.pack]]), with a lookup port
  * per reader (`reads`) and a search port per 10GbE port (`search`). Reset: every entry invalid. (The vNICs' policer
  * settings are a [[director.rtl.qos.RateConfigBank]] of their own.)
  *
  * An entry changes in one cycle ([[StagedTable]]: words 0..2 staged, word 3 commits). Reads show the table.
  *
  * Word 0: MAC bits 47:0, valid bit 63. Word 1: VLAN slot k in bits 16k+15..16k (bit 16k+15 valid, 16k+11..16k
  * VID). Word 2: host port 7:0, module port 15:8, SL 19:16, DLID 47:32. Word 3: host QP 23:0. Other bits read 0.
  *
  * The searches ([[PortSearch]]): a vNIC can match only at its own module port, so each entry is compared once a
  * cycle, with the probe of its 10GbE port (its MAC and VLANs kept in small memories written with the entry), and a
  * port's answer is those comparisons masked by the vNICs usable at that port. Before, every port's classifier and
  * local switch compared every entry's key registers (10 x 120 x 2 comparisons a cycle at vp780, and a
  * compare-and-branch per key register per cycle for the CSR write): docs/design.md, "Issue 12, sixth session".
  */
class VnicTable(val p: DirectorParams, val reads: Int) extends Module with NamedModule {
  val io = IO(new VnicTableIO(p, reads))
  val staged = Module(new StagedTable(new VnicEntry, p.vnics, reads + 1, (e: VnicEntry, word: UInt, d: UInt) => {
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

  // ---- the searches ----
  private val n = p.vnics
  val search = new PortSearch("vnic", p.ethPorts, n)
  val searchMac = Mem(n, UInt(48.W))
  /** Per entry its VLAN slots as one word, a 16-bit lane each: its valid bit and VID (`VnicTable.vlanLane`). */
  val searchVlans = Mem(n, UInt((16 * VnicEntry.vlanSlots).W))
  private val c = staged.io.commit
  when(c.valid) {
    val e = c.bits.entry
    searchMac.write(c.bits.index, e.mac)
    searchVlans.write(c.bits.index, Cat((0 until VnicEntry.vlanSlots).reverse.map(k => VnicTable.vlanLane(e.vlanValid(k), e.vlanVid(k)))))
    search.commit(c.bits.index, e.modulePort, e.valid && VnicTable.isKind(p, e.hostPort, PortKind.Ib))
  }
  if (p.ethPorts.nonEmpty) {
    // the classifiers' questions, asked a cycle ahead, read by each entry from a small memory; the local switches'
    // selected by the entry's port; the VLAN as a valid lane in every slot, so that "does a slot equal it" is one
    // word's test (a lane of the XOR is zero)
    val macs = search.askedAhead(io.search.map(_.probe.macNext), 0.U(48.W), "Mac")
    val vlanWords = search.askedAhead(io.search.map(_.probe.vlansNext), VnicTable.vlanLanes(0.U(12.W)), "Vlans")
    val localMacs = search.probes(io.search.map(_.probe.localMac))
    val macHit = Wire(Vec(n, Bool()))
    val vlanOk = Wire(Vec(n, Bool()))
    val localHit = Wire(Vec(n, Bool()))
    for (k <- 0 until n) {
      val slot = search.slot(k)
      val mac = searchMac(k.U)
      macHit(k) := mac === macs(slot)
      vlanOk(k) := VnicTable.hasZeroLane(searchVlans(k.U) ^ vlanWords(slot))
      localHit(k) := mac === search.probeOf(localMacs, slot)
    }
    val matchBits = VecInit(macHit.zip(vlanOk).map { case (m, v) => m && v }).asUInt
    for (j <- p.ethPorts.indices) {
      val a = io.search(j).answer
      a.matches := search.answer(j, matchBits)
      a.onVlan := search.answer(j, vlanOk.asUInt)
      a.local := search.answer(j, localHit.asUInt).orR
    }
  }
}

object VnicTable {
  /** A VLAN slot as the searches hold it: 16 bits, the valid bit at 12 and the VID below (the top 3 bits zero). */
  def vlanLane(valid: Bool, vid: UInt): UInt = Cat(0.U(3.W), valid, vid(11, 0))

  /** A frame's VID as the searches ask it: a valid lane with the VID in every slot. */
  def vlanLanes(vid: UInt): UInt = Fill(VnicEntry.vlanSlots, vlanLane(true.B, vid))

  /** Some 16-bit lane of `x` is zero (x's lanes have their top bit clear): the word-at-a-time test of
    * (x - 0x0001..0001) & ~x & 0x8000..8000, exact for "any lane is zero". */
  def hasZeroLane(x: UInt): Bool = {
    val lanes = x.getWidth / 16
    require(x.getWidth == 16 * lanes && lanes >= 1, s"hasZeroLane: a multiple of 16 bits, got ${x.getWidth}")
    val ones = (0 until lanes).map(k => BigInt(1) << (16 * k)).sum
    ((x - ones.U) & ~x & (ones << 15).U).orR
  }

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
