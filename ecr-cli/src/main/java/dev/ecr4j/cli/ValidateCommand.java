package dev.ecr4j.cli;

import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecr4j lifecycle validate FILE}. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks a lifecycle policy file against the rules ECR enforces when the policy is put.",
      "Prints \"valid: N rules\" to standard output, or every violation to standard error, one a"
          + " line. Policies that ECR accepts but that look like mistakes get \"warning:\" lines"
          + " on standard error.",
      ""
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:The policy is invalid, or the file is not UTF-8 JSON or is larger than 10 MiB.",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE,
      ExitCodes.OUT_OF_MEMORY_LINE
    })
final class ValidateCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  @SuppressWarnings("NullAway.Init") // picocli sets the required parameter before call()
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description =
          "The lifecycle policy JSON file, as written by hand or as ECR returns it"
              + " (lifecyclePolicyText).")
  private Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      LifecyclePolicy policy = PolicyFiles.load(file, err);
      int count = policy.rules().size();
      out.println("valid: " + count + (count == 1 ? " rule" : " rules"));
      return ExitCodes.OK;
    } catch (CliException e) {
      e.print(err);
      return e.exitCode();
    }
  }
}
