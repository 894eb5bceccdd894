package director.rtl.params

import chisel3.util.log2Ceil

/** Everything that sizes the director's silicon. A profile is data; this case class validates it, and the
  * RTL generator and the Java golden model both read their sizes from it.
  *
  * @param ports           crossbar ports (host + module ports)
  * @param beatBytes       datapath width in bytes (one beat per core cycle on every port and crossbar lane)
  * @param coreMHz         nominal core clock; with beatBytes it sets the internal speedup
  * @param lineGbps        port line rate (packet bytes only, no link-level symbols), used for pacing
  * @param ingressBufferBytes per-input buffer memory holding that input's virtual output queues: one credit quota
  *                        per data VL (`ingressVlBlocks`) plus room for one packet of VL15 (docs/virtual-lanes.md)
  * @param blockBytes      buffer allocation unit (a multiple of the beat; 64 = one IB credit block)
  * @param egressVlBytes   per output and per lane (data VLs + VL15), the queue after the crossbar (absorbs the
  *                        speedup; two packets of maxPacketBytes keep one lane at line rate)
  * @param maxPacketBytes  longest packet the buffers take; longer ones are dropped and counted (oversize)
  * @param mtuBytes        the IB MTU: a longer payload is dropped and counted (too_long)
  * @param islipIterations iSLIP iterations per scheduling cycle, 1..4: the most the hardware has; the SCHED_ITERS
  *                        register chooses 1..this many at run time (it resets to this many)
  * @param lidTableSize    forwarding table entries: DLIDs 0 .. lidTableSize-1 can be routed
  * @param dataVls         data virtual lanes VL0 .. dataVls-1 (VL15, the management lane, comes in addition): 1, 2, 4,
  *                        8 or 15, the counts an IB link can have
  * @param vlArbEntries    entries of each VL arbitration table (High and Low) per output port, 1..64
  * @param modules         the module ports, which are the last ports, in order: "eth:10,fc:5" (docs/gateway.md);
  *                        "" = every port is an InfiniBand host port
  * @param vnics           entries of the vNIC table (vNIC n is the director's QP 0x100 + n)
  * @param vhbas           entries of the vHBA table (vHBA m is the director's QP 0x800 + m)
  * @param ethMaxFrameBytes longest Ethernet frame a 10GbE port takes or sends, FCS included
  * @param ethStoreBytes   per 10GbE port, the frame store of the LAN -> server path (store and forward)
  * @param faultInject     a deliberate bug, for testing the debug flow ([[FaultInjection]]): "" (none, the default:
  *                        the generated hardware is then exactly the design), "egress-header" or "voq-count"
  */
case class DirectorParams(
  name:               String,
  ports:              Int,
  beatBytes:          Int = 8,
  coreMHz:            Int = 250,
  lineGbps:           Double = 10.0,
  ingressBufferBytes: Int = 128 * 1024,
  blockBytes:         Int = 64,
  egressVlBytes:      Int = 2 * 4224 + 128,
  maxPacketBytes:     Int = 4224,
  mtuBytes:           Int = 4096,
  islipIterations:    Int = 3,
  lidTableSize:       Int = 1024,
  dataVls:            Int = 8,
  vlArbEntries:       Int = 64,
  modules:            String = "",
  vnics:              Int = 16,
  vhbas:              Int = 16,
  ethMaxFrameBytes:   Int = 1522,
  ethStoreBytes:      Int = 4096,
  faultInject:        String = "") {

  private def check(ok: Boolean, field: String, why: => String): Unit =
    if (!ok) throw new IllegalArgumentException(s"director parameters '$name': $field: $why")

  private def pow2(x: Int) = x > 0 && (x & (x - 1)) == 0

  check(ports >= 2 && ports <= 64, "ports", s"must be 2..64, got $ports")
  check(pow2(beatBytes) && beatBytes >= 8 && beatBytes <= 64, "beatBytes",
    s"must be a power of two in 8..64 (the first beat must hold the whole LRH), got $beatBytes")
  check(coreMHz >= 50 && coreMHz <= 2000, "coreMHz", s"must be 50..2000, got $coreMHz")
  check(lineGbps > 0 && lineGbps <= 400, "lineGbps", s"must be in (0, 400], got $lineGbps")
  check(pow2(blockBytes) && blockBytes >= beatBytes, "blockBytes",
    s"must be a power of two and at least one beat ($beatBytes), got $blockBytes")
  check(maxPacketBytes >= 64 && maxPacketBytes <= 8192 && maxPacketBytes % beatBytes == 0, "maxPacketBytes",
    s"must be 64..8192 and a multiple of the beat ($beatBytes bytes), got $maxPacketBytes")
  check(Seq(256, 512, 1024, 2048, 4096).contains(mtuBytes), "mtuBytes", s"must be an IB MTU (256, 512, 1024, 2048, 4096), got $mtuBytes")
  check(maxPacketBytes >= mtuBytes + 48, "maxPacketBytes", s"must hold an MTU packet with its headers (mtuBytes + 48 = ${mtuBytes + 48}), got $maxPacketBytes")
  check(ingressBufferBytes % blockBytes == 0 && pow2(ingressBufferBytes / blockBytes), "ingressBufferBytes",
    s"must be a power-of-two number of $blockBytes-byte blocks, got $ingressBufferBytes")
  check(ingressBufferBytes >= 2 * maxPacketBytes, "ingressBufferBytes",
    s"must hold at least two packets of maxPacketBytes ($maxPacketBytes), got $ingressBufferBytes")
  check(egressVlBytes % beatBytes == 0 && egressVlBytes >= maxPacketBytes + 4 * beatBytes,
    "egressVlBytes", s"must be a multiple of the beat and hold one packet of maxPacketBytes plus 4 beats, got $egressVlBytes")
  check(DirectorParams.LegalDataVls.contains(dataVls), "dataVls",
    s"must be ${DirectorParams.LegalDataVls.mkString(", ")} (the VL capabilities an IB link can have), got $dataVls")
  check(vlArbEntries >= 1 && vlArbEntries <= 64, "vlArbEntries", s"must be 1..64, got $vlArbEntries")
  check(ingressBufferBytes / blockBytes - oversizeFragmentBlocks >= dataVls * maxPacketBlocks, "ingressBufferBytes",
    s"must give each of the $dataVls data VLs a credit quota of at least one packet of maxPacketBytes " +
      s"($maxPacketBlocks blocks) after keeping $oversizeFragmentBlocks blocks for VL15, got $ingressBufferBytes")
  check(islipIterations >= 1 && islipIterations <= 4, "islipIterations", s"must be 1..4, got $islipIterations")
  check(pow2(lidTableSize) && lidTableSize >= 16 && lidTableSize <= 32768, "lidTableSize",
    s"must be a power of two in 16..32768, got $lidTableSize")
  check(vnics >= 1 && vnics <= 1024, "vnics", s"must be 1..1024, got $vnics")
  check(vhbas >= 1 && vhbas <= 1024, "vhbas", s"must be 1..1024, got $vhbas")
  check(ethMaxFrameBytes >= 64 && ethMaxFrameBytes - 4 + 4 <= mtuBytes, "ethMaxFrameBytes",
    s"must be 64..$mtuBytes (an EoIB payload of the EoIB header and the frame without FCS must fit the MTU), got $ethMaxFrameBytes")
  check(pow2(ethStoreBytes / beatBytes) && ethStoreBytes % beatBytes == 0 && ethStoreBytes >= 2 * ethMaxFrameBytes, "ethStoreBytes",
    s"must be a power-of-two number of beats holding two frames of ethMaxFrameBytes, got $ethStoreBytes")
  check(hostPorts >= 1, "modules", s"leaves no host port: ${kinds.size} module ports of $ports ports")
  check(FaultInjection.classes.contains(faultInject), "faultInject",
    s"must be one of ${FaultInjection.classes.map(c => if (c.isEmpty) "\"\" (none)" else c).mkString(", ")}, got '$faultInject'")
  check(crossbarGbps >= lineGbps, "coreMHz/beatBytes",
    f"the crossbar ($crossbarGbps%.1f Gb/s per port) must be at least the line rate ($lineGbps Gb/s)")

  /** Port kind of every port: host ports first, then the module ports of `modules`. */
  lazy val kinds: Seq[PortKind] = PortKind.parseModules(name, modules)
  def portKinds: Seq[PortKind] = Seq.fill(ports - kinds.size)(PortKind.Ib) ++ kinds
  def hostPorts: Int = ports - kinds.size
  def kind(port: Int): PortKind = portKinds(port)
  def ethPorts: Seq[Int] = (0 until ports).filter(kind(_) == PortKind.Eth)
  def hasGateway: Boolean = kinds.nonEmpty
  def vnicBits: Int = log2Ceil(vnics).max(1)
  def vhbaBits: Int = log2Ceil(vhbas).max(1)
  def fcPorts: Seq[Int] = (0 until ports).filter(kind(_) == PortKind.Fc)
  def ethStoreBeats: Int = ethStoreBytes / beatBytes

  // Derived sizes: one place, used by the RTL and (through the Java bridge) by the golden model.
  def portBits: Int = log2Ceil(ports)
  def beatBits: Int = beatBytes * 8
  def beatsPerBlock: Int = blockBytes / beatBytes
  def ingressBlocks: Int = ingressBufferBytes / blockBytes
  def ingressBeats: Int = ingressBufferBytes / beatBytes
  def egressVlBeats: Int = egressVlBytes / beatBytes
  /** Lanes per port inside the switch: the data VLs and VL15 (lane index dataVls). */
  def lanes: Int = dataVls + 1
  def maxPacketBlocks: Int = (maxPacketBytes + blockBytes - 1) / blockBytes
  /** Each data VL's share of an input buffer, in blocks: the credits that input advertises for the VL. */
  def ingressVlBlocks: Int = (ingressBlocks - oversizeFragmentBlocks) / dataVls
  /** What an oversize packet stores before it is known to be one (its beats up to one past maxPacketBytes), in
    * blocks: the VL15 reserve, since VL15 has no credits and a VL15 packet may be oversize. */
  def oversizeFragmentBlocks: Int = (maxPacketBeats * beatBytes + beatBytes + blockBytes - 1) / blockBytes
  def maxPacketBeats: Int = (maxPacketBytes + beatBytes - 1) / beatBytes
  def crossbarGbps: Double = beatBytes * 8.0 * coreMHz / 1000.0
  def speedup: Double = crossbarGbps / lineGbps

  /** A stable textual form: part of the built model's cache key and of every report. */
  def describe: String =
    s"$name: ports=$ports beatBytes=$beatBytes coreMHz=$coreMHz lineGbps=$lineGbps " +
      s"ingressBufferBytes=$ingressBufferBytes blockBytes=$blockBytes egressVlBytes=$egressVlBytes " +
      s"maxPacketBytes=$maxPacketBytes mtuBytes=$mtuBytes islipIterations=$islipIterations lidTableSize=$lidTableSize " +
      s"dataVls=$dataVls vlArbEntries=$vlArbEntries" +
      (if (hasGateway) s" modules=$modules vnics=$vnics vhbas=$vhbas ethMaxFrameBytes=$ethMaxFrameBytes ethStoreBytes=$ethStoreBytes" else "") +
      (if (faultInject.nonEmpty) s" faultInject=$faultInject" else "")
}

object DirectorParams {

  /** The data-VL counts an InfiniBand port can have (VLCap 1..5 of the IB spec: VL0, VL0-1, VL0-3, VL0-7, VL0-14). */
  val LegalDataVls: Seq[Int] = Seq(1, 2, 4, 8, 15)

  /** Fast tests: the vp780's port silicon (buffers, widths, clock) with 8 ports. (With half the buffers it
    * delivered 95-97% of an ideal output-queued switch at 100% uniform load; with these, 99.9%.) */
  val small: DirectorParams = DirectorParams(name = "small", ports = 8, lidTableSize = 256)

  /** The VP780: 24 InfiniBand host ports + 15 module ports (10 x 10GbE, 5 x FC), 10 Gb/s each (780 Gb/s both
    * directions); 120 vNICs and 120 vHBAs: five of each per server, twelve vNICs per 10GbE port, 24 vHBAs per FC
    * port; a 16 KiB frame store per module port (a broadcast's twelve copies keep the encapsulator busy while the
    * wire brings more). */
  val vp780: DirectorParams = DirectorParams(name = "vp780", ports = 39, islipIterations = 4, modules = "eth:10,fc:5",
    vnics = 120, vhbas = 120, ethStoreBytes = 16384)

  /** Fast gateway tests: the small profile with its last three ports module ports, two 10GbE and one FC
    * (docs/gateway.md). */
  val gateway: DirectorParams = small.copy(name = "gateway", modules = "eth:2,fc:1")

  val profiles: Map[String, DirectorParams] = Map("small" -> small, "vp780" -> vp780, "gateway" -> gateway)

  def profile(name: String): DirectorParams = profiles.getOrElse(
    name,
    throw new IllegalArgumentException(s"unknown profile '$name' (known: ${profiles.keys.toSeq.sorted.mkString(", ")})")
  )

  /** For Java callers: a named profile with `key -> value` overrides (an empty map for none). */
  def fromSpec(profileName: String, overrides: java.util.Map[String, String]): DirectorParams = {
    import scala.jdk.CollectionConverters._
    withOverrides(profile(profileName), overrides.asScala.toSeq.sortBy(_._1))
  }

  /** For Java callers: overrides applied to given parameters. */
  def withOverridesJava(base: DirectorParams, overrides: java.util.Map[String, String]): DirectorParams = {
    import scala.jdk.CollectionConverters._
    withOverrides(base, overrides.asScala.toSeq.sortBy(_._1))
  }

  /** A profile with `key=value` overrides, e.g. "ports=12", "islipIterations=1"; unknown keys are errors. */
  def withOverrides(base: DirectorParams, overrides: Seq[(String, String)]): DirectorParams =
    overrides.foldLeft(base) { case (p, (k, v)) =>
      def int = try v.trim.toInt catch {
        case _: NumberFormatException => throw new IllegalArgumentException(s"parameter '$k': '$v' is not an integer")
      }
      def dbl = try v.trim.toDouble catch {
        case _: NumberFormatException => throw new IllegalArgumentException(s"parameter '$k': '$v' is not a number")
      }
      k match {
        case "ports"              => p.copy(ports = int)
        case "beatBytes"          => p.copy(beatBytes = int)
        case "coreMHz"            => p.copy(coreMHz = int)
        case "lineGbps"           => p.copy(lineGbps = dbl)
        case "ingressBufferBytes" => p.copy(ingressBufferBytes = int)
        case "blockBytes"         => p.copy(blockBytes = int)
        case "egressVlBytes"      => p.copy(egressVlBytes = int)
        case "dataVls"            => p.copy(dataVls = int)
        case "vlArbEntries"       => p.copy(vlArbEntries = int)
        case "maxPacketBytes"     => p.copy(maxPacketBytes = int)
        case "mtuBytes"           => p.copy(mtuBytes = int)
        case "islipIterations"    => p.copy(islipIterations = int)
        case "lidTableSize"       => p.copy(lidTableSize = int)
        case "modules"            => p.copy(modules = v.trim)
        case "vnics"              => p.copy(vnics = int)
        case "vhbas"              => p.copy(vhbas = int)
        case "ethMaxFrameBytes"   => p.copy(ethMaxFrameBytes = int)
        case "ethStoreBytes"      => p.copy(ethStoreBytes = int)
        case "faultInject"        => p.copy(faultInject = v.trim)
        case other => throw new IllegalArgumentException(
          s"unknown parameter '$other' (known: ports, beatBytes, coreMHz, lineGbps, ingressBufferBytes, blockBytes, " +
            "egressVlBytes, maxPacketBytes, mtuBytes, islipIterations, lidTableSize, dataVls, vlArbEntries, modules, vnics, " +
            "ethMaxFrameBytes, ethStoreBytes, vhbas, faultInject)")
      }
    }
}
