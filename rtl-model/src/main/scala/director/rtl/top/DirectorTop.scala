package director.rtl.top

import chisel3._
import director.rtl.naming.NamedModule
import director.rtl.params.DirectorParams

/** The Verilator top: the director with its ports flattened to plain names (`ingress_3_bits_data`,
  * `egress_3_ready`, `csr_req_bits_addr`, `idle`, ...), one signal per port and field, so that the harness
  * addresses each port's signals directly (no wide packed vectors to assemble every cycle).
  */
class DirectorTop(val p: DirectorParams) extends Module with NamedModule {
  val io = FlatIO(new DirectorIO(p))
  val core = Module(new Director(p))
  core.io <> io
}
