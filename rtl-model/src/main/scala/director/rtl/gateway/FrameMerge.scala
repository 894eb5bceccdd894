package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.stream.PacketBeat

class FrameMergeIO(val beatBytes: Int) extends NamedBundle {
  val wire = Flipped(Decoupled(new PacketBeat(beatBytes)))
  val hairpin = Flipped(Decoupled(new PacketBeat(beatBytes)))
  val out = Decoupled(new PacketBeat(beatBytes))
}

/** Two frame streams into one, a whole frame at a time, taking turns when both have a frame waiting. */
class FrameMerge(val beatBytes: Int) extends Module with NamedModule {
  val io = IO(new FrameMergeIO(beatBytes))
  val busy = RegInit(false.B)
  val fromHairpin = RegInit(false.B)   // the frame in progress comes from the hairpin
  val lastWasHairpin = RegInit(false.B)
  val pickHairpin = Mux(busy, fromHairpin, io.hairpin.valid && (!io.wire.valid || !lastWasHairpin))
  io.out.valid := Mux(pickHairpin, io.hairpin.valid, io.wire.valid)
  io.out.bits := Mux(pickHairpin, io.hairpin.bits, io.wire.bits)
  io.wire.ready := !pickHairpin && io.out.ready
  io.hairpin.ready := pickHairpin && io.out.ready
  when(io.out.fire) {
    busy := !io.out.bits.eop
    when(io.out.bits.sop) { fromHairpin := pickHairpin; lastWasHairpin := pickHairpin }
  }
}
