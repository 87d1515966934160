package io.jlite.ops;

import io.jlite.DataType;
import io.jlite.ir.TensorSpec;
import java.util.Map;

/**
 * Registers the elementwise ops: arithmetic, activations, math functions, dequantization and cast;
 * holds the input type checks they share.
 */
final class ElementwiseOps {
  private ElementwiseOps() {}

  static void register(Map<String, OpFactory> r) {
    // binary, with broadcasting
    r.put("ADD", Add::create);
    r.put("SUB", Sub::create);
    r.put("MUL", Mul::create);
    r.put("DIV", Div::create);
    r.put("MAXIMUM", Maximum::create);
    r.put("MINIMUM", Minimum::create);
    r.put("SQUARED_DIFFERENCE", SquaredDifference::create);
    r.put("POW", Pow::create);
    // activations
    r.put("LOGISTIC", Logistic::create);
    r.put("TANH", Tanh::create);
    r.put("RELU", Relu::create);
    r.put("RELU6", Relu6::create);
    r.put("RELU_N1_TO_1", ReluN1To1::create);
    r.put("RELU_0_TO_1", Relu0To1::create);
    r.put("HARD_SWISH", HardSwish::create);
    r.put("LEAKY_RELU", LeakyRelu::create);
    r.put("ELU", Elu::create);
    r.put("GELU", Gelu::create);
    r.put("PRELU", Prelu::create);
    // math functions
    r.put("EXP", Exp::create);
    r.put("LOG", Log::create);
    r.put("ABS", Abs::create);
    r.put("NEG", Neg::create);
    r.put("SQRT", Sqrt::create);
    r.put("RSQRT", Rsqrt::create);
    r.put("SQUARE", Square::create);
    r.put("SIN", Sin::create);
    r.put("COS", Cos::create);
    r.put("FLOOR", Floor::create);
    r.put("CEIL", Ceil::create);
    r.put("ROUND", Round::create);
    // type conversions
    r.put("DEQUANTIZE", Dequantize::create);
    r.put("DENSIFY", Densify::create);
    r.put("CAST", Cast::create);
  }

  /**
   * Checks a unary float op: one input, FLOAT32 or FLOAT16 (held widened to float). Quantized and
   * integer inputs are unsupported.
   */
  static void requireFloatUnary(OpContext ctx) {
    ctx.requireInputCount(1, 1);
    TensorSpec input = ctx.input(0);
    if (!input.type().isFloating()) {
      throw ctx.unsupported(
          "input "
              + input.describe()
              + " is "
              + input.type()
              + "; only FLOAT32 and FLOAT16 are supported");
    }
  }

  /**
   * Checks the two inputs of a binary op: one kind of type, and either floating (FLOAT32/FLOAT16)
   * or, where the op has an integer form ({@code int32Allowed}), both INT32 with no fused
   * activation.
   */
  static void requireBinaryTypes(OpContext ctx, boolean int32Allowed, Activation activation) {
    DataType a = ctx.input(0).type();
    DataType b = ctx.input(1).type();
    if (a.isFloating() != b.isFloating() || (!a.isFloating() && a != b)) {
      throw ctx.formatError("has inputs of different types " + a + " and " + b);
    }
    if (a.isFloating()) {
      return;
    }
    if (!int32Allowed || a != DataType.INT32) {
      throw ctx.unsupported(
          "inputs are "
              + a
              + "; supported are FLOAT32 and FLOAT16"
              + (int32Allowed ? " and INT32" : ""));
    }
    if (activation != Activation.NONE) {
      throw ctx.unsupported("fused activation " + activation + " on INT32 inputs is not supported");
    }
  }
}
