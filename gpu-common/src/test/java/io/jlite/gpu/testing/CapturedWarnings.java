package io.jlite.gpu.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects the warnings logged on one logger while open ({@code System.Logger} goes to {@code
 * java.util.logging} when no other backend is installed, as in these tests).
 */
public final class CapturedWarnings extends Handler implements AutoCloseable {
  private final Logger logger;
  private final List<String> messages = new ArrayList<>();

  private CapturedWarnings(Logger logger) {
    this.logger = logger;
  }

  /** Starts collecting the warnings of the logger named {@code name}. */
  public static CapturedWarnings of(String name) {
    CapturedWarnings captured = new CapturedWarnings(Logger.getLogger(name));
    captured.logger.addHandler(captured);
    return captured;
  }

  /** The warnings logged so far. */
  public synchronized List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      messages.add(record.getMessage());
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
