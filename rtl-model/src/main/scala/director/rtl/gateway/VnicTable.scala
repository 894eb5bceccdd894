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
  val mac = UInt(48.W)
  val vid = UInt(12.W)
  val localMac = UInt(48.W)
}

/** The table's answers to a 10GbE port's [[VnicProbe]], in the same cycle; a vNIC counts only when usable (valid and
  * bound to a host port) with this port as its module port. */
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
  * The searches: a vNIC can match only at its own module port, so each entry is compared once a cycle, with the
  * probe of its 10GbE port (its `slot`, kept beside its MAC and VLANs in small memories written with the entry), and
  * a port's answer is those comparisons masked by `atPort`: one register of a bit per vNIC per 10GbE port, set where
  * the vNIC is usable at that port (zero after reset, so an entry never written matches nothing). Before, every
  * port's classifier and local switch compared every entry's key registers (10 x 120 x 2 comparisons a cycle at
  * vp780, and a compare-and-branch per key register per cycle for the CSR write): docs/design.md, "Issue 12, sixth
  * session".
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
  private val eth = p.ethPorts
  /** A 10GbE port's index in `p.ethPorts` (its search port); `eth.size` for any other port number. */
  private val slotBits = log2Ceil(eth.size + 1).max(1)
  private val slotOf = VecInit((0 until 256).map(q => (if (eth.contains(q)) eth.indexOf(q) else eth.size).U(slotBits.W)))
  val searchMac = Mem(n, UInt(48.W))
  /** Per entry its VLAN slots, each valid bit and VID (13 bits), one word. */
  val searchVlans = Mem(n, UInt((13 * VnicEntry.vlanSlots).W))
  val searchSlot = Mem(n, UInt(slotBits.W))
  /** Bit k of port j's word: vNIC k is usable with 10GbE port j as its module port. */
  val atPort = RegInit(VecInit(Seq.fill(eth.size.max(1))(0.U(n.W))))
  private val c = staged.io.commit
  when(c.valid) {
    val e = c.bits.entry
    val i = c.bits.index
    val slot = slotOf(e.modulePort)
    searchMac.write(i, e.mac)
    searchVlans.write(i, Cat((0 until VnicEntry.vlanSlots).reverse.map(k => Cat(e.vlanValid(k), e.vlanVid(k)))))
    searchSlot.write(i, slot)
    val usable = e.valid && VnicTable.isKind(p, e.hostPort, PortKind.Ib)
    val oh = UIntToOH(i, n)
    for (j <- eth.indices) atPort(j) := Mux(usable && slot === j.U, atPort(j) | oh, atPort(j) & ~oh)
  }
  // each entry against the probe of its own port (a slot past the ports reads a zero probe: its bits are masked)
  private val probes = VecInit(io.search.map(_.probe) ++ Seq.fill((1 << slotBits) - eth.size)(0.U.asTypeOf(new VnicProbe)))
  private val macHit = Wire(Vec(n, Bool()))
  private val vlanOk = Wire(Vec(n, Bool()))
  private val localHit = Wire(Vec(n, Bool()))
  for (k <- 0 until n) {
    val probe = probes(searchSlot(k.U))
    val mac = searchMac(k.U)
    val vlans = searchVlans(k.U)
    macHit(k) := mac === probe.mac
    vlanOk(k) := (0 until VnicEntry.vlanSlots).map(s => vlans(13 * s + 12, 13 * s) === Cat(true.B, probe.vid)).reduce(_ || _)
    localHit(k) := mac === probe.localMac
  }
  val onVlanBits = vlanOk.asUInt
  val matchBits = (VecInit(macHit.zip(vlanOk).map { case (m, v) => m && v })).asUInt
  val localBits = localHit.asUInt
  for (j <- eth.indices) {
    val a = io.search(j).answer
    a.matches := matchBits & atPort(j)
    a.onVlan := onVlanBits & atPort(j)
    a.local := (localBits & atPort(j)).orR
  }
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
