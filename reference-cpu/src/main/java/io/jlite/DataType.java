package io.jlite;

import java.util.Optional;

/** Element types of TFLite tensors that JLite knows, with their schema codes and sizes. */
public enum DataType {
  FLOAT32(0, 4),
  FLOAT16(1, 2),
  INT32(2, 4),
  UINT8(3, 1),
  INT64(4, 8),
  BOOL(6, 1),
  INT16(7, 2),
  INT8(9, 1);

  private final int schemaCode;
  private final int byteSize;

  DataType(int schemaCode, int byteSize) {
    this.schemaCode = schemaCode;
    this.byteSize = byteSize;
  }

  /** The {@code TensorType} code of the TFLite schema. */
  public int schemaCode() {
    return schemaCode;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** True for the types JLite computes with as {@code float}. */
  public boolean isFloating() {
    return this == FLOAT32 || this == FLOAT16;
  }

  /** The type with the given schema code, if JLite knows it. */
  public static Optional<DataType> fromSchemaCode(int code) {
    for (DataType t : values()) {
      if (t.schemaCode == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
