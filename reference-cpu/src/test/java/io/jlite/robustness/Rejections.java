package io.jlite.robustness;

import io.jlite.JLiteException;

/**
 * Tells a clean rejection from a bug in disguise. JLite reports every problem as a {@link
 * JLiteException}, and as a safety net it also wraps unexpected exceptions in one (the loader
 * around the FlatBuffers accessors, the executor around each op). Only the first is by design:
 * FlatBuffers for Java has no verifier, so an offset that points outside the file surfaces as an
 * exception inside the generated accessors. Any other wrapped cause is a check JLite is missing.
 */
final class Rejections {
  private Rejections() {}

  static boolean isClean(JLiteException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (!(cause instanceof JLiteException) && !thrownByFlatBufferAccessor(cause)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the first frame outside the JDK belongs to the FlatBuffers runtime or schema. */
  private static boolean thrownByFlatBufferAccessor(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      String c = frame.getClassName();
      if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
        continue;
      }
      return c.startsWith("com.google.flatbuffers.") || c.startsWith("org.tensorflow.lite.schema.");
    }
    return false;
  }
}
