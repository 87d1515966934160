package io.jlite.gpu.kernel;

import io.jlite.JLiteException;

/** A kernel in the neutral dialect that a code generator cannot lower: a bug in a template. */
public final class KernelSyntaxException extends JLiteException {
  private static final long serialVersionUID = 1L;

  public KernelSyntaxException(String message) {
    super(message);
  }
}
