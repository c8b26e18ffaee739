package dev.ecr4j.cli;

/**
 * The exit codes of every {@code ecr4j} command, and their lines in the help text. Scripts rely on
 * them, so they never change meaning.
 */
final class ExitCodes {

  /** The command did what was requested. */
  static final int OK = 0;

  /**
   * A policy or images file was read but its content is invalid, a transfer failed, or the output
   * could not be written.
   */
  static final int INVALID_INPUT = 1;

  /** The command line is wrong, or a named file does not exist or cannot be read. */
  static final int USAGE = 2;

  /** ecr4j itself failed: a bug. */
  static final int INTERNAL_ERROR = 3;

  /** The Java heap was too small for the input, such as an images file of a million images. */
  static final int OUT_OF_MEMORY = 4;

  /**
   * {@code plan} and {@code apply}: the registry differs from the specification and nothing was
   * changed. Not 2, which already means a usage error.
   */
  static final int CHANGES_PENDING = 5;

  /** A call to ECR failed, or no credentials were found; {@code apply} lists what it applied. */
  static final int ECR_FAILURE = 6;

  static final String HEADING = "%nExit codes:%n";
  static final String OK_LINE = "0:Success.";
  static final String INVALID_INPUT_LINE =
      "1:Invalid input: a policy or images file has invalid content, an image transfer failed, or"
          + " standard output could not be written. Every problem is printed to standard error.";
  static final String USAGE_LINE =
      "2:Usage error: an unknown option or command, a missing argument, an empty file name, or a"
          + " file that does not exist, is a directory or cannot be read.";
  static final String INTERNAL_ERROR_LINE =
      "3:Internal error in ecr4j. Please report it with the printed stack trace.";
  static final String OUT_OF_MEMORY_LINE =
      "4:Out of memory: the input needs a larger Java heap. Run java with a larger -Xmx, such as"
          + " java -Xmx8g -jar ecr4j.jar.";

  static final String CHANGES_PENDING_LINE =
      "5:The registry differs from the specification (changes or conflicts), and nothing was"
          + " changed.";
  static final String ECR_FAILURE_LINE =
      "6:A call to ECR failed, or no AWS credentials were found. apply prints what it applied"
          + " before the failure.";

  private ExitCodes() {}
}
