package io.jlite;

import io.jlite.ir.TensorSpec;

/**
 * An input or output tensor of an {@link Interpreter}, as TFLite's {@code Tensor}: its name, shape
 * and data type.
 */
public final class Tensor {
  private final TensorSpec spec;

  Tensor(TensorSpec spec) {
    this.spec = spec;
  }

  public String name() {
    return spec.name();
  }

  /** A copy of the shape. */
  public int[] shape() {
    return spec.shape().toArray();
  }

  public DataType dataType() {
    return spec.type();
  }

  public int numDimensions() {
    return spec.shape().rank();
  }

  public int numElements() {
    return spec.shape().size();
  }

  public int numBytes() {
    return Math.toIntExact(spec.byteSize());
  }

  /** The tensor's index in the model's tensor list. */
  public int index() {
    return spec.index();
  }

  @Override
  public String toString() {
    return name() + " " + dataType() + spec.shape();
  }
}
