package io.jlite.gpu.templates;

import io.jlite.gpu.kernel.KernelArg;
import java.util.List;

/**
 * One elementwise op appended to a kernel's {@code $WRITE}: it replaces {@code value} (the vec4
 * about to be written at {@code b, y, x, s}) by a function of it.
 */
public sealed interface EpilogueStep {
  /** Dialect statements updating {@code value}. */
  String statements();

  /** Helper functions the statements call. */
  List<String> functions();

  /** Buffers the statements read. */
  List<KernelArg> args();

  /** A function of {@code value} alone. */
  record Unary(UnaryFunction function) implements EpilogueStep {
    @Override
    public String statements() {
      return function.statements();
    }

    @Override
    public List<String> functions() {
      return function.functions();
    }

    @Override
    public List<KernelArg> args() {
      return List.of();
    }
  }

  /**
   * A function of {@code value} and a second operand read with broadcasting at the written
   * position.
   *
   * @param valueFirst whether {@code value} is the op's first operand (matters for SUB, DIV, PRELU)
   */
  record Binary(BinaryFunction function, KernelArg operand, boolean valueFirst)
      implements EpilogueStep {
    @Override
    public String statements() {
      String other = "$READ_BC(" + operand.name() + ", b, y, x, s)";
      return "value = "
          + (valueFirst ? function.expression("value", other) : function.expression(other, "value"))
          + ";\n";
    }

    @Override
    public List<String> functions() {
      return function.functions();
    }

    @Override
    public List<KernelArg> args() {
      return List.of(operand);
    }
  }
}
