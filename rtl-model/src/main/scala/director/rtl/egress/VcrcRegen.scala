package director.rtl.egress

import chisel3._
import chisel3.util._
import director.rtl.link.ByteCrc
import director.rtl.naming.NamedModule
import director.rtl.params.DirectorParams
import director.rtl.stream.PacketBeat

/** Recomputes the VCRC of every packet passing through (the switch rewrites LRH.VL, which the VCRC covers;
  * the ICRC does not). A beat is held until the next one is seen, so that a VCRC split over two beats can be
  * written: the VCRC is the last two bytes, stored little-endian, over every byte before them.
  */
class VcrcRegen(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new VcrcRegenIO(p))
  private val n = p.beatBytes
  private val init = 0xFFFF

  val held = Reg(new PacketBeat(n))
  val heldValid = RegInit(false.B)
  val crc = RegInit(init.U(16.W))       // over the bytes of this packet already sent
  val highByte = RegInit(0.U(8.W))      // the VCRC's high byte when its low byte went out in the previous beat

  val next = io.in
  // how many of the held beat's bytes are VCRC bytes
  val splitLow = !held.eop && next.valid && next.bits.eop && next.bits.bytes === 1.U // held ends with the low byte
  val vcrcBytes = Mux(held.eop, Mux(held.bytes === 1.U, 1.U, 2.U), Mux(splitLow, 1.U, 0.U))
  val dataBytes = held.bytes - vcrcBytes
  val bytes = VecInit((0 until n).map(k => held.data(8 * (n - k) - 1, 8 * (n - k - 1))))
  val start = Mux(held.sop, init.U(16.W), crc)
  val crcAfter = (0 until n).foldLeft(start)((r, k) => Mux(k.U < dataBytes, ByteCrc.vcrc.step(r, bytes(k)), r))
  val vcrc = ~crcAfter
  val outBytes = VecInit((0 until n).map { k =>
    val isLow = (k.U === dataBytes) && vcrcBytes =/= 0.U && !(held.eop && held.bytes === 1.U)
    val isHigh = held.eop && ((held.bytes === 1.U && k.U === 0.U) || (held.bytes =/= 1.U && k.U === held.bytes - 1.U))
    Mux(isHigh, Mux(held.bytes === 1.U, highByte, vcrc(15, 8)), Mux(isLow, vcrc(7, 0), bytes(k)))
  })

  io.out.valid := heldValid && (held.eop || next.valid)
  io.out.bits := held
  io.out.bits.data := Cat(outBytes)
  val emit = io.out.valid && io.out.ready
  next.ready := !heldValid || emit
  when(emit) {
    crc := crcAfter
    when(splitLow) { highByte := vcrc(15, 8) }
  }
  when(next.fire) {
    held := next.bits
    heldValid := true.B
  }.elsewhen(emit) {
    heldValid := false.B
  }
}

class VcrcRegenIO(val p: DirectorParams) extends director.rtl.naming.NamedBundle {
  val in  = Flipped(Decoupled(new PacketBeat(p.beatBytes)))
  val out = Decoupled(new PacketBeat(p.beatBytes))
}
