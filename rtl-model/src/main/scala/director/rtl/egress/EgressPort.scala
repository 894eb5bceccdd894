package director.rtl.egress

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.stream.PacketBeat

class EgressPortIO(val p: DirectorParams) extends NamedBundle {
  val fromXbar = Flipped(Decoupled(new PacketBeat(p.beatBytes)))
  val out      = Decoupled(new PacketBeat(p.beatBytes))
  /** Room for a whole packet of maxPacketBytes (plus the beat that may arrive this cycle). */
  val roomForPacket = Output(Bool())
  /** One pulse per packet leaving the port, with its length in bytes. */
  val txPacket = Output(Valid(UInt(32.W)))
}

/** The output buffer behind a crossbar lane. The crossbar fills it at the core rate, the port drains it at
  * the link partner's pace; the scheduler connects a lane only when a whole packet fits, so a connection
  * never stalls the input that feeds it. On the way out the VCRC is recomputed (the VL was rewritten).
  */
class EgressPort(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new EgressPortIO(p))

  val fifo = Module(new Queue(new PacketBeat(p.beatBytes), p.egressVlBeats))
  fifo.io.enq <> io.fromXbar
  val vcrc = Module(new VcrcRegen(p))
  vcrc.io.in <> fifo.io.deq
  io.out <> vcrc.io.out
  io.roomForPacket := fifo.io.count <= (p.egressVlBeats - p.maxPacketBeats - 1).U

  val txBytes = RegInit(0.U(32.W))
  val txLen = txBytes + io.out.bits.bytes
  when(io.out.fire) { txBytes := Mux(io.out.bits.eop, 0.U, txLen) }
  io.txPacket.valid := io.out.fire && io.out.bits.eop
  io.txPacket.bits := txLen
}
