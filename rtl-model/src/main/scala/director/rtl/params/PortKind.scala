package director.rtl.params

/** What a crossbar port faces (docs/gateway.md): an InfiniBand host link, a 10GbE module port or an FC module
  * port. Inside the director every packet is an InfiniBand packet; module ports encapsulate on the way in and
  * decapsulate on the way out.
  */
sealed abstract class PortKind(val key: String)

object PortKind {
  case object Ib extends PortKind("ib")
  case object Eth extends PortKind("eth")
  case object Fc extends PortKind("fc")

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
