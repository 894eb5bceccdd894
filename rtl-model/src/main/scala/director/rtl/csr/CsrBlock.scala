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
  /** SCHED_PERIOD: the scheduler matches one cycle in this many. */
  val schedPeriod = Output(UInt(7.W))
  val sl2vlWrite = Output(Valid(new director.rtl.link.Sl2VlWrite(p)))
  val sl2vlReadIn = Output(UInt(p.portBits.W))
  val sl2vlReadOut = Output(UInt(p.portBits.W))
  val sl2vlReadData = Input(UInt(64.W))
  /** Per-VL counters: the VL and counter read this cycle, and each port's answer. */
  val vlCounterReadVl = Output(UInt(4.W))
  val vlCounterReadN = Output(UInt(5.W))
  val vlCounterData = Input(Vec(p.ports, UInt(64.W)))
  val vlCounterOk = Input(Vec(p.ports, Bool()))
  /** VL arbitration table and limit writes, for output port `vlArbPort`. */
  val vlArbPort = Output(UInt(p.portBits.W))
  val vlArbEntryWrite = Output(Valid(new director.rtl.vlarb.VlArbEntryWrite(p.vlArbEntries)))
  val vlArbLimitWrite = Output(Valid(UInt(8.W)))
  val vlArbReadHigh = Output(Bool())
  val vlArbReadIndex = Output(UInt(log2Ceil(p.vlArbEntries).max(1).W))
  val vlArbReadWord = Input(Vec(p.ports, UInt(16.W)))
  val vlArbLimit = Input(Vec(p.ports, UInt(8.W)))
  val gwLid = Output(UInt(16.W))
  /** The gateway's tables (CsrMap: vNIC, policer, vHBA, shaper pages, each entry four words at index*4 + word):
    * each page's writes, and the entry and word a read names, answered by the page's `*ReadData` in the same cycle. */
  val vnicWrite = Output(Valid(new director.rtl.gateway.TableWordWrite(p.vnicBits)))
  val policerWrite = Output(Valid(new director.rtl.gateway.TableWordWrite(p.vnicBits)))
  val vhbaWrite = Output(Valid(new director.rtl.gateway.TableWordWrite(p.vhbaBits)))
  val shaperWrite = Output(Valid(new director.rtl.gateway.TableWordWrite(p.vhbaBits)))
  val gwReadIndex = Output(UInt(14.W))
  val gwReadWord = Output(UInt(2.W))
  val vnicReadData = Input(UInt(64.W))
  val policerReadData = Input(UInt(64.W))
  val vhbaReadData = Input(UInt(64.W))
  val shaperReadData = Input(UInt(64.W))
  /** Gateway counters, gwCounters(port)(n) (zero where a port has no such counter, and at the drop reasons). */
  val gwCounters = Input(Vec(p.ports, Vec(CsrMap.GwCounterStride, UInt(64.W))))
  /** The drop counters (stats/DropCounters): the (port, reason code) a read names, answered in the same cycle; the
    * drop entries of `counters` and `gwCounters` are not read. */
  val dropReadPort = Output(UInt(p.portBits.W))
  val dropReadReason = Output(UInt(director.rtl.link.DropReason.width.W))
  val dropReadData = Input(UInt(64.W))
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

  val schedPeriod = RegInit(1.U(7.W))
  io.schedPeriod := schedPeriod
  val isPeriod = req.addr === CsrMap.SchedPeriodAddr.U
  val periodOk = req.wdata >= 1.U && req.wdata <= CsrMap.SchedPeriodMax.U
  when(take && req.write && isPeriod && periodOk) { schedPeriod := req.wdata(6, 0) }

  io.tableReadIdx := offset(idxBits - 1, 0)
  io.tableWrite.valid := take && req.write && wrOk && !isIters
  io.tableWrite.bits.index := offset(idxBits - 1, 0)
  io.tableWrite.bits.valid := wrValid
  io.tableWrite.bits.port := wrPort

  private val cntIdxBits = log2Ceil(CsrMap.Counter.maxId)
  /** Per counter of a port's page: the drop reason it counts, and whether it is one (a constant table). */
  private val dropReasonOf = VecInit((0 until (1 << cntIdxBits)).map(k =>
    CsrMap.dropCounters.collectFirst { case (r, c) if c.id == k => r }.getOrElse(0).U(director.rtl.link.DropReason.width.W)))
  private val isDropCounter = VecInit((0 until (1 << cntIdxBits)).map(k => CsrMap.dropCounters.exists(_._2.id == k).B))
  private val cntIdxNow = cntIdx(cntIdxBits - 1, 0)
  val counterWord = Mux(isDropCounter(cntIdxNow), io.dropReadData, io.counters(cntPort(log2Ceil(p.ports) - 1, 0))(cntIdxNow))
  val isSl2Vl = page === (CsrMap.Sl2VlBase >> 16).U && offset(15, 12) === 0.U && offset(11, 6) < p.ports.U &&
    offset(5, 0) < p.ports.U
  io.sl2vlReadIn := offset(6 + p.portBits - 1, 6)
  io.sl2vlReadOut := offset(p.portBits - 1, 0)
  io.sl2vlWrite.valid := take && req.write && isSl2Vl
  io.sl2vlWrite.bits.in := offset(6 + p.portBits - 1, 6)
  io.sl2vlWrite.bits.out := offset(p.portBits - 1, 0)
  io.sl2vlWrite.bits.table := req.wdata

  // ---- per-VL counters: port*512 + vl*32 + n ----
  val vlcPort = offset(15, 9)
  io.vlCounterReadVl := offset(8, 5)
  io.vlCounterReadN := offset(4, 0)
  val vlcPortIdx = vlcPort(p.portBits - 1, 0)
  val isVlCounter = page === (CsrMap.VlCounterBase >> 16).U && vlcPort < p.ports.U && io.vlCounterOk(vlcPortIdx)
  val vlCounterWord = io.vlCounterData(vlcPortIdx)

  // ---- VL arbitration: port*256 + (k | 64 + k | 128) ----
  val arbPort = offset(15, 8)
  val arbSub = offset(7, 0)
  val arbIsHigh = arbSub < p.vlArbEntries.U
  val arbIsLow = arbSub >= CsrMap.VlArbLowOffset.U && arbSub < (CsrMap.VlArbLowOffset + p.vlArbEntries).U
  val arbIsLimit = arbSub === CsrMap.VlArbLimitOffset.U
  val isVlArb = page === (CsrMap.VlArbBase >> 16).U && arbPort < p.ports.U && (arbIsHigh || arbIsLow || arbIsLimit)
  val arbWriteOk = Mux(arbIsLimit, (req.wdata >> 8) === 0.U, (req.wdata >> 16) === 0.U && req.wdata(7, 4) === 0.U)
  val arbWrite = take && req.write && isVlArb && arbWriteOk
  io.vlArbPort := arbPort(p.portBits - 1, 0)
  io.vlArbEntryWrite.valid := arbWrite && !arbIsLimit
  io.vlArbEntryWrite.bits.high := arbIsHigh
  io.vlArbEntryWrite.bits.index := Mux(arbIsHigh, arbSub, arbSub - CsrMap.VlArbLowOffset.U)
  io.vlArbEntryWrite.bits.vl := req.wdata(3, 0)
  io.vlArbEntryWrite.bits.weight := req.wdata(15, 8)
  io.vlArbLimitWrite.valid := arbWrite && arbIsLimit
  io.vlArbLimitWrite.bits := req.wdata(7, 0)
  io.vlArbReadHigh := arbIsHigh
  io.vlArbReadIndex := Mux(arbIsHigh, arbSub, arbSub - CsrMap.VlArbLowOffset.U)
  val arbWord = Mux(arbIsLimit, io.vlArbLimit(io.vlArbPort), io.vlArbReadWord(io.vlArbPort))

  // ---- gateway: GW_LID, vNIC table, gateway counters ----
  val gwLid = RegInit(CsrMap.GwLidReset.U(16.W))
  io.gwLid := gwLid
  val isGwLid = req.addr === CsrMap.GwLidAddr.U
  val gwLidOk = (req.wdata >> 16) === 0.U
  when(take && req.write && isGwLid && gwLidOk) { gwLid := req.wdata(15, 0) }
  /** A gateway table page of `n` four-word entries at `base`: is this request for it, and its write. */
  private def tablePage(base: Int, n: Int, write: Valid[director.rtl.gateway.TableWordWrite]): Bool = {
    val hit = p.hasGateway.B && page === (base >> 16).U && (offset >> 2) < n.U
    write.valid := take && req.write && hit
    write.bits.index := (offset >> 2)(write.bits.indexBits - 1, 0)
    write.bits.word := offset(1, 0)
    write.bits.data := req.wdata
    hit
  }
  io.gwReadIndex := offset >> 2
  io.gwReadWord := offset(1, 0)
  val isVnic = tablePage(CsrMap.VnicBase, p.vnics, io.vnicWrite)
  val isPolicer = tablePage(CsrMap.PolicerBase, p.vnics, io.policerWrite)
  val isVhba = tablePage(CsrMap.VhbaBase, p.vhbas, io.vhbaWrite)
  val isShaper = tablePage(CsrMap.ShaperBase, p.vhbas, io.shaperWrite)
  val gwcPort = offset(15, 5)
  val isGwCounter = p.hasGateway.B && page === (CsrMap.GwCounterBase >> 16).U && gwcPort < p.ports.U
  val isGwDrop = offset(4, 0) >= director.rtl.link.DropReason.firstGateway.U
  val gwCounterWord = Mux(isGwDrop, io.dropReadData, io.gwCounters(gwcPort(p.portBits - 1, 0))(offset(4, 0)))
  // the drop counters' read: a gateway-counter page names the reason, a counter page the counter of one
  val onGwPage = page === (CsrMap.GwCounterBase >> 16).U
  io.dropReadPort := Mux(onGwPage, gwcPort, cntPort)(p.portBits - 1, 0)
  io.dropReadReason := Mux(onGwPage, offset(4, 0), dropReasonOf(cntIdxNow))

  val readData = MuxCase(0.U, Seq(
    isGwLid -> gwLid,
    isVnic -> io.vnicReadData,
    isPolicer -> io.policerReadData,
    isVhba -> io.vhbaReadData,
    isShaper -> io.shaperReadData,
    isGwCounter -> gwCounterWord,
    isVlCounter -> vlCounterWord,
    isVlArb -> arbWord,
    (req.addr === CsrMap.IdAddr.U) -> CsrMap.Id.U(64.W),
    (req.addr === CsrMap.ParamsAddr.U) -> CsrMap.paramsWord(p).U(64.W),
    (req.addr === CsrMap.StatusAddr.U) -> io.tableReady.asUInt,
    isIters -> schedIters,
    isPeriod -> schedPeriod,
    isSl2Vl -> io.sl2vlReadData,
    isLft -> io.tableReadData,
    cntValid -> counterWord
  ))
  val readOk = req.addr === CsrMap.IdAddr.U || req.addr === CsrMap.ParamsAddr.U || req.addr === CsrMap.StatusAddr.U ||
    isIters || isPeriod || isLft || cntValid || isSl2Vl || isVlCounter || isVlArb || isGwLid || isVnic || isGwCounter || isPolicer || isVhba || isShaper

  val respValid = RegNext(take, false.B)
  val respData = RegEnable(Mux(req.write, 0.U, readData), take)
  val writeOk = Mux(isGwLid, gwLidOk, Mux(isVnic || isPolicer || isVhba || isShaper, true.B, Mux(isIters, itersOk, Mux(isPeriod, periodOk, Mux(isSl2Vl, true.B, Mux(isVlArb, arbWriteOk, wrOk))))))
  val respErr = RegEnable(Mux(req.write, !writeOk, !readOk), take)
  io.bus.resp.valid := respValid
  io.bus.resp.bits.rdata := respData
  io.bus.resp.bits.err := respErr
}
