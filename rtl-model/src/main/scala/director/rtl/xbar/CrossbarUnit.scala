package director.rtl.xbar

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams

class CrossbarUnitIO(val n: Int) extends NamedBundle {
  /** Word k (bits 64k+63 : 64k), for port k: in(k).valid[0] sop[1] eop[2] bytes[14:8]; out(k).ready[16];
    * connect(k).valid[17] connect(k).bits[29:24] (the source input of output k's new connection). */
  val ctl = Input(UInt((64 * n).W))
  /** Word i: input i's tag word. The beat's 64-bit chunk c (c = 0 holds bytes 0..7, the most significant) is
    * rotateLeft(tag, 8c) ^ (c * 0x9E3779B97F4A7C15): chunk 0 is the tag itself, so with 8-byte beats the word is the
    * whole beat. */
  val data = Input(UInt((64 * n).W))
  /** Word k, for port k: out(k).valid[0] sop[1] eop[2] bytes[14:8]; outFree(k)[16] stall(k)[17] in(k).ready[18];
    * outSource(k)[29:24]. */
  val stat = Output(UInt((64 * n).W))
  /** Word j: chunk 0 of output j's beat (bytes 0..7: the tag). */
  val outData = Output(UInt((64 * n).W))
  /** Word j: the XOR of all the 64-bit chunks of output j's beat (the tag itself with 8-byte beats): with chunk 0,
    * what shows the whole beat came through intact. */
  val outFold = Output(UInt((64 * n).W))
}

/** The crossbar alone behind flat 64-bit words, for the unit test that plays the inputs, the outputs and the
  * scheduler in Java (CrossbarUnitTest). Beats wider than 64 bits are made from one tag word per input (see
  * `data`), and come back as their first chunk and the XOR of all chunks. The crossbar is the one the director
  * instantiates. At most 64 ports (the parameters' limit).
  */
class CrossbarUnit(val p: DirectorParams) extends Module with NamedModule {
  private val n = p.ports
  val io = FlatIO(new CrossbarUnitIO(n))
  val xbar = Module(new Crossbar(p))
  private val chunks = p.beatBytes / 8
  private def word(x: UInt, k: Int): UInt = x(64 * k + 63, 64 * k)
  private def rotl(x: UInt, s: Int): UInt = if (s == 0) x else Cat(x(63 - s, 0), x(63, 64 - s))
  private val golden = BigInt("9E3779B97F4A7C15", 16)

  val stat = Wire(Vec(n, UInt(64.W)))
  val outData = Wire(Vec(n, UInt(64.W)))
  val outFold = Wire(Vec(n, UInt(64.W)))
  for (k <- 0 until n) {
    val c = word(io.ctl, k)
    val tag = word(io.data, k)
    val in = xbar.io.in(k)
    in.valid := c(0)
    in.bits.sop := c(1)
    in.bits.eop := c(2)
    in.bits.bytes := c(8 + in.bits.bytes.getWidth - 1, 8)
    in.bits.data := Cat(Seq.tabulate(chunks)(i => rotl(tag, 8 * i) ^ ((golden * i) & ((BigInt(1) << 64) - 1)).U(64.W)))
    xbar.io.out(k).ready := c(16)
    xbar.io.connect(k).valid := c(17)
    xbar.io.connect(k).bits := c(24 + p.portBits - 1, 24)

    val o = xbar.io.out(k)
    stat(k) := Cat(xbar.io.outSource(k).pad(6), 0.U(5.W), in.ready, xbar.io.stall(k), xbar.io.outFree(k), 0.U(1.W),
      o.bits.bytes.pad(7), 0.U(5.W), o.bits.eop, o.bits.sop, o.valid)
    val d = o.bits.data
    outData(k) := d(64 * chunks - 1, 64 * chunks - 64)
    outFold(k) := Seq.tabulate(chunks)(i => d(64 * i + 63, 64 * i)).reduce(_ ^ _)
  }
  // the input side of the same connections (in the director, the scheduler gives both)
  for (i <- 0 until n) {
    val from = (0 until n).map(k => xbar.io.connect(k).valid && xbar.io.connect(k).bits === i.U)
    xbar.io.connectIn(i).valid := from.reduce(_ || _)
    xbar.io.connectIn(i).bits := PriorityEncoder(from)
  }
  io.stat := Cat(stat.reverse)
  io.outData := Cat(outData.reverse)
  io.outFold := Cat(outFold.reverse)
}
