package director.rtl.csr

import chisel3._
import chisel3.util._
import director.rtl.naming.NamedBundle

/** The register bus: one request at a time, a response exactly one cycle after the request is accepted. */
class CsrReq extends NamedBundle {
  val addr  = UInt(CsrMap.addrBits.W)
  val write = Bool()
  val wdata = UInt(64.W)
}

class CsrResp extends NamedBundle {
  val rdata = UInt(64.W)
  /** The address is not mapped, or not writable for a write. */
  val err = Bool()
}

class CsrPort extends NamedBundle {
  val req  = Flipped(Decoupled(new CsrReq))
  val resp = Valid(new CsrResp)
}
