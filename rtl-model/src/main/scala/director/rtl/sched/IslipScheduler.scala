package director.rtl.sched

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}

class IslipIO(val n: Int) extends NamedBundle {
  /** req(i) bit j: input i has a packet for output j and both are free to be matched this cycle. */
  val req = Input(Vec(n, UInt(n.W)))
  /** Per input: the output it is matched with this cycle. */
  val inMatch = Output(Vec(n, Valid(UInt(log2Ceil(n).W))))
  /** Per output: the input it is matched with this cycle. */
  val outMatch = Output(Vec(n, Valid(UInt(log2Ceil(n).W))))
}

/** iSLIP (McKeown, IEEE/ACM ToN 1999) for an n x n crossbar, `iterations` request-grant-accept rounds in one
  * cycle. Grant pointers (per output) and accept pointers (per input) start at 0 and move to one past the
  * granted input / accepted output only for matches made in the first iteration, at the end of the cycle.
  * The scheduler is memoryless otherwise: packet mode (holding a connection for a whole packet) is the
  * caller's business, by not requesting with busy ports.
  */
class IslipScheduler(val n: Int, val iterations: Int) extends Module with NamedModule {
  require(n >= 2 && n <= 64, s"IslipScheduler: n must be 2..64, got $n")
  require(iterations >= 1 && iterations <= 4, s"IslipScheduler: iterations must be 1..4, got $iterations")
  private val w = log2Ceil(n)
  val io = IO(new IslipIO(n))

  val grantPtr  = RegInit(VecInit(Seq.fill(n)(0.U(w.W))))
  val acceptPtr = RegInit(VecInit(Seq.fill(n)(0.U(w.W))))

  private def column(m: Seq[UInt], j: Int): UInt = VecInit(m.map(_(j))).asUInt

  // matched(i)(j) one-hot rows, built iteration by iteration
  private var inFree: UInt = Fill(n, 1.U(1.W))
  private var outFree: UInt = Fill(n, 1.U(1.W))
  private var accepted: Seq[UInt] = Seq.fill(n)(0.U(n.W))
  private var firstAccepted: Seq[UInt] = Seq.empty

  for (k <- 0 until iterations) {
    val requests = io.req.zipWithIndex.map { case (r, i) => Mux(inFree(i), r & outFree, 0.U) }
    val grants = (0 until n).map(j => RoundRobin(column(requests, j), grantPtr(j))) // grants(j) bit i
    val accepts = (0 until n).map(i => RoundRobin(column(grants, i), acceptPtr(i))) // accepts(i) bit j
    if (k == 0) firstAccepted = accepts
    accepted = accepted.zip(accepts).map { case (a, b) => a | b }
    inFree = inFree & ~VecInit(accepts.map(_.orR)).asUInt
    outFree = outFree & ~accepts.reduce(_ | _)
  }
  val matchRows = VecInit(accepted)
  val firstRows = VecInit(firstAccepted)

  for (i <- 0 until n) {
    io.inMatch(i).valid := matchRows(i).orR
    io.inMatch(i).bits := OHToUInt(matchRows(i))
    when(firstRows(i).orR) {
      acceptPtr(i) := Mux(OHToUInt(firstRows(i)) === (n - 1).U, 0.U, OHToUInt(firstRows(i)) + 1.U)
    }
  }
  for (j <- 0 until n) {
    val col = column(matchRows, j)
    val firstCol = column(firstRows, j)
    io.outMatch(j).valid := col.orR
    io.outMatch(j).bits := OHToUInt(col)
    when(firstCol.orR) {
      grantPtr(j) := Mux(OHToUInt(firstCol) === (n - 1).U, 0.U, OHToUInt(firstCol) + 1.U)
    }
  }
}
