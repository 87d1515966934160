package io.jlite.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code jlite} command: inspects, runs and benchmarks TensorFlow Lite models.
 *
 * <p>Exit status: 0 on success, 1 when the model, an input or a backend fails (one line {@code
 * jlite: error: ...} on stderr), 2 for a usage error (the message and the usage on stderr).
 */
@Command(
    name = "jlite",
    mixinStandardHelpOptions = true,
    versionProvider = JliteVersion.class,
    description = "Inspects, runs and benchmarks TensorFlow Lite (.tflite) models with JLite.",
    subcommands = {
      InspectCommand.class,
      RunCommand.class,
      BenchCommand.class,
      ConformanceCommand.class,
      PlanCommand.class,
      HelpCommand.class
    })
public final class Jlite implements Runnable {
  @Spec CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The {@code jlite} command line, configured as {@link #main} runs it: backend names in any case,
   * and user errors reported by {@link ErrorHandler}. Tests run commands through this and capture
   * {@link CommandLine#setOut} and {@link CommandLine#setErr}.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new Jlite())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new ErrorHandler());
  }

  /** {@code jlite} without a subcommand is a usage error. */
  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand (inspect, run, bench, plan)");
  }
}
