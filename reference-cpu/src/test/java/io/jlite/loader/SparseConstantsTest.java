package io.jlite.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.ModelFormatException;
import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.DimensionMetadataT;
import org.tensorflow.lite.schema.DimensionType;
import org.tensorflow.lite.schema.Int32VectorT;
import org.tensorflow.lite.schema.SparseIndexVector;
import org.tensorflow.lite.schema.SparseIndexVectorUnion;
import org.tensorflow.lite.schema.SparsityParametersT;
import org.tensorflow.lite.schema.Uint8VectorT;

/** Hand-worked sparse encodings (the format as documented in TFLite's schema) and broken ones. */
class SparseConstantsTest {
  @Test
  void csrMatrix() {
    // [[1 0 0 2]
    //  [0 0 0 0]
    //  [0 3 0 0]]: rows dense, columns CSR.
    SparsityParametersT s =
        sparsity(new int[] {0, 1}, new int[0], dense(3), csr(new int[] {0, 2, 2, 3}, 0, 3, 1));
    NdArray dense = densify(s, Shape.of(3, 4), 1, 2, 3);
    assertArrayEquals(new float[] {1, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0}, dense.floats());
  }

  @Test
  void blockedColumnsWithUint8Indices() {
    // 4x4 in 1x2 blocks along columns: row 0 keeps block 1 (columns 2, 3), row 2 keeps block 0.
    DimensionMetadataT blocks = new DimensionMetadataT();
    blocks.setFormat(DimensionType.SPARSE_CSR);
    blocks.setArraySegments(uint8(0, 1, 1, 2, 2));
    blocks.setArrayIndices(uint8(1, 0));
    SparsityParametersT s =
        sparsity(new int[] {0, 1, 2}, new int[] {1}, dense(4), blocks, dense(2));
    NdArray dense = densify(s, Shape.of(4, 4), 10, 11, 12, 13);
    assertArrayEquals(
        new float[] {0, 0, 10, 11, 0, 0, 0, 0, 12, 13, 0, 0, 0, 0, 0, 0}, dense.floats());
  }

  @Test
  void traversalOrderCanPutColumnsFirst() {
    // The same matrix as csrMatrix, stored column by column: column 0 has nothing, column 1 row 2,
    // column 2 nothing, column 3 row 0; and row 0 column 0 holds 1.
    SparsityParametersT s =
        sparsity(new int[] {1, 0}, new int[0], dense(4), csr(new int[] {0, 1, 2, 2, 3}, 0, 2, 0));
    NdArray dense = densify(s, Shape.of(3, 4), 1, 3, 2);
    assertArrayEquals(new float[] {1, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0}, dense.floats());
  }

  @Test
  void brokenEncodingsAreFormatErrors() {
    assertRejected(
        sparsity(new int[] {0, 1}, new int[0], dense(3), csr(new int[] {0, 2, 2, 3}, 0, 4, 1)),
        "index 4 outside [0, 4)");
    assertRejected(
        sparsity(new int[] {0, 1}, new int[0], dense(3), csr(new int[] {0, 2, 3}, 0, 3, 1)),
        "3 segments for 3 nodes");
    assertRejected(
        sparsity(new int[] {0, 1}, new int[0], dense(3), csr(new int[] {0, 3, 2, 3}, 0, 3, 1)),
        "decreasing array_segments");
    assertRejected(
        sparsity(new int[] {0, 0}, new int[0], dense(3), csr(new int[] {0, 2, 2, 3}, 0, 3, 1)),
        "not a permutation");
    assertRejected(sparsity(new int[] {0, 1}, new int[0], dense(2), dense(4)), "dense_size 2");
    // Three stored values, but a fully dense 3x4 layout describes twelve.
    assertRejected(sparsity(new int[] {0, 1}, new int[0], dense(3), dense(4)), "describes more");
  }

  private static void assertRejected(SparsityParametersT s, String fragment) {
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> densify(s, Shape.of(3, 4), 1, 2, 3));
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(e.getMessage().startsWith("weights: sparse constant"), e.getMessage());
  }

  private static NdArray densify(SparsityParametersT s, Shape shape, float... stored) {
    return SparseConstants.densify(
        s, NdArray.of(Shape.of(stored.length), stored), shape, "weights");
  }

  private static SparsityParametersT sparsity(
      int[] traversal, int[] blockMap, DimensionMetadataT... levels) {
    SparsityParametersT s = new SparsityParametersT();
    s.setTraversalOrder(traversal);
    s.setBlockMap(blockMap);
    s.setDimMetadata(levels);
    return s;
  }

  private static DimensionMetadataT dense(int size) {
    DimensionMetadataT m = new DimensionMetadataT();
    m.setFormat(DimensionType.DENSE);
    m.setDenseSize(size);
    return m;
  }

  private static DimensionMetadataT csr(int[] segments, int... indices) {
    DimensionMetadataT m = new DimensionMetadataT();
    m.setFormat(DimensionType.SPARSE_CSR);
    m.setArraySegments(int32(segments));
    m.setArrayIndices(int32(indices));
    return m;
  }

  private static SparseIndexVectorUnion int32(int... values) {
    Int32VectorT v = new Int32VectorT();
    v.setValues(values);
    SparseIndexVectorUnion u = new SparseIndexVectorUnion();
    u.setType(SparseIndexVector.Int32Vector);
    u.setValue(v);
    return u;
  }

  private static SparseIndexVectorUnion uint8(int... values) {
    Uint8VectorT v = new Uint8VectorT();
    v.setValues(values);
    SparseIndexVectorUnion u = new SparseIndexVectorUnion();
    u.setType(SparseIndexVector.Uint8Vector);
    u.setValue(v);
    return u;
  }
}
