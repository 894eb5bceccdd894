// Stands in for the Chisel compiler plugin, which is not available for this toolchain (see
// shared/toolchain.md). It lives in a chisel3 sub-package only because RawModule.generateComponent
// is package-private; everything here is pinned to Chisel 6.7.0 and covered by NamingSpec.
package chisel3.reflectnames

import chisel3._
import chisel3.experimental.BaseModule
import chisel3.internal.firrtl.ir.Component
import java.lang.reflect.{Field, Modifier}

/** Reflection over the instance fields that a Scala class declares for its `val`s. */
private[chisel3] object Fields {

  /** Fields of the class chain from `stop` (exclusive) down to the object's own class, base first, so that
    * the first name given to a shared object is the one declared earliest.
    */
  def declared(obj: AnyRef, stop: Class[_]): Seq[Field] = {
    val chain = Iterator
      .iterate[Class[_]](obj.getClass)(_.getSuperclass)
      .takeWhile(c => c != null && c != stop && stop.isAssignableFrom(c))
      .toList
      .reverse
    chain.flatMap { c =>
      c.getDeclaredFields.toSeq.filterNot { f =>
        Modifier.isStatic(f.getModifiers) || f.isSynthetic || f.getName.contains("$")
      }
    }
  }

  def value(obj: AnyRef, f: Field): AnyRef = { f.setAccessible(true); f.get(obj) }

  /** A Scala `val` (not `private val`) has a public accessor method of the field's name. */
  def isPublicVal(f: Field): Boolean =
    try {
      val m = f.getDeclaringClass.getMethod(f.getName)
      Modifier.isPublic(m.getModifiers) && m.getParameterCount == 0
    } catch { case _: NoSuchMethodException => false }
}

/** Mix into a Module: before Chisel fixes the names of a module's contents, every class-level `val` holding
  * hardware (Data, a submodule instance, a memory, or an Option/Seq/Vec of those) is given its Scala name,
  * Seq members as `name_0`, `name_1`, ... Hardware built inside functions, loops or `when` blocks is not a
  * field: name it with `suggestName` or keep it in a class-level val.
  */
trait NamedModule extends RawModule {
  private def nameTree(name: String, v: Any): Unit = v match {
    case d: Data if !d.hasSeed => d.suggestName(name)
    case m: BaseModule => m.suggestName(name)
    case i: chisel3.experimental.hierarchy.Instance[_] =>
      i.asInstanceOf[chisel3.experimental.hierarchy.Instance[BaseModule]].suggestName(name)
    case m: MemBase[_] => m.suggestName(name)
    case Some(x) => nameTree(name, x)
    case s: Iterable[_] if !v.isInstanceOf[Data] =>
      s.zipWithIndex.foreach { case (x, i) => nameTree(s"${name}_$i", x) }
    case _ =>
  }

  private[chisel3] override def generateComponent(): Option[Component] = {
    Fields.declared(this, classOf[RawModule]).foreach { f =>
      val v = Fields.value(this, f)
      if (v != null) nameTree(f.getName, v)
    }
    super.generateComponent()
  }
}

/** Base class for every Bundle of the project: provides what the compiler plugin would generate.
  *   - elements: the public `val` fields holding Data (order is creation order, as Chisel requires);
  *   - cloneType: calls the single constructor again, each argument taken from the field of the same name,
  *     so constructor parameters must be `val`s (`private val` for Data parameters, which are cloned).
  */
abstract class NamedBundle extends Bundle {
  override protected def _usingPlugin: Boolean = true

  override protected def _elementsImpl: Iterable[(String, Any)] =
    Fields.declared(this, classOf[NamedBundle]).filter(Fields.isPublicVal).map { f =>
      f.getName -> Fields.value(this, f)
    }

  override protected def _cloneTypeImpl: Bundle = {
    val cls = getClass
    val ctors = cls.getConstructors
    require(ctors.length == 1, s"${cls.getName}: a NamedBundle needs exactly one public constructor")
    val ctor = ctors.head
    val fields = Iterator
      .iterate[Class[_]](cls)(_.getSuperclass)
      .takeWhile(_ != null)
      .flatMap(_.getDeclaredFields)
      .toSeq
    val args = ctor.getParameters.map { p =>
      val f = fields.find(_.getName == p.getName).getOrElse {
        throw new IllegalArgumentException(
          s"${cls.getName}: constructor parameter '${p.getName}' must be a val (or private val) so the bundle can be cloned"
        )
      }
      Fields.value(this, f) match {
        case d: Data => chisel3.reflect.DataMirror.internal.chiselTypeClone(d)
        case other   => other
      }
    }
    ctor.newInstance(args: _*).asInstanceOf[Bundle]
  }
}
