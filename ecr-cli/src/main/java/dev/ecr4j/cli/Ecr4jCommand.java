package dev.ecr4j.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code ecr4j} command. Run it in-process with {@code new CommandLine(new
 * Ecr4jCommand()).execute(args)}. {@link #newCommandLine()} also sets the shorter usage error
 * output and the internal error exit code that {@link #main} uses.
 */
@Command(
    name = "ecr4j",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks, normalizes and previews Amazon ECR lifecycle policies, and validates the other"
          + " ECR policy documents, locally. No AWS credentials or network access are needed.",
      ""
    },
    subcommands = {
      LifecycleCommand.class,
      PolicyCommand.class,
      EmulatorCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.INVALID_INPUT_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE
    })
public final class Ecr4jCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    CommandLine commandLine = newCommandLine();
    // JSON is UTF-8 by definition (RFC 8259), whatever the platform's default charset.
    PrintWriter out =
        new PrintWriter(
            new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    commandLine.setOut(out);
    int exitCode = commandLine.execute(args);
    out.flush();
    commandLine.getErr().flush();
    System.exit(exitCode);
  }

  /**
   * Creates the command line as {@link #main} runs it: usage errors print one line and a pointer to
   * {@code --help} instead of the whole help, and an unexpected exception exits with {@link
   * ExitCodes#INTERNAL_ERROR}.
   */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new Ecr4jCommand());
    commandLine.setParameterExceptionHandler(Ecr4jCommand::handleUsageError);
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parseResult) -> {
          PrintWriter err = failed.getErr();
          err.println(
              "error: internal error in ecr4j: "
                  + exception
                  + ". Please report it with the stack trace below.");
          exception.printStackTrace(err);
          return ExitCodes.INTERNAL_ERROR;
        });
    return commandLine;
  }

  /** Reports a missing subcommand as a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing command: choose one of "
            + LifecycleCommand.NAME
            + ", "
            + PolicyCommand.NAME
            + ", "
            + EmulatorCommand.NAME
            + ", help.");
  }

  private static int handleUsageError(ParameterException exception, String[] args) {
    CommandLine failed = exception.getCommandLine();
    PrintWriter err = failed.getErr();
    err.println("error: " + exception.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
    err.println(
        "Run '" + failed.getCommandSpec().qualifiedName() + " --help' for the usage and options.");
    return ExitCodes.USAGE;
  }
}
