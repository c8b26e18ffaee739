package dev.ecr4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ecr4j lifecycle}: the commands for lifecycle policy files. */
@Command(
    name = LifecycleCommand.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Validates, renders and previews Amazon ECR lifecycle policies, as ECR would treat them.",
      ""
    },
    subcommands = {
      ValidateCommand.class,
      RenderCommand.class,
      PreviewCommand.class,
      HelpCommand.class
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.INVALID_INPUT_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE,
      ExitCodes.OUT_OF_MEMORY_LINE
    })
final class LifecycleCommand implements Callable<Integer> {

  static final String NAME = "lifecycle";

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  /** Reports a missing subcommand as a usage error. */
  @Override
  public Integer call() {
    throw Ecr4jCommand.missingCommand(spec.commandLine());
  }
}
