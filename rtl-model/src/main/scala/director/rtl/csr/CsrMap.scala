package director.rtl.csr

import director.rtl.link.DropReason
import director.rtl.params.DirectorParams

/** The register map, in 64-bit word addresses. The Java testbench reads these constants from here too, so
  * software and silicon cannot disagree.
  *
  * | address                         | register                                                   |
  * |---------------------------------|------------------------------------------------------------|
  * | 0x000000                        | ID: 0xD17EC7780 (read only)                                 |
  * | 0x000001                        | PARAMS: ports[7:0] beatBytes[15:8] iters[19:16] dataVls[23:20] |
  * | 0x000002                        | STATUS: bit0 = table initialisation done (read only)        |
  * | 0x000003                        | SCHED_ITERS: iSLIP iterations, 1..islipIterations (r/w)     |
  * | 0x010000 + dlid                 | forwarding table: bit 15 valid, bits 5:0 output port        |
  * | 0x020000 + port*16 + counter    | per-port counters (read only), see [[CsrMap.Counter]]       |
  * | 0x030000 + in*64 + out          | SL2VL table of (in, out): VL of SL s in bits 4s+3..4s       |
  * | 0x040000 + port*512 + vl*32 + n | per-port per-VL counters (read only), see [[CsrMap.VlCounter]] |
  * | 0x050000 + port*256 + k         | VL arbitration High entry k: VL bits 3:0, weight bits 15:8  |
  * | 0x050000 + port*256 + 64 + k    | VL arbitration Low entry k (same layout)                    |
  * | 0x050000 + port*256 + 128       | LimitOfHighPriority, bits 7:0                               |
  * | 0x000004                        | GW_LID: the director's own LID (r/w, reset 0xBFFF)          |
  * | 0x000005                        | SCHED_PERIOD: the scheduler matches one cycle in N, 1..64 (r/w, reset 1) |
  * | 0x060000 + vnic*4 + w           | vNIC table entry word w (r/w), see gateway/VnicTable         |
  * | 0x070000 + port*32 + n          | per-port gateway counters (read only), see [[CsrMap.GwCounter]] |
  * | 0x080000 + vnic*4 + w           | vNIC policer (r/w): w 0 CIR kb/s, 1 PIR kb/s (0 = off), 2 CBS, 3 PBS bytes |
  * | 0x090000 + vhba*4 + w           | vHBA table entry word w (r/w), see gateway/VhbaTable         |
  * | 0x0A0000 + vhba*4 + w           | vHBA shaper (r/w): w 0 CIR kb/s (0 = off), 1 PIR kb/s (0 = no peak), 2 CBS, 3 PBS bytes |
  *
  * docs/virtual-lanes.md has the rules behind the VL registers, docs/gateway.md those of the gateway.
  */
object CsrMap {
  val addrBits = 24
  val Id: Long = 0xD17EC7780L
  val IdAddr = 0x000000
  val ParamsAddr = 0x000001
  val StatusAddr = 0x000002
  /** iSLIP iterations per cycle, 1..islipIterations (read/write; resets to islipIterations). */
  val SchedItersAddr = 0x000003
  /**
    * The scheduler matches one cycle in N, 1..[[SchedPeriodMax]] (read/write; resets to 1, every cycle). A
    * characterisation knob: a period above 1 is a lazy scheduler that loses nothing but line time, which the
    * work-conservation check must catch (docs/work-conservation.md).
    */
  val SchedPeriodAddr = 0x000005
  val SchedPeriodMax = 64
  val LftBase = 0x010000
  val CounterBase = 0x020000
  val CounterStride = 16
  /** SL-to-VL table of (input, output): 16 x 4 bits, VL for SL s in bits 4s+3..4s (read/write). */
  val Sl2VlBase = 0x030000
  val LftValidBit = 15

  /** Per-port counters, in CSR order. */
  object Counter extends Enumeration {
    val RxPackets, RxBytes, TxPackets, TxBytes, DropUnknownDlid, DropOversize, DropRunt, XbarBeats,
        DropBadVcrc, DropBadLver, DropBadLnh, DropBadPktLen, DropBadIcrc, DropVl15TooLong, DropTooLong, DropBadVl = Value
  }

  /** The per-port counter of each link-layer drop reason (director.rtl.link.DropReason); gateway reasons have none
    * (they count in the gateway counters, [[GwCounter]]). */
  val dropCounters: Seq[(Int, Counter.Value)] = Seq(
    DropReason.UnknownDlid -> Counter.DropUnknownDlid, DropReason.Oversize -> Counter.DropOversize,
    DropReason.Runt -> Counter.DropRunt, DropReason.BadVcrc -> Counter.DropBadVcrc, DropReason.BadLver -> Counter.DropBadLver,
    DropReason.BadLnh -> Counter.DropBadLnh, DropReason.BadPktLen -> Counter.DropBadPktLen, DropReason.BadIcrc -> Counter.DropBadIcrc,
    DropReason.Vl15TooLong -> Counter.DropVl15TooLong, DropReason.TooLong -> Counter.DropTooLong, DropReason.BadVl -> Counter.DropBadVl)

  /** The index in a port's counter block of the counter of drop reason `code`, or -1 for a gateway reason. */
  def dropCounterIndex(code: Int): Int = dropCounters.collectFirst { case (`code`, c) => c.id }.getOrElse(-1)

  /** The index of the per-port counter named `name` (e.g. "DropBadVl"); an error naming it when there is none. */
  def counterIndex(name: String): Int = Counter.values.find(_.toString == name).map(_.id).getOrElse(
    throw new IllegalArgumentException(s"no per-port counter is named '$name' (known: ${counterNames.mkString(", ")})"))

  /** Per-port per-VL counters: `VlCounterBase + port*VlCounterPortStride + vl*VlCounterStride + n`. */
  val VlCounterBase = 0x040000
  val VlCounterPortStride = 512
  val VlCounterStride = 32
  object VlCounter {
    val RxPackets = 0
    val RxBytes = 1
    val TxPackets = 2
    val TxBytes = 3
    val CreditStallCycles = 4
    /** Drops of packets received on the VL, by reason code r (director.rtl.link.DropReason): DropBase + r. */
    val DropBase = 16
  }
  def vlCounterAddr(port: Int, vl: Int, n: Int): Int = VlCounterBase + port * VlCounterPortStride + vl * VlCounterStride + n

  /** VL arbitration tables and limit, per output port. */
  val VlArbBase = 0x050000
  val VlArbPortStride = 256
  val VlArbLowOffset = 64
  val VlArbLimitOffset = 128
  def vlArbHighAddr(port: Int, entry: Int): Int = VlArbBase + port * VlArbPortStride + entry
  def vlArbLowAddr(port: Int, entry: Int): Int = VlArbBase + port * VlArbPortStride + VlArbLowOffset + entry
  def vlArbLimitAddr(port: Int): Int = VlArbBase + port * VlArbPortStride + VlArbLimitOffset
  def vlArbEntryWord(vl: Int, weight: Int): Long = (vl & 0xf).toLong | ((weight & 0xff).toLong << 8)
  /** The director's own LID (docs/gateway.md). */
  val GwLidAddr = 0x000004
  val GwLidReset = 0xBFFF
  val VnicBase = 0x060000
  val VnicStride = 4
  def vnicAddr(vnic: Int, word: Int): Int = VnicBase + vnic * VnicStride + word
  val VhbaBase = 0x090000
  def vhbaAddr(vhba: Int, word: Int): Int = VhbaBase + vhba * VnicStride + word
  val PolicerBase = 0x080000
  def policerAddr(vnic: Int, word: Int): Int = PolicerBase + vnic * VnicStride + word
  val ShaperBase = 0x0A0000
  def shaperAddr(vhba: Int, word: Int): Int = ShaperBase + vhba * VnicStride + word
  /** Per-port gateway counters: `GwCounterBase + port*GwCounterStride + n`. */
  val GwCounterBase = 0x070000
  val GwCounterStride = 32
  object GwCounter {
    /** Frames taken from / sent to a module port's wire, and their bytes (FCS included). */
    val WireFramesIn = 0
    val WireBytesIn = 1
    val WireFramesOut = 2
    val WireBytesOut = 3
    /** LAN -> server: frames encapsulated into EoIB. */
    val Encapsulated = 4
    /** Gateway drops by reason code r (16..31): at n = r. */
    val used: Seq[Int] = (0 to 4) ++ (16 until 32)
  }
  def gwCounterAddr(port: Int, n: Int): Int = GwCounterBase + port * GwCounterStride + n

  val counterNames: Seq[String] = Counter.values.toSeq.map(_.toString)
  def counterCount: Int = Counter.maxId

  def lftAddr(dlid: Int): Int = LftBase + dlid
  def counterAddr(port: Int, counter: Int): Int = CounterBase + port * CounterStride + counter
  def sl2vlAddr(in: Int, out: Int): Int = Sl2VlBase + in * 64 + out

  /** A field of a register: bits lsb + width - 1 .. lsb. */
  final case class Field(name: String, lsb: Int, width: Int) {
    def mask: Long = (1L << width) - 1
    def get(word: Long): Long = (word >>> lsb) & mask
    def put(value: Long): Long = (value & mask) << lsb
  }

  /** The fields of PARAMS (read only): what the silicon was built with. */
  object ParamsField {
    val Ports = Field("ports", 0, 8)
    val BeatBytes = Field("beat_bytes", 8, 8)
    val IslipIterations = Field("islip_iterations", 16, 4)
    val DataVls = Field("data_vls", 20, 4)
    val all: Seq[Field] = Seq(Ports, BeatBytes, IslipIterations, DataVls)
  }

  def paramsWord(p: DirectorParams): Long = ParamsField.Ports.put(p.ports) | ParamsField.BeatBytes.put(p.beatBytes) |
    ParamsField.IslipIterations.put(p.islipIterations) | ParamsField.DataVls.put(p.dataVls)
}
