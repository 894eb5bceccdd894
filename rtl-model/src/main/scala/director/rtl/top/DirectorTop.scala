package director.rtl.top

import chisel3._
import chisel3.util._
import director.rtl.csr.CsrMap
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.stream.PacketBeat

/** The director's ports packed into flat vectors, lane p at bits [p*w+w-1 : p*w], so that one C++ harness
  * drives any port count and width (Verilator turns each vector into one word array).
  */
class DirectorTopIO(val p: DirectorParams) extends NamedBundle {
  private val n = p.ports
  private val bw = PacketBeat.bytesWidth(p.beatBytes)
  val in_valid  = Input(UInt(n.W))
  val in_ready  = Output(UInt(n.W))
  val in_sop    = Input(UInt(n.W))
  val in_eop    = Input(UInt(n.W))
  val in_bytes  = Input(UInt((n * bw).W))
  val in_data   = Input(UInt((n * p.beatBits).W))
  val out_valid = Output(UInt(n.W))
  val out_ready = Input(UInt(n.W))
  val out_sop   = Output(UInt(n.W))
  val out_eop   = Output(UInt(n.W))
  val out_bytes = Output(UInt((n * bw).W))
  val out_data  = Output(UInt((n * p.beatBits).W))
  val csr_req_valid  = Input(Bool())
  val csr_req_ready  = Output(Bool())
  val csr_req_addr   = Input(UInt(CsrMap.addrBits.W))
  val csr_req_write  = Input(Bool())
  val csr_req_wdata  = Input(UInt(64.W))
  val csr_resp_valid = Output(Bool())
  val csr_resp_rdata = Output(UInt(64.W))
  val csr_resp_err   = Output(Bool())
  val idle           = Output(Bool())
}

class DirectorTop(val p: DirectorParams) extends Module with NamedModule {
  val io = FlatIO(new DirectorTopIO(p))
  val core = Module(new Director(p))
  private val bw = PacketBeat.bytesWidth(p.beatBytes)
  private def lane(v: UInt, i: Int, w: Int): UInt = v(i * w + w - 1, i * w)

  for (i <- 0 until p.ports) {
    val in = core.io.ingress(i)
    in.valid := io.in_valid(i)
    in.bits.sop := io.in_sop(i)
    in.bits.eop := io.in_eop(i)
    in.bits.bytes := lane(io.in_bytes, i, bw)
    in.bits.data := lane(io.in_data, i, p.beatBits)
    core.io.egress(i).ready := io.out_ready(i)
  }
  io.in_ready := VecInit(core.io.ingress.map(_.ready)).asUInt
  io.out_valid := VecInit(core.io.egress.map(_.valid)).asUInt
  io.out_sop := VecInit(core.io.egress.map(_.bits.sop)).asUInt
  io.out_eop := VecInit(core.io.egress.map(_.bits.eop)).asUInt
  io.out_bytes := Cat(core.io.egress.reverse.map(_.bits.bytes))
  io.out_data := Cat(core.io.egress.reverse.map(_.bits.data))

  core.io.csr.req.valid := io.csr_req_valid
  io.csr_req_ready := core.io.csr.req.ready
  core.io.csr.req.bits.addr := io.csr_req_addr
  core.io.csr.req.bits.write := io.csr_req_write
  core.io.csr.req.bits.wdata := io.csr_req_wdata
  io.csr_resp_valid := core.io.csr.resp.valid
  io.csr_resp_rdata := core.io.csr.resp.bits.rdata
  io.csr_resp_err := core.io.csr.resp.bits.err
  io.idle := core.io.idle
}
