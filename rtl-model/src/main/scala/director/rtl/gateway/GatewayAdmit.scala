package director.rtl.gateway

import chisel3._
import chisel3.experimental.hierarchy.{instantiable, public}
import chisel3.util._
import director.rtl.link.{ByteCrc, DropReason}
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.{DirectorParams, PortKind}
import director.rtl.qos.{PolicerConfig, TwoRatePolicer}
import director.rtl.stream.PacketBeat
import director.rtl.voq.PacketTag

class GatewayAdmitIO(val p: DirectorParams) extends NamedBundle {
  /** The host port's input beat (before it is taken) and the data of the beat after it. */
  val head = Input(new PacketBeat(p.beatBytes))
  val peek = Input(UInt((8 * p.beatBytes).W))
  /** For a first beat: addressed to GW_LID, and if so whether its DestQP names a usable vNIC or vHBA, and its port. */
  val isGw = Output(Bool())
  val routeOk = Output(Bool())
  val route = Output(UInt(p.portBits.W))
  /** The beat the input buffer took this cycle. */
  val taken = Input(Bool())
  val gwLid = Input(UInt(16.W))
  /** Lookup ports: the vNIC and the vHBA of the first beat's DestQP (routing), the vNIC of the packet that ends
    * (its VLANs), and that vNIC's policer settings. */
  val vnicRoute = new TableRead(new VnicEntry, p.vnics)
  val vhbaRoute = new TableRead(new VhbaEntry, p.vhbas)
  val vnicCheck = new TableRead(new VnicEntry, p.vnics)
  val policer = new TableRead(new PolicerConfig, p.vnics)
  /** Cycles since reset (the policers' clock). */
  val now = Input(UInt(64.W))
  /** In the cycle after a packet's last beat: the gateway's drop reason (docs/gateway.md) or 0. */
  val reason = Output(UInt(DropReason.width.W))
  /** With `reason`: a good FCoIB packet's vHBA and its bytes as they leave the FC port (the vHBA shaper's). */
  val tag = Output(new PacketTag(p))
}

/** The server -> LAN and server -> SAN admission of a host port (docs/gateway.md): a packet to GW_LID is routed
  * on its first beat by its DestQP (vNIC n = QP 0x100 + n to its 10GbE port, vHBA m = QP 0x800 + m to its FC
  * port) with the binding in force then, and checked after its last beat from the fields kept on the way:
  *  - EoIB (DestQP below 0x800): malformed_eoib, unknown_qp, eth_runt, eth_oversize, vlan_denied, then the vNIC's
  *    policer (policed);
  *  - FCoIB (DestQP 0x800 and up): malformed_fcoib, unknown_qp, bad_sof, bad_eof, fc_runt, fc_oversize,
  *    bad_fc_crc (the FC CRC by residue over IB bytes 44 .. the EOF code).
  */
@instantiable
class GatewayAdmit(val p: DirectorParams) extends Module with NamedModule {
  require(p.beatBytes == 8, s"the gateway is built for 8-byte beats, got ${p.beatBytes}")
  @public val io = IO(new GatewayAdmitIO(p))
  private val vnicBase = GatewayQp.VnicBase
  private val vhbaBase = GatewayQp.VhbaBase

  // ---- the first beat: route ----
  val qp = io.peek(23, 0)
  val fcNow = qp >= vhbaBase.U
  val vnicIdxNow = (qp - vnicBase.U)(p.vnicBits - 1, 0)
  val vhbaIdxNow = (qp - vhbaBase.U)(p.vhbaBits - 1, 0)
  io.vnicRoute.index := vnicIdxNow
  io.vhbaRoute.index := vhbaIdxNow
  val vnicNow = io.vnicRoute.entry
  val vhbaNow = io.vhbaRoute.entry
  val vnicOk = qp >= vnicBase.U && qp < (vnicBase + p.vnics).U && vnicNow.valid && VnicTable.isKind(p, vnicNow.modulePort, PortKind.Eth)
  val vhbaOk = fcNow && qp < (vhbaBase + p.vhbas).U && vhbaNow.valid && VnicTable.isKind(p, vhbaNow.fcPort, PortKind.Fc)
  io.isGw := io.head.field(2, 2) === io.gwLid
  io.routeOk := vnicOk || vhbaOk
  io.route := Mux(fcNow, vhbaNow.fcPort, vnicNow.modulePort)(p.portBits - 1, 0)

  // ---- fields kept as the beats are taken ----
  val k = RegInit(0.U(12.W))
  val gw = RegInit(false.B)
  val fc = RegInit(false.B)
  val ok = RegInit(false.B)
  val vnicIdx = RegInit(0.U(p.vnicBits.W))
  val vhbaIdx = RegInit(0.U(p.vhbaBits.W))
  val words = RegInit(0.U(11.W))
  val opcode = RegInit(0.U(8.W))
  val pad = RegInit(0.U(2.W))
  val hdr28 = RegInit(0.U(32.W))   // IB bytes 28..31: the EoIB header, or FCoIB bytes 0..3
  val b43 = RegInit(0.U(8.W))      // FCoIB: the SOF code
  val tag = RegInit(0.U(32.W))     // EoIB: frame bytes 12..15
  val eof = RegInit(0.U(8.W))      // FCoIB: the EOF code, at IB byte PktLen x 4 - 8
  val zerosOk = RegInit(true.B)    // FCoIB: the three bytes after the EOF are zero
  val fcCrc = RegInit("hFFFFFFFF".U(32.W))
  val b = io.head
  val bytes = VecInit((0 until 8).map(i => b.data(63 - 8 * i, 56 - 8 * i)))
  val eofPos = (words << 2) - 8.U
  val pos = VecInit((0 until 8).map(i => (k << 3) + i.U))
  val inCrc = (0 until 8).map(i => k =/= 0.U && pos(i) >= 44.U && pos(i) < eofPos)
  val crcNext = (0 until 8).foldLeft(fcCrc)((r, i) => Mux(inCrc(i), ByteCrc.icrc.step(r, bytes(i)), r))
  when(io.taken) {
    k := Mux(b.eop, 0.U, k + 1.U)
    switch(k) {
      is(0.U) {
        gw := io.isGw; fc := fcNow; ok := io.routeOk; vnicIdx := vnicIdxNow; vhbaIdx := vhbaIdxNow; words := b.field(4, 2)(10, 0)
        hdr28 := 0.U; tag := 0.U; b43 := 0.U; eof := 0.U; zerosOk := true.B; fcCrc := "hFFFFFFFF".U
      }
      is(1.U) { opcode := b.field(0, 1); pad := b.field(1, 1)(5, 4) }
      is(3.U) { hdr28 := b.field(4, 4) }
      is(5.U) { b43 := b.field(3, 1); tag := b.field(4, 4) }
    }
    when(k =/= 0.U) {
      fcCrc := crcNext
      for (i <- 0 until 8) {
        when(pos(i) === eofPos) { eof := bytes(i) }
        when(pos(i) > eofPos && pos(i) <= eofPos + 3.U && bytes(i) =/= 0.U) { zerosOk := false.B }
      }
    }
  }
  val end = RegNext(io.taken && b.eop, false.B)
  val len = words << 2
  private val residue = ByteCrc.icrc.residue(BigInt("FFFFFFFF", 16), BigInt("FFFFFFFF", 16))

  // EoIB (docs/gateway.md, "Server -> LAN")
  val eoibMalformed = opcode =/= "h64".U || len < 36.U || hdr28(31, 30) =/= 3.U || hdr28(29, 28) =/= 0.U || hdr28(22, 16) =/= 0.U
  io.vnicCheck.index := vnicIdx
  val vid = Mux(tag(31, 16) === "h8100".U, tag(11, 0), 0.U)
  val eoibReason = PriorityMux(Seq(
    eoibMalformed -> DropReason.MalformedEoib.U(DropReason.width.W), !ok -> DropReason.UnknownQp.U,
    (len < (36 + 60).U +& pad) -> DropReason.EthRunt.U, (len > (36 + p.ethMaxFrameBytes - 4).U +& pad) -> DropReason.EthOversize.U,
    !io.vnicCheck.entry.allows(vid) -> DropReason.VlanDenied.U, true.B -> DropReason.None.U))
  // FCoIB (docs/gateway.md, "Server -> SAN"): FC frame F = PktLen x 4 - 56 bytes (header and payload)
  val fcoibMalformed = opcode =/= "h64".U || len < 56.U || hdr28(31, 30) =/= 1.U || hdr28(15, 12) =/= 0.U || !zerosOk
  val fcoibReason = PriorityMux(Seq(
    fcoibMalformed -> DropReason.MalformedFcoib.U(DropReason.width.W), !ok -> DropReason.UnknownQp.U,
    !FcClassifier.isSof(b43) -> DropReason.BadSof.U, !FcClassifier.isEof(eof) -> DropReason.BadEof.U,
    (len < (56 + 24).U) -> DropReason.FcRunt.U, (len > (56 + 24 + 2112).U) -> DropReason.FcOversize.U,
    (fcCrc =/= residue.U) -> DropReason.BadFcCrc.U, true.B -> DropReason.None.U))
  val checked = Mux(fc, fcoibReason, eoibReason)

  // an EoIB frame that passed every check meets its vNIC's policer (this host port's bank), in this cycle
  val policer = Module(new TwoRatePolicer(p))
  policer.io.req.valid := end && gw && !fc && checked === DropReason.None.U
  policer.io.req.bits.vnic := vnicIdx
  policer.io.req.bits.bytes := len - 32.U - pad
  policer.io.config <> io.policer
  policer.io.now := io.now
  io.reason := Mux(!end || !gw, DropReason.None.U, Mux(policer.io.red, DropReason.Policed.U, checked))
  // FC bytes on the SAN: IB bytes 43 (SOF) .. the EOF code
  io.tag.valid := end && gw && fc && checked === DropReason.None.U
  io.tag.flow := vhbaIdx
  io.tag.bytes := len - 50.U
}
