package director.rtl.params

/** What a crossbar port faces (docs/gateway.md): an InfiniBand host link, a 10GbE module port or an FC module
  * port. Inside the director every packet is an InfiniBand packet; module ports encapsulate on the way in and
  * decapsulate on the way out.
  *
  * `wireOverheadBytes`: the bytes a frame costs on the port's wire besides the frame as the director's streams carry
  * it (the one definition, for the C++ harness's pacing through the generated `director_consts.h` and the Java
  * testbench): none on an InfiniBand port (its stream is its wire); on 10GbE the preamble (7), SFD (1) and the
  * inter-frame gap (12); on FC the SOF and EOF, 4-byte ordered sets carried as 1-byte codes (3 + 3), and at least
  * six 4-byte IDLEs between frames (24).
  */
sealed abstract class PortKind(val key: String, val wireOverheadBytes: Int)

object PortKind {
  case object Ib extends PortKind("ib", 0)
  case object Eth extends PortKind("eth", 7 + 1 + 12)
  case object Fc extends PortKind("fc", 3 + 3 + 24)

  val all: Seq[PortKind] = Seq(Ib, Eth, Fc)

  private val moduleKinds: Seq[PortKind] = Seq(Eth, Fc)

  /** "eth:10,fc:5" -> ten Eth then five Fc; "" -> none. Errors name the profile and the offending item. */
  def parseModules(profile: String, spec: String): Seq[PortKind] =
    if (spec.trim.isEmpty) Seq.empty
    else spec.split(",").toSeq.flatMap { item =>
      def bad(why: String) = throw new IllegalArgumentException(
        s"director parameters '$profile': modules: '$item' $why (expected kind:count items like \"eth:10,fc:5\")")
      item.trim.split(":") match {
        case Array(k, n) =>
          val kind = moduleKinds.find(_.key == k.trim).getOrElse(bad(s"has unknown kind '${k.trim}' (known: eth, fc)"))
          val count = try n.trim.toInt catch { case _: NumberFormatException => bad(s"has count '${n.trim}', not an integer") }
          if (count < 0) bad("has a negative count")
          Seq.fill(count)(kind)
        case _ => bad("is not kind:count")
      }
    }
}
