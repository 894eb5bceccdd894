package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.link.{ByteCrc, DropReason}
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.stream.PacketBeat

/** The binding a stored frame takes: the vNIC or vHBA it is for and where that one lives. */
class FrameBinding(val p: DirectorParams) extends NamedBundle {
  val index = UInt(10.W)
  val hostPort = UInt(p.portBits.W)
  val dlid = UInt(16.W)
  val qp = UInt(24.W)
  val sl = UInt(4.W)

  /** Drives this binding from a table entry: entry `idx`'s host port, DLID, host QP and SL. */
  def set(idx: UInt, hostPort: UInt, dlid: UInt, qp: UInt, sl: UInt): Unit = {
    index := idx
    this.hostPort := hostPort
    this.dlid := dlid
    this.qp := qp
    this.sl := sl
  }
}

/** A frame in the store that passed every check, with its binding as it was when the frame was decided. */
class FrameDesc(val p: DirectorParams) extends NamedBundle {
  val start = UInt(log2Ceil(p.ethStoreBeats).W)
  /** Bytes as received on the port stream (FCS, or SOF and EOF codes, included). */
  val len = UInt(14.W)
  val bound = new FrameBinding(p)
  /** A group (broadcast or multicast) Ethernet frame: bit n = vNIC n gets a copy (0 for a unicast frame). */
  val members = UInt(p.vnics.W)
}

/** A received frame as its classifier sees it, in the cycle after its last beat. */
class FrameSummary extends NamedBundle {
  /** Bytes 0..15 of the frame. */
  val hdr = Vec(16, UInt(8.W))
  val len = UInt(16.W)
  /** The CRC's residue is right. */
  val crcOk = Bool()
  val lastByte = UInt(8.W)
}

/** A classifier's answer: a drop reason (DropReason, 0 = keep) and, for a kept frame, its binding. */
class FrameVerdict(val p: DirectorParams) extends NamedBundle {
  val reason = UInt(DropReason.width.W)
  val bound = new FrameBinding(p)
  /** For a group frame: the vNICs that get a copy (0 for a unicast frame). */
  val members = UInt(p.vnics.W)
}

class FrameStoreIO(val p: DirectorParams) extends NamedBundle {
  /** Frames from the wire. */
  val in = Flipped(Decoupled(new PacketBeat(p.beatBytes)))
  /** The frame being decided, and the classifier's verdict on it in the same cycle. */
  val summary = Output(Valid(new FrameSummary))
  /** `summary.hdr` as it will be in the next cycle (after this cycle's beat): a classifier asks its table's search a
    * cycle ahead from it (PortSearch.askedAhead), so that each entry reads its port's question with one load. */
  val hdrNext = Output(Vec(16, UInt(8.W)))
  val verdict = Input(new FrameVerdict(p))
  val desc = Decoupled(new FrameDesc(p))
  /** The encapsulator reads the stored beats (combinational, two read ports) and releases a frame's beats. */
  val readAddr = Input(Vec(2, UInt(log2Ceil(p.ethStoreBeats).W)))
  val readData = Output(Vec(2, UInt((8 * p.beatBytes).W)))
  val release = Input(Valid(UInt(log2Ceil(p.ethStoreBeats + 1).W)))
  /** One pulse per frame taken from the wire (dropped or not), with its length. */
  val frame = Output(Valid(UInt(16.W)))
  /** One pulse per dropped frame, with its reason. */
  val drop = Output(Valid(UInt(DropReason.width.W)))
  val empty = Output(Bool())
}

object FrameStore {
  /** Frames of at least `minBytes` a store of `p.ethStoreBytes` can hold: one descriptor each. */
  def descriptors(p: DirectorParams, minBytes: Int): Int = p.ethStoreBeats / ((minBytes + p.beatBytes - 1) / p.beatBytes)
}

/** The way in of a module port, first stage (docs/gateway.md): frames are stored whole (beat-aligned, in a ring
  * of `ethStoreBytes`), a CRC-32 checked by residue on the way in (over every byte, or, with `crcSkipEnds`, over
  * all but the first and the last: FC's SOF and EOF codes), and decided in the cycle after their last beat by
  * the port's classifier: a dropped frame is undone by moving the write pointer back, a kept one becomes a
  * descriptor with its binding. Frames longer than `maxBytes` are stored only up to it (the classifier drops
  * them). The port takes no new frame in the deciding cycle.
  */
class FrameStore(val p: DirectorParams, val maxBytes: Int, val minBytes: Int, val crcSkipEnds: Boolean) extends Module with NamedModule {
  require(p.beatBytes == 8, s"the gateway is built for 8-byte beats, got ${p.beatBytes}")
  require(maxBytes + 2 * p.beatBytes <= p.ethStoreBytes, s"a frame store of ${p.ethStoreBytes} bytes cannot hold a $maxBytes-byte frame")
  val io = IO(new FrameStoreIO(p))
  private val n = p.beatBytes
  private val aBits = log2Ceil(p.ethStoreBeats)
  private val maxBeats = (maxBytes + n - 1) / n
  private val residue = ByteCrc.icrc.residue(BigInt("FFFFFFFF", 16), BigInt("FFFFFFFF", 16))

  val mem = Mem(p.ethStoreBeats, UInt((8 * n).W))
  val wr = RegInit(0.U((aBits + 1).W))        // next beat to write
  val frameStart = RegInit(0.U((aBits + 1).W)) // first beat of the frame being received
  val freePtr = RegInit(0.U((aBits + 1).W))    // oldest beat still held
  val inFrame = RegInit(false.B)
  val beatNo = RegInit(0.U(16.W))
  val seen = RegInit(0.U(16.W))
  val crc = RegInit("hFFFFFFFF".U(32.W))
  val hdr = RegInit(VecInit(Seq.fill(16)(0.U(8.W))))
  val hdrNext = WireDefault(hdr)

  /** A descriptor per stored frame, as many as the store can hold frames (the shortest frame the classifier keeps
    * takes `minBeats`): the store's bytes, never its frame count, are what holds the wire back. (With four, a
    * broadcast's copies kept the head of the queue while the wire brought short frames: the vp780 main job's 10GbE
    * inputs were held to 94.6-97.9% with 12 KB of the 16 KB store free.) */
  val descQ = Module(new Queue(new FrameDesc(p), FrameStore.descriptors(p, minBytes)))
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
  val covered = (0 until n).map { k =>
    val in = k.U < b.bytes
    if (!crcSkipEnds) in else in && !(first && k.U === 0.U) && !(b.eop && k.U === b.bytes - 1.U)
  }
  val crcNext = (0 until n).foldLeft(Mux(first, "hFFFFFFFF".U(32.W), crc))((r, k) => Mux(covered(k), ByteCrc.icrc.step(r, bytes(k)), r))
  val length = Mux(first, 0.U, seen) + b.bytes
  when(fire) {
    assert(b.sop === first, "module port ingress: sop must mark exactly the first beat of a frame")
    inFrame := !b.eop
    beatNo := beatIdx + 1.U
    seen := length
    crc := crcNext
    when(first) { frameStart := wr }
    when(storing) {
      mem.write(wr(aBits - 1, 0), b.data)
      wr := wr + 1.U
    }
    for (k <- 0 until n; off <- 0 until 16 if off % n == k)
      when(beatIdx === (off / n).U) { hdrNext(off) := bytes(k) }
  }
  hdr := hdrNext
  io.hdrNext := hdrNext

  // ---- deciding, the cycle after the last beat ----
  val atEnd = fire && b.eop
  when(atEnd) { pendValid := true.B }.elsewhen(pendValid) { pendValid := false.B }
  io.summary.valid := pendValid
  io.summary.bits.hdr := hdr
  io.summary.bits.len := RegEnable(length, atEnd)
  io.summary.bits.crcOk := RegEnable(crcNext === residue.U, atEnd)
  io.summary.bits.lastByte := RegEnable(bytes((b.bytes - 1.U)(2, 0)), atEnd)
  val good = pendValid && io.verdict.reason === DropReason.None.U
  descQ.io.enq.valid := good
  descQ.io.enq.bits.start := frameStart(aBits - 1, 0)
  descQ.io.enq.bits.len := io.summary.bits.len
  descQ.io.enq.bits.bound := io.verdict.bound
  descQ.io.enq.bits.members := io.verdict.members
  assert(!(good && !descQ.io.enq.ready), "module port ingress: descriptor queue full")
  when(pendValid && !good) { wr := frameStart }
  io.drop.valid := pendValid && !good
  io.drop.bits := io.verdict.reason
  io.frame.valid := pendValid
  io.frame.bits := io.summary.bits.len

  // ---- the encapsulator's side ----
  for (i <- 0 until 2) io.readData(i) := mem.read(io.readAddr(i))
  when(io.release.valid) { freePtr := freePtr + io.release.bits }
  io.empty := !inFrame && !pendValid && !descQ.io.deq.valid && used === 0.U
}
