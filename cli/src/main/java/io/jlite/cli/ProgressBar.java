package io.jlite.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar, {@code label [#####.....] 12/50}, redrawn in place with {@code \r} and
 * erased when done. Draws nothing when disabled.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 50_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final String label;
  private final int total;
  private long lastDraw;
  private int lastLength;

  ProgressBar(PrintWriter err, boolean enabled, String label, int total) {
    this.err = err;
    this.enabled = enabled && total > 0;
    this.label = label;
    this.total = total;
  }

  /**
   * Shows that {@code done} of the total steps have finished (redrawn at most 20 times a second).
   */
  void update(int done) {
    long now = System.nanoTime();
    if (!enabled || (done < total && now - lastDraw < REDRAW_NANOS)) {
      return;
    }
    lastDraw = now;
    int filled = (int) ((long) done * WIDTH / total);
    String line =
        label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total;
    err.print("\r" + line);
    err.flush();
    lastLength = line.length();
  }

  /** Erases the bar. */
  void finish() {
    if (enabled && lastLength > 0) {
      err.print("\r" + " ".repeat(lastLength) + "\r");
      err.flush();
    }
  }
}
