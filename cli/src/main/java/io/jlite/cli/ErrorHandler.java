package io.jlite.cli;

import io.jlite.JLiteException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where errors of a running command become output and an exit status.
 *
 * <p>User errors print one line {@code jlite: error: <message>} on stderr and exit with status 1:
 * {@link UserException}, every {@link JLiteException} (a bad model file, an unsupported op, a shape
 * mismatch), {@link IOException} (a missing file, a bad {@code .npy}) and {@link
 * IllegalArgumentException} (what TensorFlow Lite reports for a model it cannot load). Anything
 * else is a bug in JLite: it is printed with its stack trace, also with status 1.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    Optional<String> message = userMessage(ex);
    if (message.isPresent()) {
      err.println("jlite: error: " + message.get());
    } else {
      err.println("jlite: internal error: " + ex);
      ex.printStackTrace(err);
    }
    err.flush();
    return cmd.getCommandSpec().exitCodeOnExecutionException();
  }

  /** The one-line message for a user error, or empty if {@code ex} is not one. */
  static Optional<String> userMessage(Throwable ex) {
    Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
    String text;
    if (e instanceof NoSuchFileException f) {
      text = "no such file: " + f.getFile();
    } else if (e instanceof AccessDeniedException f) {
      text = "permission denied: " + f.getFile();
    } else if (e instanceof UserException
        || e instanceof JLiteException
        || e instanceof IOException
        || e instanceof IllegalArgumentException) {
      text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    } else {
      return Optional.empty();
    }
    return Optional.of(text.strip().replaceAll("\\s*\\R\\s*", " "));
  }
}
