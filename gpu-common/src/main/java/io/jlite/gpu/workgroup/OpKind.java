package io.jlite.gpu.workgroup;

import io.jlite.gpu.fusion.DepthwisePointwise;
import io.jlite.gpu.fusion.PointwiseDepthwise;
import java.util.Locale;

/**
 * The kinds of kernel that the workgroup table tells apart: ops whose kernels read memory the same
 * way share a kind, so one table row serves them all.
 */
public enum OpKind {
  /** CONV_2D: each work item reads a window of every input slice and a block of weights. */
  CONV_2D,
  /** DEPTHWISE_CONV_2D: a window of one slice. */
  DEPTHWISE_CONV_2D,
  /** TRANSPOSE_CONV and CUSTOM:Convolution2DTransposeBias. */
  TRANSPOSE_CONV,
  /** FULLY_CONNECTED: a 1×1 grid per batch, all the work along the output slices (z). */
  FULLY_CONNECTED,
  /** AVERAGE_POOL_2D, MAX_POOL_2D. */
  POOLING,
  /** One read per operand per output: ADD SUB MUL DIV PRELU and the unary activations. */
  ELEMENTWISE,
  /** MEAN and SOFTMAX: loops over an axis inside each work item. */
  REDUCTION,
  /** Copies and gathers: CONCATENATION RESHAPE PAD SLICE TRANSPOSE RESIZE_*; and anything else. */
  DATA_MOVEMENT;

  /** The kind of the TFLite op {@code opName} (the main op of a fused kernel). */
  public static OpKind of(String opName) {
    return switch (opName) {
      case "CONV_2D", DepthwisePointwise.OP_NAME -> CONV_2D;
      case "DEPTHWISE_CONV_2D", PointwiseDepthwise.OP_NAME -> DEPTHWISE_CONV_2D;
      case "TRANSPOSE_CONV", "CUSTOM:Convolution2DTransposeBias" -> TRANSPOSE_CONV;
      case "FULLY_CONNECTED" -> FULLY_CONNECTED;
      case "AVERAGE_POOL_2D", "MAX_POOL_2D" -> POOLING;
      case "ADD", "SUB", "MUL", "DIV", "PRELU", "LOGISTIC", "TANH", "RELU", "RELU6", "HARD_SWISH" ->
          ELEMENTWISE;
      case "MEAN", "SOFTMAX" -> REDUCTION;
      default -> DATA_MOVEMENT;
    };
  }

  /** The kind named {@code name} in a table (case-insensitive). */
  static OpKind parse(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
