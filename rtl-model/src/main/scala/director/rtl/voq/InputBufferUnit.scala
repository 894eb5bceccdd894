package director.rtl.voq

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams

class InputBufferUnitIO extends NamedBundle {
  /** valid[0] sop[1] eop[2] bytes[15:8] lookupHit[16] lookupPort[29:24] sl2vlVl[35:32] lateReason[44:40]
    * outReady[48] schedGo[49] tableReady[50] schedStart[61:56] */
  val ctl = Input(UInt(64.W))
  /** The ingress beat's data (8-byte beats: byte 0 in bits 63:56). */
  val data = Input(UInt(64.W))
  /** room bits lane*ports + j: bits 63:0 and 127:64. */
  val room0 = Input(UInt(64.W))
  val room1 = Input(UInt(64.W))
  /** in.ready[0] out.valid[1] out.sop[2] out.eop[3] free[4] empty[5] rxPacket.valid[6] drop.valid[7]
    * out.bytes[15:8] drop.reason[20:16] drop.vl[27:24] rxPacket.vl[31:28] rxPacket.bytes[63:32] */
  val status = Output(UInt(64.W))
  /** The out beat's data. */
  val outData = Output(UInt(64.W))
  /** req[31:0] grant.valid[32] grant.bits[45:40] */
  val sched = Output(UInt(64.W))
  /** waiting bits lane*ports + j: bits 63:0 and 127:64. */
  val waiting0 = Output(UInt(64.W))
  val waiting1 = Output(UInt(64.W))
  /** FCCL of data VL v at word v / 5, bits 12(v % 5)+11 : 12(v % 5). */
  val fccl0 = Output(UInt(64.W))
  val fccl1 = Output(UInt(64.W))
  val fccl2 = Output(UInt(64.W))
  /** The FCCL of the next cycle ([[director.rtl.credit.IngressCredits]]' fcclNext), same layout. */
  val fcclNext0 = Output(UInt(64.W))
  val fcclNext1 = Output(UInt(64.W))
  val fcclNext2 = Output(UInt(64.W))
}

/** One input buffer (with its link checks and credits) alone behind flat 64-bit ports, for the unit test that plays
  * the rest of the switch in Java (InputBufferUnitTest). The lookups are answered by the test in the same cycle
  * (it knows the beat it offers); the scheduler is a rotating pick among `req` from `schedStart`, enabled by
  * `schedGo`, both drawn at random by the test (the grant made is reported back in `sched`). 8-byte beats, at
  * most 32 ports, lanes x ports at most 128.
  */
class InputBufferUnit(val p: DirectorParams) extends Module with NamedModule {
  require(p.beatBytes == 8, s"InputBufferUnit: 8-byte beats only, got ${p.beatBytes}")
  require(p.ports <= 32 && p.lanes * p.ports <= 128, s"InputBufferUnit: at most 32 ports and 128 queues, got ${p.ports} x ${p.lanes}")
  val io = FlatIO(new InputBufferUnitIO)
  val buf = Module(new InputBuffer(p))
  val c = io.ctl
  buf.io.in.valid := c(0)
  buf.io.in.bits.sop := c(1)
  buf.io.in.bits.eop := c(2)
  buf.io.in.bits.bytes := c(8 + buf.io.in.bits.bytes.getWidth - 1, 8)
  buf.io.in.bits.data := io.data
  buf.io.lookupHit := c(16)
  buf.io.lookupPort := c(24 + p.portBits - 1, 24)
  buf.io.sl2vlVl := c(35, 32)
  buf.io.lateReason := c(44, 40)
  buf.io.out.ready := c(48)
  buf.io.tableReady := c(50)
  private val roomBits = Cat(io.room1, io.room0)
  for (v <- 0 until p.lanes) buf.io.room(v) := roomBits(v * p.ports + p.ports - 1, v * p.ports)

  // the scheduler: the first requested output at or after schedStart (mod ports)
  val req = buf.io.req
  val start = c(56 + p.portBits - 1, 56)
  val rotated = (Cat(req, req) >> start)(p.ports - 1, 0)
  val idx = PriorityEncoder(rotated) +& start
  val pick = Mux(idx >= p.ports.U, idx - p.ports.U, idx)
  buf.io.grant.valid := c(49) && req.orR
  buf.io.grant.bits := pick(p.portBits - 1, 0)

  val o = buf.io
  io.status := Cat(o.rxPacket.bits.bytes, o.rxPacket.bits.vl, o.drop.bits.vl, 0.U(3.W), o.drop.bits.reason,
    o.out.bits.bytes.pad(8), o.drop.valid, o.rxPacket.valid, o.empty, o.free, o.out.bits.eop, o.out.bits.sop,
    o.out.valid, o.in.ready)
  io.outData := o.out.bits.data
  io.sched := Cat(buf.io.grant.bits.pad(6), 0.U(7.W), buf.io.grant.valid, req.pad(32))
  val waiting = o.waiting.asUInt.pad(128)
  io.waiting0 := waiting(63, 0)
  io.waiting1 := waiting(127, 64)
  val f = o.fccl ++ Seq.fill(15 - p.dataVls)(0.U(12.W))
  io.fccl0 := Cat(f.slice(0, 5).reverse)
  io.fccl1 := Cat(f.slice(5, 10).reverse)
  io.fccl2 := Cat(f.slice(10, 15).reverse)
  val fn = o.fcclNext ++ Seq.fill(15 - p.dataVls)(0.U(12.W))
  io.fcclNext0 := Cat(fn.slice(0, 5).reverse)
  io.fcclNext1 := Cat(fn.slice(5, 10).reverse)
  io.fcclNext2 := Cat(fn.slice(10, 15).reverse)
}
