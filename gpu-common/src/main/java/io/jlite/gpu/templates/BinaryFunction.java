package io.jlite.gpu.templates;

import java.util.List;

/**
 * The elementwise functions of two inputs that run on the GPU, written once in the dialect on
 * vec4s: {@code a} and {@code b} are the first and second operand of the TFLite op. Used by {@link
 * BinaryTemplate} and by fused epilogues.
 */
public enum BinaryFunction {
  ADD("%s + %s"),
  SUB("%s - %s"),
  MUL("%s * %s"),
  DIV("%s / %s"),
  /** PRELU: {@code a ≥ 0 ? a : a · alpha} per lane, alpha the second operand. */
  PRELU("jl_prelu4(%s, %s)");

  private final String format;

  BinaryFunction(String format) {
    this.format = format;
  }

  /** The dialect vec4 expression of {@code f(a, b)}. */
  public String expression(String a, String b) {
    return String.format(format, "(" + a + ")", "(" + b + ")");
  }

  /** Helper functions the expression needs. */
  public List<String> functions() {
    if (this != PRELU) {
      return List.of();
    }
    return List.of(
        "float jl_prelu(float v, float alpha) { return v >= 0.0 ? v : v * alpha; }",
        "vec4 jl_prelu4(vec4 v, vec4 alpha) { return vec4(jl_prelu(v.x, alpha.x), jl_prelu(v.y,"
            + " alpha.y), jl_prelu(v.z, alpha.z), jl_prelu(v.w, alpha.w)); }");
  }

  /** The function of a TFLite op name, if it is one of these. */
  public static java.util.Optional<BinaryFunction> ofOpName(String opName) {
    for (BinaryFunction f : values()) {
      if (f.name().equals(opName)) {
        return java.util.Optional.of(f);
      }
    }
    return java.util.Optional.empty();
  }
}
