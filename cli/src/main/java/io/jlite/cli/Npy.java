package io.jlite.cli;

import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes NumPy {@code .npy} files holding little-endian float32 arrays in C order.
 *
 * <p>The format (NumPy's {@code numpy/lib/format.py}): the magic {@code \x93NUMPY}, a major and a
 * minor version byte, the header length (a little-endian {@code uint16} in version 1.0, a {@code
 * uint32} in 2.0 and 3.0), then the header: a Python dict literal such as {@code {'descr': '<f4',
 * 'fortran_order': False, 'shape': (1, 2, 2, 1), }} padded with spaces and ended by a newline, and
 * finally the raw elements. Only {@code descr '<f4'} and {@code fortran_order False} are accepted;
 * the data section must hold exactly the declared number of elements. A shape {@code ()} is a
 * scalar of one element.
 *
 * <p>Files are written as version 1.0 (2.0 if the header does not fit 65535 bytes) with the header
 * padded so that the data starts at a multiple of 64 bytes, byte for byte as {@code numpy.save}
 * writes them.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** Bytes before the header in version 1.0 (magic, version, uint16 length). */
  private static final int PREFIX_V1 = MAGIC.length + 2 + 2;

  /** Bytes before the header in versions 2.0 and 3.0 (magic, version, uint32 length). */
  private static final int PREFIX_V2 = MAGIC.length + 2 + 4;

  /** NumPy aligns the start of the data to this many bytes. */
  private static final int ALIGN = 64;

  private Npy() {}

  /**
   * Reads a float32 array from a {@code .npy} file. The declared shape is checked against the file
   * size before the data is read.
   *
   * @throws NpyFormatException if the file is not a float32, C-order {@code .npy} file
   * @throws IOException if it cannot be read
   */
  public static NdArray readFloat32(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
      return parseFloat32(bytes, file.toString());
    }
  }

  /**
   * Decodes the {@code .npy} bytes between {@code bytes}' position and limit.
   *
   * @param source names the data in error messages (usually the file name)
   * @throws NpyFormatException if the bytes are not a float32, C-order {@code .npy} file
   */
  public static NdArray parseFloat32(ByteBuffer bytes, String source) throws NpyFormatException {
    ByteBuffer bb = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
    if (bb.remaining() < PREFIX_V1 || !hasMagic(bb)) {
      throw new NpyFormatException(source + ": not a .npy file (no \\x93NUMPY magic)");
    }
    int major = Byte.toUnsignedInt(bb.get(6));
    int minor = Byte.toUnsignedInt(bb.get(7));
    long headerLength;
    int prefix;
    if (major == 1 && minor == 0) {
      headerLength = Short.toUnsignedInt(bb.getShort(8));
      prefix = PREFIX_V1;
    } else if ((major == 2 || major == 3) && minor == 0 && bb.remaining() >= PREFIX_V2) {
      headerLength = Integer.toUnsignedLong(bb.getInt(8));
      prefix = PREFIX_V2;
    } else {
      throw new NpyFormatException(
          source + ": .npy version " + major + "." + minor + " is not supported (1.0, 2.0, 3.0)");
    }
    if (prefix + headerLength > bb.remaining()) {
      throw new NpyFormatException(
          source + ": header of " + headerLength + " bytes runs past the end of the file");
    }
    byte[] headerBytes = new byte[(int) headerLength];
    bb.get(prefix, headerBytes);
    // Versions 1.0 and 2.0 store the header in latin-1, version 3.0 in UTF-8.
    Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    Header header = Header.parse(new String(headerBytes, charset), source);

    long dataStart = prefix + headerLength;
    long expectedBytes = header.elementCount() * Float.BYTES;
    long actualBytes = bb.remaining() - dataStart;
    if (actualBytes != expectedBytes) {
      throw new NpyFormatException(
          source
              + ": shape "
              + header.shape()
              + " needs "
              + expectedBytes
              + " bytes of float32 data, the file holds "
              + actualBytes);
    }
    float[] data = new float[header.shape().size()];
    bb.position((int) dataStart);
    bb.asFloatBuffer().get(data);
    return NdArray.of(header.shape(), data);
  }

  /** Writes {@code value} (FLOAT32) as a {@code .npy} file, replacing any existing file. */
  public static void writeFloat32(Path file, NdArray value) throws IOException {
    Files.write(file, encodeFloat32(value.shape(), value.floats()));
  }

  /** The bytes of a {@code .npy} file holding {@code data} with the given shape. */
  public static byte[] encodeFloat32(Shape shape, float[] data) {
    if (data.length != shape.numElements()) {
      throw new IllegalArgumentException(
          data.length + " elements do not match shape " + shape + " for .npy");
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + pythonTuple(shape) + ", }";
    boolean v1 = PREFIX_V1 + dict.length() + 1 <= 0xFFFF;
    int prefix = v1 ? PREFIX_V1 : PREFIX_V2;
    // Pad with spaces so that prefix + header (ending in '\n') is a multiple of ALIGN.
    int unpadded = prefix + dict.length() + 1;
    int headerLength = dict.length() + 1 + (ALIGN - unpadded % ALIGN) % ALIGN;
    ByteBuffer out =
        ByteBuffer.allocate(prefix + headerLength + data.length * Float.BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC);
    out.put((byte) (v1 ? 1 : 2)).put((byte) 0);
    if (v1) {
      out.putShort((short) headerLength);
    } else {
      out.putInt(headerLength);
    }
    out.put(dict.getBytes(StandardCharsets.ISO_8859_1));
    for (int i = dict.length() + 1; i < headerLength; i++) {
      out.put((byte) ' ');
    }
    out.put((byte) '\n');
    out.asFloatBuffer().put(data);
    return out.array();
  }

  /** {@code ()}, {@code (3,)} or {@code (1, 2, 3)}: a shape as Python writes a tuple. */
  private static String pythonTuple(Shape shape) {
    int[] dims = shape.toArray();
    if (dims.length == 1) {
      return "(" + dims[0] + ",)";
    }
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      s.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return s.append(')').toString();
  }

  private static boolean hasMagic(ByteBuffer bb) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (bb.get(i) != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** The three entries of a {@code .npy} header, checked: float32, C order, a valid shape. */
  private record Header(Shape shape, long elementCount) {

    static Header parse(String text, String source) throws NpyFormatException {
      Map<String, Object> dict = new DictParser(text, source).parse();
      if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
        throw new NpyFormatException(
            source + ": header keys " + dict.keySet() + " are not descr, fortran_order, shape");
      }
      if (!"<f4".equals(dict.get("descr"))) {
        throw new NpyFormatException(
            source + ": dtype '" + dict.get("descr") + "' is not supported (only '<f4', float32)");
      }
      if (!Boolean.FALSE.equals(dict.get("fortran_order"))) {
        throw new NpyFormatException(
            source + ": fortran_order must be False (only C-order arrays are supported)");
      }
      if (!(dict.get("shape") instanceof int[] dims)) {
        throw new NpyFormatException(source + ": header 'shape' is not a tuple of integers");
      }
      long count = 1;
      for (int d : dims) {
        count *= d; // dims are < 2^31 each, and the running count is kept below 2^31
        if (count > Integer.MAX_VALUE - 8) {
          throw new NpyFormatException(source + ": shape is too large for one Java array");
        }
      }
      return new Header(Shape.of(dims), count);
    }
  }

  /**
   * Parses the Python dict literal of a {@code .npy} header: string keys, and values that are
   * strings, {@code True}/{@code False} or tuples of non-negative integers (returned as {@code
   * int[]}).
   */
  private static final class DictParser {
    private final String text;
    private final String source;
    private int pos;

    DictParser(String text, String source) {
      this.text = text;
      this.source = source;
    }

    Map<String, Object> parse() throws NpyFormatException {
      Map<String, Object> dict = new HashMap<>();
      expect('{');
      while (peek() != '}') {
        String key = string();
        expect(':');
        if (dict.put(key, value()) != null) {
          throw error("key '" + key + "' appears twice");
        }
        if (peek() == ',') {
          pos++;
        } else if (peek() != '}') {
          throw error("expected ',' or '}'");
        }
      }
      pos++;
      if (peek() != 0) {
        throw error("unexpected text after the dict");
      }
      return dict;
    }

    private Object value() throws NpyFormatException {
      char c = peek();
      if (c == '\'' || c == '"') {
        return string();
      }
      if (c == '(') {
        return tuple();
      }
      if (text.startsWith("True", pos)) {
        pos += 4;
        return true;
      }
      if (text.startsWith("False", pos)) {
        pos += 5;
        return false;
      }
      throw error("unexpected value");
    }

    private int[] tuple() throws NpyFormatException {
      expect('(');
      List<Integer> dims = new ArrayList<>();
      while (peek() != ')') {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
        if (start == pos || pos - start > 9) {
          throw error("shape entries must be integers from 0 to 999999999");
        }
        dims.add(Integer.parseInt(text.substring(start, pos)));
        if (peek() == ',') {
          pos++;
        } else if (peek() != ')') {
          throw error("expected ',' or ')' in shape");
        }
      }
      pos++;
      return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private String string() throws NpyFormatException {
      char quote = peek();
      if (quote != '\'' && quote != '"') {
        throw error("expected a quoted string");
      }
      int end = text.indexOf(quote, pos + 1);
      if (end < 0) {
        throw error("unterminated string");
      }
      String s = text.substring(pos + 1, end);
      pos = end + 1;
      return s;
    }

    private void expect(char c) throws NpyFormatException {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    /** The next non-blank character (consuming the blanks), or 0 at the end. */
    private char peek() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      return pos < text.length() ? text.charAt(pos) : 0;
    }

    private NpyFormatException error(String what) {
      return new NpyFormatException(
          source + ": malformed .npy header (" + what + " at offset " + pos + ")");
    }
  }
}
