package io.jlite.gles.android;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import android.opengl.EGL14;
import io.jlite.gles.GlesBinding;
import org.junit.jupiter.api.Test;

/**
 * The Android binding's logic that needs no device (there is none here: EGL14 and GLES31 are native
 * on a phone, so nothing below may call them).
 */
class AndroidBindingTest {
  @Test
  void asksEglForAnyOpenGlEs3Context() {
    assertArrayEquals(
        new int[] {EGL14.EGL_CONTEXT_CLIENT_VERSION, 3, EGL14.EGL_NONE},
        AndroidBinding.contextAttributes());
  }

  @Test
  void sizesAndOffsetsMustFitAndroidsInts() {
    assertEquals(Integer.MAX_VALUE, AndroidBinding.narrow(Integer.MAX_VALUE, "buffer size"));
    assertEquals(0, AndroidBinding.narrow(0, "offset"));
    IllegalArgumentException tooLarge =
        assertThrows(
            IllegalArgumentException.class, () -> AndroidBinding.narrow(1L << 31, "buffer size"));
    assertTrue(tooLarge.getMessage().contains("buffer size of 2147483648"), tooLarge.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AndroidBinding.narrow(-1, "offset"));
  }

  @Test
  void isABindingThatTouchesNoNativeCodeUntilUsed() {
    // Constructing it must not load EGL14 (whose static initializer needs Android's libraries).
    GlesBinding binding = new AndroidBinding();
    // Destroying a context that was never created is a no-op, as the interface promises.
    binding.destroyContext();
  }
}
