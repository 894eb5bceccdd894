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
  * last beat: VCRC over every byte and ICRC two bytes behind (each compared by residue, so neither needs the
  * length in advance), and the LRH/BTH fields kept from the first 16 bytes. The beat is registered on the way
  * in, so that all of this logic hangs off flip-flops (it then costs the simulator one evaluation per cycle
  * instead of two).
  */
class IngressCheck(val p: DirectorParams) extends Module with NamedModule {
  val io = IO(new IngressCheckIO(p))
  private val n = p.beatBytes
  private val vcrcInit = BigInt(0xFFFF)
  private val icrcInit = BigInt("FFFFFFFF", 16)
  private val vcrcResidue = ByteCrc.vcrc.residue(vcrcInit, vcrcInit)
  private val icrcResidue = ByteCrc.icrc.residue(icrcInit, icrcInit)
  require(icrcResidue == BigInt("DEBB20E3", 16), f"ICRC residue $icrcResidue%x")

  val inPkt = RegInit(false.B)
  val seen = RegInit(0.U(21.W))       // bytes of this packet before the current beat
  val vcrc = RegInit(vcrcInit.U(16.W))
  val icrc = RegInit(icrcInit.U(32.W))
  // the ICRC engine's bytes in waiting, right-aligned: held(1) is the newest, held(0) counts only when heldCount = 2
  val held = RegInit(VecInit(Seq.fill(2)(0.U(8.W))))
  val heldCount = RegInit(0.U(2.W))
  val hdr = RegInit(VecInit(Seq.fill(16)(0.U(8.W))))

  val beatValid = RegNext(io.beat.valid, false.B)
  val beatReg = RegEnable(io.beat.bits, io.beat.valid)
  val b = beatReg
  val first = !inPkt
  val pos = Mux(first, 0.U, seen)
  val count = b.bytes
  val bytes = VecInit((0 until n).map(k => b.data(8 * (n - k) - 1, 8 * (n - k - 1))))
  val valid = VecInit((0 until n).map(k => k.U < count))

  // VCRC over every byte of the beat
  val vcrcStart = Mux(first, vcrcInit.U(16.W), vcrc)
  val vcrcNext = (0 until n).foldLeft(vcrcStart)((r, k) => Mux(valid(k), ByteCrc.vcrc.step(r, bytes(k)), r))

  // ICRC two bytes behind, with the variant fields (LRH.VL, BTH.Resv8a) replaced by ones
  val masked = VecInit((0 until n).map { k =>
    val off = pos + k.U
    Mux(off === 0.U, bytes(k) | "hF0".U, Mux(off === 12.U, "hFF".U(8.W), bytes(k)))
  })
  val hc = Mux(first, 0.U(2.W), heldCount)
  // the byte sequence of this cycle: the waiting bytes, then this beat's; rank = position among valid bytes
  val seq = held ++ masked
  val seqValid = Seq(hc === 2.U, hc =/= 0.U) ++ valid
  val seqRank = Seq(0.U, hc - 1.U) ++ (0 until n).map(k => hc +& k.U)
  val total = hc +& count
  // a byte is processed once two more bytes follow it (the last two may be the VCRC)
  val icrcStart = Mux(first, icrcInit.U(32.W), icrc)
  val icrcNext = (0 until n + 2).foldLeft(icrcStart) { (r, s) =>
    val take = seqValid(s) && (seqRank(s) +& 2.U) < total
    Mux(take, ByteCrc.icrc.step(r, seq(s)), r)
  }
  // the last two bytes of the sequence wait (right-aligned; when fewer than two exist, held(0) is unused)
  private def byRank(rank: UInt): UInt =
    Mux(rank < hc, Mux(hc === 2.U && rank === 0.U, held(0), held(1)), masked((rank - hc)(log2Ceil(n) - 1, 0)))
  val keep = Seq(byRank(total - 2.U), byRank(total - 1.U))

  // the header as it stands with this beat
  val hdrNow = VecInit((0 until 16).map { off =>
    val here = (0 until n).filter(k => off - k >= 0).map(k => (pos === (off - k).U && valid(k)) -> bytes(k))
    MuxCase(Mux(first, 0.U, hdr(off)), here)
  })
  val length = pos + count
  val opcode = hdrNow(8)
  val deth = opcode === "h64".U || opcode === "h65".U
  val padCnt = hdrNow(9)(5, 4)
  val overhead = 26.U +& Mux(deth, 8.U, 0.U) +& padCnt
  val payloadOver = (lim: Int) => length > overhead +& lim.U
  val pktLen = Cat(hdrNow(4)(2, 0), hdrNow(5))

  val badVcrc = vcrcNext =/= vcrcResidue.U
  val badLver = hdrNow(0)(3, 0) =/= 0.U
  val badLnh = hdrNow(1)(1, 0) =/= 2.U
  val badPktLen = (pktLen << 2) =/= (length - 2.U)
  val badIcrc = icrcNext =/= icrcResidue.U
  val vl15Long = hdrNow(0)(7, 4) === 15.U && payloadOver(256)
  val tooLong = payloadOver(p.mtuBytes)
  io.reason := Mux(!beatValid || !b.eop, DropReason.None.U, PriorityMux(Seq(
    badVcrc -> DropReason.BadVcrc.U, badLver -> DropReason.BadLver.U, badLnh -> DropReason.BadLnh.U,
    badPktLen -> DropReason.BadPktLen.U, badIcrc -> DropReason.BadIcrc.U, vl15Long -> DropReason.Vl15TooLong.U,
    tooLong -> DropReason.TooLong.U, true.B -> DropReason.None.U)))

  when(beatValid) {
    inPkt := !b.eop
    seen := length
    vcrc := vcrcNext
    icrc := icrcNext
    held(0) := keep(0)
    held(1) := keep(1)
    heldCount := Mux(total >= 2.U, 2.U, total)
    hdr := hdrNow
  }
}
