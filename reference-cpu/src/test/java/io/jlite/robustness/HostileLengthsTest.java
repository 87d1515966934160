package io.jlite.robustness;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.ModelFormatException;
import io.jlite.loader.ModelLoader;
import io.jlite.testing.TestModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.DimensionMetadataT;
import org.tensorflow.lite.schema.DimensionType;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.ReshapeOptionsT;
import org.tensorflow.lite.schema.SparseIndexVector;
import org.tensorflow.lite.schema.SparseIndexVectorUnion;
import org.tensorflow.lite.schema.SparsityParametersT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.Uint8VectorT;

/**
 * Regression tests for a fuzzer finding: a vector length inside a table the loader unpacks with the
 * object API (builtin options, sparsity parameters) made {@code unpack()} allocate gigabytes before
 * reading the first element (one input ran 24 s, then failed). Each test sets one such length to
 * {@code 2^31 - 1} in an otherwise valid file.
 */
class HostileLengthsTest {
  private static final int HUGE = Integer.MAX_VALUE;

  private static ModelFormatException load(byte[] bytes) {
    return assertThrows(
        ModelFormatException.class,
        () -> ModelLoader.standard().load(ByteBuffer.wrap(bytes), "hostile.tflite"));
  }

  @Test
  void aHugeVectorInBuiltinOptionsIsRefusedBeforeUnpacking() {
    ModelT m = SeedModels.convNet();
    // RESHAPE's options vector new_shape, made unique in the file: length 4, then 1, 12, 1, 1.
    ReshapeOptionsT options =
        (ReshapeOptionsT) m.getSubgraphs()[0].getOperators()[3].getBuiltinOptions().getValue();
    options.setNewShape(new int[] {1, 12, 1, 1});
    byte[] bytes = m.serializeToBinary();
    overwriteLength(bytes, littleEndian(4, 1, 12, 1, 1), HUGE);
    String message = load(bytes).getMessage();
    assertTrue(message.contains("op #3 RESHAPE options newShapeLength"), message);
    assertTrue(message.contains("(" + HUGE + ") is impossible"), message);
  }

  @Test
  void aHugeSparseIndexVectorIsRefusedBeforeUnpacking() {
    byte[] bytes = sparseConstantModel().serializeToBinary();
    // The segments vector [0, 1, 2] of dimension 1: length 3, then three bytes.
    overwriteLength(bytes, new byte[] {3, 0, 0, 0, 0, 1, 2}, HUGE);
    String message = load(bytes).getMessage();
    assertTrue(message.contains("'c' (#3) sparsity dimension 1 segments valuesLength"), message);
  }

  /** The ADD model whose constant c (2x2 as [1,2,2,1]) is stored sparse: rows as CSR. */
  private static ModelT sparseConstantModel() {
    ModelT m = TestModels.add();
    TensorT c = m.getSubgraphs()[0].getTensors()[3];
    c.setShape(new int[] {2, 2});
    SparsityParametersT sparsity = new SparsityParametersT();
    sparsity.setTraversalOrder(new int[] {0, 1});
    DimensionMetadataT rows = new DimensionMetadataT();
    rows.setFormat(DimensionType.DENSE);
    rows.setDenseSize(2);
    DimensionMetadataT columns = new DimensionMetadataT();
    columns.setFormat(DimensionType.SPARSE_CSR);
    columns.setArraySegments(uint8Vector(0, 1, 2));
    columns.setArrayIndices(uint8Vector(0, 1));
    sparsity.setDimMetadata(new DimensionMetadataT[] {rows, columns});
    c.setSparsity(sparsity);
    m.getBuffers()[1].setData(TestModels.floatBytes(0.5f, 0.25f));
    return m;
  }

  private static SparseIndexVectorUnion uint8Vector(int... values) {
    Uint8VectorT vector = new Uint8VectorT();
    vector.setValues(values);
    SparseIndexVectorUnion union = new SparseIndexVectorUnion();
    union.setType(SparseIndexVector.Uint8Vector);
    union.setValue(vector);
    return union;
  }

  private static byte[] littleEndian(int... values) {
    ByteBuffer bb = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      bb.putInt(v);
    }
    return bb.array();
  }

  /** Replaces the 4-byte length at the start of {@code vector}, which occurs once in the file. */
  private static void overwriteLength(byte[] file, byte[] vector, int length) {
    int at = -1;
    for (int i = 0; i + vector.length <= file.length; i++) {
      if (Arrays.equals(file, i, i + vector.length, vector, 0, vector.length)) {
        assertTrue(at < 0, "the vector occurs more than once");
        at = i;
      }
    }
    assertTrue(at >= 0, "vector not found");
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(at, length);
  }
}
