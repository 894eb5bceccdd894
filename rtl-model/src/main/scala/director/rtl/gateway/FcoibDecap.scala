package director.rtl.gateway

import chisel3._
import chisel3.experimental.hierarchy.{instantiable, public}
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.stream.PacketBeat

/** An FC port's way out (docs/gateway.md, "Server -> SAN"): the FC port stream is IB bytes 43 (the FCoIB header's
  * SOF code) up to the EOF code, PktLen x 4 - 50 bytes; the FC CRC travels with the frame. Output beat j is
  * input beat 5 + j's bytes 3..7 and input beat 6 + j's bytes 0..2, sent when the latter arrives (an IB packet
  * always has a beat after the one with its EOF: three zero bytes, the ICRC and the VCRC follow).
  */
@instantiable
class FcoibDecap(val p: DirectorParams) extends Module with NamedModule {
  require(p.beatBytes == 8, s"the gateway is built for 8-byte beats, got ${p.beatBytes}")
  @public val io = IO(new DecapIO(p))

  val k = RegInit(0.U(12.W))       // input beat of the packet
  val words = RegInit(0.U(11.W))   // LRH.PktLen
  val prev = RegInit(0.U(64.W))    // the previous input beat's data
  val b = io.in.bits
  val len = (words << 2) - 50.U
  val lastOut = (len - 1.U) >> 3
  val j = k - 6.U
  val emitting = k >= 6.U && j <= lastOut
  val isLast = emitting && j === lastOut

  io.out.valid := io.in.valid && emitting
  io.out.bits.data := Cat(prev(39, 0), b.data(63, 40))
  io.out.bits.sop := k === 6.U
  io.out.bits.eop := isLast
  io.out.bits.bytes := Mux(isLast, len - (lastOut << 3), 8.U)
  io.in.ready := !emitting || io.out.ready
  when(io.in.fire) {
    assert(b.sop === (k === 0.U), "FCoIB decapsulation: sop out of place")
    k := Mux(b.eop, 0.U, k + 1.U)
    prev := b.data
    when(k === 0.U) { words := b.field(4, 2)(10, 0) }
    when(k === 3.U) { assert(b.field(4, 1)(7, 6) === 1.U, "FCoIB decapsulation: a packet without the FCoIB signature reached an FC port") }
    when(b.eop) { assert(k > 6.U && j >= lastOut, "FCoIB decapsulation: packet shorter than its LRH.PktLen") }
  }
  io.empty := k === 0.U
}
