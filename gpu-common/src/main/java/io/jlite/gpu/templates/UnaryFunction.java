package io.jlite.gpu.templates;

import io.jlite.ops.Activation;
import java.util.List;

/**
 * The elementwise functions of one input that run on the GPU, each written once in the dialect as a
 * per-lane helper function; used both as a standalone kernel ({@link UnaryTemplate}) and as a step
 * of a fused epilogue. Each helper mirrors the reference op's float expression, NaN handling
 * included (comparisons are written so that a NaN input gives the reference's result).
 */
public enum UnaryFunction {
  /** RELU: {@code x < 0 ? 0 : x}. */
  RELU("jl_relu", "return v < 0.0 ? 0.0 : v;"),
  /** RELU6: {@code x > 6 ? 6 : x < 0 ? 0 : x}. */
  RELU6("jl_relu6", "return v > 6.0 ? 6.0 : (v < 0.0 ? 0.0 : v);"),
  /** RELU_N1_TO_1 (fused activation only): clamp to [-1, 1], NaN kept. */
  RELU_N1_TO_1("jl_relu_n1_to_1", "return v > 1.0 ? 1.0 : (v < -1.0 ? -1.0 : v);"),
  /** TANH. */
  TANH("jl_tanh", "return tanh(v);"),
  /** LOGISTIC with TFLite's cut-offs: 1 above 16.619047, {@code e^x} below -9. */
  LOGISTIC(
      "jl_logistic",
      "if (v > 16.619047) { return 1.0; } if (v < -9.0) { return exp(v); } return 1.0 / (1.0 +"
          + " exp(-v));"),
  /** HARD_SWISH: {@code x · min(6, max(0, x + 3)) / 6}. */
  HARD_SWISH("jl_hard_swish", "return v * fmin(6.0, fmax(0.0, v + 3.0)) / 6.0;");

  private final String helper;
  private final String body;

  UnaryFunction(String helper, String body) {
    this.helper = helper;
    this.body = body;
  }

  /** The helper function definitions this function needs (dialect). */
  public List<String> functions() {
    return List.of("float " + helper + "(float v) { " + body + " }");
  }

  /** Dialect statements replacing {@code value} (a vec4) by the function of each lane. */
  public String statements() {
    return "value = vec4("
        + helper
        + "(value.x), "
        + helper
        + "(value.y), "
        + helper
        + "(value.z), "
        + helper
        + "(value.w));\n";
  }

  /** The function of a fused activation; empty for NONE. */
  public static List<UnaryFunction> of(Activation activation) {
    return switch (activation) {
      case NONE -> List.of();
      case RELU -> List.of(RELU);
      case RELU6 -> List.of(RELU6);
      case RELU_N1_TO_1 -> List.of(RELU_N1_TO_1);
      case TANH -> List.of(TANH);
    };
  }
}
