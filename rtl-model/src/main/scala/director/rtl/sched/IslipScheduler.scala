package director.rtl.sched

import chisel3._
import chisel3.util._
import director.rtl.stats.Coverage
import director.rtl.naming.{NamedBundle, NamedModule}

class IslipIO(val n: Int) extends NamedBundle {
  /** req(i) bit j: input i has a packet for output j and both are free to be matched this cycle. */
  val req = Input(Vec(n, UInt(n.W)))
  /** Per input: the output it is matched with this cycle. */
  val inMatch = Output(Vec(n, Valid(UInt(log2Ceil(n).W))))
  /** Per output: the input it is matched with this cycle. */
  val outMatch = Output(Vec(n, Valid(UInt(log2Ceil(n).W))))
  /** Iterations to run this cycle, 1..the elaborated maximum (a register, so it can be measured live). */
  val iterations = Input(UInt(3.W))
}

/** iSLIP (McKeown, IEEE/ACM ToN 1999) for an n x n crossbar, up to `iterations` request-grant-accept rounds in
  * one cycle (`io.iterations` of them run). Grant pointers (per output) and accept pointers (per input) start
  * at 0 and move to one past the granted input / accepted output only for matches made in the first
  * iteration, at the end of the cycle. The scheduler is memoryless otherwise: packet mode (holding a
  * connection for a whole packet) is the caller's business, by not requesting with busy ports.
  *
  * Built on whole words: the request matrix is transposed once into columns (per output, the requesting
  * inputs), and each iteration transposes its grants once into rows (per input, the granting outputs).
  */
class IslipScheduler(val n: Int, val iterations: Int) extends Module with NamedModule {
  require(n >= 2 && n <= 64, s"IslipScheduler: n must be 2..64, got $n")
  require(iterations >= 1 && iterations <= 4, s"IslipScheduler: iterations must be 1..4, got $iterations")
  private val w = log2Ceil(n)
  val io = IO(new IslipIO(n))

  val grantPtr  = RegInit(VecInit(Seq.fill(n)(0.U(w.W))))
  val acceptPtr = RegInit(VecInit(Seq.fill(n)(0.U(w.W))))

  private val columns = BitTranspose(io.req) // columns(j) bit i: input i requests output j
  private var inFree: UInt = Fill(n, 1.U(1.W))  // bit i: input i still unmatched
  private var outFree: UInt = Fill(n, 1.U(1.W)) // bit j: output j still unmatched
  private var acceptedRows: Seq[UInt] = Seq.fill(n)(0.U(n.W)) // row i: one-hot of the output input i took
  private var firstRows: Seq[UInt] = Seq.empty
  private var firstGrants: Seq[UInt] = Seq.empty

  for (k <- 0 until iterations) {
    val active = if (k == 0) true.B else io.iterations > k.U
    // grant: every free output picks among the free inputs that request it
    val grants = (0 until n).map { j =>
      Mux(active && outFree(j), RoundRobin(columns(j) & inFree, grantPtr(j)), 0.U(n.W))
    } // grants(j) bit i
    val offered = BitTranspose(grants) // offered(i) bit j: output j granted input i
    // accept: every input picks among the outputs that granted it
    val accepts = (0 until n).map(i => RoundRobin(offered(i), acceptPtr(i))) // accepts(i) bit j
    if (k == 0) { firstRows = accepts; firstGrants = grants }
    // functional coverage (docs/coverage.md): a match made in this iteration
    Coverage.point(accepts.map(_.orR).reduce(_ || _), s"match_iteration${k + 1}")
    acceptedRows = acceptedRows.zip(accepts).map { case (a, b) => a | b }
    inFree = inFree & ~VecInit(accepts.map(_.orR)).asUInt
    outFree = outFree & ~accepts.reduce(_ | _)
  }
  val matchRows = VecInit(acceptedRows)
  val firstOutMatched = firstRows.reduce(_ | _) // bit j: output j matched in iteration 1

  private def next(idx: UInt): UInt = Mux(idx === (n - 1).U, 0.U, idx + 1.U)

  for (i <- 0 until n) {
    io.inMatch(i).valid := matchRows(i).orR
    io.inMatch(i).bits := OHToUInt(matchRows(i))
    when(firstRows(i).orR) { acceptPtr(i) := next(OHToUInt(firstRows(i))) }
  }
  // per output: the input it matched (one-hot rows -> per output, from the matched rows' union per column)
  private val matchCols = BitTranspose(acceptedRows)
  for (j <- 0 until n) {
    io.outMatch(j).valid := matchCols(j).orR
    io.outMatch(j).bits := OHToUInt(matchCols(j))
    // an output matched in the first iteration was matched with the one input it granted: that moves its pointer
    when(firstOutMatched(j)) { grantPtr(j) := next(OHToUInt(firstGrants(j))) }
  }
}
