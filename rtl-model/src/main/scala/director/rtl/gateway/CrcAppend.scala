package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.link.ByteCrc
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.stream.PacketBeat

class CrcAppendIO(val beatBytes: Int) extends NamedBundle {
  val in = Flipped(Decoupled(new PacketBeat(beatBytes)))
  val out = Decoupled(new PacketBeat(beatBytes))
}

/** Appends to every packet of a stream the CRC of its bytes, stored little-endian (the Ethernet FCS, the IB
  * ICRC and VCRC): init all ones, the register inverted at the end. Beats pass straight through; the CRC goes
  * into the free bytes of the last beat and, when they are too few, into one extra beat (the input waits that
  * cycle).
  *
  * @param crc       the CRC (width 16 or 32)
  * @param maskIcrc  the IB ICRC's variant fields count as ones: LRH.VL (byte 0 bits 7:4) and BTH.Resv8a (byte 12)
  */
class CrcAppend(val beatBytes: Int, val crc: ByteCrc, val maskIcrc: Boolean) extends Module with NamedModule {
  val io = IO(new CrcAppendIO(beatBytes))
  private val n = beatBytes
  private val cb = crc.width / 8
  private val init = ((BigInt(1) << crc.width) - 1).U(crc.width.W)
  require(n >= cb, s"CrcAppend: a beat of $n bytes cannot hold a $cb-byte CRC")

  val reg = RegInit(init)
  val beatIndex = RegInit(0.U(2.W))      // beats of this packet already passed, saturating at 3
  val spill = RegInit(false.B)           // the extra beat with the CRC's remaining bytes is due
  val spillBytes = RegInit(0.U(PacketBeat.bytesWidth(n).W))
  val spillData = RegInit(0.U((8 * n).W))

  val b = io.in.bits
  val bytes = VecInit((0 until n).map(k => b.data(8 * (n - k) - 1, 8 * (n - k - 1))))
  val masked = VecInit((0 until n).map { k =>
    if (!maskIcrc) bytes(k)
    else {
      val off = beatIndex * n.U + k.U
      Mux(b.sop && k.U === 0.U, bytes(k) | "hF0".U, Mux(off === 12.U && beatIndex < 2.U, "hFF".U(8.W), bytes(k)))
    }
  })
  val start = Mux(b.sop, init, reg)
  val after = (0 until n).foldLeft(start)((r, k) => Mux(k.U < b.bytes, crc.step(r, masked(k)), r))
  val value = ~after
  val crcBytes = (0 until cb).map(i => value(8 * i + 7, 8 * i)) // little-endian: least significant byte first
  // in the last beat, byte k (k >= bytes) takes CRC byte k - bytes
  val free = n.U - b.bytes
  val lastData = VecInit((0 until n).map { k =>
    val i = k.U - b.bytes
    Mux(k.U < b.bytes, bytes(k), MuxLookup(i, 0.U(8.W))(crcBytes.zipWithIndex.map { case (c, j) => j.U -> c }))
  })
  val fitsHere = free >= cb.U
  // the CRC bytes that did not fit, left-aligned in the extra beat
  val restData = VecInit((0 until n).map { k =>
    val j = free + k.U
    Mux(k.U < cb.U, MuxLookup(j, 0.U(8.W))(crcBytes.zipWithIndex.map { case (c, i) => i.U -> c }), 0.U(8.W))
  })

  io.out.valid := spill || io.in.valid
  io.out.bits := b
  when(b.eop) {
    io.out.bits.data := Cat(lastData)
    io.out.bits.eop := fitsHere
    io.out.bits.bytes := Mux(fitsHere, b.bytes + cb.U, n.U)
  }
  when(spill) {
    io.out.bits.data := spillData
    io.out.bits.sop := false.B
    io.out.bits.eop := true.B
    io.out.bits.bytes := spillBytes
  }
  io.in.ready := !spill && io.out.ready

  when(spill && io.out.ready) { spill := false.B }
  when(io.in.fire) {
    reg := after
    beatIndex := Mux(b.eop, 0.U, Mux(beatIndex === 3.U, 3.U, beatIndex + 1.U))
    when(b.sop && !b.eop) { beatIndex := 1.U }
    when(b.eop && !fitsHere) {
      spill := true.B
      spillBytes := cb.U - free
      spillData := Cat(restData)
    }
  }
}
