package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.stream.PacketBeat

class HeaderPeekIO(val beatBytes: Int) extends NamedBundle {
  val in = Flipped(Decoupled(new PacketBeat(beatBytes)))
  val out = Decoupled(new PacketBeat(beatBytes))
  /** The data of the beat after `out` (meaningful while `out.valid` and not `out.bits.eop`). */
  val peek = Output(UInt((8 * beatBytes).W))
}

/** Holds each beat until the next one is there, so that a decision made on a packet's first beat can also
  * read its second (a host port's gateway lookup needs BTH.DestQP, bytes 13-15). One beat of latency; a beat
  * a cycle.
  */
class HeaderPeek(val beatBytes: Int) extends Module with NamedModule {
  val io = IO(new HeaderPeekIO(beatBytes))
  val held = Reg(new PacketBeat(beatBytes))
  val heldValid = RegInit(false.B)
  io.out.valid := heldValid && (held.eop || io.in.valid)
  io.out.bits := held
  io.peek := io.in.bits.data
  io.in.ready := !heldValid || io.out.fire
  when(io.in.fire) {
    held := io.in.bits
    heldValid := true.B
  }.elsewhen(io.out.fire) {
    heldValid := false.B
  }
}
