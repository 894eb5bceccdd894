package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.link.DropReason
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.{DirectorParams, PortKind}
import director.rtl.util.WideBits

class FcClassifierIO(val p: DirectorParams) extends NamedBundle {
  val summary = Input(new FrameSummary)
  /** The frame store's header as it will be next cycle (FrameStoreIO.hdrNext). */
  val hdrNext = Input(Vec(16, UInt(8.W)))
  /** The vHBA table's search of this FC port, asked a cycle ahead (the D_ID in the store's header next cycle; the
    * vHBAs with it in `matches` then), and a lookup port for the entry found. */
  val dIdNext = Output(UInt(24.W))
  val matches = Input(UInt(p.vhbas.W))
  val vhba = new TableRead(new VhbaEntry, p.vhbas)
  val verdict = Output(new FrameVerdict(p))
}

object FcClassifier {
  /** SOF and EOF codes (encapsulation.md). */
  val sofCodes: Seq[Int] = Seq(0x28, 0x29, 0x2D, 0x2E, 0x31, 0x35, 0x36, 0x39)
  val eofCodes: Seq[Int] = Seq(0x41, 0x42, 0x44, 0x46, 0x49, 0x4E, 0x4F, 0x50)
  /** An FC frame: 24-byte header and at most 2112 bytes of payload; on the port stream 6 bytes more. */
  val minPortBytes = 1 + 24 + 4 + 1
  val maxPortBytes = 1 + 24 + 2112 + 4 + 1

  def isSof(b: UInt): Bool = sofCodes.map(b === _.U).reduce(_ || _)
  def isEof(b: UInt): Bool = eofCodes.map(b === _.U).reduce(_ || _)
}

/** An FC port's decision on a stored frame (`SOF code | header | payload | CRC | EOF code`; docs/gateway.md,
  * "SAN -> server"), in this order: fc_runt (shorter than 30 bytes), fc_oversize (payload over 2112), fc_misaligned
  * (header and payload not a multiple of 4), bad_sof, bad_eof, bad_fc_crc, unknown_did (the lowest-numbered valid
  * vHBA with the frame's D_ID as its FC_ID and this port as its FC port, bound to a host port: VhbaTable's search port
  * of this FC port).
  */
class FcClassifier(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new FcClassifierIO(p))
  import FcClassifier._
  val s = io.summary
  /** The search's question for the next cycle, from the store's header as it will be then (as EthClassifier's). */
  io.dIdNext := Cat(io.hdrNext(2), io.hdrNext(3), io.hdrNext(4))
  val matches = io.matches
  /** The lowest-numbered match (word by word: the vector is `vhbas` bits wide). */
  val idx = WideBits.lowest(matches)._1
  io.vhba.index := idx
  val entry = io.vhba.entry
  io.verdict.reason := PriorityMux(Seq(
    (s.len < minPortBytes.U) -> DropReason.FcRunt.U(DropReason.width.W),
    (s.len > maxPortBytes.U) -> DropReason.FcOversize.U,
    (s.len(1, 0) =/= 2.U) -> DropReason.FcMisaligned.U,
    !isSof(s.hdr(0)) -> DropReason.BadSof.U,
    !isEof(s.lastByte) -> DropReason.BadEof.U,
    !s.crcOk -> DropReason.BadFcCrc.U,
    !matches.orR -> DropReason.UnknownDid.U,
    true.B -> DropReason.None.U))
  io.verdict.bound.set(idx, entry.hostPort, entry.dlid, entry.qp, entry.sl)
  io.verdict.members := 0.U
}
