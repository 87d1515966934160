package io.jlite.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * What one in-process {@code jlite} command did: its exit code and what it wrote on stdout and
 * stderr.
 */
record CommandResult(int code, String out, String err) {

  /** Runs {@code jlite args...} as {@link Jlite#main} would, capturing both streams. */
  static CommandResult jlite(String... args) {
    CommandLine cmd = Jlite.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new CommandResult(code, out.toString(), err.toString());
  }
}
