package director.rtl.csr

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.route.{ForwardingTable, TableWrite}

class CsrBlockIO(val p: DirectorParams) extends NamedBundle {
  val bus = new CsrPort
  /** Counter values, counters(port)(CsrMap.Counter.id). */
  val counters = Input(Vec(p.ports, Vec(CsrMap.Counter.maxId, UInt(64.W))))
  val tableReady = Input(Bool())
  val tableWrite = Output(Valid(new TableWrite(ForwardingTable.indexBits(p), p.portBits)))
  val tableReadIdx = Output(UInt(ForwardingTable.indexBits(p).W))
  val tableReadData = Input(UInt(16.W))
  val schedIterations = Output(UInt(3.W))
  val sl2vlWrite = Output(Valid(new director.rtl.link.Sl2VlWrite(p)))
  val sl2vlReadIn = Output(UInt(p.portBits.W))
  val sl2vlReadOut = Output(UInt(p.portBits.W))
  val sl2vlReadData = Input(UInt(64.W))
}

/** Decodes the CSR bus (see [[CsrMap]]): identity registers, the forwarding table and the counters. A request
  * is taken when the table is ready and answered in the next cycle; unmapped addresses and writes to
  * read-only registers answer `err` and change nothing.
  */
class CsrBlock(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new CsrBlockIO(p))
  private val idxBits = ForwardingTable.indexBits(p)

  val req = io.bus.req.bits
  val take = io.bus.req.valid && io.bus.req.ready
  io.bus.req.ready := io.tableReady

  val page = req.addr(CsrMap.addrBits - 1, 16)
  val offset = req.addr(15, 0)
  val isLft = page === (CsrMap.LftBase >> 16).U && offset < p.lidTableSize.U
  val isCounter = page === (CsrMap.CounterBase >> 16).U
  val cntPort = offset(15, log2Ceil(CsrMap.CounterStride))
  val cntIdx = offset(log2Ceil(CsrMap.CounterStride) - 1, 0)
  val cntValid = isCounter && cntPort < p.ports.U && cntIdx < CsrMap.Counter.maxId.U
  // forwarding-table entry: bit 15 valid, bits 5:0 port, every other bit zero
  val wrPortField = req.wdata(5, 0)
  val wrPort = wrPortField(p.portBits - 1, 0)
  val wrValid = req.wdata(CsrMap.LftValidBit)
  val wrOk = isLft && (!wrValid || wrPortField < p.ports.U) && (req.wdata >> 16) === 0.U && req.wdata(14, 6) === 0.U

  val schedIters = RegInit(p.islipIterations.U(3.W))
  io.schedIterations := schedIters
  val isIters = req.addr === CsrMap.SchedItersAddr.U
  val itersOk = req.wdata >= 1.U && req.wdata <= p.islipIterations.U
  when(take && req.write && isIters && itersOk) { schedIters := req.wdata(2, 0) }

  io.tableReadIdx := offset(idxBits - 1, 0)
  io.tableWrite.valid := take && req.write && wrOk && !isIters
  io.tableWrite.bits.index := offset(idxBits - 1, 0)
  io.tableWrite.bits.valid := wrValid
  io.tableWrite.bits.port := wrPort

  val counterWord = io.counters(cntPort(log2Ceil(p.ports) - 1, 0))(cntIdx(log2Ceil(CsrMap.Counter.maxId) - 1, 0))
  val isSl2Vl = page === (CsrMap.Sl2VlBase >> 16).U && offset(15, 12) === 0.U && offset(11, 6) < p.ports.U &&
    offset(5, 0) < p.ports.U
  io.sl2vlReadIn := offset(6 + p.portBits - 1, 6)
  io.sl2vlReadOut := offset(p.portBits - 1, 0)
  io.sl2vlWrite.valid := take && req.write && isSl2Vl
  io.sl2vlWrite.bits.in := offset(6 + p.portBits - 1, 6)
  io.sl2vlWrite.bits.out := offset(p.portBits - 1, 0)
  io.sl2vlWrite.bits.table := req.wdata

  val readData = MuxCase(0.U, Seq(
    (req.addr === CsrMap.IdAddr.U) -> CsrMap.Id.U(64.W),
    (req.addr === CsrMap.ParamsAddr.U) -> CsrMap.paramsWord(p).U(64.W),
    (req.addr === CsrMap.StatusAddr.U) -> io.tableReady.asUInt,
    isIters -> schedIters,
    isSl2Vl -> io.sl2vlReadData,
    isLft -> io.tableReadData,
    cntValid -> counterWord
  ))
  val readOk = req.addr === CsrMap.IdAddr.U || req.addr === CsrMap.ParamsAddr.U || req.addr === CsrMap.StatusAddr.U ||
    isIters || isLft || cntValid || isSl2Vl

  val respValid = RegNext(take, false.B)
  val respData = RegEnable(Mux(req.write, 0.U, readData), take)
  val writeOk = Mux(isIters, itersOk, Mux(isSl2Vl, true.B, wrOk))
  val respErr = RegEnable(Mux(req.write, !writeOk, !readOk), take)
  io.bus.resp.valid := respValid
  io.bus.resp.bits.rdata := respData
  io.bus.resp.bits.err := respErr
}
