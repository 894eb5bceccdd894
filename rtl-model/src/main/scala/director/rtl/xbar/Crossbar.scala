package director.rtl.xbar

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.stream.PacketBeat

class CrossbarIO(val p: DirectorParams) extends NamedBundle {
  val in  = Vec(p.ports, Flipped(Decoupled(new PacketBeat(p.beatBytes))))
  val out = Vec(p.ports, Decoupled(new PacketBeat(p.beatBytes)))
  /** Per output: a new connection from the given input, starting next cycle (the scheduler's match). */
  val connect = Input(Vec(p.ports, Valid(UInt(p.portBits.W))))
  /** The same matches seen from the inputs: per input, the output of its new connection (the scheduler has both
    * sides; without this side each input would search every output's `connect` for its own number). */
  val connectIn = Input(Vec(p.ports, Valid(UInt(p.portBits.W))))
  /** Per output: free for a new connection from next cycle (idle, or its last beat crosses now). */
  val outFree = Output(Vec(p.ports, Bool()))
  /** Per output: the input it is (or was last) connected to. */
  val outSource = Output(Vec(p.ports, UInt(p.portBits.W)))
  /** Per output: cycles a connected lane had a beat it could not pass (egress full). */
  val stall = Output(Vec(p.ports, Bool()))
}

/** A full crossbar in packet mode: a connection input -> output is made by the scheduler and held until the
  * packet's last beat has crossed. One beat per lane per cycle: beatBytes x coreMHz per port, which over the
  * line rate is the internal speedup.
  */
class Crossbar(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new CrossbarIO(p))

  val outBusy = RegInit(VecInit(Seq.fill(p.ports)(false.B)))
  val outSrc  = RegInit(VecInit(Seq.fill(p.ports)(0.U(p.portBits.W))))
  val inBusy  = RegInit(VecInit(Seq.fill(p.ports)(false.B)))
  val inDst   = RegInit(VecInit(Seq.fill(p.ports)(0.U(p.portBits.W))))

  for (j <- 0 until p.ports) {
    val src = io.in(outSrc(j))
    io.out(j).valid := outBusy(j) && src.valid
    io.out(j).bits := src.bits
    val last = io.out(j).fire && src.bits.eop
    io.outFree(j) := !outBusy(j) || last
    io.stall(j) := outBusy(j) && src.valid && !io.out(j).ready
    io.outSource(j) := outSrc(j)
    when(last) { outBusy(j) := false.B }
    when(io.connect(j).valid) {
      assert(io.outFree(j), "crossbar: connection to a busy output")
      outBusy(j) := true.B
      outSrc(j) := io.connect(j).bits
    }
  }
  for (i <- 0 until p.ports) {
    val lane = io.out(inDst(i))
    io.in(i).ready := inBusy(i) && lane.ready
    when(io.in(i).fire && io.in(i).bits.eop) { inBusy(i) := false.B }
    when(io.connectIn(i).valid) {
      inBusy(i) := true.B
      inDst(i) := io.connectIn(i).bits
    }
  }
}
