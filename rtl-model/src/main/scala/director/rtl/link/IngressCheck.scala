package director.rtl.link

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.params.DirectorParams
import director.rtl.stream.PacketBeat

class IngressCheckIO(val p: DirectorParams) extends NamedBundle {
  /** The beat the port accepted this cycle. */
  val beat = Input(Valid(new PacketBeat(p.beatBytes)))
  /** In the cycle after the last beat: the first failing check (DropReason 3..9) or 0. */
  val reason = Output(UInt(DropReason.width.W))
}

/** The checks of docs/ingress-checks.md (reasons 3-9) on one ingress stream, decided in the cycle after its
  * last beat: the VCRC over every byte and the ICRC over the bytes LRH.PktLen covers (each compared by residue),
  * and the LRH/BTH fields kept from the first 16 bytes. The beat is registered on the way in, so that all of this
  * logic hangs off flip-flops (it then costs the simulator one evaluation per cycle instead of two).
  *
  * Per beat only what a beat needs: every beat but a packet's last is full (the stream's rule, asserted), so a
  * header byte's place is known from the beat's index in the packet, and the ICRC covers the first PktLen x 4
  * bytes (known from the first beat, which holds the whole LRH). Where PktLen x 4 is not the length less the VCRC,
  * the packet fails bad_pkt_len, which comes before bad_icrc, so the ICRC's value then does not matter.
  */
class IngressCheck(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new IngressCheckIO(p))
  private val n = p.beatBytes
  private val vcrcInit = BigInt(0xFFFF)
  private val icrcInit = BigInt("FFFFFFFF", 16)
  private val vcrcResidue = ByteCrc.vcrc.residue(vcrcInit, vcrcInit)
  private val icrcResidue = ByteCrc.icrc.residue(icrcInit, icrcInit)
  require(icrcResidue == BigInt("DEBB20E3", 16), f"ICRC residue $icrcResidue%x")
  /** The header bytes the checks read: LRH VL/LVer (0), LNH (1), PktLen (4, 5), BTH opcode (8), PadCnt (9). */
  private val kept = Seq(0, 1, 4, 5, 8, 9)
  /** Beats that hold header bytes (0 .. 15) or the ICRC's variant fields (bytes 0 and 12). */
  private val hdrBeats = (16 + n - 1) / n
  private val idxBits = log2Ceil(hdrBeats + 1)

  val inPkt = RegInit(false.B)
  val seen = RegInit(0.U(21.W))       // bytes of this packet before the current beat
  val beatIdx = RegInit(0.U(idxBits.W)) // this beat's index in the packet, saturating at hdrBeats
  val vcrc = RegInit(vcrcInit.U(16.W))
  val icrc = RegInit(icrcInit.U(32.W))
  val hdr = RegInit(VecInit(Seq.fill(kept.size)(0.U(8.W))))

  val beatValid = RegNext(io.beat.valid, false.B)
  val beatReg = RegEnable(io.beat.bits, io.beat.valid)
  val b = beatReg
  assert(!beatValid || b.eop || b.bytes === n.U, "ingress stream: every beat but a packet's last must be full")
  val first = !inPkt
  val pos = Mux(first, 0.U, seen)
  val idx = Mux(first, 0.U, beatIdx)
  val count = b.bytes
  val bytes = VecInit((0 until n).map(k => b.data(8 * (n - k) - 1, 8 * (n - k - 1))))
  val valid = VecInit((0 until n).map(k => k.U < count))

  // the kept header bytes as they stand with this beat
  private def at(off: Int): Bool = idx === (off / n).U
  val hdrNow = VecInit(kept.zipWithIndex.map { case (off, i) =>
    Mux(at(off) && valid(off % n), bytes(off % n), Mux(first, 0.U, hdr(i)))
  })
  private def field(off: Int): UInt = hdrNow(kept.indexOf(off))

  // VCRC over every byte of the beat
  val vcrcStart = Mux(first, vcrcInit.U(16.W), vcrc)
  val vcrcNext = (0 until n).foldLeft(vcrcStart)((r, k) => Mux(valid(k), ByteCrc.vcrc.step(r, bytes(k)), r))

  // ICRC over the first PktLen x 4 bytes, the variant fields (LRH.VL, BTH.Resv8a) replaced by ones
  val pktLen = Cat(field(4)(2, 0), field(5))
  val pktLenBytes = pktLen << 2
  val icrcLeft = Mux(pktLenBytes > pos, pktLenBytes - pos, 0.U)
  val icrcStart = Mux(first, icrcInit.U(32.W), icrc)
  val icrcNext = (0 until n).foldLeft(icrcStart) { (r, k) =>
    val byte = if (k == 0) Mux(at(0), bytes(k) | "hF0".U, bytes(k))
      else if (k == 12 % n) Mux(at(12), "hFF".U(8.W), bytes(k)) else bytes(k)
    Mux(valid(k) && k.U < icrcLeft, ByteCrc.icrc.step(r, byte), r)
  }

  val length = pos + count
  val opcode = field(8)
  val deth = opcode === "h64".U || opcode === "h65".U
  val padCnt = field(9)(5, 4)
  val overhead = 26.U +& Mux(deth, 8.U, 0.U) +& padCnt
  val payloadOver = (lim: Int) => length > overhead +& lim.U

  val badVcrc = vcrcNext =/= vcrcResidue.U
  val badLver = field(0)(3, 0) =/= 0.U
  val badLnh = field(1)(1, 0) =/= 2.U
  val badPktLen = pktLenBytes =/= (length - 2.U)
  val badIcrc = icrcNext =/= icrcResidue.U
  val vl15Long = field(0)(7, 4) === 15.U && payloadOver(256)
  val tooLong = payloadOver(p.mtuBytes)
  io.reason := Mux(!beatValid || !b.eop, DropReason.None.U, PriorityMux(Seq(
    badVcrc -> DropReason.BadVcrc.U, badLver -> DropReason.BadLver.U, badLnh -> DropReason.BadLnh.U,
    badPktLen -> DropReason.BadPktLen.U, badIcrc -> DropReason.BadIcrc.U, vl15Long -> DropReason.Vl15TooLong.U,
    tooLong -> DropReason.TooLong.U, true.B -> DropReason.None.U)))

  when(beatValid) {
    inPkt := !b.eop
    seen := length
    beatIdx := Mux(idx === hdrBeats.U, idx, idx + 1.U)
    vcrc := vcrcNext
    icrc := icrcNext
    hdr := hdrNow
  }
}
