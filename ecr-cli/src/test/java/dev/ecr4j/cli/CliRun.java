package dev.ecr4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** The outcome of one in-process run of the {@code ecr4j} command, with its captured output. */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code args} as {@link Ecr4jCommand#main} does, without exiting the JVM. */
  static CliRun run(String... args) {
    return run(Ecr4jCommand.newCommandLine(), args);
  }

  /** Runs {@code args} on a command line without ecr4j's error handlers. */
  static CliRun runPlain(String... args) {
    return run(new CommandLine(new Ecr4jCommand()), args);
  }

  /**
   * Runs {@code args} on {@code commandLine} as {@link Ecr4jCommand#main} does, capturing its
   * output.
   */
  static CliRun run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = Ecr4jCommand.execute(commandLine, args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /** Returns the lines of standard error. */
  List<String> errLines() {
    return err.lines().toList();
  }

  /** Returns the lines of standard output. */
  List<String> outLines() {
    return out.lines().toList();
  }
}
