package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}

/** A CSR write of one 64-bit word of one table entry. */
class TableWordWrite(val indexBits: Int) extends NamedBundle {
  val index = UInt(indexBits.W)
  val word = UInt(2.W)
  val data = UInt(64.W)
}

/** A gateway table's ports (vNICs, vHBAs, policer and shaper settings): CSR word writes, a CSR read of (index,
  * word) answered in the same cycle, and every entry. */
class GatewayTableIO[T <: Data](private val gen: T, val n: Int) extends NamedBundle {
  val write = Input(Valid(new TableWordWrite(log2Ceil(n).max(1))))
  val readIndex = Input(UInt(log2Ceil(n).max(1).W))
  val readWord = Input(UInt(2.W))
  val readData = Output(UInt(64.W))
  val entries = Output(Vec(n, gen.cloneType))
}

class StagedTableIO[T <: Data](private val gen: T, val n: Int) extends NamedBundle {
  val write = Input(Valid(new TableWordWrite(log2Ceil(n).max(1))))
  val entries = Output(Vec(n, gen.cloneType))
}

/** A binding table written word by word through CSR whose entries change in one cycle (a migration must never
  * show a frame half the old binding and half the new): writes of words 0..2 go to a staging copy of the entry
  * (taken from the table when another entry was staged before), and the write of word 3 commits the staged
  * words with it. Reset: every entry zero (invalid). `update(entry, word, data)` says what a word's bits mean.
  */
class StagedTable[T <: Data](gen: T, n: Int, update: (T, UInt, UInt) => Unit) extends Module with NamedModule {
  val io = IO(new StagedTableIO(gen, n))
  private val zero = 0.U.asTypeOf(gen)
  val table = RegInit(VecInit(Seq.fill(n)(zero)))
  val staged = RegInit(zero)
  val stagedIndex = RegInit(0.U(log2Ceil(n).max(1).W))
  val stagedValid = RegInit(false.B)
  when(io.write.valid) {
    val i = io.write.bits.index
    val e = WireDefault(Mux(stagedValid && stagedIndex === i, staged, table(i)))
    update(e, io.write.bits.word, io.write.bits.data)
    when(io.write.bits.word === 3.U) {
      table(i) := e
      stagedValid := false.B
    }.otherwise {
      staged := e
      stagedIndex := i
      stagedValid := true.B
    }
  }
  io.entries := table
}
