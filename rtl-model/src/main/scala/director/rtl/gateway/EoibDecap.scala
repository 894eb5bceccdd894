package director.rtl.gateway

import chisel3._
import chisel3.experimental.hierarchy.{instantiable, public}
import chisel3.util._
import director.rtl.link.ByteCrc
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.stream.PacketBeat

/** A module port's way out: the packets its egress stage sends (admitted at a host port by GatewayAdmit), and the
  * frames to the wire (Ethernet with FCS, or FC from SOF code to EOF code). */
class DecapIO(val p: DirectorParams) extends NamedBundle {
  val in = Flipped(Decoupled(new PacketBeat(p.beatBytes)))
  val out = Decoupled(new PacketBeat(p.beatBytes))
  val empty = Output(Bool())
}

/** A 10GbE port's way out (docs/gateway.md, "Server -> LAN"): the four header beats (LRH, BTH, DETH, EoIB header)
  * are dropped, the frame is passed on beat-aligned up to its last byte (length from LRH.PktLen and BTH.PadCnt),
  * the pad, ICRC and VCRC are dropped, and the FCS is appended.
  */
@instantiable
class EoibDecap(val p: DirectorParams) extends Module with NamedModule {
  require(p.beatBytes == 8, s"the gateway is built for 8-byte beats, got ${p.beatBytes}")
  @public val io = IO(new DecapIO(p))
  private val hdrBeats = 4

  val k = RegInit(0.U(12.W))       // beat of the packet
  val words = RegInit(0.U(11.W))   // LRH.PktLen
  val pad = RegInit(0.U(2.W))
  val b = io.in.bits
  val frameLen = (words << 2) - 36.U - pad
  val lastFrameBeat = (frameLen - 1.U) >> 3
  val rem = frameLen - (lastFrameBeat << 3)
  val frameBeat = k - hdrBeats.U
  val inFrame = k >= hdrBeats.U && frameBeat <= lastFrameBeat
  val isLast = k >= hdrBeats.U && frameBeat === lastFrameBeat

  val fcs = Module(new CrcAppend(p.beatBytes, ByteCrc.icrc, maskIcrc = false))
  fcs.io.in.valid := io.in.valid && inFrame
  fcs.io.in.bits.data := b.data
  fcs.io.in.bits.sop := k === hdrBeats.U
  fcs.io.in.bits.eop := isLast
  fcs.io.in.bits.bytes := Mux(isLast, rem, p.beatBytes.U)
  io.in.ready := !inFrame || fcs.io.in.ready
  io.out <> fcs.io.out
  when(io.in.fire) {
    assert(b.sop === (k === 0.U), "EoIB decapsulation: sop out of place")
    k := Mux(b.eop, 0.U, k + 1.U)
    when(k === 0.U) { words := b.field(4, 2)(10, 0) }
    when(k === 1.U) { pad := b.field(1, 1)(5, 4) }
    when(k === 3.U) { assert(b.field(4, 1)(7, 6) === 3.U, "EoIB decapsulation: a packet without the EoIB signature reached a 10GbE port") }
    when(b.eop) { assert(k >= (hdrBeats + 1).U && frameBeat >= lastFrameBeat, "EoIB decapsulation: packet shorter than its LRH.PktLen") }
  }
  io.empty := k === 0.U && !fcs.io.out.valid
}
