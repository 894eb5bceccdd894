package director.rtl.stats

import chisel3._

/** Functional cover points (issue 13, docs/coverage.md): an immediate `cover` on an event that matters, named
  * `cov_<name>` so that Verilator's coverage database (a build with `--coverage-user`) and the regression's report
  * name it by what it counts, inside its instance (e.g. `DirectorTop.core.outputs_3.arb.cov_high_limit_reached`).
  * A model built without coverage counts nothing: Verilator drops the statements.
  *
  * Cover points are elaborated only for a coverage build ([[Coverage.counting]] around the elaboration): the plain
  * model's SystemVerilog has none of them and is the same as without this object (a `cover` statement Verilator
  * ignores still cost the plain vp780 model 28% of its speed, measured: the clocked blocks it sits in change shape).
  *
  * Names are lowercase words with `_`; a point per port, VL or queue carries its index in the name
  * (`drop_p3_runt`, `grant_vl2`), which the report groups by (docs/coverage.md, "Names").
  */
object Coverage {
  private val Name = "[a-z][a-z0-9_]*".r
  private val on = new scala.util.DynamicVariable[Boolean](false)

  /** Whether the module being elaborated counts cover points: a block of them goes inside `if (Coverage.enabled)`. */
  def enabled: Boolean = on.value

  /** Elaborates `body` with the cover points in. */
  def counting[T](body: => T): T = on.withValue(true)(body)

  def point(cond: Bool, name: String): Unit = {
    require(Name.matches(name), s"cover point name '$name': lowercase letters, digits and _")
    if (enabled) chisel3.cover(cond, name).suggestName("cov_" + name)
  }
}
