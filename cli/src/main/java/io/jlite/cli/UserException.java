package io.jlite.cli;

/**
 * A mistake in what the user asked for (a wrong number of inputs, an input of the wrong shape, a
 * backend that cannot run the model, ...). {@link Jlite} prints its message as one line and exits
 * with status 1.
 */
final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UserException(String message) {
    super(message);
  }

  UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
