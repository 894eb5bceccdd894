package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.link.DropReason
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.{DirectorParams, PortKind}
import director.rtl.util.WideBits

class EthClassifierIO(val p: DirectorParams) extends NamedBundle {
  val summary = Input(new FrameSummary)
  /** The vNIC table's search of this port (the frame's destination MAC and VLAN; the answer in the same cycle), and
    * a lookup port for the entry found. */
  val mac = Output(UInt(48.W))
  val vid = Output(UInt(12.W))
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
  val dstMac = Cat(s.hdr.take(6))
  val tagged = Cat(s.hdr(12), s.hdr(13)) === "h8100".U
  val vid = Mux(tagged, Cat(s.hdr(14)(3, 0), s.hdr(15)), 0.U(12.W))
  val group = s.hdr(0)(0)
  io.mac := dstMac
  io.vid := vid
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
