package director.rtl.gateway

import chisel3._
import chisel3.experimental.hierarchy.{instantiable, public}
import chisel3.util._
import director.rtl.stats.Coverage
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.{DirectorParams, PortKind}
import director.rtl.stream.PacketBeat

class LocalSwitchIO(val p: DirectorParams) extends NamedBundle {
  /** Ethernet frames (with FCS) on their way out of the 10GbE port. */
  val in = Flipped(Decoupled(new PacketBeat(p.beatBytes)))
  /** The vNIC table's search of this port: the destination MAC of the frame leaving now, and whether a usable vNIC
    * at this port has it (VnicTable, same cycle). */
  val dstMac = Output(UInt(48.W))
  val vnicHere = Input(Bool())
  /** To the LAN. */
  val toWire = Decoupled(new PacketBeat(p.beatBytes))
  /** Back into this port's way in: the frame is for a vNIC behind this same port. */
  val toHairpin = Decoupled(new PacketBeat(p.beatBytes))
  val empty = Output(Bool())
}

/** vNIC-to-vNIC switching inside the director (docs/gateway.md): a unicast frame leaving a 10GbE port whose
  * destination MAC is a valid vNIC's bound to this same port (and to a host port) turns round into the port's way
  * in, where it is decided like a frame from the LAN (VLAN check included); a LAN switch does not send a frame back
  * out of the port it came in on, so the director must. Decided on the first beat; the frame follows it whole.
  */
@instantiable
class LocalSwitch(val p: DirectorParams) extends Module with NamedModule {
  @public val io = IO(new LocalSwitchIO(p))
  val b = io.in.bits
  val dst = b.data(63, 16)
  io.dstMac := dst
  val localNow = !dst(40) && io.vnicHere
  val inFrame = RegInit(false.B)
  val local = RegInit(false.B)
  val toLocal = Mux(b.sop, localNow, local)
  io.toWire.valid := io.in.valid && !toLocal
  io.toHairpin.valid := io.in.valid && toLocal
  io.toWire.bits := b
  io.toHairpin.bits := b
  io.in.ready := Mux(toLocal, io.toHairpin.ready, io.toWire.ready)
  when(io.in.fire) {
    inFrame := !b.eop
    when(b.sop) { local := localNow }
  }
  io.empty := !inFrame
  Coverage.point(io.toHairpin.fire && b.sop, "vnic_to_vnic")
}
