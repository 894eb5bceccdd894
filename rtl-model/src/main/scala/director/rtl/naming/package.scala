package director.rtl

/** The project's names for the plugin replacement (see chisel3.reflectnames). Every module of the project
  * extends [[naming.NamedModule]] and every bundle [[naming.NamedBundle]], so that registers and wires carry
  * their Scala names into the SystemVerilog and the waveforms.
  */
package object naming {
  type NamedModule = chisel3.reflectnames.NamedModule
  type NamedBundle = chisel3.reflectnames.NamedBundle
}
