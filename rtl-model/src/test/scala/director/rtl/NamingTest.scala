package director.rtl

import org.junit.jupiter.api.Tag
import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.stream.PacketBeat
import director.rtl.top.Elaborate
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

class Pair(val w: Int) extends NamedBundle {
  val a = UInt(w.W)
  val b = Bool()
}

class Wrapped[T <: Data](private val gen: T) extends NamedBundle {
  val payload = gen.cloneType
  val tag = UInt(3.W)
}

class NotCloneable(w: Int) extends NamedBundle {
  val x = UInt(w.W)
}

class LeafIO extends NamedBundle {
  val a = Input(UInt(8.W))
  val b = Output(Bool())
}

class Leaf extends Module with NamedModule {
  val io = IO(new LeafIO)
  val delayed = RegNext(io.a, 0.U)
  io.b := delayed.orR
}

class Sample extends Module with NamedModule {
  val io = IO(new NamingSampleIO)
  val counter = RegInit(0.U(8.W))
  val doubled = Wire(UInt(9.W))
  val lanes = Seq.fill(3)(RegInit(0.U(4.W)))
  val history = Mem(16, UInt(8.W))
  val leaf = Module(new Leaf)
  val queue = Module(new Queue(new Wrapped(new Pair(4)), 2))
  counter := counter + io.in
  doubled := counter << 1
  lanes.zipWithIndex.foreach { case (l, i) => l := counter(i + 3, i) }
  history.write(counter(3, 0), io.in)
  leaf.io.a := doubled(7, 0)
  queue.io.enq.valid := io.in(0)
  queue.io.enq.bits.payload.a := io.in(3, 0)
  queue.io.enq.bits.payload.b := true.B
  queue.io.enq.bits.tag := 1.U
  queue.io.deq.ready := true.B
  io.out := Cat(leaf.io.b, lanes.reduce(_ ^ _), history.read(io.in(3, 0))(2, 0), queue.io.deq.bits.tag)
}

class NamingSampleIO extends NamedBundle {
  val in = Input(UInt(8.W))
  val out = Output(UInt(11.W))
}

/** The plugin replacement: Scala names reach the SystemVerilog; bundles clone and list their fields. */
@Tag("rtl")
class NamingTest {
  private lazy val sv = Elaborate.systemVerilog(new Sample)

  @Test def registersWiresMemoriesAndInstancesKeepTheirScalaNames(): Unit = {
    assertTrue(sv.matches("(?s).*reg\\s+\\[7:0\\]\\s+counter;.*"), "register 'counter'")
    assertTrue(sv.matches("(?s).*wire\\s+\\[8:0\\]\\s+doubled\\s*=.*"), "wire 'doubled' (kept by -preserve-values=named)")
    for (i <- 0 until 3) assertTrue(sv.matches(s"(?s).*reg\\s+\\[3:0\\]\\s+lanes_$i;.*"), s"Seq member lanes_$i")
    assertTrue(sv.contains("history"), "memory 'history'")
    assertTrue(sv.matches("(?s).*Leaf\\s+leaf\\s*\\(.*"), "submodule instance 'leaf'")
    assertTrue(sv.matches("(?s).*reg\\s+\\[7:0\\]\\s+delayed;.*"), "register inside the submodule")
    assertFalse(sv.matches("(?s).*\\bREG(_\\d+)?\\b.*"), "no register is left with Chisel's default name REG")
    assertTrue(sv.contains("io_in") && sv.contains("io_out"), "ports named after the io bundle's fields")
  }

  @Test def bundleElementsAreThePublicValsInDeclarationOrder(): Unit = {
    val names = Elaborate.systemVerilog(new Module with NamedModule {
      val io = IO(new LeafIO)
      io.b := io.a.orR
    })
    assertTrue(names.indexOf("io_a") < names.indexOf("io_b"), "a before b")
    val beat = new PacketBeat(8)
    assertEquals(Seq("bytes", "eop", "sop", "data"), beat.elements.keys.toSeq, "Chisel lists elements last-first")
  }

  @Test def genericAndNestedBundlesClone(): Unit = {
    val w = new Wrapped(new Pair(6))
    val c = w.cloneType
    assertNotSame(w, c)
    assertEquals(6, c.payload.a.getWidth)
    assertEquals(Seq("tag", "payload"), c.elements.keys.toSeq)
    val d = Decoupled(new PacketBeat(16))
    assertEquals(128, d.bits.data.getWidth)
  }

  @Test def aConstructorParameterThatIsNotAValIsAClearError(): Unit = {
    val e = assertThrows(classOf[Throwable], () => { Elaborate.systemVerilog(new Module with NamedModule {
      val io = IO(Flipped(Decoupled(new NotCloneable(4))))
      io.ready := true.B
    }); () })
    var msg = ""
    var t: Throwable = e
    while (t != null) { msg += String.valueOf(t.getMessage) + "\n"; t = t.getCause }
    assertTrue(msg.contains("constructor parameter 'w' must be a val"), "message names the parameter: " + msg)
  }

  @Test def directorCoreSignalsAreNamedInTheEmittedVerilog(): Unit = {
    val dsv = Elaborate.director(DirectorParams.small)
    for (name <- Seq("freshNext", "nonEmpty_0", "discardNonEmpty", "curOut", "grantPtr_0", "acceptPtr_7", "outBusy_0", "clearIdx", "respValid", "schedIters"))
      assertTrue(dsv.matches(s"(?s).*reg\\s+(\\[[0-9:]+\\]\\s+)?$name;.*"), s"register $name in the director")
    for (mem <- Seq("qHead", "qCount", "beats", "nextBlk", "freeFifo"))
      assertTrue(dsv.matches(s"(?s).*\\bmodule\\s+${mem}_\\d+x\\d+.*"), s"memory $mem keeps its name")
    for (inst <- Seq("inputs_0", "inputs_7", "outputs_3", "scheduler", "crossbar", "lft", "csr"))
      assertTrue(dsv.matches(s"(?s).*\\s$inst\\s*\\(.*"), s"instance $inst")
  }
}
