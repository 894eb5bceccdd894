package director.rtl.gateway

import director.rtl.credit.Fccl
import chisel3._
import chisel3.util._
import director.rtl.link.Lanes
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.util.WideBits
import director.rtl.params.{DirectorParams, PortKind}
import director.rtl.stream.PacketBeat

class IbEncapIO(val p: DirectorParams) extends NamedBundle {
  val desc = Flipped(Decoupled(new FrameDesc(p)))
  val readAddr = Output(Vec(2, UInt(log2Ceil(p.ethStoreBeats).W)))
  val readData = Input(Vec(2, UInt((8 * p.beatBytes).W)))
  val release = Output(Valid(UInt(log2Ceil(p.ethStoreBeats + 1).W)))
  /** The credits this port's input buffer advertises, per data VL (the encapsulator is its link partner). */
  val fccl = Input(Vec(p.dataVls, UInt(Fccl.Bits.W)))
  val gwLid = Input(UInt(16.W))
  /** A lookup port of the vNIC table: a group frame's copies take their members' bindings from it as each copy
    * starts (10GbE; unused at an FC port). */
  val vnic = new TableRead(new VnicEntry, p.vnics)
  /** The packet up to its ICRC (CrcAppend stages add ICRC and VCRC). */
  val out = Decoupled(new PacketBeat(p.beatBytes))
  /** The packet's output port (its binding's host port), stable from before its first beat until its last. */
  val route = Output(UInt(p.portBits.W))
  /** One pulse per packet started, with its binding's index. */
  val sent = Output(Valid(UInt(10.W)))
}

/** Builds the InfiniBand packet of each stored frame of a module port (docs/gateway.md): LRH, BTH (UD SEND) and
  * DETH, then
  *  - 10GbE: the EoIB header, the frame without its FCS and the pad (LAN -> server);
  *  - FC: the 16-byte FCoIB header (its last byte the SOF code, which is the stream's first byte), the FC frame,
  *    its CRC, the EOF code and three zero bytes (SAN -> server).
  * The stream's bytes are placed at IB byte `dataStart` + s, read from the frame store two beats at a time when
  * that is not beat-aligned. A packet starts only when the input buffer has credits for all of it on its VL
  * (VL = SL mod dataVls), FCTBS kept here as on any link.
  *
  * A group Ethernet frame (its descriptor names member vNICs) is sent once per member, lowest-numbered first, each
  * copy with that member's binding as it is when the copy starts; the frame stays at the head of the store until
  * its last copy is out.
  */
class IbEncap(val p: DirectorParams, val kind: PortKind) extends Module with NamedModule {
  require(p.beatBytes == 8, s"the gateway is built for 8-byte beats, got ${p.beatBytes}")
  require(kind == PortKind.Eth || kind == PortKind.Fc, s"IbEncap is for module ports, not $kind")
  val io = IO(new IbEncapIO(p))
  private val eth = kind == PortKind.Eth
  /** IB byte of the stream's byte 0: the EoIB frame after 32 header bytes; the FCoIB SOF at 43. */
  private val dataStart = if (eth) 32 else 43
  private val firstDataBeat = dataStart / 8
  private val shift = dataStart % 8
  private val qpBase = if (eth) GatewayQp.VnicBase else GatewayQp.VhbaBase

  // ---- which copy of the head frame is next ----
  val descStarted = RegInit(false.B)         // a copy of the head frame has started
  val membersLeft = RegInit(0.U(p.vnics.W))  // its members still to be sent
  val head = io.desc.bits
  val group = head.members =/= 0.U
  val mask = Mux(descStarted, membersLeft, head.members)
  /** The lowest member left, and the members left after it (word by word: the masks are `vnics` bits wide). */
  val (pick, remaining) = WideBits.lowest(mask)
  io.vnic.index := pick
  val member = io.vnic.entry
  val d = Wire(new FrameDesc(p))
  d := head
  when(group) {
    d.bound.index := pick
    d.bound.hostPort := member.hostPort
    d.bound.dlid := member.dlid
    d.bound.qp := member.qp
    d.bound.sl := member.sl
  }
  /** Stream bytes carried (10GbE: not the FCS) and zero bytes after them (10GbE: the pad; FC: three). */
  private def carried(len: UInt): UInt = if (eth) len - 4.U else len
  private def zeros(len: UInt): UInt = if (eth) (0.U(2.W) - carried(len)(1, 0))(1, 0) else 3.U(2.W)
  val beforeIcrc = dataStart.U +& carried(d.len) +& zeros(d.len)
  val pktLenWords = (beforeIcrc +& 4.U) >> 2
  val wireBytes = (pktLenWords << 2) +& 2.U
  val vl = if (p.dataVls == 1) 0.U(1.W) else (d.bound.sl % p.dataVls.U)(log2Ceil(p.dataVls) - 1, 0)
  val fctbs = RegInit(VecInit(Seq.fill(p.dataVls)(0.U(Fccl.Bits.W))))
  val blocks = Lanes.blocks(p, wireBytes)
  val fits = (io.fccl(vl) - fctbs(vl)) >= blocks

  val busy = RegInit(false.B)
  val cur = Reg(new FrameDesc(p))
  val curWords = Reg(UInt(11.W))
  val curVl = Reg(UInt(4.W))
  val curEnd = Reg(UInt(14.W))                   // IB bytes before the ICRC
  val curLastCopy = Reg(Bool())                  // this packet is the head frame's last copy
  val k = RegInit(0.U(12.W))                     // beat of the packet
  val route = RegInit(0.U(p.portBits.W))
  io.route := route

  val canStart = !busy && io.desc.valid && (!descStarted || (group && membersLeft =/= 0.U)) && fits
  when(canStart) {
    busy := true.B
    descStarted := true.B
    membersLeft := remaining
    curLastCopy := !group || remaining === 0.U
    cur := d
    curWords := pktLenWords
    curVl := vl
    curEnd := beforeIcrc
    k := 0.U
    route := d.bound.hostPort
    fctbs(vl) := fctbs(vl) + blocks
  }
  io.sent.valid := canStart
  io.sent.bits := d.bound.index

  // ---- header beats ----
  val b = cur.bound
  val pad = if (eth) zeros(cur.len) else 0.U(2.W)
  val lrh = Cat(curVl, 0.U(4.W), b.sl, 0.U(2.W), 2.U(2.W), b.dlid, 0.U(5.W), curWords, io.gwLid)
  val bth0 = Cat("h64".U(8.W), 0.U(2.W), pad, 0.U(4.W), "hFFFF".U(16.W), 0.U(8.W), b.qp)
  val bth1deth0 = Cat(0.U(32.W), "h00000B1B".U(32.W))
  val srcQp = (qpBase.U(GatewayQp.Bits.W) + b.index)(GatewayQp.Bits - 1, 0)
  /** After SrcQP: the EoIB header (signature 0b11, FCS stripped, one segment) or FCoIB bytes 0..3 (signature 0b01). */
  val deth1 = Cat(0.U(8.W), srcQp, (if (eth) "hC0000000" else "h40000000").U(32.W))
  val headers = Seq(lrh, bth0, bth1deth0, deth1) ++ (if (eth) Nil else Seq(0.U(64.W)))
  require(headers.size == firstDataBeat)

  // ---- data beats: stream bytes 8j - shift .. placed at IB beat firstDataBeat + j ----
  val j = k - firstDataBeat.U
  io.readAddr(1) := (cur.start + j)(log2Ceil(p.ethStoreBeats) - 1, 0)
  io.readAddr(0) := (cur.start + j - 1.U)(log2Ceil(p.ethStoreBeats) - 1, 0)
  val shifted = if (shift == 0) io.readData(1) else Cat(io.readData(0)(8 * shift - 1, 0), io.readData(1)(63, 8 * shift))
  val lastBeat = (curEnd - 1.U) >> 3
  val isLast = k === lastBeat
  val keepMask = Cat((0 until 8).map { i =>
    val q = (k << 3) + i.U
    Mux(q >= dataStart.U && q < (dataStart.U +& carried(cur.len)), "hFF".U(8.W), 0.U(8.W))
  })
  val data = MuxLookup(k, shifted & keepMask)(headers.zipWithIndex.map { case (h, i) => i.U -> h })
  io.out.valid := busy
  io.out.bits.data := data
  io.out.bits.sop := k === 0.U
  io.out.bits.eop := isLast
  io.out.bits.bytes := Mux(isLast, curEnd - (lastBeat << 3), 8.U)
  when(io.out.fire) {
    k := k + 1.U
    when(isLast) { busy := false.B }
    when(isLast && curLastCopy) { descStarted := false.B }
  }
  // the head frame leaves the store with its last copy
  io.desc.ready := io.out.fire && isLast && curLastCopy
  io.release.valid := io.desc.ready
  io.release.bits := (cur.len + 7.U) >> 3
}
