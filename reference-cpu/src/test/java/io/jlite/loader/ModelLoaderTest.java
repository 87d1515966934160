package io.jlite.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.JLiteException;
import io.jlite.ModelFormatException;
import io.jlite.UnsupportedOpException;
import io.jlite.ir.Graph;
import io.jlite.testing.TestModels;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.ModelT;

class ModelLoaderTest {
  private final ModelLoader loader = ModelLoader.standard();

  private Graph load(ModelT model) {
    return loader.load(TestModels.bytes(model), "test.tflite");
  }

  private ModelFormatException formatError(ModelT model) {
    return assertThrows(ModelFormatException.class, () -> load(model));
  }

  @Test
  void loadsAValidModelIntoTheIr() {
    Graph g = load(TestModels.add());
    assertEquals(4, g.tensors().size());
    assertEquals(1, g.nodes().size());
    assertEquals("ADD", g.nodes().get(0).opName());
    assertEquals(java.util.List.of(0, 1), g.inputs());
    assertEquals(java.util.List.of(2), g.outputs());
    assertTrue(g.tensor(3).isConstant());
    assertEquals(0.5f, g.tensor(3).constant().orElseThrow().floats()[3]);
  }

  @Test
  void readsTheExtendedBuiltinCodeBehindThePlaceholder() {
    ModelT m = TestModels.add();
    // Since TFLite 2.4 codes above 127 live in builtin_code; the old byte holds 127. GELU is 150.
    m.getOperatorCodes()[0].setDeprecatedBuiltinCode((byte) 127);
    m.getOperatorCodes()[0].setBuiltinCode(BuiltinOperator.GELU);
    m.getSubgraphs()[0].getOperators()[0].setBuiltinOptions(null);
    // ADD's two inputs are one too many for GELU: the error must name GELU, read from builtin_code.
    ModelFormatException e = formatError(m);
    assertTrue(e.getMessage().contains("GELU"), e.getMessage());
  }

  @Test
  void rejectsThePlaceholderWithoutAnExtendedCode() {
    ModelT m = TestModels.add();
    m.getOperatorCodes()[0].setDeprecatedBuiltinCode((byte) 127);
    m.getOperatorCodes()[0].setBuiltinCode(0);
    assertTrue(formatError(m).getMessage().contains("placeholder"));
  }

  @Test
  void everyTruncationIsAFormatError() {
    byte[] full = TestModels.add().serializeToBinary();
    for (int length = 0; length < full.length; length++) {
      ByteBuffer prefix = ByteBuffer.wrap(full, 0, length);
      // Either a clean ModelFormatException, or (rarely) a prefix that still parses; never
      // another exception type.
      try {
        loader.load(prefix, "truncated.tflite");
      } catch (ModelFormatException expected) {
        assertTrue(expected.getMessage().startsWith("truncated.tflite: "), expected.getMessage());
      }
    }
  }

  @Test
  void randomBytesAndBitFlipsNeverEscapeAsOtherExceptions() {
    byte[] full = TestModels.add().serializeToBinary();
    SplittableRandom random = new SplittableRandom(42);
    for (int trial = 0; trial < 2000; trial++) {
      byte[] bytes = full.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      try {
        loader.load(ByteBuffer.wrap(bytes), "flipped.tflite");
      } catch (JLiteException expected) {
        assertTrue(expected.getMessage().contains("flipped.tflite"), expected.getMessage());
      }
    }
    byte[] noise = new byte[512];
    for (int trial = 0; trial < 200; trial++) {
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (byte) random.nextInt(256);
      }
      assertThrows(ModelFormatException.class, () -> loader.load(ByteBuffer.wrap(noise), "x"));
    }
  }

  @Test
  void rejectsAWrongFileIdentifier() {
    byte[] bytes = TestModels.add().serializeToBinary();
    bytes[4] = 'X';
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> loader.load(ByteBuffer.wrap(bytes), "m"));
    assertTrue(e.getMessage().contains("not a TFLite model"), e.getMessage());
  }

  @Test
  void rejectsAnotherSchemaVersion() {
    ModelT m = TestModels.add();
    m.setVersion(2);
    assertTrue(formatError(m).getMessage().contains("schema version 2"));
  }

  @Test
  void rejectsAnOperatorInputOutOfRange() {
    ModelT m = TestModels.add();
    m.getSubgraphs()[0].getOperators()[0].setInputs(new int[] {0, 7});
    String message = formatError(m).getMessage();
    assertTrue(message.contains("op #0 ADD"), message);
    assertTrue(message.contains("tensor 7 of 4"), message);
  }

  @Test
  void rejectsAnOperatorCodeIndexOutOfRange() {
    ModelT m = TestModels.add();
    m.getSubgraphs()[0].getOperators()[0].setOpcodeIndex(3);
    assertTrue(formatError(m).getMessage().contains("operator code 3 of 1"));
  }

  @Test
  void rejectsAHugeDeclaredShapeBeforeAllocating() {
    ModelT m = TestModels.add();
    m.getSubgraphs()[0].getTensors()[2].setShape(new int[] {1 << 20, 1 << 20, 1 << 20, 1});
    String message = formatError(m).getMessage();
    assertTrue(message.contains("'out' (#2)"), message);
    assertTrue(message.contains("limit"), message);
  }

  @Test
  void rejectsANegativeDimension() {
    ModelT m = TestModels.add();
    m.getSubgraphs()[0].getTensors()[0].setShape(new int[] {1, -2, 2, 1});
    assertTrue(formatError(m).getMessage().contains("negative dimension -2"));
  }

  @Test
  void rejectsABufferThatDoesNotMatchItsShape() {
    ModelT m = TestModels.add();
    m.getBuffers()[1].setData(TestModels.floatBytes(1f, 2f, 3f));
    String message = formatError(m).getMessage();
    assertTrue(message.contains("'c' (#3)"), message);
    assertTrue(message.contains("16 bytes") && message.contains("holds 12 bytes"), message);
  }

  @Test
  void rejectsATensorWithABufferIndexOutOfRange() {
    ModelT m = TestModels.add();
    m.getSubgraphs()[0].getTensors()[3].setBuffer(9);
    assertTrue(formatError(m).getMessage().contains("refers to buffer 9 of 2"));
  }

  @Test
  void rejectsReadingATensorBeforeItIsWritten() {
    ModelT m = TestModels.add();
    // out = out + b: the op reads its own output, a one-node cycle.
    m.getSubgraphs()[0].getOperators()[0].setInputs(new int[] {2, 1});
    assertTrue(formatError(m).getMessage().contains("before any op writes it"));
  }

  @Test
  void rejectsAConstantSubgraphInput() {
    ModelT m = TestModels.add();
    m.getSubgraphs()[0].setInputs(new int[] {0, 1, 3});
    assertTrue(formatError(m).getMessage().contains("subgraph input 'c' (#3) is a constant"));
  }

  @Test
  void rejectsASubgraphOutputThatIsNeverWritten() {
    ModelT m = TestModels.add();
    m.getSubgraphs()[0].getTensors()[3].setBuffer(0);
    m.getSubgraphs()[0].setOutputs(new int[] {2, 3});
    assertTrue(formatError(m).getMessage().contains("'c' (#3) is never written"));
  }

  @Test
  void rejectsAnUnknownTensorType() {
    ModelT m = TestModels.add();
    m.getSubgraphs()[0].getTensors()[1].setType((byte) 5); // STRING
    assertTrue(formatError(m).getMessage().contains("unsupported type code 5"));
  }

  @Test
  void namesAnUnsupportedBuiltinOp() {
    ModelT m = TestModels.add();
    m.getOperatorCodes()[0].setDeprecatedBuiltinCode((byte) BuiltinOperator.LSTM);
    m.getOperatorCodes()[0].setBuiltinCode(BuiltinOperator.LSTM);
    m.getSubgraphs()[0].getOperators()[0].setBuiltinOptions(null);
    UnsupportedOpException e = assertThrows(UnsupportedOpException.class, () -> load(m));
    assertEquals("LSTM", e.opName());
    assertTrue(e.getMessage().contains("test.tflite: op #0 LSTM"), e.getMessage());
  }

  @Test
  void namesAnUnsupportedCustomOp() {
    ModelT m = TestModels.add();
    m.getOperatorCodes()[0].setDeprecatedBuiltinCode((byte) BuiltinOperator.CUSTOM);
    m.getOperatorCodes()[0].setBuiltinCode(BuiltinOperator.CUSTOM);
    m.getOperatorCodes()[0].setCustomCode("MyMagicOp");
    m.getSubgraphs()[0].getOperators()[0].setBuiltinOptions(null);
    UnsupportedOpException e = assertThrows(UnsupportedOpException.class, () -> load(m));
    assertEquals("CUSTOM:MyMagicOp", e.opName());
  }

  @Test
  void respectsConfiguredLimits() {
    ModelLoader tight =
        new ModelLoader(io.jlite.ops.OpRegistry.standard(), new LoaderLimits(8, 1 << 20, 1 << 20));
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class, () -> tight.load(TestModels.bytes(TestModels.add()), "m"));
    assertTrue(e.getMessage().contains("limit of 8 bytes"), e.getMessage());
  }
}
