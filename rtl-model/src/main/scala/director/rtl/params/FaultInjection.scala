package director.rtl.params

/** Deliberate bugs, one per class, that a model can be built with (`--set faultInject=NAME`) so that the debug flow
  * (a failing run re-runs itself with waves around its first failure) has something real to find. Off by default:
  * with `faultInject = ""` not one gate of them is generated.
  *
  *  - `egress-header`: every [[EgressHeaderPeriod]]th packet an egress port sends has one bit of LRH byte 3 (the low
  *    byte of the DLID) flipped before the VCRC is regenerated: a frame that differs (a mismatch at its egress).
  *  - `voq-tail`: every [[VoqTailPeriod]]th packet linked onto a non-empty VOQ loses its tail-pointer update: the
  *    next packet of that queue is linked after the old tail and the packet in between is lost.
  */
object FaultInjection {
  val None = ""
  val EgressHeader = "egress-header"
  val VoqTail = "voq-tail"
  val classes: Seq[String] = Seq(None, EgressHeader, VoqTail)
  val EgressHeaderPeriod = 64
  val VoqTailPeriod = 64
}
