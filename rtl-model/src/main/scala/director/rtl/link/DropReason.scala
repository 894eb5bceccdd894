package director.rtl.link

/** Why a packet was dropped at ingress, in order of precedence (docs/ingress-checks.md); 0 = not dropped. */
object DropReason {
  val None = 0
  val Runt = 1
  val Oversize = 2
  val BadVcrc = 3
  val BadLver = 4
  val BadLnh = 5
  val BadPktLen = 6
  val BadIcrc = 7
  val Vl15TooLong = 8
  val TooLong = 9
  val UnknownDlid = 10
  /** Received on a VL the port does not have, or SL2VL maps it to one (docs/virtual-lanes.md). */
  val BadVl = 11
  // The gateway's reasons (docs/gateway.md), from 16: counted per port in the gateway counters, not per VL.
  val BadFcs = 16
  val EthRunt = 17
  val EthOversize = 18
  val UnknownMac = 19
  val VlanDenied = 20
  val MalformedEoib = 21
  val UnknownQp = 22
  /** Server -> LAN: the frame exceeds its vNIC's peak rate (red, docs/gateway.md "QoS"). */
  val Policed = 23
  // FC (docs/gateway.md, "SAN -> server" and "Server -> SAN")
  val BadSof = 24
  val BadEof = 25
  val BadFcCrc = 26
  val FcRunt = 27
  val FcOversize = 28
  val UnknownDid = 29
  val MalformedFcoib = 30
  val FcMisaligned = 31
  val width = 5
  /** Reasons below this are link-layer reasons, also counted per VL. */
  val firstGateway = 16
}
