package io.jlite.gles;

import io.jlite.GpuUnavailableException;

/**
 * The driver rejected a compute shader: compile or link failed. The message names the kernel and
 * holds the driver's info log, followed by the source with line numbers (the log refers to them).
 */
public final class ShaderBuildException extends GpuUnavailableException {
  private static final long serialVersionUID = 1L;

  private final String infoLog;

  ShaderBuildException(String label, String stage, String infoLog, String source) {
    super(
        stage
            + " of compute shader '"
            + label
            + "' failed:\n"
            + infoLog.strip()
            + "\n--- source ---\n"
            + numbered(source));
    this.infoLog = infoLog;
  }

  /** The driver's info log as it gave it. */
  public String infoLog() {
    return infoLog;
  }

  private static String numbered(String source) {
    StringBuilder s = new StringBuilder();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      s.append(String.format("%4d  %s%n", i + 1, lines[i]));
    }
    return s.toString();
  }
}
