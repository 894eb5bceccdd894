package director.rtl

import org.junit.jupiter.api.Tag
import director.rtl.params.DirectorParams
import org.junit.jupiter.api.Assertions._
import org.junit.jupiter.api.Test

import scala.jdk.CollectionConverters._

@Tag("fast")
class ParamsTest {
  private def error(f: => Any): String =
    assertThrows(classOf[IllegalArgumentException], () => { f; () }).getMessage

  @Test def vp780IsTheDatasheetBox(): Unit = {
    val p = DirectorParams.vp780
    assertEquals(39, p.ports, "24 host ports + 15 module slots")
    assertEquals(24, p.hostPorts)
    assertEquals(10, p.ethPorts.size, "the datasheet's mix: 10GbE modules ...")
    assertEquals(5, p.fcPorts.size, "... and FC modules (2 x 4Gb behind one 10 Gb/s slot)")
    assertEquals(780.0, p.ports * p.lineGbps * 2, 1e-9, "780 Gb/s = 39 ports x 10 Gb/s x 2 directions")
    assertEquals(16.0, p.crossbarGbps, 1e-9, "64 bits at 250 MHz")
    assertEquals(1.6, p.speedup, 1e-9)
  }

  @Test def badParametersNameTheField(): Unit = {
    assertTrue(error(DirectorParams.small.copy(ports = 1)).contains("ports: must be 2..64, got 1"))
    assertTrue(error(DirectorParams.small.copy(beatBytes = 12)).contains("beatBytes"))
    assertTrue(error(DirectorParams.small.copy(islipIterations = 5)).contains("islipIterations: must be 1..4, got 5"))
    assertTrue(error(DirectorParams.small.copy(ingressBufferBytes = 4096)).contains("ingressBufferBytes"))
    assertTrue(error(DirectorParams.small.copy(coreMHz = 100)).contains("crossbar"), "a crossbar slower than the line")
    assertTrue(error(DirectorParams.profile("vp999")).contains("unknown profile 'vp999'"))
    for (vls <- Seq(0, 3, 5, 7, 9, 16))
      assertTrue(error(DirectorParams.small.copy(dataVls = vls)).contains(s"dataVls: must be 1, 2, 4, 8, 15"), s"dataVls = $vls")
    for (vls <- DirectorParams.LegalDataVls) assertEquals(vls, DirectorParams.small.copy(dataVls = vls).dataVls)
  }

  @Test def overridesParseAndRejectNonsense(): Unit = {
    val p = DirectorParams.fromSpec("vp780", Map("ports" -> "30", "islipIterations" -> "1").asJava)
    assertEquals(30, p.ports)
    assertEquals(15, p.hostPorts, "the 15 module ports stay the last ports")
    assertTrue(error(DirectorParams.fromSpec("vp780", Map("ports" -> "12").asJava)).contains("modules: leaves no host port"))
    assertEquals(12, DirectorParams.fromSpec("vp780", Map("ports" -> "12", "modules" -> "").asJava).hostPorts)
    assertEquals(1, p.islipIterations)
    assertTrue(error(DirectorParams.fromSpec("small", Map("ports" -> "many").asJava)).contains("parameter 'ports': 'many' is not an integer"))
    assertTrue(error(DirectorParams.fromSpec("small", Map("colour" -> "red").asJava)).contains("unknown parameter 'colour'"))
    val vls = error(DirectorParams.fromSpec("small", Map("dataVls" -> "3").asJava))
    assertTrue(vls.contains("dataVls") && vls.contains("got 3") && !vls.contains("\n"), vls)
  }
}
