package dev.ecr4j.cli;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Ecr4jException;
import dev.ecr4j.state.ApplyFailedException;
import dev.ecr4j.state.ApplyOptions;
import dev.ecr4j.state.ApplyResult;
import dev.ecr4j.state.Change;
import dev.ecr4j.state.Plan;
import dev.ecr4j.state.RegistrySpec;
import dev.ecr4j.state.StateEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecr4j apply SPEC [--auto-approve] [--allow-destructive]}. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Plans a registry specification (YAML or JSON) as plan does, prints the plan, asks for"
          + " confirmation, and makes the changes in dependency order. Stops at the first failure"
          + " and prints what was applied. Changes that delete something are refused unless"
          + " --allow-destructive is given.",
      ""
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      "0:The registry matches the specification, before or after the apply.",
      "1:The specification file is invalid, or the plan has conflicts that apply cannot resolve.",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE,
      "5:Nothing was changed: the apply was not confirmed, or the plan has destructive changes"
          + " without --allow-destructive.",
      ExitCodes.ECR_FAILURE_LINE
    })
final class ApplyCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  @SuppressWarnings("NullAway.Init") // picocli sets the required parameter before call()
  @Parameters(index = "0", paramLabel = "SPEC", description = "The specification file.")
  private Path file;

  @Option(
      names = "--auto-approve",
      description = "Apply without asking for confirmation on standard input.")
  private boolean autoApprove;

  @Option(
      names = "--allow-destructive",
      description =
          "Allow changes that delete repositories with their images, policies, configurations,"
              + " templates or rules.")
  private boolean allowDestructive;

  @Mixin private ConnectionOptions connection = new ConnectionOptions();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      RegistrySpec registrySpec = SpecInput.read(file);
      try (Ecr4jClient client = connection.client()) {
        Plan plan = PlanCommand.plan(client, registrySpec);
        SpecInput.printLines(out, plan.render(allowDestructive));
        if (plan.isEmpty()) {
          return ExitCodes.OK;
        }
        if (!plan.conflicts().isEmpty()) {
          throw new CliException(
              ExitCodes.INVALID_INPUT,
              "the plan has conflicts that apply cannot resolve, so nothing was changed; resolve"
                  + " them as each Fix line says, then apply again");
        }
        if (!plan.destructiveChanges().isEmpty() && !allowDestructive) {
          int count = plan.destructiveChanges().size();
          err.println(
              "error: the plan has "
                  + count
                  + (count == 1 ? " destructive change" : " destructive changes")
                  + ", so nothing was changed; review the plan and apply again with"
                  + " --allow-destructive");
          return ExitCodes.CHANGES_PENDING;
        }
        if (!autoApprove && !confirmed(out)) {
          err.println("Apply cancelled; nothing was changed.");
          return ExitCodes.CHANGES_PENDING;
        }
        return apply(client, plan, out, err);
      }
    } catch (CliException e) {
      e.print(err);
      return e.exitCode();
    }
  }

  private int apply(Ecr4jClient client, Plan plan, PrintWriter out, PrintWriter err) {
    ApplyOptions options =
        ApplyOptions.builder()
            .allowDestructiveChanges(allowDestructive)
            .listener(
                change -> {
                  out.println(Printable.escapeControlCharacters("applied: " + change));
                  out.flush();
                })
            .build();
    try {
      ApplyResult result = StateEngine.of(client).apply(plan, options);
      out.println(
          "Apply complete: "
              + result.applied().size()
              + (result.applied().size() == 1 ? " change" : " changes")
              + " applied.");
      return ExitCodes.OK;
    } catch (ApplyFailedException e) {
      List<String> details = new ArrayList<>();
      details.add("applied before the failure: " + e.applied().size());
      details.add("failed: " + e.failed());
      for (Change change : e.notAttempted()) {
        details.add("not attempted: " + change);
      }
      new CliException(
              ExitCodes.ECR_FAILURE,
              "apply stopped at the first failure: "
                  + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
                  + ". Run plan again to see what is left",
              details)
          .print(err);
      return ExitCodes.ECR_FAILURE;
    } catch (Ecr4jException e) {
      SpecInput.ecrFailure("Apply", e).print(err);
      return ExitCodes.ECR_FAILURE;
    }
  }

  /** Prompts on standard output and reads the reply from standard input; only "yes" confirms. */
  private static boolean confirmed(PrintWriter out) {
    out.print("Apply these changes? Only 'yes' is accepted: ");
    out.flush();
    try {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String reply = in.readLine();
      return reply != null && reply.trim().toLowerCase(Locale.ROOT).equals("yes");
    } catch (IOException e) {
      return false;
    }
  }
}
