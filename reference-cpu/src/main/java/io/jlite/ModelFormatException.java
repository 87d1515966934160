package io.jlite;

/**
 * The {@code .tflite} file is not a valid model: truncated, not a FlatBuffer, wrong schema version,
 * an index out of range, a buffer that does not match its tensor's shape, a declared size beyond
 * the configured limits, and so on. The message names the model and the place of the problem.
 */
public class ModelFormatException extends JLiteException {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
