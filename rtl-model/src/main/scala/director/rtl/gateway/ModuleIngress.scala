package director.rtl.gateway

import director.rtl.credit.Fccl
import chisel3._
import chisel3.experimental.hierarchy.{instantiable, public}
import chisel3.util._
import director.rtl.link.{ByteCrc, DropReason}
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.{DirectorParams, PortKind}
import director.rtl.stream.PacketBeat

class ModuleIngressIO(val p: DirectorParams, val kind: PortKind) extends NamedBundle {
  /** Frames from the wire: Ethernet with FCS, or FC with SOF and EOF codes. */
  val in = Flipped(Decoupled(new PacketBeat(p.beatBytes)))
  /** 10GbE: frames turned round at this port's way out (LocalSwitch), taken in turn with the wire's. */
  val hairpin = Flipped(Decoupled(new PacketBeat(p.beatBytes)))
  /** InfiniBand packets to this port's input buffer, each with its output port in `route`. */
  val out = Decoupled(new PacketBeat(p.beatBytes))
  val route = Output(UInt(p.portBits.W))
  val fccl = Input(Vec(p.dataVls, UInt(Fccl.Bits.W)))
  val gwLid = Input(UInt(16.W))
  /** 10GbE: the vNIC table's search of this port (the classifier's destination MAC and VLAN lanes, asked a cycle
    * ahead) and two lookup ports (the entry a frame is bound to, a group frame's members); FC: the vHBA table's search
    * of this port and a lookup port. */
  val vnicMacNext = Option.when(kind == PortKind.Eth)(Output(UInt(48.W)))
  val vnicVlansNext = Option.when(kind == PortKind.Eth)(Output(UInt((16 * VnicEntry.vlanSlots).W)))
  val vnicAnswer = Option.when(kind == PortKind.Eth)(Input(new VnicAnswer(p.vnics)))
  val vnicFound = Option.when(kind == PortKind.Eth)(new TableRead(new VnicEntry, p.vnics))
  val vnicMember = Option.when(kind == PortKind.Eth)(new TableRead(new VnicEntry, p.vnics))
  val vhbaIdNext = Option.when(kind == PortKind.Fc)(Output(UInt(24.W)))
  val vhbaMatches = Option.when(kind == PortKind.Fc)(Input(UInt(p.vhbas.W)))
  val vhbaFound = Option.when(kind == PortKind.Fc)(new TableRead(new VhbaEntry, p.vhbas))
  val frame = Output(Valid(UInt(16.W)))
  val drop = Output(Valid(UInt(DropReason.width.W)))
  val encapsulated = Output(Valid(UInt(10.W)))
  val empty = Output(Bool())
}

/** A module port's way in (docs/gateway.md): frame store (CRC and size checks) -> the port kind's classifier
  * (binding) -> encapsulation (EoIB or FCoIB) -> ICRC -> VCRC -> the port's input buffer.
  */
@instantiable
class ModuleIngress(val p: DirectorParams, val kind: PortKind) extends Module with NamedModule {
  require(kind == PortKind.Eth || kind == PortKind.Fc, s"ModuleIngress is for module ports, not $kind")
  @public val io = IO(new ModuleIngressIO(p, kind))
  private val maxBytes = if (kind == PortKind.Eth) p.ethMaxFrameBytes else FcClassifier.maxPortBytes
  private val minBytes = if (kind == PortKind.Eth) 64 else FcClassifier.minPortBytes
  val store = Module(new FrameStore(p, maxBytes, minBytes, crcSkipEnds = kind == PortKind.Fc))
  val encap = Module(new IbEncap(p, kind))
  val icrc = Module(new CrcAppend(p.beatBytes, ByteCrc.icrc, maskIcrc = true))
  val vcrc = Module(new CrcAppend(p.beatBytes, ByteCrc.vcrc, maskIcrc = false))

  kind match {
    case PortKind.Eth =>
      val c = Module(new EthClassifier(p))
      c.io.summary := store.io.summary.bits
      c.io.hdrNext := store.io.hdrNext
      io.vnicMacNext.get := c.io.macNext
      io.vnicVlansNext.get := c.io.vlansNext
      c.io.answer := io.vnicAnswer.get
      c.io.vnic <> io.vnicFound.get
      store.io.verdict := c.io.verdict
      encap.io.vnic <> io.vnicMember.get
    case _ =>
      val c = Module(new FcClassifier(p))
      c.io.summary := store.io.summary.bits
      c.io.hdrNext := store.io.hdrNext
      io.vhbaIdNext.get := c.io.dIdNext
      c.io.matches := io.vhbaMatches.get
      c.io.vhba <> io.vhbaFound.get
      store.io.verdict := c.io.verdict
      encap.io.vnic.entry := 0.U.asTypeOf(new VnicEntry) // an FC frame has no group members
  }
  if (kind == PortKind.Eth) {
    val merge = Module(new FrameMerge(p.beatBytes))
    merge.io.wire <> io.in
    // frames turned round wait here (four of the longest), not in the port's way out (which would leave the wire
    // idle meanwhile)
    val turned = Module(new Queue(new PacketBeat(p.beatBytes), 4 * ((p.ethMaxFrameBytes + p.beatBytes - 1) / p.beatBytes + 1)))
    turned.io.enq <> io.hairpin
    merge.io.hairpin <> turned.io.deq
    store.io.in <> merge.io.out
  } else {
    store.io.in <> io.in
    io.hairpin.ready := false.B
  }
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
