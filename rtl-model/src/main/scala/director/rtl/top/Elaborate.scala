package director.rtl.top

import chisel3.RawModule
import circt.stage.ChiselStage
import director.rtl.params.DirectorParams
import director.rtl.sched.IslipUnit
import director.rtl.vlarb.VlArbUnit
import director.rtl.qos.{TokenShaperUnit, TwoRatePolicerUnit}
import director.rtl.egress.EgressPortUnit
import director.rtl.voq.InputBufferUnit
import director.rtl.xbar.CrossbarUnit

/** The generator, called in process by the testbench (and from the command line for a look at the output). */
object Elaborate {
  /** firtool options: keep named wires for the waves, no randomisation (Verilator's x-initial decides). */
  val firtoolOptions: Array[String] = Array(
    "-disable-all-randomization",
    "-strip-debug-info",
    "-preserve-values=named",
    "-lowering-options=disallowLocalVariables,disallowPackedArrays,locationInfoStyle=none"
  )

  def systemVerilog(gen: => RawModule): String =
    ChiselStage.emitSystemVerilog(gen, Array("--throw-on-first-error"), firtoolOptions)

  /** The whole director for a profile; its top module is `DirectorTop`. */
  def director(p: DirectorParams): String = systemVerilog(new DirectorTop(p))

  /** The whole director with its cover points (docs/coverage.md), for a coverage build. */
  def directorCounting(p: DirectorParams): String = _root_.director.rtl.stats.Coverage.counting(director(p))

  /** The iSLIP scheduler alone; its top module is `IslipUnit`. */
  def islipUnit(n: Int, iterations: Int): String = systemVerilog(new IslipUnit(n, iterations))

  /** The vHBA shaper alone; its top module is `TokenShaperUnit`. */
  def tokenShaperUnit(n: Int, coreMHz: Int): String = systemVerilog(new TokenShaperUnit(n, coreMHz))

  /** One host port's vNIC policers alone, with their settings bank; its top module is `TwoRatePolicerUnit`. */
  def twoRatePolicerUnit(n: Int, coreMHz: Int): String = systemVerilog(new TwoRatePolicerUnit(n, coreMHz))

  /** The VL arbiter alone; its top module is `VlArbUnit`. */
  def vlArbUnit(dataVls: Int, entries: Int): String = systemVerilog(new VlArbUnit(dataVls, entries))

  /** The egress port alone (with its VCRC regeneration); its top module is `EgressPortUnit`. */
  def egressPortUnit(p: DirectorParams): String = systemVerilog(new EgressPortUnit(p))

  /** One input buffer alone (with its link checks and credits); its top module is `InputBufferUnit`. */
  def inputBufferUnit(p: DirectorParams): String = systemVerilog(new InputBufferUnit(p))

  /** The crossbar alone, p.ports ports of p.beatBytes-byte beats; its top module is `CrossbarUnit`. */
  def crossbarUnit(p: DirectorParams): String = systemVerilog(new CrossbarUnit(p))

  def main(args: Array[String]): Unit = {
    val p = DirectorParams.profile(if (args.nonEmpty) args(0) else "small")
    print(director(p))
  }
}
