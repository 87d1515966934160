package io.jlite.ir;

import io.jlite.DataType;
import java.util.Optional;

/**
 * A tensor of the graph as declared by the model: index, name, type, shape, quantization, and the
 * constant value if the model stores one.
 */
public record TensorSpec(
    int index,
    String name,
    DataType type,
    Shape shape,
    Quantization quantization,
    Optional<NdArray> constant) {

  public boolean isConstant() {
    return constant.isPresent();
  }

  /** Declared size in bytes (the shape was checked at load time to fit the limits). */
  public long byteSize() {
    return shape.numElements() * type.byteSize();
  }

  /** "name" (#index), for messages. */
  public String describe() {
    return "'" + name + "' (#" + index + ")";
  }
}
