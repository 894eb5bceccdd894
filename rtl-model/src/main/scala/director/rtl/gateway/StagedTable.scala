package director.rtl.gateway

import chisel3._
import chisel3.util._
import director.rtl.naming.{NamedBundle, NamedModule}
import director.rtl.util.ZeroedMem

/** A CSR write of one 64-bit word of one table entry. */
class TableWordWrite(val indexBits: Int) extends NamedBundle {
  val index = UInt(indexBits.W)
  val word = UInt(2.W)
  val data = UInt(64.W)
}

/** A gateway table's CSR side (vNICs, vHBAs, policer and shaper settings): word writes, and a read of (index,
  * word) answered in the same cycle. */
class GatewayTableIO(val n: Int) extends NamedBundle {
  val write = Input(Valid(new TableWordWrite(log2Ceil(n).max(1))))
  val readIndex = Input(UInt(log2Ceil(n).max(1).W))
  val readWord = Input(UInt(2.W))
  val readData = Output(UInt(64.W))
}

/** A lookup port of a table kept in memory, seen from the reader: it drives `index` and has the entry in the same
  * cycle (all zero for an entry never written). A table has one such port per reader, not its every entry wired to
  * every reader: the model grows with readers + entries, not readers x entries. */
class TableRead[T <: Data](private val gen: T, val n: Int) extends NamedBundle {
  val index = Output(UInt(log2Ceil(n).max(1).W))
  val entry = Input(gen.cloneType)
}

/** A binding table's CSR side and a lookup port per reader (vNICs, vHBAs). */
class BindingTableIO[T <: Data](private val gen: T, n: Int, readPorts: Int) extends GatewayTableIO(n) {
  val reads = Vec(readPorts, Flipped(new TableRead(gen, n)))
}

/** An entry written whole (the commit of a staged entry): it is in the table from the next cycle. */
class TableCommit[T <: Data](private val gen: T, val n: Int) extends NamedBundle {
  val index = UInt(log2Ceil(n).max(1).W)
  val entry = gen.cloneType
}

class StagedTableIO[T <: Data](private val gen: T, val n: Int, readPorts: Int) extends NamedBundle {
  val write = Input(Valid(new TableWordWrite(log2Ceil(n).max(1))))
  val reads = Vec(readPorts, Flipped(new TableRead(gen, n)))
  /** Each commit, for what a table keeps beside its memory for searches. */
  val commit = Output(Valid(new TableCommit(gen, n)))
}

/** A binding table written word by word through CSR whose entries change in one cycle (a migration must never
  * show a frame half the old binding and half the new): writes of words 0..2 go to a staging copy of the entry
  * (taken from the table when another entry was staged before), and the write of word 3 commits the staged
  * words with it. Reset: every entry zero (invalid). `update(entry, word, data)` says what a word's bits mean.
  *
  * The entries live in a memory with `reads` lookup ports ([[TableRead]]); `commit` shows each entry written, for
  * the search state a table keeps beside the memory (VnicTable, VhbaTable).
  */
class StagedTable[T <: Data](gen: T, n: Int, reads: Int, update: (T, UInt, UInt) => Unit)
    extends Module with NamedModule {
  require(reads >= 1, s"StagedTable: at least one read port, got $reads")
  val io = IO(new StagedTableIO(gen, n, reads))
  private val zero = 0.U.asTypeOf(gen)
  val table = new ZeroedMem(gen, n)
  val staged = RegInit(zero)
  val stagedIndex = RegInit(0.U(log2Ceil(n).max(1).W))
  val stagedValid = RegInit(false.B)
  val entry = Wire(gen)
  entry := Mux(stagedValid && stagedIndex === io.write.bits.index, staged, table.read(io.write.bits.index))
  update(entry, io.write.bits.word, io.write.bits.data)
  io.commit.valid := io.write.valid && io.write.bits.word === 3.U
  io.commit.bits.index := io.write.bits.index
  io.commit.bits.entry := entry
  when(io.write.valid) {
    val i = io.write.bits.index
    when(io.write.bits.word === 3.U) {
      table.write(i, entry)
      stagedValid := false.B
    }.otherwise {
      staged := entry
      stagedIndex := i
      stagedValid := true.B
    }
  }
  for (r <- io.reads) r.entry := table.read(r.index)

  /** Serves a binding table's ports from this table (built with one read port more than `outer` has, the last for
    * CSR reads): returns the entry at the CSR read index. */
  def serve(outer: BindingTableIO[T]): T = {
    io.write := outer.write
    for (k <- outer.reads.indices) io.reads(k) <> outer.reads(k)
    io.reads(outer.reads.size).index := outer.readIndex
    io.reads(outer.reads.size).entry
  }
}
