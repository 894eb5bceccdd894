package director.rtl.top

import chisel3._
import chisel3.util._
import director.rtl.csr.{CsrBlock, CsrMap, CsrPort}
import director.rtl.egress.EgressPort
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.route.ForwardingTable
import director.rtl.sched.IslipScheduler
import director.rtl.stream.PacketBeat
import director.rtl.voq.InputBuffer
import director.rtl.xbar.Crossbar
import director.rtl.link.Sl2VlTable

class DirectorIO(val p: DirectorParams) extends NamedBundle {
  val ingress = Vec(p.ports, Flipped(Decoupled(new PacketBeat(p.beatBytes))))
  val egress  = Vec(p.ports, Decoupled(new PacketBeat(p.beatBytes)))
  val csr     = new CsrPort
  /** No packet anywhere inside: every queue and buffer empty, no connection open. */
  val idle = Output(Bool())
}

/** The switch core: per port an input buffer with virtual output queues, a shared forwarding table, an iSLIP
  * scheduler over a packet-mode crossbar, per port an egress buffer, counters and the CSR block.
  *
  * ingress -> InputBuffer (DLID lookup, VOQs) -> Crossbar (iSLIP) -> EgressPort -> egress
  */
class Director(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new DirectorIO(p))

  val lft = Module(new ForwardingTable(p))
  val inputs = Seq.tabulate(p.ports)(_ => Module(new InputBuffer(p)))
  val scheduler = Module(new IslipScheduler(p.ports, p.islipIterations))
  val crossbar = Module(new Crossbar(p))
  val outputs = Seq.tabulate(p.ports)(_ => Module(new EgressPort(p)))
  val csr = Module(new CsrBlock(p))

  // eligibility of each output for a new connection
  val outEligible = VecInit((0 until p.ports).map(j => crossbar.io.outFree(j) && outputs(j).io.roomForPacket))

  for (i <- 0 until p.ports) {
    val in = inputs(i)
    in.io.in <> io.ingress(i)
    lft.io.lookup(i).dlid := in.io.lookupDlid
    in.io.lookupHit := lft.io.lookup(i).hit
    in.io.lookupPort := lft.io.lookup(i).port
    in.io.tableReady := lft.io.ready
    scheduler.io.req(i) := in.io.req & outEligible.asUInt
    in.io.grant := scheduler.io.inMatch(i)
    crossbar.io.in(i) <> in.io.out
  }
  // SL to VL: the first beat of each packet leaves the crossbar with LRH.VL = SL2VL[input][output][LRH.SL]
  val sl2vl = Module(new Sl2VlTable(p))
  for (j <- 0 until p.ports) {
    crossbar.io.connect(j) := scheduler.io.outMatch(j)
    val lane = crossbar.io.out(j)
    sl2vl.io.lookup(j).in := crossbar.io.outSource(j)
    sl2vl.io.lookup(j).sl := lane.bits.field(1, 1)(7, 4)
    val rewritten = Wire(new PacketBeat(p.beatBytes))
    rewritten := lane.bits
    val top = p.beatBits - 1
    rewritten.data := Mux(lane.bits.sop, Cat(sl2vl.io.lookup(j).vl, lane.bits.data(top - 4, 0)), lane.bits.data)
    outputs(j).io.fromXbar.valid := lane.valid
    outputs(j).io.fromXbar.bits := rewritten
    lane.ready := outputs(j).io.fromXbar.ready
    io.egress(j) <> outputs(j).io.out
  }

  // ---- counters, one set per port ----
  import CsrMap.Counter
  val counters = Seq.tabulate(p.ports)(_ => RegInit(VecInit(Seq.fill(Counter.maxId)(0.U(64.W)))))
  for (i <- 0 until p.ports) {
    val c = counters(i)
    val in = inputs(i).io
    val out = outputs(i).io
    def bump(k: Counter.Value, by: UInt, when_ : Bool): Unit = when(when_) { c(k.id) := c(k.id) + by }
    bump(Counter.RxPackets, 1.U, in.rxPacket.valid)
    bump(Counter.RxBytes, in.rxPacket.bits, in.rxPacket.valid)
    bump(Counter.TxPackets, 1.U, out.txPacket.valid)
    bump(Counter.TxBytes, out.txPacket.bits, out.txPacket.valid)
    import director.rtl.link.DropReason
    val byReason = Seq(DropReason.UnknownDlid -> Counter.DropUnknownDlid, DropReason.Oversize -> Counter.DropOversize,
      DropReason.Runt -> Counter.DropRunt, DropReason.BadVcrc -> Counter.DropBadVcrc, DropReason.BadLver -> Counter.DropBadLver,
      DropReason.BadLnh -> Counter.DropBadLnh, DropReason.BadPktLen -> Counter.DropBadPktLen, DropReason.BadIcrc -> Counter.DropBadIcrc,
      DropReason.Vl15TooLong -> Counter.DropVl15TooLong, DropReason.TooLong -> Counter.DropTooLong)
    for ((reason, counter) <- byReason) bump(counter, 1.U, in.drop.valid && in.drop.bits === reason.U)
    bump(Counter.XbarBeats, 1.U, crossbar.io.out(i).fire)
  }
  csr.io.counters := VecInit(counters)

  // ---- CSR ----
  csr.io.bus <> io.csr
  csr.io.tableReady := lft.io.ready
  lft.io.csrWrite := csr.io.tableWrite
  lft.io.csrReadIdx := csr.io.tableReadIdx
  csr.io.tableReadData := lft.io.csrReadData
  scheduler.io.iterations := csr.io.schedIterations
  sl2vl.io.write := csr.io.sl2vlWrite
  sl2vl.io.readIn := csr.io.sl2vlReadIn
  sl2vl.io.readOut := csr.io.sl2vlReadOut
  csr.io.sl2vlReadData := sl2vl.io.readData

  io.idle := inputs.map(_.io.empty).reduce(_ && _) && crossbar.io.outFree.reduce(_ && _) &&
    outputs.map(o => !o.io.out.valid).reduce(_ && _)
}
