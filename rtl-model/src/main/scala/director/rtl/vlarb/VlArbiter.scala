package director.rtl.vlarb

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.sched.RoundRobin

/** A write of one arbitration-table entry. */
class VlArbEntryWrite(val entries: Int) extends NamedBundle {
  val high   = Bool()
  val index  = UInt(log2Ceil(entries).max(1).W)
  val vl     = UInt(4.W)
  val weight = UInt(8.W)
}

/** What the arbiter chose: a VL and which table (or VL15) it came from. */
class VlArbGrant extends NamedBundle {
  val vl    = UInt(4.W)
  val table = UInt(2.W) // VlArbiter.Vl15, High, Low
}

class VlArbiterIO(val entries: Int) extends NamedBundle {
  /** Bit v: a packet waits at the head of VL v. */
  val has = Input(UInt(16.W))
  /** Bit v: that packet's blocks fit VL v's credits (VL15 is not flow controlled). */
  val fits = Input(UInt(16.W))
  /** Length in bytes of the head packet of each VL. */
  val bytes = Input(Vec(16, UInt(13.W)))
  /** The port is free: the grant below is taken and the state moves at this clock edge. */
  val decide = Input(Bool())
  val grant = Output(Valid(new VlArbGrant))
  /** Table and limit writes (take effect after this cycle's decision). */
  val entryWrite = Input(Valid(new VlArbEntryWrite(entries)))
  val limitWrite = Input(Valid(UInt(8.W)))
  // state, for counters, waves and the lockstep test
  val hiIndex = Output(UInt(6.W))
  val loIndex = Output(UInt(6.W))
  val hiUsed  = Output(UInt(16.W))
  val loUsed  = Output(UInt(16.W))
  val hpLeft  = Output(UInt(20.W))
  val hpOpen  = Output(Bool())
}

/** The per-output-port VL arbiter of IBTA vol. 1 7.6.9, exactly as docs/vl-arbiter.md states it: VL15 first;
  * High and Low tables of weighted entries (64-byte units, the crossing packet allowed to finish); a
  * high-priority allowance of LimitOfHighPriority x 4096 bytes (255 unlimited, 0 one packet) after which Low
  * goes first; decisions only at packet boundaries (`decide`).
  */
class VlArbiter(val dataVls: Int, val entries: Int) extends Module with NamedModule {
  require(dataVls >= 1 && dataVls <= 15, s"VlArbiter: dataVls must be 1..15, got $dataVls")
  require(entries >= 1 && entries <= 64, s"VlArbiter: entries must be 1..64, got $entries")
  val io = IO(new VlArbiterIO(entries))
  private val ib = log2Ceil(entries).max(1)

  val hiVl     = RegInit(VecInit(Seq.fill(entries)(0.U(4.W))))
  val hiWeight = RegInit(VecInit(Seq.fill(entries)(0.U(8.W))))
  val loVl     = RegInit(VecInit(Seq.fill(entries)(0.U(4.W))))
  val loWeight = RegInit(VecInit(Seq.fill(entries)(0.U(8.W))))
  val limit    = RegInit(0.U(8.W))
  val hiIdx    = RegInit(0.U(ib.W))
  val loIdx    = RegInit(0.U(ib.W))
  val hiUsedR  = RegInit(0.U(16.W))
  val loUsedR  = RegInit(0.U(16.W))
  val hpLeftR  = RegInit(0.U(20.W))
  val hpOpenR  = RegInit(true.B)

  private val ready = io.has & (io.fits | "h8000".U(16.W))

  /** One table's choice: (found, entry, vl, moved-to-another-entry). */
  private def tryTable(vls: Vec[UInt], weights: Vec[UInt], idx: UInt, used: UInt): (Bool, UInt, UInt, Bool) = {
    val eligible = VecInit((0 until entries).map { k =>
      weights(k) =/= 0.U && vls(k) < dataVls.U && ready(vls(k))
    }).asUInt
    // the current entry continues its turn while it has budget; otherwise the first eligible entry after it,
    // coming back round to itself last, starts a new turn
    val current = eligible(idx) && used < (weights(idx) << 6)
    val pick = if (entries == 1) 0.U else {
      val next = Mux(idx === (entries - 1).U, 0.U, idx + 1.U)
      OHToUInt(RoundRobin(eligible, next))
    }
    val found = current || eligible.orR
    val entry = Mux(current, idx, pick)
    (found, entry, vls(entry), !current)
  }

  val (hiFound, hiEntry, hiPickVl, hiMoved) = tryTable(hiVl, hiWeight, hiIdx, hiUsedR)
  val (loFound, loEntry, loPickVl, loMoved) = tryTable(loVl, loWeight, loIdx, loUsedR)
  val unlimited = limit === 255.U
  val highFirst = hpOpenR || unlimited
  val vl15 = io.has(15)
  val takeHigh = !vl15 && Mux(highFirst, hiFound, !loFound && hiFound)
  val takeLow = !vl15 && !takeHigh && loFound
  val chosenVl = Mux(vl15, 15.U, Mux(takeHigh, hiPickVl, loPickVl))
  io.grant.valid := vl15 || takeHigh || takeLow
  io.grant.bits.vl := chosenVl
  io.grant.bits.table := Mux(vl15, VlArbiter.Vl15.U, Mux(takeHigh, VlArbiter.High.U, VlArbiter.Low.U))
  val pktBytes = io.bytes(chosenVl)

  when(io.decide && !vl15) {
    val allowance = (limit << 12).pad(20)
    when(takeLow) {
      loIdx := loEntry
      loUsedR := Mux(loMoved, 0.U, loUsedR) + pktBytes
      hpLeftR := allowance // a Low packet reloads the high-priority allowance
      hpOpenR := true.B
    }.elsewhen(takeHigh) {
      hiIdx := hiEntry
      hiUsedR := Mux(hiMoved, 0.U, hiUsedR) + pktBytes
      // High going while the allowance was closed means Low had nothing: reload first
      val before = Mux(hpOpenR, hpLeftR, allowance)
      when(!hpOpenR) { hpLeftR := allowance; hpOpenR := true.B }
      when(!unlimited) {
        val after = Mux(before > pktBytes, before - pktBytes, 0.U)
        hpLeftR := after
        hpOpenR := after =/= 0.U
      }
    }.elsewhen(!hpOpenR) {
      hpLeftR := allowance // nothing eligible while closed: reload
      hpOpenR := true.B
    }
  }

  when(io.entryWrite.valid) {
    val w = io.entryWrite.bits
    when(w.high) { hiVl(w.index) := w.vl; hiWeight(w.index) := w.weight }
      .otherwise { loVl(w.index) := w.vl; loWeight(w.index) := w.weight }
  }
  when(io.limitWrite.valid) { limit := io.limitWrite.bits }

  io.hiIndex := hiIdx
  io.loIndex := loIdx
  io.hiUsed := hiUsedR
  io.loUsed := loUsedR
  io.hpLeft := hpLeftR
  io.hpOpen := hpOpenR
}

object VlArbiter {
  val Vl15 = 0
  val High = 1
  val Low = 2
}
