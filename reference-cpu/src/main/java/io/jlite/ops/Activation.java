package io.jlite.ops;

import org.tensorflow.lite.schema.ActivationFunctionType;

/**
 * A fused activation applied to an op's output, as TFLite's {@code fused_activation_function}:
 * NONE, RELU (max(0,x)), RELU_N1_TO_1 (clamp to [-1,1]), RELU6 (clamp to [0,6]), TANH, SIGN_BIT
 * (unsupported).
 */
public enum Activation {
  NONE,
  RELU,
  RELU_N1_TO_1,
  RELU6,
  TANH;

  /** Maps the schema code; {@code context} names the op in the error for unknown codes. */
  public static Activation fromSchema(byte code, OpContext context) {
    return switch (code) {
      case ActivationFunctionType.NONE -> NONE;
      case ActivationFunctionType.RELU -> RELU;
      case ActivationFunctionType.RELU_N1_TO_1 -> RELU_N1_TO_1;
      case ActivationFunctionType.RELU6 -> RELU6;
      case ActivationFunctionType.TANH -> TANH;
      default -> throw context.unsupported("fused activation code " + code + " is not supported");
    };
  }

  public float apply(float x) {
    return switch (this) {
      case NONE -> x;
      case RELU -> Math.max(0f, x);
      case RELU_N1_TO_1 -> Math.max(-1f, Math.min(1f, x));
      case RELU6 -> Math.max(0f, Math.min(6f, x));
      case TANH -> (float) Math.tanh(x);
    };
  }

  /** Applies the activation to every element in place. */
  public void applyInPlace(float[] values) {
    if (this == NONE) {
      return;
    }
    for (int i = 0; i < values.length; i++) {
      values[i] = apply(values[i]);
    }
  }
}
