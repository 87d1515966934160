package io.jlite.cli;

import java.io.IOException;

/**
 * A {@code .npy} file that {@link Npy} cannot read: not a NumPy file, an unsupported version or
 * data type, Fortran order, or a data section that does not match the declared shape. The message
 * names the file.
 */
public final class NpyFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public NpyFormatException(String message) {
    super(message);
  }
}
