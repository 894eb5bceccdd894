package director.rtl.top

import circt.stage.ChiselStage
import director.rtl.params.DirectorParams
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.{Tag, Test}

/** The per-port blocks are elaborated once per kind of port (`Instantiate` of an `@instantiable` module, one
  * Definition per set of constructor arguments), not once per port: the circuit Chisel hands to firtool has the same
  * modules whatever the port count, and at 39 ports (vp780) one module per kind (docs/design.md, "Issue 12, tenth
  * session": Chisel 12.6 -> 5.6 s and firtool 18.6 -> 9.8 s at vp780). */
@Tag("rtl")
class OneElaborationPerKindTest {
  /** The module names a CHIRRTL circuit defines. */
  private def modules(chirrtl: String): Seq[String] =
    "(?m)^  (?:ext)?module (\\S+) :".r.findAllMatchIn(chirrtl).map(_.group(1)).toSeq

  private def modules(p: DirectorParams): Seq[String] = modules(ChiselStage.emitCHIRRTL(new DirectorTop(p)))

  /** How many modules are called `name` or `name_<n>`. */
  private def kinds(all: Seq[String], name: String): Int = all.count(m => m == name || m.matches(s"${name}_\\d+"))

  @Test def theSameModulesAtFourAndSixteenPorts(): Unit = {
    val four = modules(DirectorParams.small.copy(ports = 4))
    val sixteen = modules(DirectorParams.small.copy(ports = 16))
    assertEquals(four.size, four.distinct.size, "each module defined once")
    assertEquals(four.size, sixteen.size, s"4 ports: ${four.sorted.mkString(" ")}\n16 ports: ${sixteen.sorted.mkString(" ")}")
    for (block <- Seq("InputBuffer", "EgressPort", "VlCounters")) {
      assertEquals(1, kinds(four, block), s"$block at 4 ports")
      assertEquals(1, kinds(sixteen, block), s"$block at 16 ports")
    }
  }

  @Test def vp780HasOneModulePerKindOfPort(): Unit = {
    val chirrtl = ChiselStage.emitCHIRRTL(new DirectorTop(DirectorParams.profile("vp780")))
    val all = modules(chirrtl)
    // each instance keeps its Scala name (NamedModule names an Instance held in a val as it names a module)
    for (inst <- Seq("inputs_0 of InputBuffer", "inputs_38 of InputBuffer", "outputs_38 of EgressPort", "vlCounters_12 of VlCounters",
      "modIn_24 of ModuleIngress", "admit_23 of GatewayAdmit", "fcOut_38 of FcoibDecap"))
      assertTrue(chirrtl.contains(s"inst $inst"), s"inst $inst")
    // host ports' input buffers tag the FC outputs' packets, the module ports' do not; host ports' egress has credits
    Map("InputBuffer" -> 2, "EgressPort" -> 2, "VlCounters" -> 1, "ModuleIngress" -> 2, "EoibDecap" -> 1,
      "FcoibDecap" -> 1, "LocalSwitch" -> 1, "GatewayAdmit" -> 1).foreach { case (block, n) =>
      assertEquals(n, kinds(all, block), s"$block: ${all.filter(_.startsWith(block)).mkString(" ")}")
    }
    assertTrue(all.size < 300, s"${all.size} modules for 39 ports")
  }
}
