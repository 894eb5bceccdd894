package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.link.Lanes
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.stream.PacketBeat

class EoibEncapIO(val p: DirectorParams) extends NamedBundle {
  val desc = Flipped(Decoupled(new EthFrameDesc(p)))
  val readAddr = Output(UInt(log2Ceil(p.ethStoreBeats).W))
  val readData = Input(UInt((8 * p.beatBytes).W))
  val release = Output(Valid(UInt(log2Ceil(p.ethStoreBeats + 1).W)))
  /** The credits this port's input buffer advertises, per data VL (the encapsulator is its link partner). */
  val fccl = Input(Vec(p.dataVls, UInt(12.W)))
  val gwLid = Input(UInt(16.W))
  /** The EoIB packet without its pad... ICRC and VCRC (appended downstream): header beats, then the frame. */
  val out = Decoupled(new PacketBeat(p.beatBytes))
  /** The packet's output port (the vNIC's host port), stable from before its first beat until its last. */
  val route = Output(UInt(p.portBits.W))
  /** One pulse per packet started, with its frame's vNIC. */
  val sent = Output(Valid(UInt(p.vnicBits.W)))
}

/** Builds the EoIB packet of each stored frame (docs/gateway.md, "LAN -> server"): LRH, BTH, DETH and the EoIB
  * header in four beats, then the frame without its FCS with the pad bytes zeroed; CrcAppend stages add the
  * ICRC and VCRC. A packet starts only when the input buffer has credits for all of it on its VL
  * (VL = SL mod dataVls), FCTBS kept here as on any link.
  */
class EoibEncap(val p: DirectorParams) extends Module with NamedModule {
  require(p.beatBytes == 8, s"the gateway is built for 8-byte beats, got ${p.beatBytes}")
  val io = IO(new EoibEncapIO(p))
  private val hdrBeats = 4

  val d = io.desc.bits
  val pad = (0.U(2.W) - d.len(1, 0))(1, 0)
  val payloadBytes = d.len +& pad               // frame + pad (EoIB header counted below)
  val pktLenWords = (32.U +& payloadBytes +& 4.U) >> 2 // LRH..ICRC in 4-byte words
  val wireBytes = (pktLenWords << 2) +& 2.U
  val vl = if (p.dataVls == 1) 0.U(1.W) else (d.sl % p.dataVls.U)(log2Ceil(p.dataVls) - 1, 0)
  val fctbs = RegInit(VecInit(Seq.fill(p.dataVls)(0.U(12.W))))
  val blocks = Lanes.blocks(p, wireBytes)
  val fits = (io.fccl(vl) - fctbs(vl)) >= blocks

  val busy = RegInit(false.B)
  val cur = Reg(new EthFrameDesc(p))
  val curPad = Reg(UInt(2.W))
  val curWords = Reg(UInt(11.W))
  val curVl = Reg(UInt(4.W))
  val k = RegInit(0.U(12.W))                     // beat of the packet
  val route = RegInit(0.U(p.portBits.W))
  io.route := route

  io.desc.ready := !busy && fits
  when(io.desc.fire) {
    busy := true.B
    cur := d
    curPad := pad
    curWords := pktLenWords
    curVl := vl
    k := 0.U
    route := d.hostPort
    fctbs(vl) := fctbs(vl) + blocks
  }
  io.sent.valid := io.desc.fire
  io.sent.bits := d.vnic

  // ---- the beats ----
  val lrh = Cat(curVl, 0.U(4.W), cur.sl, 0.U(2.W), 2.U(2.W), cur.dlid, 0.U(5.W), curWords, io.gwLid)
  val bth0 = Cat("h64".U(8.W), 0.U(2.W), curPad, 0.U(4.W), "hFFFF".U(16.W), 0.U(8.W), cur.qp)
  val bth1deth0 = Cat(0.U(32.W), "h00000B1B".U(32.W))
  val srcQp = 0x100.U(24.W) + cur.vnic
  val deth1eoib = Cat(0.U(8.W), srcQp, "hC000".U(16.W), 0.U(16.W))
  val frameBeat = k - hdrBeats.U
  val lastFrameBeat = (cur.len - 1.U) >> 3
  val rem = cur.len - (lastFrameBeat << 3)        // 1..8 frame bytes in the last frame beat
  val isLast = k >= hdrBeats.U && frameBeat === lastFrameBeat
  io.readAddr := (cur.start + frameBeat)(log2Ceil(p.ethStoreBeats) - 1, 0)
  val keepMask = Cat((0 until 8).map(b => Mux(isLast && b.U >= rem, 0.U(8.W), "hFF".U(8.W))))
  val data = MuxLookup(k, io.readData & keepMask)(Seq(0.U -> lrh, 1.U -> bth0, 2.U -> bth1deth0, 3.U -> deth1eoib))
  io.out.valid := busy
  io.out.bits.data := data
  io.out.bits.sop := k === 0.U
  io.out.bits.eop := isLast
  io.out.bits.bytes := Mux(isLast, rem + curPad, 8.U)
  when(io.out.fire) {
    k := k + 1.U
    when(isLast) { busy := false.B }
  }
  io.release.valid := io.out.fire && isLast
  io.release.bits := (cur.len + 4.U + 7.U) >> 3
}
