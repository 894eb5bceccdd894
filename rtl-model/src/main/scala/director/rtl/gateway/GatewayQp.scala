package director.rtl.gateway

/** The director's own queue pairs (docs/gateway.md): vNIC n is QP `VnicBase + n`, vHBA m is QP `VhbaBase + m`. A
  * server's packet to GW_LID is a vNIC's when its DestQP is below `VhbaBase`, a vHBA's from `VhbaBase` up. The one
  * definition, for the RTL ([[GatewayAdmit]], [[IbEncap]]) and the Java golden model. */
object GatewayQp {
  val VnicBase = 0x100
  val VhbaBase = 0x800
  /** A QP number is 24 bits. */
  val Bits = 24
}
