package dev.ecr4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
      "Pushes, pulls and copies images between registries and local formats, without a Docker"
          + " daemon.",
      "plan, apply and import manage a registry as code. They call ECR, so they need"
          + " credentials and a region.",
      "demo shows all of it against an embedded ECR emulator, with no AWS account; emulator"
          + " runs that emulator on its own.",
      ""
    },
    subcommands = {
      LifecycleCommand.class,
      PolicyCommand.class,
      PushCommand.class,
      PullCommand.class,
      CopyCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      ImportCommand.class,
      EmulatorCommand.class,
      DemoCommand.class,
      HelpCommand.class
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.INVALID_INPUT_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE,
      ExitCodes.OUT_OF_MEMORY_LINE,
      ExitCodes.CHANGES_PENDING_LINE,
      ExitCodes.ECR_FAILURE_LINE
    })
public final class Ecr4jCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    CommandLine commandLine = newCommandLine();
    // JSON is UTF-8 by definition (RFC 8259), whatever the platform's default charset.
    StandardOutput stdout = new StandardOutput();
    PrintWriter out =
        new PrintWriter(new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8)));
    commandLine.setOut(out);
    int exitCode = execute(commandLine, args);
    out.flush();
    exitCode = checkOutput(exitCode, stdout, commandLine.getErr());
    commandLine.getErr().flush();
    System.exit(exitCode);
  }

  /**
   * Returns {@code exitCode}, or {@link ExitCodes#INVALID_INPUT} with one line on {@code err} when
   * the command succeeded but writing its output failed: its output is then incomplete.
   */
  static int checkOutput(int exitCode, StandardOutput stdout, PrintWriter err) {
    IOException failure = stdout.failure();
    if (failure == null || exitCode != ExitCodes.OK) {
      return exitCode;
    }
    err.println(
        "error: writing to standard output failed ("
            + failure.getMessage()
            + "), so the output is incomplete. Check the disk or file it goes to.");
    return ExitCodes.INVALID_INPUT;
  }

  /**
   * Executes {@code args} on {@code commandLine}, as {@link #main} does. An {@link
   * OutOfMemoryError} ends the command with one line of advice and {@link ExitCodes#OUT_OF_MEMORY},
   * because it comes from an input too large for the heap, not from a bug.
   */
  static int execute(CommandLine commandLine, String[] args) {
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      // After unwinding, what the command held is unreachable, so the heap has room for one line.
      commandLine
          .getErr()
          .println(
              "error: out of memory ("
                  + e.getMessage()
                  + "); the input needs a larger Java heap, so run java with a larger -Xmx, for"
                  + " example java -Xmx8g -jar ecr4j.jar ...");
      return ExitCodes.OUT_OF_MEMORY;
    }
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
    throw missingCommand(spec.commandLine());
  }

  /** Builds the usage error of a command that needs a subcommand but was given none. */
  static ParameterException missingCommand(CommandLine command) {
    return new ParameterException(
        command, "Missing command: choose one of " + subcommandNames(command) + ".");
  }

  /** Returns the message for {@code name}, an unknown subcommand of {@code parent}. */
  static String unknownCommand(CommandLine parent, String name) {
    return "Unknown command '" + name + "': choose one of " + subcommandNames(parent) + ".";
  }

  private static String subcommandNames(CommandLine command) {
    return String.join(", ", command.getSubcommands().keySet());
  }

  private static int handleUsageError(ParameterException exception, String[] args) {
    CommandLine failed = exception.getCommandLine();
    PrintWriter err = failed.getErr();
    String message = exception.getMessage();
    if (exception instanceof CommandLine.UnmatchedArgumentException unmatched
        && isUnknownCommand(failed, unmatched)) {
      message = unknownCommand(failed, unmatched.getUnmatched().get(0));
    } else if (exception instanceof CommandLine.MissingParameterException) {
      // picocli checks required parameters before it reports unknown options, so a mistyped
      // option would otherwise hide behind "Missing required parameter". Name it first.
      String unknown = firstUnknownOption(failed);
      if (unknown != null) {
        message = "Unknown option: '" + unknown + "' (and " + message + ")";
      }
    }
    // The message can echo command-line arguments, which may contain control characters.
    err.println("error: " + Printable.escapeControlCharacters(String.valueOf(message)));
    CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
    err.println(
        "Run '" + failed.getCommandSpec().qualifiedName() + " --help' for the usage and options.");
    return ExitCodes.USAGE;
  }

  /** Returns the first argument of {@code command} that looks like an option it does not have. */
  private static @Nullable String firstUnknownOption(CommandLine command) {
    for (String argument : command.getUnmatchedArguments()) {
      if (argument.startsWith("-") && !argument.equals("-")) {
        return argument;
      }
    }
    return null;
  }

  /**
   * Returns true when the first unmatched argument is in the place of a subcommand of {@code
   * failed}, because the command has subcommands and no positional parameters, and the argument is
   * not an option.
   */
  private static boolean isUnknownCommand(
      CommandLine failed, CommandLine.UnmatchedArgumentException unmatched) {
    List<String> arguments = unmatched.getUnmatched();
    return !failed.getSubcommands().isEmpty()
        && failed.getCommandSpec().positionalParameters().isEmpty()
        && !arguments.isEmpty()
        && !arguments.get(0).startsWith("-");
  }
}
