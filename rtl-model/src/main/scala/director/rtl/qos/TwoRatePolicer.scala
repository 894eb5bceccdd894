package director.rtl.qos

import chisel3._
import chisel3.util._
import director.rtl.stats.Coverage
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.gateway.TableRead
import director.rtl.util.WordBits

/** A vNIC's policer settings (docs/gateway.md, "QoS"): rates in kb/s, bursts in bytes; PIR 0 = not policed. */
class PolicerConfig extends NamedBundle {
  val cirKbps = UInt(32.W)
  val pirKbps = UInt(32.W)
  val cbsBytes = UInt(24.W)
  val pbsBytes = UInt(24.W)
}

object TwoRatePolicer {
  /** Tokens count 2^-24 bytes. */
  val fracBits = 24
  /** The longest gap the buckets refill over, in cycles (the buckets are full long before). */
  val maxElapsed: Long = (1L << 31) - 1
  /** Rates are taken modulo 2^24 kb/s (16.7 Gb/s, above any port's line). */
  val rateBits = 24

  /** Token increment per cycle of a rate: (kbps x M) >> 16 with M = round(125 x 2^40 / (coreMHz x 10^6)). */
  def rateMultiplier(coreMHz: Int): Long = math.round(125.0 * math.pow(2, 40) / (coreMHz * 1e6))
}

class PolicerRequest(val p: DirectorParams) extends NamedBundle {
  val vnic = UInt(p.vnicBits.W)
  /** The frame's length as it leaves on the LAN, FCS included. */
  val bytes = UInt(14.W)
}

/** What the lockstep unit test compares (TwoRatePolicerUnit; built only with `probe`): the decision of this cycle and
  * every vNIC's stored state. */
class PolicerProbe(val n: Int) extends NamedBundle {
  /** The request's colour: 0 none (no request, or the vNIC is not policed), 1 green, 2 yellow, 3 red. */
  val colour = UInt(2.W)
  /** The requesting vNIC's buckets brought up to date, before the frame's bytes are taken (2^-24 bytes). */
  val committedNow = UInt(64.W)
  val peakNow = UInt(64.W)
  /** Bit n: vNIC n has been metered since reset (its stored state below means something only then). */
  val seen = UInt(n.W)
  /** Each vNIC's stored buckets (2^-24 bytes) and the cycle (`now`) of its last decision. */
  val committed = Vec(n, UInt(64.W))
  val peak = Vec(n, UInt(64.W))
  val last = Vec(n, UInt(64.W))
}

class TwoRatePolicerIO(val p: DirectorParams, val withProbe: Boolean) extends NamedBundle {
  val req = Input(Valid(new PolicerRequest(p)))
  /** The requesting vNIC's settings (a lookup port of the vNICs' settings bank). */
  val config = new TableRead(new PolicerConfig, p.vnics)
  val now = Input(UInt(64.W))
  /** In the cycle of the request: the frame exceeds the PIR (red) and is dropped. */
  val red = Output(Bool())
  val probe = Option.when(withProbe)(Output(new PolicerProbe(p.vnics)))
}

/** One host port's bank of two-rate policers, one per vNIC (RFC 2698, colour blind): a peak bucket of PBS bytes
  * refilled at PIR and a committed bucket of CBS bytes refilled at CIR, both full at first. A frame of B bytes is
  * red when the peak bucket holds fewer than B (dropped, nothing taken), yellow when only the committed bucket is
  * short (B taken from the peak bucket), else green (B taken from both). Buckets are brought up to date when a
  * frame is decided (elapsed cycles x increment, capped at the burst), so the state is a table, not counters
  * that tick every cycle. The golden model does the same integer arithmetic. `probe`: the decision's colour and
  * every vNIC's state as outputs too, for the lockstep unit test (TwoRatePolicerUnit; the director builds none).
  */
class TwoRatePolicer(val p: DirectorParams, val probe: Boolean = false) extends Module with NamedModule {
  val io = IO(new TwoRatePolicerIO(p, probe))
  import TwoRatePolicer._
  private val m = rateMultiplier(p.coreMHz)

  val tc = Mem(p.vnics, UInt(64.W))
  val tp = Mem(p.vnics, UInt(64.W))
  val last = Mem(p.vnics, UInt(64.W))
  /** Bit n: vNIC n has been metered since reset (else its buckets are full). */
  val seen = new WordBits(p.vnics)

  val r = io.req.bits
  io.config.index := r.vnic
  val cfg = io.config.entry
  val enabled = cfg.pirKbps =/= 0.U
  val wasSeen = seen(r.vnic)
  val elapsedRaw = io.now - last(r.vnic)
  val elapsed = Mux(elapsedRaw > maxElapsed.U, maxElapsed.U, elapsedRaw)(30, 0)
  // widths kept under 64 bits: tokens <= 2^48, elapsed < 2^31, increment < 2^28
  private def refill(tokens: UInt, kbps: UInt, burst: UInt): UInt = {
    val cap = (burst << fracBits)(47, 0)
    val inc = ((kbps(rateBits - 1, 0) * m.U) >> 16)(27, 0)
    val sum = tokens(47, 0) +& elapsed * inc
    Mux(!wasSeen || sum > cap, cap, sum)
  }
  val tcNow = refill(tc(r.vnic), cfg.cirKbps, cfg.cbsBytes)
  val tpNow = refill(tp(r.vnic), cfg.pirKbps, cfg.pbsBytes)
  val need = (r.bytes << fracBits).pad(48)
  val isRed = tpNow < need
  val isYellow = !isRed && tcNow < need
  io.red := io.req.valid && enabled && isRed
  Coverage.point(io.req.valid && enabled && !isRed && !isYellow, "green")
  Coverage.point(io.req.valid && enabled && isYellow, "yellow")
  Coverage.point(io.req.valid && enabled && isRed, "red")
  when(io.req.valid && enabled) {
    tp(r.vnic) := Mux(isRed, tpNow, tpNow - need)
    tc(r.vnic) := Mux(isRed || isYellow, tcNow, tcNow - need)
    last(r.vnic) := io.now
    seen.set(r.vnic)
  }
  for (pr <- io.probe) {
    pr.colour := Mux(!io.req.valid || !enabled, 0.U, Mux(isRed, 3.U, Mux(isYellow, 2.U, 1.U)))
    pr.committedNow := tcNow.pad(64)
    pr.peakNow := tpNow.pad(64)
    pr.seen := seen.asUInt
    for (v <- 0 until p.vnics) {
      pr.committed(v) := tc(v.U)
      pr.peak(v) := tp(v.U)
      pr.last(v) := last(v.U)
    }
  }
}
