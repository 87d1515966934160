package io.jlite.gles;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the open contexts per EGL display in this process. {@code eglGetDisplay} returns the same
 * display to every caller and {@code eglTerminate} ends it for all of them, so a binding terminates
 * a display only when its last context closes (two delegates on two threads must not pull the
 * display from under each other).
 */
public final class EglDisplays {
  private static final Map<Long, Integer> OPEN = new HashMap<>();

  private EglDisplays() {}

  /** Records one more context on {@code display} (after a successful {@code eglInitialize}). */
  public static synchronized void acquire(long display) {
    OPEN.merge(display, 1, Integer::sum);
  }

  /**
   * Records that a context on {@code display} closed.
   *
   * @return whether it was the last one: the caller then calls {@code eglTerminate}
   */
  public static synchronized boolean release(long display) {
    Integer count = OPEN.get(display);
    if (count == null || count <= 1) {
      OPEN.remove(display);
      return true;
    }
    OPEN.put(display, count - 1);
    return false;
  }
}
