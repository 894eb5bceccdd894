package director.rtl.credit

/** The width of InfiniBand's flow-control counters (IBTA 7.9.4): FCCL, FCTBS and ABR are 12-bit block counts that
  * wrap, so every comparison is `(FCCL - FCTBS) mod 4096`. The one definition, for the RTL, the generated
  * `director_consts.h` of the C++ harness and the Java testbench. */
object Fccl {
  val Bits = 12
  /** The counters wrap at this many blocks. */
  val Modulus: Int = 1 << Bits
  val Mask: Int = Modulus - 1
}
