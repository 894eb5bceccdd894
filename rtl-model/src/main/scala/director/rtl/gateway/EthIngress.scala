package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.link.{ByteCrc, DropReason}
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.stream.PacketBeat

class EthIngressIO(val p: DirectorParams) extends NamedBundle {
  /** Ethernet frames with FCS from the wire. */
  val in = Flipped(Decoupled(new PacketBeat(p.beatBytes)))
  /** EoIB packets to this port's input buffer, each with its output port in `route`. */
  val out = Decoupled(new PacketBeat(p.beatBytes))
  val route = Output(UInt(p.portBits.W))
  val fccl = Input(Vec(p.dataVls, UInt(12.W)))
  val gwLid = Input(UInt(16.W))
  val vnics = Input(Vec(p.vnics, new VnicEntry))
  val frame = Output(Valid(UInt(16.W)))
  val drop = Output(Valid(UInt(DropReason.width.W)))
  val encapsulated = Output(Valid(UInt(p.vnicBits.W)))
  val empty = Output(Bool())
}

/** A 10GbE port's way in: frame store (FCS, size and vNIC checks, binding) -> EoIB encapsulation -> ICRC ->
  * VCRC -> the port's input buffer. docs/gateway.md, "LAN -> server".
  */
class EthIngress(val p: DirectorParams, val port: Int) extends Module with NamedModule {
  val io = IO(new EthIngressIO(p))
  val store = Module(new EthFrameStore(p, port))
  val encap = Module(new EoibEncap(p))
  val icrc = Module(new CrcAppend(p.beatBytes, ByteCrc.icrc, maskIcrc = true))
  val vcrc = Module(new CrcAppend(p.beatBytes, ByteCrc.vcrc, maskIcrc = false))

  store.io.in <> io.in
  store.io.vnics := io.vnics
  encap.io.desc <> store.io.desc
  store.io.readAddr := encap.io.readAddr
  encap.io.readData := store.io.readData
  store.io.release := encap.io.release
  encap.io.fccl := io.fccl
  encap.io.gwLid := io.gwLid
  icrc.io.in <> encap.io.out
  vcrc.io.in <> icrc.io.out
  io.out <> vcrc.io.out
  io.route := encap.io.route
  io.frame := store.io.frame
  io.drop := store.io.drop
  io.encapsulated := encap.io.sent
  io.empty := store.io.empty && !encap.io.out.valid && !icrc.io.out.valid && !vcrc.io.out.valid
}
