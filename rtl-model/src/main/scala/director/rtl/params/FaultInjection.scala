package director.rtl.params

/** Deliberate bugs, one per class, that a model can be built with (`--set faultInject=NAME`) so that the debug flow
  * (a failing run re-runs itself with waves around its first failure) has something real to find. Off by default:
  * with `faultInject = ""` not one gate of them is generated.
  *
  *  - `egress-header`: every [[EgressHeaderPeriod]]th packet an egress port sends has one bit of LRH byte 3 (the low
  *    byte of the DLID) flipped before the VCRC is regenerated: a frame that differs (a mismatch at its egress).
  *  - `voq-count`: every [[VoqCountPeriod]]th packet queued in an input buffer loses its VOQ's count update: the
  *    queue believes it holds one packet fewer (a packet left behind: lost) or, queued on an empty queue, none while
  *    its bit says non-empty (what follows is whatever the broken queue sends: mismatches, faults).
  */
object FaultInjection {
  val None = ""
  val EgressHeader = "egress-header"
  val VoqCount = "voq-count"
  val classes: Seq[String] = Seq(None, EgressHeader, VoqCount)
  val EgressHeaderPeriod = 16
  val VoqCountPeriod = 16
}
