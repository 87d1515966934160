package io.jlite;

/** Base class of every error JLite reports about a model, its inputs or a backend. */
public class JLiteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JLiteException(String message) {
    super(message);
  }

  public JLiteException(String message, Throwable cause) {
    super(message, cause);
  }
}
