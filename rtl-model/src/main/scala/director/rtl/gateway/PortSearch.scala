package director.rtl.gateway

import chisel3._
import chisel3.util._

/** The search state a binding table keeps beside its memory for the ports that search it (10GbE ports for the vNIC
  * table, FC ports for the vHBA table): an entry can match only at its own module port, so each entry is compared
  * once a cycle, with the question of that port (`askedAhead`, or `probes` and `probeOf` for one asked in the same
  * cycle), and a port's answer is those comparisons masked by `atPort(j)`.
  *
  * Per entry its port as an index into `ports` (its slot: `ports.size` for a port that is not one of them), in a
  * small memory; per port j a register of a bit per entry, set where the entry is usable at port j (zero after
  * reset, so an entry never written matches nothing, whatever its memories hold). Both are written when an entry
  * is committed (`commit`, under the caller's `when`), so they change in the cycle the table does.
  */
class PortSearch(name: String, ports: Seq[Int], n: Int) {
  require(ports.forall(q => q >= 0 && q < 256), s"$name: port numbers are 8 bits, got ${ports.mkString(", ")}")
  val slotBits: Int = log2Ceil(ports.size + 1).max(1)
  private val slotOf = VecInit((0 until 256).map(q => (if (ports.contains(q)) ports.indexOf(q) else ports.size).U(slotBits.W)))
  private val slots = Mem(n, UInt(slotBits.W)).suggestName(name + "Slot")
  val atPort: Vec[UInt] = RegInit(VecInit(Seq.fill(ports.size.max(1))(0.U(n.W)))).suggestName(name + "AtPort")

  /** Entry `i` is now at port number `port`, usable or not. */
  def commit(i: UInt, port: UInt, usable: Bool): Unit = {
    val slot = slotOf(port(7, 0))
    slots.write(i, slot)
    val oh = UIntToOH(i, n)
    for (j <- ports.indices) atPort(j) := Mux(usable && slot === j.U, atPort(j) | oh, atPort(j) & ~oh)
  }

  /** The probes of the ports, in the order of `ports`, padded with zero probes to every slot value; `probeOf` picks
    * an entry's. */
  def probes[T <: Data](ps: Seq[T]): Vec[T] = {
    require(ps.nonEmpty && ps.size == ports.size, s"$name: ${ps.size} probes for ${ports.size} ports")
    VecInit(ps ++ Seq.fill((1 << slotBits) - ps.size)(0.U.asTypeOf(ps.head)))
  }
  /** Entry `k`'s slot (one read a cycle; `probeOf` picks with it). */
  def slot(k: Int): UInt = slots(k.U)
  def probeOf[T <: Data](padded: Vec[T], slot: UInt): T = padded(slot)

  /** A question the ports ask a cycle ahead (its value for the next cycle, as a register's next value), kept in a
    * small memory at each port's slot, written every cycle (with `resetValue` in reset, as a register takes its
    * initial value): an entry reads its port's question with one load, where a selection among the ports is a tree of
    * conditional moves per entry in the simulator. Returns the read at a slot (`slot(k)`); slots past the ports read
    * what was never written, which `answer` masks. */
  def askedAhead(next: Seq[UInt], resetValue: UInt, what: String): UInt => UInt = {
    require(next.nonEmpty && next.size == ports.size, s"$name: ${next.size} questions for ${ports.size} ports")
    val w = next.map(_.getWidth).max
    val mem = Mem(1 << slotBits, UInt(w.W)).suggestName(name + what)
    for ((q, j) <- next.zipWithIndex) mem.write(j.U, Mux(Module.reset.asBool, resetValue, q))
    (slot: UInt) => mem(slot)
  }

  /** Port j's answer from every entry's comparison with its own port's probe (bit k: entry k). */
  def answer(j: Int, bits: UInt): UInt = bits & atPort(j)
}
