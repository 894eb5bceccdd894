package director.rtl.vlarb

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.sched.RoundRobin
import director.rtl.stats.Coverage

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
  /** Register read of one entry (same cycle), and the limit. */
  val readHigh = Input(Bool())
  val readIndex = Input(UInt(log2Ceil(entries).max(1).W))
  val readVl = Output(UInt(4.W))
  val readWeight = Output(UInt(8.W))
  val limit = Output(UInt(8.W))
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
  * goes first; decisions only at packet boundaries (`decide`). `resetLow` gives the Low table's (VL, weight)
  * entries after reset (the rest, and the High table, reset to weight 0).
  */
class VlArbiter(val dataVls: Int, val entries: Int, val resetLow: Seq[(Int, Int)] = Nil) extends Module with NamedModule {
  require(dataVls >= 1 && dataVls <= 15, s"VlArbiter: dataVls must be 1..15, got $dataVls")
  require(entries >= 1 && entries <= 64, s"VlArbiter: entries must be 1..64, got $entries")
  val io = IO(new VlArbiterIO(entries))
  private val ib = log2Ceil(entries).max(1)

  // The tables as the arbiter uses them: per data VL a bit mask of the usable entries (weight > 0) that name it
  // (word-wide eligibility, one AND-OR per VL), and the weights and VLs in small register files (the granted
  // entry's VL is read from them). A word never written since reset reads its reset value (`*Written`).
  private val lowInit = resetLow.take(entries).padTo(entries, (0, 0))
  private def initMask(v: Int): UInt =
    lowInit.zipWithIndex.map { case ((vl, w), k) => if (vl == v && w > 0) BigInt(1) << k else BigInt(0) }.sum.U(entries.W)
  val hiMask   = RegInit(VecInit(Seq.fill(dataVls)(0.U(entries.W))))
  val loMask   = RegInit(VecInit((0 until dataVls).map(initMask)))
  val hiWeight = Mem(entries, UInt(8.W))
  val loWeight = Mem(entries, UInt(8.W))
  val hiVlMem  = Mem(entries, UInt(4.W))
  val loVlMem  = Mem(entries, UInt(4.W))
  val hiWritten = RegInit(0.U(entries.W))
  val loWritten = RegInit(0.U(entries.W))
  private val loInitWeight = VecInit(lowInit.map(_._2.U(8.W)))
  private val loInitVl = VecInit(lowInit.map(_._1.U(4.W)))
  private def hiWeightOf(k: UInt): UInt = Mux(hiWritten(k), hiWeight.read(k), 0.U)
  private def loWeightOf(k: UInt): UInt = Mux(loWritten(k), loWeight.read(k), loInitWeight(k))
  private def hiVlOf(k: UInt): UInt = Mux(hiWritten(k), hiVlMem.read(k), 0.U)
  private def loVlOf(k: UInt): UInt = Mux(loWritten(k), loVlMem.read(k), loInitVl(k))
  val limit    = RegInit(0.U(8.W))
  val hiIdx    = RegInit(0.U(ib.W))
  val loIdx    = RegInit(0.U(ib.W))
  val hiUsedR  = RegInit(0.U(16.W))
  val loUsedR  = RegInit(0.U(16.W))
  val hpLeftR  = RegInit(0.U(20.W))
  val hpOpenR  = RegInit(true.B)

  private val ready = io.has & (io.fits | "h8000".U(16.W))

  /** One table's choice: (found, entry, vl, moved-to-another-entry); vl is meaningful where found. */
  private def tryTable(masks: Vec[UInt], weightOf: UInt => UInt, vlOf: UInt => UInt, idx: UInt, used: UInt): (Bool, UInt, UInt, Bool) = {
    val eligible = masks.zipWithIndex.map { case (m, v) => Mux(ready(v), m, 0.U) }.reduce(_ | _)
    // the current entry continues its turn while it has budget; otherwise the first eligible entry after it,
    // coming back round to itself last, starts a new turn
    val current = eligible(idx) && used < (weightOf(idx) << 6)
    val pick = if (entries == 1) 0.U else {
      val next = Mux(idx === (entries - 1).U, 0.U, idx + 1.U)
      OHToUInt(RoundRobin(eligible, next))
    }
    val found = current || eligible.orR
    val entry = Mux(current, idx, pick)
    // an eligible entry is usable, so its VL is the one its table word names (one read, not a bit of every mask)
    val vl = vlOf(entry)
    (found, entry, vl, !current)
  }

  val (hiFound, hiEntry, hiPickVl, hiMoved) = tryTable(hiMask, hiWeightOf, hiVlOf, hiIdx, hiUsedR)
  val (loFound, loEntry, loPickVl, loMoved) = tryTable(loMask, loWeightOf, loVlOf, loIdx, loUsedR)
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

  // ---- functional coverage (docs/coverage.md) ----
  if (Coverage.enabled) {
  val deciding = io.decide && io.grant.valid
  Coverage.point(deciding && vl15, "grant_vl15")
  Coverage.point(deciding && takeHigh, "grant_high")
  Coverage.point(deciding && takeLow, "grant_low")
  for (v <- 0 until dataVls) Coverage.point(deciding && !vl15 && chosenVl === v.U, s"grant_vl$v")
  // a table's turn passes its last entry and starts again from the first
  Coverage.point(deciding && takeHigh && hiMoved && hiEntry < hiIdx, "high_table_wrap")
  Coverage.point(deciding && takeLow && loMoved && loEntry < loIdx, "low_table_wrap")
  // the High allowance runs out (Limit of High-Priority), and Low goes while High still has packets
  Coverage.point(deciding && takeHigh && !unlimited && hpLeftR <= pktBytes && hpOpenR, "high_limit_reached")
  Coverage.point(deciding && takeLow && hiFound, "low_while_high_waits")
  }

  when(io.entryWrite.valid) {
    val w = io.entryWrite.bits
    val oh = UIntToOH(w.index, entries)
    val usable = w.weight =/= 0.U && w.vl < dataVls.U
    // each mask by its own expression: no 64-bit value shared by the two tables, so nothing wide is computed
    // (in simulation) in a cycle without a write
    for (v <- 0 until dataVls) {
      val names = usable && w.vl === v.U
      when(w.high) { hiMask(v) := Mux(names, hiMask(v) | oh, hiMask(v) & ~oh) }
        .otherwise { loMask(v) := Mux(names, loMask(v) | oh, loMask(v) & ~oh) }
    }
    when(w.high) {
      hiWeight.write(w.index, w.weight); hiVlMem.write(w.index, w.vl); hiWritten := hiWritten | oh
    }.otherwise {
      loWeight.write(w.index, w.weight); loVlMem.write(w.index, w.vl); loWritten := loWritten | oh
    }
  }
  // register reads (CSR)
  private val ri = io.readIndex
  io.readWeight := Mux(io.readHigh, hiWeightOf(ri), loWeightOf(ri))
  io.readVl := Mux(io.readHigh, hiVlOf(ri), loVlOf(ri))
  io.limit := limit
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
