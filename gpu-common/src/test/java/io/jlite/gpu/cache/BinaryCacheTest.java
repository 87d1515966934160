package io.jlite.gpu.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryCacheTest {
  @TempDir Path dir;

  private BinaryCache cache() {
    return new BinaryCache(dir, "test program", ".bin");
  }

  @Test
  void aStoredBinaryLoadsBackUnderItsDescriptorOnly() {
    cache().store("driver 1\nsource sha256: aa", new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, cache().load("driver 1\nsource sha256: aa").get());
    assertTrue(cache().load("driver 2\nsource sha256: aa").isEmpty());
  }

  @Test
  void aFlippedByteIsDetectedAndTheEntryDeleted() throws IOException {
    BinaryCache cache = cache();
    cache.store("d", new byte[] {9, 8, 7, 6});
    Path file = cache.file(BinaryCache.key("d"));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 2] ^= 0x11;
    Files.write(file, bytes);
    assertTrue(cache.load("d").isEmpty());
    assertTrue(Files.notExists(file));
  }

  @Test
  void aTruncatedOrExtendedEntryIsDetected() throws IOException {
    BinaryCache cache = cache();
    cache.store("d", new byte[] {9, 8, 7, 6});
    Path file = cache.file(BinaryCache.key("d"));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
    assertTrue(cache.load("d").isEmpty());
    cache.store("d", new byte[] {9, 8, 7, 6});
    Files.write(file, Arrays.copyOf(bytes, bytes.length + 1));
    assertTrue(cache.load("d").isEmpty());
  }

  @Test
  void anEvictedEntryIsGone() {
    BinaryCache cache = cache();
    cache.store("d", new byte[] {1});
    cache.evict("d", "the driver refused it");
    assertTrue(cache.load("d").isEmpty());
  }

  @Test
  void anUnwritableDirectoryOnlyMeansNoCaching() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    BinaryCache cache = new BinaryCache(notADirectory, "test program", ".bin");
    cache.store("d", new byte[] {1});
    assertTrue(cache.load("d").isEmpty());
  }

  @Test
  void keysDifferPerDescriptorAndDirectoriesPerBackend() {
    assertEquals(BinaryCache.key("a"), BinaryCache.key("a"));
    assertNotEquals(BinaryCache.key("a"), BinaryCache.key("a "));
    assertEquals("gles", BinaryCache.defaultDirectory("gles").getFileName().toString());
  }
}
