package io.jlite.loader;

import io.jlite.DataType;
import io.jlite.JLiteException;
import io.jlite.ModelFormatException;
import io.jlite.ir.Graph;
import io.jlite.ir.NdArray;
import io.jlite.ir.Node;
import io.jlite.ir.Quantization;
import io.jlite.ir.Shape;
import io.jlite.ir.TensorSpec;
import io.jlite.ops.Op;
import io.jlite.ops.OpContext;
import io.jlite.ops.OpRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;

/**
 * Reads a {@code .tflite} FlatBuffer with the official schema classes and turns it into a validated
 * {@link Graph}.
 *
 * <p>FlatBuffers for Java has no verifier, so every count and index read from the file is checked
 * here before it is used, and any exception the generated accessors throw on a malformed buffer is
 * reported as a {@link ModelFormatException}. Sizes are checked against the file length and the
 * {@link LoaderLimits} before anything is allocated.
 */
public final class ModelLoader {
  /** The only schema version TFLite has shipped since 2018. */
  static final long SCHEMA_VERSION = 3;

  /** The deprecated 8-bit code that says "look at the 32-bit builtin_code field". */
  private static final int PLACEHOLDER_FOR_GREATER_OP_CODES = 127;

  private final OpRegistry registry;
  private final LoaderLimits limits;

  public ModelLoader(OpRegistry registry, LoaderLimits limits) {
    this.registry = registry;
    this.limits = limits;
  }

  /** A loader with all reference ops and the default limits. */
  public static ModelLoader standard() {
    return new ModelLoader(OpRegistry.standard(), LoaderLimits.DEFAULT);
  }

  /**
   * Maps the file read-only and loads it: the file's bytes are not copied onto the heap, only the
   * constants the graph keeps are decoded. A FlatBuffer cannot exceed 2 GiB, so neither can a model
   * file.
   */
  public Graph load(Path file) {
    ByteBuffer bytes;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new ModelFormatException(
            file + ": file is " + size + " bytes; a TFLite FlatBuffer is at most 2 GiB");
      }
      bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
    } catch (IOException e) {
      throw new ModelFormatException(file + ": cannot read model file: " + e.getMessage(), e);
    }
    return load(bytes, file.toString());
  }

  /**
   * Loads a model from the bytes between {@code model}'s position and limit.
   *
   * @param source names the model in error messages
   */
  public Graph load(ByteBuffer model, String source) {
    ByteBuffer bb = model.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (bb.capacity() < 8) {
      throw new ModelFormatException(
          source + ": file is " + bb.capacity() + " bytes, too short for a TFLite model");
    }
    if (!Model.ModelBufferHasIdentifier(bb)) {
      throw new ModelFormatException(
          source + ": not a TFLite model (file identifier is not \"TFL3\")");
    }
    try {
      return new Reader(bb, source).read();
    } catch (JLiteException e) {
      throw e;
    } catch (RuntimeException e) {
      // The generated accessors fail this way on offsets that point outside the buffer.
      throw new ModelFormatException(
          source + ": malformed FlatBuffer (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** Reads one model; holds the per-model state so the loader itself stays reusable. */
  private final class Reader {
    private final ByteBuffer bb;
    private final String source;

    Reader(ByteBuffer bb, String source) {
      this.bb = bb;
      this.source = source;
    }

    Graph read() {
      checkOffset(bb.getInt(0), "root table");
      Model model = Model.getRootAsModel(bb);
      if (model.version() != SCHEMA_VERSION) {
        throw error("schema version " + model.version() + " is not supported (expected 3)");
      }
      int subgraphCount = count(model.subgraphsLength(), "subgraphs");
      if (subgraphCount == 0) {
        throw error("model has no subgraph");
      }
      List<String> opNames = readOperatorCodes(model);
      SubGraph graph = model.subgraphs(0);
      List<TensorSpec> tensors = readTensors(model, graph);
      List<Integer> inputs = readIndexList(graph.inputsLength(), graph::inputs, tensors, "input");
      List<Integer> outputs =
          readIndexList(graph.outputsLength(), graph::outputs, tensors, "output");
      for (int input : inputs) {
        if (tensors.get(input).isConstant()) {
          throw error("subgraph input " + tensors.get(input).describe() + " is a constant tensor");
        }
      }
      List<Node> nodes = readOperators(graph, opNames, tensors, inputs);
      checkOutputsProduced(nodes, tensors, inputs, outputs);
      return new Graph(source, tensors, nodes, inputs, outputs);
    }

    private List<String> readOperatorCodes(Model model) {
      int n = count(model.operatorCodesLength(), "operator codes");
      List<String> names = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        OperatorCode code = model.operatorCodes(i);
        // Models from before 2.4 only set the 8-bit field; newer ones set both, or put the
        // placeholder 127 in the old field and the real code in the 32-bit one.
        int builtin = Math.max(code.deprecatedBuiltinCode(), code.builtinCode());
        if (code.deprecatedBuiltinCode() < 0 || code.builtinCode() < 0) {
          throw error("operator code #" + i + " is negative");
        }
        if (builtin == BuiltinOperator.CUSTOM) {
          String custom = code.customCode();
          if (custom == null || custom.isEmpty()) {
            throw error("operator code #" + i + " is CUSTOM without a custom code name");
          }
          names.add("CUSTOM:" + custom);
        } else if (builtin == PLACEHOLDER_FOR_GREATER_OP_CODES) {
          throw error("operator code #" + i + " uses the extended-code placeholder without a code");
        } else {
          names.add(builtinName(builtin));
        }
      }
      return names;
    }

    private String builtinName(int code) {
      try {
        return BuiltinOperator.name(code);
      } catch (ArrayIndexOutOfBoundsException e) {
        // Newer than the schema we read with: still name it, so the error says which op.
        return "BUILTIN_" + code;
      }
    }

    private List<TensorSpec> readTensors(Model model, SubGraph graph) {
      int n = count(graph.tensorsLength(), "tensors");
      int bufferCount = count(model.buffersLength(), "buffers");
      List<TensorSpec> tensors = new ArrayList<>(n);
      long totalBytes = 0;
      for (int i = 0; i < n; i++) {
        Tensor t = graph.tensors(i);
        String name = t.name() == null ? "tensor_" + i : t.name();
        String where = "tensor '" + name + "' (#" + i + ")";
        DataType type =
            DataType.fromSchemaCode(t.type())
                .orElseThrow(() -> error(where + " has unsupported type code " + t.type()));
        Shape shape = readShape(t, where);
        long bytes = byteSize(shape, type, where);
        totalBytes += bytes;
        if (totalBytes > limits.maxTotalBytes()) {
          throw error(
              "tensors #0.."
                  + i
                  + " declare "
                  + totalBytes
                  + " bytes, more than the limit of "
                  + limits.maxTotalBytes()
                  + " bytes for all tensors (LoaderLimits.maxTotalBytes)");
        }
        if (t.isVariable()) {
          throw error(where + " is a variable tensor; variables are not supported");
        }
        long bufferIndex = t.buffer();
        if (bufferIndex < 0 || bufferIndex >= bufferCount) {
          throw error(where + " refers to buffer " + bufferIndex + " of " + bufferCount);
        }
        Buffer buffer = model.buffers((int) bufferIndex);
        int dataLength = buffer == null ? 0 : count(buffer.dataLength(), where + " data");
        Optional<NdArray> constant = Optional.empty();
        if (dataLength > 0 && t.sparsity() == null) {
          if (dataLength != bytes) {
            throw error(
                where
                    + " has shape "
                    + shape
                    + " of "
                    + type
                    + " ("
                    + bytes
                    + " bytes) but its"
                    + " buffer holds "
                    + dataLength
                    + " bytes");
          }
          constant = Optional.of(decode(buffer.dataAsByteBuffer(), type, shape));
        } else if (dataLength > 0) {
          // Sparse weights (e.g. face_detection_full_range_sparse): decoded to dense once, here;
          // the DENSIFY op that reads them is then a copy.
          TableVectors.checkSparsity(t.sparsity(), where, this::count);
          NdArray stored =
              decode(
                  buffer.dataAsByteBuffer(),
                  type,
                  Shape.of(storedValueCount(dataLength, type, source + ": " + where)));
          constant =
              Optional.of(
                  SparseConstants.densify(
                      t.sparsity().unpack(), stored, shape, source + ": " + where));
        }
        tensors.add(
            new TensorSpec(i, name, type, shape, readQuantization(t, shape, where), constant));
      }
      return tensors;
    }

    private Shape readShape(Tensor t, String where) {
      int rank = count(t.shapeLength(), where + " shape");
      int[] dims = new int[rank];
      for (int d = 0; d < rank; d++) {
        dims[d] = t.shape(d);
        if (dims[d] < 0) {
          throw error(
              where
                  + " has negative dimension "
                  + dims[d]
                  + " (dynamic shapes are not"
                  + " supported)");
        }
      }
      return Shape.of(dims);
    }

    private long byteSize(Shape shape, DataType type, String where) {
      long elements;
      try {
        // An empty tensor's other dimensions count too (a zero one as 1): ops loop over them
        // (a fuzzed [67108865, 4, 0, 2] input kept CONV_2D busy for seconds with nothing to do).
        long extent = 1;
        for (int d = 0; d < shape.rank(); d++) {
          extent = Math.multiplyExact(extent, (long) Math.max(1, shape.dim(d)));
        }
        if (Math.multiplyExact(extent, (long) type.byteSize()) > limits.maxTensorBytes()) {
          throw error(
              where
                  + " declares shape "
                  + shape
                  + ", whose dimensions (a zero one counted as 1) exceed the limit of "
                  + limits.maxTensorBytes()
                  + " bytes per tensor (LoaderLimits.maxTensorBytes)");
        }
        elements = shape.numElements();
        long bytes = Math.multiplyExact(elements, (long) type.byteSize());
        if (bytes <= limits.maxTensorBytes()) {
          return bytes;
        }
      } catch (ArithmeticException e) {
        // falls through to the error below: the product overflowed
        elements = -1;
      }
      throw error(
          where
              + " declares shape "
              + shape
              + (elements < 0 ? " (overflows)" : "")
              + ", larger than the limit of "
              + limits.maxTensorBytes()
              + " bytes per tensor (LoaderLimits.maxTensorBytes)");
    }

    /**
     * The tensor's affine quantization, checked as TFLite's loader does: as many zero points as
     * scales, and for per-channel parameters a quantized dimension that exists and has one channel
     * per scale. Without scales the tensor is not quantized, whatever else the table holds.
     */
    private Quantization readQuantization(Tensor t, Shape shape, String where) {
      QuantizationParameters q = t.quantization();
      if (q == null) {
        return Quantization.NONE;
      }
      int scales = count(q.scaleLength(), where + " quantization scales");
      if (scales == 0) {
        return Quantization.NONE;
      }
      int zeroPoints = count(q.zeroPointLength(), where + " quantization zero points");
      if (zeroPoints != scales) {
        throw error(
            where
                + " has "
                + scales
                + " quantization scales but "
                + zeroPoints
                + " zero points; they must match");
      }
      int dimension = q.quantizedDimension();
      if (scales > 1 && (dimension < 0 || dimension >= shape.rank())) {
        throw error(
            where
                + " is quantized per channel along dimension "
                + dimension
                + ", which shape "
                + shape
                + " does not have");
      }
      if (scales > 1 && shape.dim(dimension) != scales) {
        throw error(
            where
                + " has "
                + scales
                + " quantization scales for the "
                + shape.dim(dimension)
                + " channels of dimension "
                + dimension
                + " of shape "
                + shape);
      }
      List<Float> s = new ArrayList<>(scales);
      for (int i = 0; i < scales; i++) {
        s.add(q.scale(i));
      }
      List<Long> z = new ArrayList<>(zeroPoints);
      for (int i = 0; i < zeroPoints; i++) {
        z.add(q.zeroPoint(i));
      }
      return new Quantization(s, z, dimension);
    }

    private List<Node> readOperators(
        SubGraph graph, List<String> opNames, List<TensorSpec> tensors, List<Integer> inputs) {
      int n = count(graph.operatorsLength(), "operators");
      boolean[] available = new boolean[tensors.size()];
      for (TensorSpec t : tensors) {
        available[t.index()] = t.isConstant();
      }
      for (int input : inputs) {
        available[input] = true;
      }
      List<Node> nodes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Operator operator = graph.operators(i);
        long codeIndex = operator.opcodeIndex();
        if (codeIndex < 0 || codeIndex >= opNames.size()) {
          throw error("op #" + i + " uses operator code " + codeIndex + " of " + opNames.size());
        }
        String opName = opNames.get((int) codeIndex);
        String where = "op #" + i + " " + opName;
        List<Integer> in =
            readIndexListAllowingAbsent(operator.inputsLength(), operator::inputs, tensors, where);
        List<Integer> out =
            readIndexList(operator.outputsLength(), operator::outputs, tensors, where + " output");
        for (int t : in) {
          if (t >= 0 && !available[t]) {
            throw error(
                where
                    + " reads "
                    + tensors.get(t).describe()
                    + " before any op writes it (a cycle, or ops not in execution order)");
          }
        }
        for (int t : out) {
          if (available[t]) {
            throw error(
                where
                    + " writes "
                    + tensors.get(t).describe()
                    + ", which is a constant, a graph input or written by an earlier op");
          }
          available[t] = true;
        }
        nodes.add(new Node(i, opName, in, out, buildOp(operator, i, opName, in, out, tensors)));
      }
      return nodes;
    }

    private Op buildOp(
        Operator operator,
        int index,
        String opName,
        List<Integer> in,
        List<Integer> out,
        List<TensorSpec> tensors) {
      int customLength = count(operator.customOptionsLength(), "custom options");
      byte[] custom = new byte[customLength];
      if (customLength > 0) {
        operator.customOptionsAsByteBuffer().get(custom);
      }
      Object options = null;
      if (operator.builtinOptionsType() != 0) {
        TableVectors.checkOperator(operator, "op #" + index + " " + opName, this::count);
        OperatorT unpacked = operator.unpack();
        options =
            unpacked.getBuiltinOptions() == null ? null : unpacked.getBuiltinOptions().getValue();
      }
      List<Optional<TensorSpec>> inSpecs = new ArrayList<>();
      for (int t : in) {
        inSpecs.add(t < 0 ? Optional.empty() : Optional.of(tensors.get(t)));
      }
      List<TensorSpec> outSpecs = new ArrayList<>();
      for (int t : out) {
        outSpecs.add(tensors.get(t));
      }
      return registry.create(
          new OpContext(
              source, index, opName, options, ByteBuffer.wrap(custom), inSpecs, outSpecs));
    }

    private void checkOutputsProduced(
        List<Node> nodes, List<TensorSpec> tensors, List<Integer> inputs, List<Integer> outputs) {
      boolean[] produced = new boolean[tensors.size()];
      for (int input : inputs) {
        produced[input] = true;
      }
      for (Node node : nodes) {
        for (int t : node.outputs()) {
          produced[t] = true;
        }
      }
      for (int output : outputs) {
        if (!produced[output] && !tensors.get(output).isConstant()) {
          throw error("subgraph output " + tensors.get(output).describe() + " is never written");
        }
      }
    }

    private List<Integer> readIndexList(
        int length, IntAccessor accessor, List<TensorSpec> tensors, String what) {
      List<Integer> list = readIndexListAllowingAbsent(length, accessor, tensors, what);
      if (list.contains(-1)) {
        throw error(what + " list contains -1 (absent tensor)");
      }
      return list;
    }

    private List<Integer> readIndexListAllowingAbsent(
        int length, IntAccessor accessor, List<TensorSpec> tensors, String what) {
      int n = count(length, what + " indices");
      List<Integer> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int t = accessor.get(i);
        if (t < -1 || t >= tensors.size()) {
          throw error(what + " refers to tensor " + t + " of " + tensors.size());
        }
        list.add(t);
      }
      return list;
    }

    /** A vector length read from the file can be no larger than the file itself. */
    private int count(int length, String what) {
      if (length < 0 || length > bb.capacity()) {
        throw error(
            "count of "
                + what
                + " ("
                + length
                + ") is impossible for a file of "
                + bb.capacity()
                + " bytes");
      }
      return length;
    }

    private void checkOffset(int offset, String what) {
      if (offset < 0 || offset >= bb.capacity()) {
        throw error(what + " offset " + offset + " is outside the file");
      }
    }

    private ModelFormatException error(String what) {
      return new ModelFormatException(source + ": " + what);
    }
  }

  @FunctionalInterface
  private interface IntAccessor {
    int get(int i);
  }

  /** Decodes little-endian tensor bytes into a value; FLOAT16 is widened to float exactly. */
  private static int storedValueCount(int dataLength, DataType type, String where) {
    if (dataLength % type.byteSize() != 0) {
      throw new ModelFormatException(
          where + " holds " + dataLength + " bytes, not a whole number of " + type + " values");
    }
    return dataLength / type.byteSize();
  }

  static NdArray decode(ByteBuffer raw, DataType type, Shape shape) {
    ByteBuffer data = raw.slice().order(ByteOrder.LITTLE_ENDIAN);
    int n = shape.size();
    switch (type) {
      case FLOAT32 -> {
        float[] f = new float[n];
        data.asFloatBuffer().get(f);
        return NdArray.of(shape, f);
      }
      case FLOAT16 -> {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
          f[i] = Float16.toFloat(data.getShort(2 * i));
        }
        return NdArray.ofFloats(DataType.FLOAT16, shape, f);
      }
      case INT32 -> {
        int[] v = new int[n];
        data.asIntBuffer().get(v);
        return NdArray.ofInts(type, shape, v);
      }
      case INT64 -> {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          long x = data.getLong(8 * i);
          if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
            throw new ModelFormatException("INT64 constant " + x + " is outside the int range");
          }
          v[i] = (int) x;
        }
        return NdArray.ofInts(type, shape, v);
      }
      case INT16 -> {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          v[i] = data.getShort(2 * i);
        }
        return NdArray.ofInts(type, shape, v);
      }
      case UINT8, BOOL -> {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          v[i] = data.get(i) & 0xff;
        }
        return NdArray.ofInts(type, shape, v);
      }
      case INT8 -> {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
          v[i] = data.get(i);
        }
        return NdArray.ofInts(type, shape, v);
      }
    }
    throw new AssertionError(type);
  }
}
