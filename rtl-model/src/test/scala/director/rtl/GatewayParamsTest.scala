package director.rtl

import org.junit.jupiter.api.Tag
import director.rtl.params.{DirectorParams, PortKind}
import director.rtl.top.Elaborate
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

@Tag("rtl")
class GatewayParamsTest {
  private def error(f: => Any): String =
    assertThrows(classOf[IllegalArgumentException], () => { f; () }).getMessage

  @Test def modulesAreTheLastPorts(): Unit = {
    val p = DirectorParams.small.copy(modules = "eth:2,fc:1")
    assertEquals(5, p.hostPorts)
    assertEquals(Seq.fill(5)(PortKind.Ib) ++ Seq.fill(2)(PortKind.Eth) :+ PortKind.Fc, p.portKinds)
    assertEquals(Seq(5, 6), p.ethPorts)
    assertTrue(p.describe.contains("modules=eth:2,fc:1"))
    assertFalse(DirectorParams.small.describe.contains("modules"), "a profile without modules describes itself as before")
  }

  @Test def badModuleListsNameTheItem(): Unit = {
    assertTrue(error(DirectorParams.small.copy(modules = "eth:3,tr:2")).contains("modules: 'tr:2' has unknown kind 'tr'"))
    assertTrue(error(DirectorParams.small.copy(modules = "eth:x")).contains("'eth:x' has count 'x', not an integer"))
    assertTrue(error(DirectorParams.small.copy(modules = "eth:8")).contains("leaves no host port"))
    assertTrue(error(DirectorParams.small.copy(modules = "eth")).contains("'eth' is not kind:count"))
  }

  @Test def theGatewayProfileElaborates(): Unit = {
    val p = DirectorParams.gateway
    assertEquals(Seq(5, 6), p.ethPorts)
    assertEquals(Seq(7), p.fcPorts)
    val sv = Elaborate.director(p)
    assertTrue(sv.contains("module ModuleIngress"), "the module ports have their way in")
    assertTrue(sv.contains("module EoibDecap"), "10GbE ports their way out")
    assertTrue(sv.contains("module FcoibDecap"), "FC ports theirs")
    assertTrue(sv.contains("module GatewayAdmit"), "host ports admit EoIB and FCoIB")
  }
}
