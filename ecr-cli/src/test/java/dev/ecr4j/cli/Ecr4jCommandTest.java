package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class Ecr4jCommandTest {

  @Test
  void helpListsCommandsAndExitCodes() {
    CliRun run = CliRun.run("--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("Usage: ecr4j")
        .contains("lifecycle")
        .contains("Exit codes:")
        .contains("Invalid input")
        .contains("Usage error");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void lifecycleHelpListsSubcommands() {
    CliRun run = CliRun.run("lifecycle", "--help");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("validate").contains("render").contains("preview");
  }

  @Test
  void helpCommandShowsSubcommandHelp() {
    CliRun run = CliRun.run("help", "lifecycle");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Usage: ecr4j lifecycle");
  }

  @Test
  void helpCommandFollowsSubcommands() {
    CliRun run = CliRun.run("help", "lifecycle", "preview");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("Usage: ecr4j lifecycle preview ");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void subcommandsHaveHelpCommand() {
    CliRun lifecycle = CliRun.run("lifecycle", "help");
    CliRun preview = CliRun.run("lifecycle", "help", "preview");
    CliRun validate = CliRun.run("policy", "help", "validate");

    assertThat(lifecycle.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(lifecycle.out()).startsWith("Usage: ecr4j lifecycle ");
    assertThat(preview.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(preview.out()).startsWith("Usage: ecr4j lifecycle preview ");
    assertThat(validate.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(validate.out()).startsWith("Usage: ecr4j policy validate ");
  }

  @Test
  void helpForUnknownCommand() {
    CliRun run = CliRun.run("help", "lifecycle", "prune");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines())
        .containsExactly(
            "error: Unknown command 'prune': choose one of validate, render, preview, help.",
            "Run 'ecr4j lifecycle --help' for the usage and options.");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void subcommandHelpDocumentsExitCodes() {
    for (String command : new String[] {"validate", "render", "preview"}) {
      CliRun run = CliRun.run("lifecycle", command, "--help");

      assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.OK);
      assertThat(run.out())
          .as(command)
          .contains("Exit codes:")
          .contains("  2   Usage error")
          .contains("  4   Out of memory");
    }
  }

  @Test
  void versionNamesProduct() {
    CliRun run = CliRun.run("--version");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.outLines().get(0)).startsWith("ecr4j ");
    assertThat(run.outLines().get(1)).startsWith("Java ");
  }

  @Test
  void noCommandIsUsageError() {
    CliRun run = CliRun.run();

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines())
        .containsExactly(
            "error: Missing command: choose one of lifecycle, policy, push, pull, copy, plan, apply, import, emulator, demo, help.",
            "Run 'ecr4j --help' for the usage and options.");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void lifecycleWithoutSubcommandIsUsageError() {
    CliRun run = CliRun.run("lifecycle");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines())
        .first()
        .isEqualTo("error: Missing command: choose one of validate, render, preview, help.");
  }

  @Test
  void unknownSubcommandSuggestsClosest() {
    CliRun run = CliRun.run("lifecycle", "validat", "policy.json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines())
        .containsExactly(
            "error: Unknown command 'validat': choose one of validate, render, preview, help.",
            "Did you mean: lifecycle validate?",
            "Run 'ecr4j lifecycle --help' for the usage and options.");
  }

  @Test
  void unknownOptionNamedBeforeMissingParameters() {
    CliRun run = CliRun.run("push", "--bogus");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines().get(0))
        .startsWith("error: Unknown option: '--bogus' (and Missing required parameter");
  }

  @Test
  void unknownTopLevelCommand() {
    CliRun run = CliRun.run("frobnicate", "web-app:latest");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    // picocli may add a "Did you mean" line between these two.
    assertThat(run.errLines())
        .startsWith(
            "error: Unknown command 'frobnicate': choose one of lifecycle, policy, push, pull, copy, plan, apply, import, emulator, demo, help.")
        .endsWith("Run 'ecr4j --help' for the usage and options.");
  }

  @Test
  void unknownCommandWordedAlikeEverywhere() {
    CliRun topLevel = CliRun.run("prune");
    CliRun lifecycle = CliRun.run("lifecycle", "prune");
    CliRun help = CliRun.run("help", "prune");

    assertThat(topLevel.errLines().get(0))
        .isEqualTo(
            "error: Unknown command 'prune': choose one of lifecycle, policy, push, pull, copy, plan, apply, import, emulator, demo, help.");
    assertThat(help.errLines().get(0)).isEqualTo(topLevel.errLines().get(0));
    assertThat(lifecycle.errLines().get(0))
        .isEqualTo(
            "error: Unknown command 'prune': choose one of validate, render, preview, help.");
    assertThat(help.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(lifecycle.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void unknownCommandEscaped() {
    CliRun run = CliRun.run("lifecycle", "\u001b[2J\u202eweiverp");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines().get(0))
        .isEqualTo(
            "error: Unknown command '\\u001b[2J\\u202eweiverp': choose one of validate, render,"
                + " preview, help.");
  }

  @Test
  void extraArgumentIsNotUnknownCommand() {
    CliRun run = CliRun.run("lifecycle", "validate", "a.json", "b.json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines().get(0)).isEqualTo("error: Unmatched argument at index 3: 'b.json'");
  }

  @Test
  void unknownOptionIsUsageError() {
    CliRun run = CliRun.run("lifecycle", "validate", "--strict", "policy.json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("error: Unknown option: '--strict'");
  }

  @Test
  void missingFileArgumentIsUsageError() {
    CliRun run = CliRun.run("lifecycle", "validate");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines())
        .containsExactly(
            "error: Missing required parameter: 'FILE'",
            "Run 'ecr4j lifecycle validate --help' for the usage and options.");
  }

  @Test
  void plainCommandLineKeepsExitCodes() {
    assertThat(CliRun.runPlain().exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.runPlain("lifecycle", "validate").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.runPlain("lifecycle", "validate", "no-such-file.json").exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.runPlain("--version").exitCode()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void unexpectedExceptionIsInternalError() {
    CommandLine commandLine = Ecr4jCommand.newCommandLine();
    commandLine.addSubcommand("fail", new FailingCommand());

    CliRun run = CliRun.run(commandLine, "fail");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL_ERROR);
    assertThat(run.errLines().get(0))
        .isEqualTo(
            "error: internal error in ecr4j: java.lang.IllegalStateException: simulated bug."
                + " Please report it with the stack trace below.");
    assertThat(run.err()).contains("\tat dev.ecr4j.cli.Ecr4jCommandTest$FailingCommand.call");
  }

  @Test
  void outOfMemoryHasOwnExitCode() {
    CommandLine commandLine = Ecr4jCommand.newCommandLine();
    commandLine.addSubcommand("huge", new OutOfMemoryCommand());

    CliRun run = CliRun.run(commandLine, "huge");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OUT_OF_MEMORY);
    assertThat(run.errLines())
        .containsExactly(
            "error: out of memory (Java heap space); the input needs a larger Java heap, so run"
                + " java with a larger -Xmx, for example java -Xmx8g -jar ecr4j.jar ...");
  }

  /** A command whose input does not fit in the heap. */
  @Command(name = "huge")
  static final class OutOfMemoryCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  /** A command with a bug, to exercise the internal error handler. */
  @Command(name = "fail")
  static final class FailingCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("simulated bug");
    }
  }
}
