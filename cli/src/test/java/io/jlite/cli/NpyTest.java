package io.jlite.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlite.ir.NdArray;
import io.jlite.ir.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir Path dir;

  /** 1.0f is 0x3F800000, so little-endian bytes 00 00 80 3F. */
  private static final byte[] ONE = {0, 0, (byte) 0x80, 0x3F};

  /** -2.0f is 0xC0000000, so little-endian bytes 00 00 00 C0. */
  private static final byte[] MINUS_TWO = {0, 0, 0, (byte) 0xC0};

  /** 0.5f is 0x3F000000. */
  private static final byte[] HALF = {0, 0, 0, 0x3F};

  /** 3.0f is 0x40400000. */
  private static final byte[] THREE = {0, 0, 0x40, 0x40};

  @Test
  void writesTheBytesNumpySaveWrites() {
    // numpy.save(f, numpy.array([1, -2], dtype='<f4')) writes 136 bytes: magic, version 1.0,
    // header length 118 (0x76) as uint16 LE, then the dict
    //   {'descr': '<f4', 'fortran_order': False, 'shape': (2,), }   (57 characters)
    // padded with 60 spaces and a newline so that 10 + 118 = 128 is a multiple of 64,
    // then the 8 data bytes.
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
    assertEquals(57, dict.length());
    byte[] expected =
        concat(
            new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0x76, 0},
            ascii(dict + " ".repeat(60) + "\n"),
            ONE,
            MINUS_TWO);
    assertEquals(136, expected.length);
    assertArrayEquals(expected, Npy.encodeFloat32(Shape.of(2), new float[] {1f, -2f}));
  }

  @Test
  void readsHandBuiltVersion1Header() throws IOException {
    // Keys in another order, double quotes, no trailing comma: still a valid Python dict.
    String header = "{\"shape\": (2, 2), \"fortran_order\": False, \"descr\": \"<f4\"}\n";
    byte[] file = concat(v1Prefix(header.length()), ascii(header), ONE, MINUS_TWO, HALF, THREE);
    NdArray a = Npy.parseFloat32(ByteBuffer.wrap(file), "x.npy");
    assertEquals(Shape.of(2, 2), a.shape());
    assertArrayEquals(new float[] {1f, -2f, 0.5f, 3f}, a.floats());
  }

  @Test
  void readsVersion2And3Headers() throws IOException {
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 1), }\n";
    for (int major : new int[] {2, 3}) {
      // Versions 2.0 and 3.0 store the header length as a uint32: 12 bytes before the header.
      int n = header.length();
      byte[] prefix = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0, (byte) n, 0, 0, 0};
      NdArray a = Npy.parseFloat32(ByteBuffer.wrap(concat(prefix, ascii(header), THREE)), "v.npy");
      assertEquals(Shape.of(1, 1, 1), a.shape());
      assertArrayEquals(new float[] {3f}, a.floats());
    }
  }

  @Test
  void readsScalarAndEmptyShapes() throws IOException {
    String scalar = "{'descr': '<f4', 'fortran_order': False, 'shape': (), }\n";
    NdArray s =
        Npy.parseFloat32(
            ByteBuffer.wrap(concat(v1Prefix(scalar.length()), ascii(scalar), HALF)), "s.npy");
    assertEquals(Shape.scalar(), s.shape());
    assertArrayEquals(new float[] {0.5f}, s.floats());

    String empty = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 0), }\n";
    NdArray e =
        Npy.parseFloat32(ByteBuffer.wrap(concat(v1Prefix(empty.length()), ascii(empty))), "e.npy");
    assertEquals(Shape.of(3, 0), e.shape());
    assertEquals(0, e.floats().length);
  }

  @Test
  void roundTripsThroughAFile() throws IOException {
    float[] values = {0f, -1.5f, 2.25f, Float.MAX_VALUE, -0f, 1e-30f};
    Path file = dir.resolve("r.npy");
    Npy.writeFloat32(file, NdArray.of(Shape.of(1, 2, 3), values));
    assertEquals(0, Files.size(file) % 4);
    NdArray back = Npy.readFloat32(file);
    assertEquals(Shape.of(1, 2, 3), back.shape());
    assertArrayEquals(values, back.floats());
    // The header dict {'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), } has 62
    // characters; with the 10-byte prefix and the newline that is 73, padded to 128. Then 6 floats.
    assertEquals(128 + 24, Files.size(file));
  }

  @Test
  void rejectsBadMagic() {
    byte[] file = Npy.encodeFloat32(Shape.of(1), new float[] {1f});
    file[1] = 'X';
    NpyFormatException e = assertThrows(NpyFormatException.class, () -> parse(file));
    assertTrue(e.getMessage().startsWith("bad.npy: not a .npy file"), e.getMessage());
    assertThrows(NpyFormatException.class, () -> parse(new byte[] {(byte) 0x93, 'N'}));
  }

  @Test
  void rejectsOtherDtypes() {
    for (String dtype : new String[] {"<f8", ">f4", "<i4", "|u1", "<f2"}) {
      String header = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (1,), }\n";
      byte[] file = concat(v1Prefix(header.length()), ascii(header), new byte[8]);
      NpyFormatException e = assertThrows(NpyFormatException.class, () -> parse(file));
      assertTrue(e.getMessage().contains("dtype '" + dtype + "' is not supported"), e.getMessage());
    }
  }

  @Test
  void rejectsFortranOrder() {
    String header = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }\n";
    byte[] file = concat(v1Prefix(header.length()), ascii(header), new byte[16]);
    NpyFormatException e = assertThrows(NpyFormatException.class, () -> parse(file));
    assertTrue(e.getMessage().contains("fortran_order"), e.getMessage());
  }

  @Test
  void rejectsUnsupportedVersions() {
    byte[] file = Npy.encodeFloat32(Shape.of(1), new float[] {1f});
    file[6] = 4;
    NpyFormatException e = assertThrows(NpyFormatException.class, () -> parse(file));
    assertTrue(e.getMessage().contains("version 4.0"), e.getMessage());
    file[6] = 1;
    file[7] = 1;
    assertThrows(NpyFormatException.class, () -> parse(file));
  }

  @Test
  void rejectsDataThatDoesNotMatchTheShape() {
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }\n";
    // (2, 2) needs 16 bytes; give 12, then 20.
    byte[] shortFile = concat(v1Prefix(header.length()), ascii(header), new byte[12]);
    NpyFormatException e = assertThrows(NpyFormatException.class, () -> parse(shortFile));
    assertTrue(e.getMessage().contains("needs 16 bytes"), e.getMessage());
    byte[] longFile = concat(v1Prefix(header.length()), ascii(header), new byte[20]);
    assertThrows(NpyFormatException.class, () -> parse(longFile));
  }

  @Test
  void rejectsMalformedHeaders() {
    String[] headers = {
      "{'descr': '<f4', 'fortran_order': False}\n", // no shape
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), 'x': 1}\n", // extra key
      "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }\n", // negative dimension
      "{'descr': '<f4', 'fortran_order': False, 'shape': [2], }\n", // a list, not a tuple
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2,) \n", // unterminated dict
      "{'descr': '<f4', 'fortran_order': False, 'shape': (9999999999,), }\n", // too large
      "{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536), }\n", // 2^32 elements
    };
    for (String header : headers) {
      byte[] file = concat(v1Prefix(header.length()), ascii(header), new byte[16]);
      assertThrows(NpyFormatException.class, () -> parse(file), header);
    }
    // The header length points past the end of the file.
    byte[] truncated = concat(v1Prefix(200), ascii("{'descr': '<f4'"));
    assertThrows(NpyFormatException.class, () -> parse(truncated));
  }

  private static NdArray parse(byte[] file) throws NpyFormatException {
    return Npy.parseFloat32(ByteBuffer.wrap(file), "bad.npy");
  }

  /** Magic, version 1.0 and the header length as a little-endian uint16. */
  private static byte[] v1Prefix(int headerLength) {
    return new byte[] {
      (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) headerLength, (byte) (headerLength >> 8)
    };
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
