package director.rtl.link

/** Why a packet was dropped at ingress, in order of precedence (docs/ingress-checks.md); 0 = not dropped.
  *
  * The one definition of every reason's code and name: the RTL uses the codes, the C++ harness gets both from
  * the generated `director_consts.h` ([[director.rtl.top.HarnessConsts]]) and the Java golden model reads them
  * from here (`director.tb.model.DropReason`).
  */
object DropReason {
  /** A reason: its code in the RTL (1..31) and its name in reports, counters and the golden model. */
  final case class Reason(code: Int, key: String) {
    /** A gateway reason (docs/gateway.md): counted in the per-port gateway counters, not per VL. */
    def isGateway: Boolean = code >= firstGateway
  }

  private val defined = scala.collection.mutable.ArrayBuffer.empty[Reason]
  private def reason(code: Int, key: String): Int = {
    require(!defined.exists(r => r.code == code || r.key == key), s"drop reason $code '$key' defined twice")
    defined += Reason(code, key)
    code
  }

  val None = 0
  val Runt = reason(1, "runt")
  val Oversize = reason(2, "oversize")
  val BadVcrc = reason(3, "bad_vcrc")
  val BadLver = reason(4, "bad_lver")
  val BadLnh = reason(5, "bad_lnh")
  val BadPktLen = reason(6, "bad_pktlen")
  val BadIcrc = reason(7, "bad_icrc")
  val Vl15TooLong = reason(8, "vl15_too_long")
  val TooLong = reason(9, "too_long")
  val UnknownDlid = reason(10, "unknown_dlid")
  /** Received on a VL the port does not have, or SL2VL maps it to one (docs/virtual-lanes.md). */
  val BadVl = reason(11, "bad_vl")
  // The gateway's reasons (docs/gateway.md), from 16: counted per port in the gateway counters, not per VL.
  val BadFcs = reason(16, "bad_fcs")
  val EthRunt = reason(17, "eth_runt")
  val EthOversize = reason(18, "eth_oversize")
  val UnknownMac = reason(19, "unknown_mac")
  val VlanDenied = reason(20, "vlan_denied")
  val MalformedEoib = reason(21, "malformed_eoib")
  val UnknownQp = reason(22, "unknown_qp")
  /** Server -> LAN: the frame exceeds its vNIC's peak rate (red, docs/gateway.md "QoS"). */
  val Policed = reason(23, "policed")
  // FC (docs/gateway.md, "SAN -> server" and "Server -> SAN")
  val BadSof = reason(24, "bad_sof")
  val BadEof = reason(25, "bad_eof")
  val BadFcCrc = reason(26, "bad_fc_crc")
  val FcRunt = reason(27, "fc_runt")
  val FcOversize = reason(28, "fc_oversize")
  val UnknownDid = reason(29, "unknown_did")
  val MalformedFcoib = reason(30, "malformed_fcoib")
  val FcMisaligned = reason(31, "fc_misaligned")
  val width = 5
  /** Reasons below this are link-layer reasons, also counted per VL. */
  val firstGateway = 16

  /** Every reason, by code. */
  val all: Seq[Reason] = defined.toSeq.sortBy(_.code)
  require(all.forall(r => r.code > None && r.code < (1 << width)), s"a drop reason code does not fit $width bits")

  /** The reasons a port of `kind` can drop a packet for (docs/ingress-checks.md, docs/gateway.md): at a host port
    * the link checks, and with a gateway the admission of EoIB (server -> LAN) and FCoIB (server -> SAN); at a 10GbE
    * port the LAN -> server checks; at an FC port the SAN -> server checks. What the coverage points cover. */
  def at(kind: director.rtl.params.PortKind, gateway: Boolean): Seq[Reason] = {
    import director.rtl.params.PortKind
    val codes: Seq[Int] = kind match {
      case PortKind.Ib =>
        (Runt to BadVl) ++ (if (!gateway) Nil
          else Seq(MalformedEoib, UnknownQp, EthRunt, EthOversize, VlanDenied, Policed,
            MalformedFcoib, BadSof, BadEof, FcRunt, FcOversize, BadFcCrc))
      case PortKind.Eth => Seq(EthRunt, EthOversize, BadFcs, UnknownMac)
      case PortKind.Fc => Seq(FcRunt, FcOversize, FcMisaligned, BadSof, BadEof, BadFcCrc, UnknownDid)
    }
    codes.sorted.map(byCode)
  }

  /** The reason with this code; an error naming the code when there is none. */
  def byCode(code: Int): Reason = all.find(_.code == code).getOrElse(
    throw new IllegalArgumentException(s"no drop reason has code $code (codes: ${all.map(_.code).mkString(", ")})"))

  /** The reason with this name; an error naming it when there is none. */
  def byKey(key: String): Reason = all.find(_.key == key).getOrElse(
    throw new IllegalArgumentException(s"no drop reason is named '$key' (known: ${all.map(_.key).mkString(", ")})"))
}
