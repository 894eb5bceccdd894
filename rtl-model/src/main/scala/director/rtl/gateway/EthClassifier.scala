package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.link.DropReason
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.{DirectorParams, PortKind}
import director.rtl.util.WideBits

class EthClassifierIO(val p: DirectorParams) extends NamedBundle {
  val summary = Input(new FrameSummary)
  /** The frame store's header as it will be next cycle (FrameStoreIO.hdrNext). */
  val hdrNext = Input(Vec(16, UInt(8.W)))
  /** The vNIC table's search of this port, asked a cycle ahead (the destination MAC of the frame in the store's
    * header next cycle, and its VLAN as a valid lane in each of the four slots: `VnicTable.vlanLanes`), answered in
    * `answer` in the next cycle, and a lookup port for the entry found. */
  val macNext = Output(UInt(48.W))
  val vlansNext = Output(UInt((16 * VnicEntry.vlanSlots).W))
  val answer = Input(new VnicAnswer(p.vnics))
  val vnic = new TableRead(new VnicEntry, p.vnics)
  val verdict = Output(new FrameVerdict(p))
}

/** A 10GbE port's decision on a stored frame (docs/gateway.md, "LAN -> server"), in this order: eth_runt,
  * eth_oversize, bad_fcs, unknown_mac: a unicast frame goes to the lowest-numbered valid vNIC with its
  * destination MAC, its VLAN allowed and this port as its module port, bound to a host port; a group frame
  * (broadcast or multicast, destination bit 0 set) to every valid vNIC with its VLAN allowed and this port as its
  * module port, bound to a host port (unknown when there is none). The vNIC table answers which vNICs those are
  * (VnicTable's search port of this 10GbE port).
  */
class EthClassifier(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new EthClassifierIO(p))
  val s = io.summary
  val group = s.hdr(0)(0)
  /** The search's questions for the next cycle, from the store's header as it will be then: the table keeps them in
    * a small memory, as registers would hold them (its answer in a cycle is for the header of that cycle, reset
    * included), and each entry reads its port's with one load (docs/design.md, "Issue 12, sixth session"). The VID
    * is 0 for an untagged frame. */
  private def vidOf(h: Seq[UInt]): UInt = Mux(Cat(h(12), h(13)) === "h8100".U, Cat(h(14)(3, 0), h(15)), 0.U(12.W))
  io.macNext := Cat(io.hdrNext.take(6))
  io.vlansNext := VnicTable.vlanLanes(vidOf(io.hdrNext))
  val matches = io.answer.matches
  val members = Mux(group, io.answer.onVlan, 0.U)
  val hit = Mux(group, members.orR, matches.orR)
  /** The lowest-numbered match (word by word: the vector is `vnics` bits wide). */
  val idx = WideBits.lowest(matches)._1
  io.vnic.index := idx
  val entry = io.vnic.entry
  io.verdict.reason := PriorityMux(Seq(
    (s.len < 64.U) -> DropReason.EthRunt.U(DropReason.width.W),
    (s.len > p.ethMaxFrameBytes.U) -> DropReason.EthOversize.U,
    !s.crcOk -> DropReason.BadFcs.U,
    !hit -> DropReason.UnknownMac.U,
    true.B -> DropReason.None.U))
  io.verdict.bound.set(idx, entry.hostPort, entry.dlid, entry.qp, entry.sl)
  io.verdict.members := members
}
