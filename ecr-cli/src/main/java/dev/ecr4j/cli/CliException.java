package dev.ecr4j.cli;

import java.io.PrintWriter;
import java.util.List;

/**
 * An expected failure of a command, such as a missing file or an invalid policy: it is printed as
 * an {@code error:} line, followed by detail lines, and ends the command with {@link #exitCode()}.
 * It never produces a stack trace.
 */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  @SuppressWarnings("serial") // List.copyOf returns a serializable list of strings.
  private final List<String> details;

  CliException(int exitCode, String message) {
    this(exitCode, message, List.of());
  }

  CliException(int exitCode, String message, List<String> details) {
    super(message);
    this.exitCode = exitCode;
    this.details = List.copyOf(details);
  }

  /** Returns {@link ExitCodes#INVALID_INPUT} or {@link ExitCodes#USAGE}. */
  int exitCode() {
    return exitCode;
  }

  /**
   * Prints the message as an {@code error:} line, then each detail line indented, with control
   * characters escaped.
   */
  void print(PrintWriter err) {
    err.println("error: " + Printable.escapeControlCharacters(String.valueOf(getMessage())));
    for (String detail : details) {
      err.println("  " + Printable.escapeControlCharacters(detail));
    }
  }
}
