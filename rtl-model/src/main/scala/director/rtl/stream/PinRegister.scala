package director.rtl.stream

import chisel3._
import chisel3.util._

/** The director registers every input at its pins (docs/design.md, "Registered pins"): the core works on what the link
  * partner drove at the last clock edge. A stream in keeps the valid/ready handshake: the core's ready goes back to
  * the pins and says whether it takes the registered beat, so the partner decides each cycle's beat in the cycle
  * before (from the ready of the beat it offered then). The registers themselves are the caller's, named there. */
object PinRegister {
  /** A stream's valid and bits as one value, to register. */
  def sampled[T <: Data](gen: T, pins: DecoupledIO[T]): Valid[T] = {
    val v = Wire(Valid(gen))
    v.valid := pins.valid
    v.bits := pins.bits
    v
  }

  /** A stream coming in: the core sees `seen` (the pins as registered) and drives the pins' ready. */
  def incoming[T <: Data](gen: T, pins: DecoupledIO[T], seen: Valid[T]): DecoupledIO[T] = {
    val s = Wire(Decoupled(gen))
    s.valid := seen.valid
    s.bits := seen.bits
    pins.ready := s.ready
    s
  }

  /** A stream going out: the core drives the pins' valid and bits and sees their ready as registered (`readySeen`). */
  def outgoing[T <: Data](gen: T, pins: DecoupledIO[T], readySeen: Bool): DecoupledIO[T] = {
    val s = Wire(Decoupled(gen))
    pins.valid := s.valid
    pins.bits := s.bits
    s.ready := readySeen
    s
  }
}
