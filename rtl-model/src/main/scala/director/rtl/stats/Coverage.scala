package director.rtl.stats

import chisel3._

/** Functional cover points (issue 13, docs/coverage.md): an immediate `cover` on an event that matters, named
  * `cov_<name>` so that Verilator's coverage database (a build with `--coverage-user`) and the regression's report
  * name it by what it counts, inside its instance (e.g. `DirectorTop.core.outputs_3.arb.cov_high_limit_reached`).
  * A model built without coverage counts nothing: Verilator drops the statements.
  *
  * Names are lowercase words with `_`; a point per port, VL or queue carries its index in the name
  * (`drop_p3_runt`, `grant_vl2`), which the report groups by (docs/coverage.md, "Names").
  */
object Coverage {
  private val Name = "[a-z][a-z0-9_]*".r

  def point(cond: Bool, name: String): Unit = {
    require(Name.matches(name), s"cover point name '$name': lowercase letters, digits and _")
    chisel3.cover(cond, name).suggestName("cov_" + name)
  }
}
