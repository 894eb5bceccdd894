package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.link.DropReason
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.{DirectorParams, PortKind}
import director.rtl.qos.{PolicerConfig, TwoRatePolicer}
import director.rtl.stream.PacketBeat

class EoibAdmitIO(val p: DirectorParams) extends NamedBundle {
  /** The host port's input beat (before it is taken) and the data of the beat after it. */
  val head = Input(new PacketBeat(p.beatBytes))
  val peek = Input(UInt((8 * p.beatBytes).W))
  /** For a first beat: addressed to GW_LID, and if so whether its DestQP names a usable vNIC and its module port. */
  val isGw = Output(Bool())
  val routeOk = Output(Bool())
  val route = Output(UInt(p.portBits.W))
  /** The beat the input buffer took this cycle. */
  val taken = Input(Bool())
  val gwLid = Input(UInt(16.W))
  val vnics = Input(Vec(p.vnics, new VnicEntry))
  val policers = Input(Vec(p.vnics, new PolicerConfig))
  /** Cycles since reset (the policers' clock). */
  val now = Input(UInt(64.W))
  /** In the cycle after a packet's last beat: the gateway's drop reason (docs/gateway.md, "Server -> LAN") or 0. */
  val reason = Output(UInt(DropReason.width.W))
}

/** The server -> LAN admission of a host port: the route of an EoIB packet by its DestQP (vNIC n is QP
  * 0x100 + n; its bound module port), decided on the first beat with the binding in force then, and the
  * checks of docs/gateway.md in their order, decided after the last beat from the header fields kept on the way.
  */
class EoibAdmit(val p: DirectorParams) extends Module with NamedModule {
  require(p.beatBytes == 8, s"the gateway is built for 8-byte beats, got ${p.beatBytes}")
  val io = IO(new EoibAdmitIO(p))
  private val qpBase = 0x100

  // ---- the first beat: route ----
  val qp = io.peek(23, 0)
  val inRange = qp >= qpBase.U && qp < (qpBase + p.vnics).U
  val idxNow = (qp - qpBase.U)(p.vnicBits - 1, 0)
  val entryNow = io.vnics(idxNow)
  io.isGw := io.head.field(2, 2) === io.gwLid
  io.routeOk := inRange && entryNow.valid && VnicTable.isKind(p, entryNow.modulePort, PortKind.Eth)
  io.route := entryNow.modulePort(p.portBits - 1, 0)

  // ---- fields kept as the beats are taken ----
  val k = RegInit(0.U(12.W))
  val gw = RegInit(false.B)
  val ok = RegInit(false.B)
  val idx = RegInit(0.U(p.vnicBits.W))
  val words = RegInit(0.U(11.W))
  val opcode = RegInit(0.U(8.W))
  val pad = RegInit(0.U(2.W))
  val eoib = RegInit(0.U(16.W))
  val tag = RegInit(0.U(32.W))
  val b = io.head
  when(io.taken) {
    k := Mux(b.eop, 0.U, k + 1.U)
    switch(k) {
      is(0.U) { gw := io.isGw; ok := io.routeOk; idx := idxNow; words := b.field(4, 2)(10, 0); eoib := 0.U; tag := 0.U }
      is(1.U) { opcode := b.field(0, 1); pad := b.field(1, 1)(5, 4) }
      is(3.U) { eoib := b.field(4, 2) }
      is(5.U) { tag := b.field(4, 4) }
    }
  }
  val end = RegNext(io.taken && b.eop, false.B)
  val bytes = words << 2
  val malformed = opcode =/= "h64".U || bytes < 36.U || eoib(15, 14) =/= 3.U || eoib(13, 12) =/= 0.U || eoib(6, 0) =/= 0.U
  val runt = bytes < (36 + 60).U +& pad
  val oversize = bytes > (36 + p.ethMaxFrameBytes - 4).U +& pad
  val vid = Mux(tag(31, 16) === "h8100".U, tag(11, 0), 0.U)
  val denied = !io.vnics(idx).allows(vid)
  val checked = PriorityMux(Seq(
    malformed -> DropReason.MalformedEoib.U(DropReason.width.W), !ok -> DropReason.UnknownQp.U,
    runt -> DropReason.EthRunt.U, oversize -> DropReason.EthOversize.U, denied -> DropReason.VlanDenied.U,
    true.B -> DropReason.None.U))
  // a frame that passed every check meets its vNIC's policer (this host port's bank), in this cycle
  val policer = Module(new TwoRatePolicer(p))
  policer.io.req.valid := end && gw && checked === DropReason.None.U
  policer.io.req.bits.vnic := idx
  policer.io.req.bits.bytes := bytes - 32.U - pad
  policer.io.config := io.policers
  policer.io.now := io.now
  io.reason := Mux(!end || !gw, DropReason.None.U, Mux(policer.io.red, DropReason.Policed.U, checked))
}
