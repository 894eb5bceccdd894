package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.link.{ByteCrc, DropReason}
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.{DirectorParams, PortKind}
import director.rtl.stream.PacketBeat

/** A frame in the store that passed every check, with the vNIC binding in force when it was decided. */
class EthFrameDesc(val p: DirectorParams) extends NamedBundle {
  val start = UInt(log2Ceil(p.ethStoreBeats).W)
  /** Frame length without its FCS. */
  val len = UInt(14.W)
  val vnic = UInt(p.vnicBits.W)
  val hostPort = UInt(p.portBits.W)
  val dlid = UInt(16.W)
  val qp = UInt(24.W)
  val sl = UInt(4.W)
}

class EthFrameStoreIO(val p: DirectorParams) extends NamedBundle {
  /** Ethernet frames with FCS from the wire. */
  val in = Flipped(Decoupled(new PacketBeat(p.beatBytes)))
  val desc = Decoupled(new EthFrameDesc(p))
  /** The encapsulator reads the stored beats (combinational) and releases a frame's beats when it is sent. */
  val readAddr = Input(UInt(log2Ceil(p.ethStoreBeats).W))
  val readData = Output(UInt((8 * p.beatBytes).W))
  val release = Input(Valid(UInt(log2Ceil(p.ethStoreBeats + 1).W)))
  val vnics = Input(Vec(p.vnics, new VnicEntry))
  /** One pulse per frame taken from the wire (dropped or not), with its length. */
  val frame = Output(Valid(UInt(16.W)))
  /** One pulse per dropped frame, with its reason (DropReason 16..19). */
  val drop = Output(Valid(UInt(DropReason.width.W)))
  val empty = Output(Bool())
}

/** The LAN -> server half of a 10GbE port, first stage (docs/gateway.md): frames are stored whole (beat-aligned,
  * in a ring of `ethStoreBytes`), their FCS checked on the way in, and decided in the cycle after their last
  * beat: a runt, an oversize frame (stored only up to the limit), a bad FCS or an unknown destination is
  * dropped by moving the write pointer back; a good frame becomes a descriptor carrying its vNIC binding.
  * The port takes no new frame in the deciding cycle.
  */
class EthFrameStore(val p: DirectorParams, val port: Int) extends Module with NamedModule {
  require(p.beatBytes == 8, s"the gateway is built for 8-byte beats, got ${p.beatBytes}")
  require(p.kind(port) == PortKind.Eth, s"port $port is not a 10GbE port")
  val io = IO(new EthFrameStoreIO(p))
  private val n = p.beatBytes
  private val aBits = log2Ceil(p.ethStoreBeats)
  private val maxBeats = (p.ethMaxFrameBytes + n - 1) / n
  private val residue = ByteCrc.icrc.residue(BigInt("FFFFFFFF", 16), BigInt("FFFFFFFF", 16))

  val mem = Mem(p.ethStoreBeats, UInt((8 * n).W))
  val wr = RegInit(0.U((aBits + 1).W))        // next beat to write
  val frameStart = RegInit(0.U((aBits + 1).W)) // first beat of the frame being received
  val freePtr = RegInit(0.U((aBits + 1).W))    // oldest beat still held
  val inFrame = RegInit(false.B)
  val beatNo = RegInit(0.U(16.W))
  val seen = RegInit(0.U(16.W))
  val fcs = RegInit("hFFFFFFFF".U(32.W))
  val hdr = RegInit(VecInit(Seq.fill(16)(0.U(8.W)))) // frame bytes 0..15: the MACs and the 802.1Q tag if any

  val descQ = Module(new Queue(new EthFrameDesc(p), 4))
  io.desc <> descQ.io.deq

  // ---- taking beats ----
  val b = io.in.bits
  val first = !inFrame
  val beatIdx = Mux(first, 0.U, beatNo)
  val storing = beatIdx < maxBeats.U
  val used = wr - freePtr
  val pendValid = RegInit(false.B)
  io.in.ready := !pendValid && descQ.io.enq.ready && (!storing || used < p.ethStoreBeats.U)
  val fire = io.in.fire
  val bytes = VecInit((0 until n).map(k => b.data(8 * (n - k) - 1, 8 * (n - k - 1))))
  val fcsNext = (0 until n).foldLeft(Mux(first, "hFFFFFFFF".U(32.W), fcs))((r, k) => Mux(k.U < b.bytes, ByteCrc.icrc.step(r, bytes(k)), r))
  val length = Mux(first, 0.U, seen) + b.bytes
  when(fire) {
    assert(b.sop === first, "10GbE ingress: sop must mark exactly the first beat of a frame")
    inFrame := !b.eop
    beatNo := beatIdx + 1.U
    seen := length
    fcs := fcsNext
    when(first) { frameStart := wr }
    when(storing) {
      mem.write(wr(aBits - 1, 0), b.data)
      wr := wr + 1.U
    }
    for (k <- 0 until n; off <- 0 until 16 if off % n == k)
      when(beatIdx === (off / n).U) { hdr(off) := bytes(k) }
  }

  // ---- deciding, the cycle after the last beat ----
  val pendLen = RegEnable(length, fire && b.eop)
  val pendFcsOk = RegEnable(fcsNext === residue.U, fire && b.eop)
  when(fire && b.eop) { pendValid := true.B }.elsewhen(pendValid) { pendValid := false.B }
  val dstMac = Cat(hdr.take(6))
  val tagged = Cat(hdr(12), hdr(13)) === "h8100".U
  val vid = Mux(tagged, Cat(hdr(14)(3, 0), hdr(15)), 0.U(12.W))
  val group = hdr(0)(0)
  val matches = VecInit(io.vnics.map(e => e.valid && e.mac === dstMac && e.allows(vid) && e.modulePort === port.U &&
    VnicTable.isKind(p, e.hostPort, PortKind.Ib)))
  val hit = matches.asUInt.orR && !group
  val idx = PriorityEncoder(matches)
  val entry = io.vnics(idx)
  val reason = PriorityMux(Seq(
    (pendLen < 64.U) -> DropReason.EthRunt.U(DropReason.width.W),
    (pendLen > p.ethMaxFrameBytes.U) -> DropReason.EthOversize.U,
    !pendFcsOk -> DropReason.BadFcs.U,
    !hit -> DropReason.UnknownMac.U,
    true.B -> DropReason.None.U))
  val good = pendValid && reason === DropReason.None.U
  descQ.io.enq.valid := good
  descQ.io.enq.bits.start := frameStart(aBits - 1, 0)
  descQ.io.enq.bits.len := pendLen - 4.U
  descQ.io.enq.bits.vnic := idx
  descQ.io.enq.bits.hostPort := entry.hostPort
  descQ.io.enq.bits.dlid := entry.dlid
  descQ.io.enq.bits.qp := entry.qp
  descQ.io.enq.bits.sl := entry.sl
  assert(!(good && !descQ.io.enq.ready), "10GbE ingress: descriptor queue full")
  when(pendValid && !good) { wr := frameStart }
  io.drop.valid := pendValid && !good
  io.drop.bits := reason
  io.frame.valid := pendValid
  io.frame.bits := pendLen

  // ---- the encapsulator's side ----
  io.readData := mem.read(io.readAddr)
  when(io.release.valid) { freePtr := freePtr + io.release.bits }
  io.empty := !inFrame && !pendValid && !descQ.io.deq.valid && used === 0.U
}
