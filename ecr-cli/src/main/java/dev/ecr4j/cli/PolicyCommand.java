package dev.ecr4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ecr4j policy}: the commands for every kind of policy document. */
@Command(
    name = PolicyCommand.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Validates Amazon ECR policy documents of every kind against the rules ECR enforces.",
      ""
    },
    subcommands = {PolicyValidateCommand.class, HelpCommand.class},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.INVALID_INPUT_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE,
      ExitCodes.OUT_OF_MEMORY_LINE
    })
final class PolicyCommand implements Callable<Integer> {

  static final String NAME = "policy";

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  /** Reports a missing subcommand as a usage error. */
  @Override
  public Integer call() {
    throw Ecr4jCommand.missingCommand(spec.commandLine());
  }
}
