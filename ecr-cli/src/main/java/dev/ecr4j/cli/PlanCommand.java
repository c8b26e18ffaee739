package dev.ecr4j.cli;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.state.Plan;
import dev.ecr4j.state.RegistrySpec;
import dev.ecr4j.state.StateEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecr4j plan SPEC}. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Compares a registry specification (YAML or JSON) with the live registry and prints the"
          + " changes that apply would make: + create, ~ update, - delete, -/+ replace, and !"
          + " for conflicts that apply cannot resolve. Only reads; changes nothing.",
      ""
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      "0:The registry matches the specification.",
      "1:The specification file is invalid; every problem is printed.",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE,
      ExitCodes.CHANGES_PENDING_LINE,
      ExitCodes.ECR_FAILURE_LINE
    })
final class PlanCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  @SuppressWarnings("NullAway.Init") // picocli sets the required parameter before call()
  @Parameters(index = "0", paramLabel = "SPEC", description = "The specification file.")
  private Path file;

  @Mixin private ConnectionOptions connection = new ConnectionOptions();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      RegistrySpec registrySpec = SpecInput.read(file);
      try (Ecr4jClient client = connection.client()) {
        Plan plan = plan(client, registrySpec);
        SpecInput.printLines(out, plan.render());
        return plan.isEmpty() ? ExitCodes.OK : ExitCodes.CHANGES_PENDING;
      }
    } catch (CliException e) {
      e.print(err);
      return e.exitCode();
    }
  }

  /**
   * Plans {@code registrySpec}, turning a specification for another registry and ECR failures into
   * command errors.
   */
  static Plan plan(Ecr4jClient client, RegistrySpec registrySpec) throws CliException {
    try {
      return StateEngine.of(client).plan(registrySpec);
    } catch (Ecr4jException e) {
      throw SpecInput.ecrFailure("Reading the registry", e);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.INVALID_INPUT, String.valueOf(e.getMessage()));
    }
  }
}
