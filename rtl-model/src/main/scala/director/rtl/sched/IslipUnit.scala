package director.rtl.sched

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}

class IslipUnitIO(val n: Int) extends NamedBundle {
  /** Row i of the request matrix at bits [i*n+n-1 : i*n]. */
  val req = Input(UInt((n * n).W))
  /** Iterations this cycle, 1..the elaborated maximum. */
  val iters = Input(UInt(3.W))
  /** Per input: bit 7 valid, bits 5:0 the matched output; input i at byte i. */
  val inMatch = Output(UInt((n * 8).W))
}

/** The scheduler alone behind flat ports, for the lockstep unit test against the Java iSLIP model. */
class IslipUnit(val n: Int, val iterations: Int) extends Module with NamedModule {
  val io = FlatIO(new IslipUnitIO(n))
  val sched = Module(new IslipScheduler(n, iterations))
  for (i <- 0 until n) sched.io.req(i) := io.req(i * n + n - 1, i * n)
  sched.io.iterations := io.iters
  io.inMatch := Cat(sched.io.inMatch.reverse.map(m => Cat(m.valid, 0.U((7 - log2Ceil(n)).W), m.bits)))
}
