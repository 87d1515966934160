package io.jlite.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.JLiteException;
import io.jlite.ModelFormatException;
import io.jlite.UnsupportedOpException;
import io.jlite.loader.ModelLoader;
import io.jlite.testing.TestModels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;

/**
 * Structured mutations beside the byte-level fuzzer: each property takes a valid model (the
 * generated seeds and the real face detector, through the schema object API), corrupts exactly one
 * thing, and checks that loading it fails with the typed exception whose message names the problem
 * and where it is.
 */
class ModelMutationProperties {
  private static final ModelLoader LOADER = ModelLoader.standard();

  /** The real model, read once; each try unpacks a fresh copy to corrupt. */
  private static byte[] faceDetector;

  /** A valid model to corrupt, by name (shown when a property fails). */
  record BaseModel(String name, Supplier<ModelT> fresh) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeContainer
  static void readRealModel() throws IOException {
    faceDetector =
        Files.readAllBytes(
            io.jlite.models.ModelCatalog.standard().path("face_detection_short_range"));
  }

  @Provide
  Arbitrary<BaseModel> models() {
    List<BaseModel> bases = new ArrayList<>();
    SeedModels.generated().keySet().forEach(name -> bases.add(generated(name)));
    bases.add(
        new BaseModel(
            "face_detection_short_range",
            () -> Model.getRootAsModel(ByteBuffer.wrap(faceDetector)).unpack()));
    return Arbitraries.of(bases);
  }

  private static BaseModel generated(String name) {
    return new BaseModel(name, () -> SeedModels.generated().get(name));
  }

  @Property(tries = 40)
  void operatorInputIndexOutOfRange(
      @ForAll("models") BaseModel base,
      @ForAll @IntRange(max = 1 << 20) int pick,
      @ForAll @IntRange(max = Integer.MAX_VALUE - (1 << 20)) int beyond) {
    ModelT m = base.fresh().get();
    SubGraphT g = graph(m);
    int opIndex = pick % g.getOperators().length;
    OperatorT op = g.getOperators()[opIndex];
    int[] inputs = op.getInputs().clone();
    int bad = g.getTensors().length + beyond;
    inputs[pick % inputs.length] = bad;
    op.setInputs(inputs);
    String message = expect(ModelFormatException.class, m).getMessage();
    assertContains(message, "op #" + opIndex + " ");
    assertContains(message, "refers to tensor " + bad + " of " + g.getTensors().length);
  }

  @Property(tries = 20)
  void subgraphOutputIndexOutOfRange(
      @ForAll("models") BaseModel base, @ForAll @IntRange(min = -1000, max = -2) int bad) {
    ModelT m = base.fresh().get();
    graph(m).setOutputs(new int[] {bad});
    assertContains(
        expect(ModelFormatException.class, m).getMessage(), "output refers to tensor " + bad);
  }

  @Property(tries = 40)
  void negativeDimension(
      @ForAll("models") BaseModel base,
      @ForAll @IntRange(max = 1 << 20) int pick,
      @ForAll @IntRange(min = Integer.MIN_VALUE, max = -1) int dim) {
    ModelT m = base.fresh().get();
    TensorT t = nonScalarTensor(m, pick);
    int[] shape = t.getShape().clone();
    shape[pick % shape.length] = dim;
    t.setShape(shape);
    String message = expect(ModelFormatException.class, m).getMessage();
    assertContains(message, "'" + t.getName() + "'");
    assertContains(message, "negative dimension " + dim);
  }

  @Property(tries = 40)
  void hugeDimensions(
      @ForAll("models") BaseModel base,
      @ForAll @IntRange(max = 1 << 20) int pick,
      @ForAll @IntRange(min = 1 << 16, max = Integer.MAX_VALUE) int dim) {
    ModelT m = base.fresh().get();
    TensorT t = graph(m).getTensors()[pick % graph(m).getTensors().length];
    // Three huge dimensions are at least 2^48 elements: over any sane limit, and they overflow
    // an int element count, which must not wrap around to a small size.
    t.setShape(new int[] {dim, dim, dim});
    String message = expect(ModelFormatException.class, m).getMessage();
    assertContains(message, "'" + t.getName() + "'");
    assertContains(message, "limit of " + (1L << 30) + " bytes per tensor");
  }

  @Property(tries = 40)
  void bufferShorterThanItsShape(
      @ForAll("models") BaseModel base,
      @ForAll @IntRange(max = 1 << 20) int pick,
      @ForAll @IntRange(min = 1, max = 1 << 20) int cut) {
    ModelT m = base.fresh().get();
    // Buffers of constant tensors: models also carry buffers no tensor reads (metadata).
    List<BufferT> filled = new ArrayList<>();
    for (TensorT t : graph(m).getTensors()) {
      BufferT b = m.getBuffers()[(int) t.getBuffer()];
      if (b.getData() != null && b.getData().length > 1 && !filled.contains(b)) {
        filled.add(b);
      }
    }
    BufferT buffer = filled.get(pick % filled.size());
    int length = buffer.getData().length;
    // Keep at least one byte: an empty buffer means "not a constant", which is valid.
    int kept = length - 1 - (cut % (length - 1));
    buffer.setData(java.util.Arrays.copyOf(buffer.getData(), kept));
    assertContains(
        expect(ModelFormatException.class, m).getMessage(), "buffer holds " + kept + " bytes");
  }

  @Property(tries = 40)
  void cycleInTheGraph(
      @ForAll("models") BaseModel base,
      @ForAll @IntRange(max = 1 << 20) int pick,
      @ForAll @IntRange(max = 1 << 20) int later) {
    ModelT m = base.fresh().get();
    OperatorT[] ops = graph(m).getOperators();
    int reader = pick % ops.length;
    // An op that reads the output of itself or of a later op: a cycle, or ops out of order.
    int writer = reader + later % (ops.length - reader);
    int[] inputs = ops[reader].getInputs().clone();
    inputs[pick % inputs.length] = ops[writer].getOutputs()[0];
    ops[reader].setInputs(inputs);
    String message = expect(ModelFormatException.class, m).getMessage();
    assertContains(message, "op #" + reader + " ");
    assertContains(message, "before any op writes it");
  }

  @Property(tries = 30)
  void opWithoutInputs(
      @ForAll("models") BaseModel base, @ForAll @IntRange(max = 1 << 20) int pick) {
    ModelT m = base.fresh().get();
    OperatorT[] ops = graph(m).getOperators();
    int index = pick % ops.length;
    ops[index].setInputs(new int[0]);
    String message = expect(ModelFormatException.class, m).getMessage();
    assertContains(message, "op #" + index + " ");
    assertContains(message, "has 0 inputs, expected");
  }

  @Property(tries = 3)
  void addWithThreeInputs(@ForAll @IntRange(max = 2) int pick) {
    ModelT m = TestModels.add();
    OperatorT add = graph(m).getOperators()[0];
    // a, b or the constant c as a third input: all readable, only the count is wrong
    int[] readable = {0, 1, 3};
    add.setInputs(new int[] {0, 1, readable[pick]});
    assertContains(
        expect(ModelFormatException.class, m).getMessage(), "op #0 ADD has 3 inputs, expected 2");
  }

  @Property(tries = 30)
  void unknownBuiltinCode(
      @ForAll("models") BaseModel base,
      @ForAll @IntRange(max = 1 << 20) int pick,
      @ForAll @IntRange(min = 1000, max = Integer.MAX_VALUE) int code) {
    ModelT m = base.fresh().get();
    OperatorT[] ops = graph(m).getOperators();
    OperatorCodeT opCode = m.getOperatorCodes()[(int) ops[pick % ops.length].getOpcodeIndex()];
    opCode.setDeprecatedBuiltinCode((byte) 127);
    opCode.setBuiltinCode(code);
    UnsupportedOpException e = expect(UnsupportedOpException.class, m);
    assertEquals("BUILTIN_" + code, e.opName());
    assertContains(e.getMessage(), "BUILTIN_" + code + " is not supported");
  }

  @Property(tries = 30)
  void mismatchedQuantizationArrays(
      @ForAll("models") BaseModel base,
      @ForAll @IntRange(max = 1 << 20) int pick,
      @ForAll @IntRange(min = 1, max = 8) int scales,
      @ForAll @IntRange(min = 0, max = 8) int zeroPoints) {
    if (scales == zeroPoints) {
      zeroPoints = 0;
    }
    ModelT m = base.fresh().get();
    TensorT t = graph(m).getTensors()[pick % graph(m).getTensors().length];
    QuantizationParametersT q = new QuantizationParametersT();
    q.setScale(new float[scales]);
    q.setZeroPoint(new long[zeroPoints]);
    t.setQuantization(q);
    String message = expect(ModelFormatException.class, m).getMessage();
    assertContains(message, "'" + t.getName() + "'");
    assertContains(
        message, "has " + scales + " quantization scales but " + zeroPoints + " zero points");
  }

  @Property(tries = 30)
  void perChannelQuantizationAlongAMissingDimension(
      @ForAll("models") BaseModel base,
      @ForAll @IntRange(max = 1 << 20) int pick,
      @ForAll @IntRange(min = 2, max = 8) int channels,
      @ForAll @IntRange(min = 0, max = 100) int beyondRank) {
    ModelT m = base.fresh().get();
    TensorT t = graph(m).getTensors()[pick % graph(m).getTensors().length];
    QuantizationParametersT q = new QuantizationParametersT();
    q.setScale(new float[channels]);
    q.setZeroPoint(new long[channels]);
    int dimension = t.getShape().length + beyondRank;
    q.setQuantizedDimension(dimension);
    t.setQuantization(q);
    assertContains(
        expect(ModelFormatException.class, m).getMessage(),
        "quantized per channel along dimension " + dimension);
  }

  @Property(tries = 30)
  void constantSubgraphInput(
      @ForAll("models") BaseModel base, @ForAll @IntRange(max = 1 << 20) int pick) {
    ModelT m = base.fresh().get();
    SubGraphT g = graph(m);
    List<Integer> constants = new ArrayList<>();
    for (int i = 0; i < g.getTensors().length; i++) {
      BufferT b = m.getBuffers()[(int) g.getTensors()[i].getBuffer()];
      if (b.getData() != null && b.getData().length > 0) {
        constants.add(i);
      }
    }
    int constant = constants.get(pick % constants.size());
    int[] inputs = java.util.Arrays.copyOf(g.getInputs(), g.getInputs().length + 1);
    inputs[inputs.length - 1] = constant;
    g.setInputs(inputs);
    assertContains(
        expect(ModelFormatException.class, m).getMessage(),
        "subgraph input '"
            + g.getTensors()[constant].getName()
            + "' (#"
            + constant
            + ")"
            + " is a constant tensor");
  }

  @Property(tries = 20)
  void operatorCodeIndexOutOfRange(
      @ForAll("models") BaseModel base,
      @ForAll @IntRange(max = 1 << 20) int pick,
      @ForAll @IntRange(max = 1 << 20) int beyond) {
    ModelT m = base.fresh().get();
    OperatorT[] ops = graph(m).getOperators();
    int index = pick % ops.length;
    int codes = m.getOperatorCodes().length;
    ops[index].setOpcodeIndex(codes + beyond);
    assertContains(
        expect(ModelFormatException.class, m).getMessage(),
        "op #" + index + " uses operator code " + (codes + beyond) + " of " + codes);
  }

  private static SubGraphT graph(ModelT m) {
    return m.getSubgraphs()[0];
  }

  private static TensorT nonScalarTensor(ModelT m, int pick) {
    List<TensorT> candidates = new ArrayList<>();
    for (TensorT t : graph(m).getTensors()) {
      if (t.getShape() != null && t.getShape().length > 0) {
        candidates.add(t);
      }
    }
    return candidates.get(pick % candidates.size());
  }

  private static <T extends JLiteException> T expect(Class<T> type, ModelT model) {
    ByteBuffer bytes = ByteBuffer.wrap(model.serializeToBinary());
    T e = assertThrows(type, () -> LOADER.load(bytes, "mutated.tflite"));
    assertTrue(Rejections.isClean(e), () -> "wraps a bug: " + e.getCause());
    assertContains(e.getMessage(), "mutated.tflite: ");
    return e;
  }

  private static void assertContains(String message, String expected) {
    assertTrue(message.contains(expected), () -> "'" + expected + "' not in: " + message);
  }
}
