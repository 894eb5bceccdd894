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
  val width = 4
}
