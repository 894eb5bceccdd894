package director.rtl.stats

import chisel3._
import chisel3.experimental.hierarchy.{instantiable, public}
import chisel3.util._
import director.rtl.csr.CsrMap.VlCounter
import director.rtl.egress.LaneTx
import director.rtl.link.DropReason
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.util.WordBits
import director.rtl.voq.{DropEvent, RxEvent}

class VlCountersIO(val p: DirectorParams) extends NamedBundle {
  val rx = Input(Valid(new RxEvent))
  val drop = Input(Valid(new DropEvent))
  val tx = Input(Valid(new LaneTx))
  val creditStall = Input(UInt(p.dataVls.W))
  /** CSR read: VL 0..15 and counter n (CsrMap.VlCounter), answered in the same cycle. */
  val readVl = Input(UInt(4.W))
  val readN = Input(UInt(5.W))
  val readData = Output(UInt(64.W))
  val readOk = Output(Bool())
}

/** One port's per-VL counters (docs/virtual-lanes.md): packets and bytes received and sent per VL, drops per
  * (VL as received, reason), and credit-stall cycles per data VL. At most one event of each kind a cycle, so
  * each lives in a small register file with one write a cycle; the stall counters (several a cycle) are
  * registers.
  */
@instantiable
class VlCounters(val p: DirectorParams) extends Module with NamedModule {
  @public val io = IO(new VlCountersIO(p))
  private val nReasons = DropReason.firstGateway
  private val reasonBits = log2Ceil(nReasons)

  val rxPackets = Mem(16, UInt(64.W))
  val rxBytes   = Mem(16, UInt(64.W))
  val txPackets = Mem(16, UInt(64.W))
  val txBytes   = Mem(16, UInt(64.W))
  val drops     = Mem(16 * nReasons, UInt(64.W))
  val stalls    = RegInit(VecInit(Seq.fill(p.dataVls)(0.U(64.W))))
  /** Mems have no reset: a bit per entry says it was written since reset (else it reads 0). */
  val rxSeen    = RegInit(0.U(16.W))
  val txSeen    = RegInit(0.U(16.W))
  /** Bit (VL as received, reason) = entry of `drops`, held in 64-bit words ([[WordBits]]). */
  val dropSeen  = new WordBits(16 * nReasons)

  private def get(m: Mem[UInt], seen: UInt => Bool, i: UInt): UInt = Mux(seen(i), m(i), 0.U)

  when(io.rx.valid) {
    val v = io.rx.bits.vl
    rxPackets.write(v, get(rxPackets, rxSeen(_), v) + 1.U)
    rxBytes.write(v, get(rxBytes, rxSeen(_), v) + io.rx.bits.bytes)
    rxSeen := rxSeen | UIntToOH(v, 16)
  }
  when(io.tx.valid) {
    val v = io.tx.bits.vl
    txPackets.write(v, get(txPackets, txSeen(_), v) + 1.U)
    txBytes.write(v, get(txBytes, txSeen(_), v) + io.tx.bits.bytes)
    txSeen := txSeen | UIntToOH(v, 16)
  }
  when(io.drop.valid && io.drop.bits.reason < nReasons.U) {
    val i = Cat(io.drop.bits.vl, io.drop.bits.reason(reasonBits - 1, 0))
    drops.write(i, get(drops, dropSeen(_), i) + 1.U)
    dropSeen.set(i)
  }
  for (v <- 0 until p.dataVls) when(io.creditStall(v)) { stalls(v) := stalls(v) + 1.U }

  val v = io.readVl
  val n = io.readN
  val stallVal = if (p.dataVls == 1) stalls(0) else stalls(v(log2Ceil(p.dataVls) - 1, 0))
  io.readData := MuxCase(0.U, Seq(
    (n === VlCounter.RxPackets.U) -> get(rxPackets, rxSeen(_), v),
    (n === VlCounter.RxBytes.U) -> get(rxBytes, rxSeen(_), v),
    (n === VlCounter.TxPackets.U) -> get(txPackets, txSeen(_), v),
    (n === VlCounter.TxBytes.U) -> get(txBytes, txSeen(_), v),
    (n === VlCounter.CreditStallCycles.U) -> Mux(v < p.dataVls.U, stallVal, 0.U),
    (n >= VlCounter.DropBase.U) -> get(drops, dropSeen(_), Cat(v, (n - VlCounter.DropBase.U)(reasonBits - 1, 0)))
  ))
  io.readOk := n <= VlCounter.CreditStallCycles.U || n >= VlCounter.DropBase.U
}
