package dev.ecr4j.cli;

import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecr4j lifecycle render FILE}. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints a lifecycle policy in normalized form: rules sorted by rulePriority, keys in a fixed"
          + " order, no null values. The output parses back to the same policy.",
      "Warnings go to standard error. An invalid policy prints its violations instead.",
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
final class RenderCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  @SuppressWarnings("NullAway.Init") // picocli sets the required parameter before call()
  @Parameters(index = "0", paramLabel = "FILE", description = "The lifecycle policy JSON file.")
  private Path file;

  @Option(
      names = "--minified",
      description =
          "Print the policy on one line, exactly as ECR stores it and as put-lifecycle-policy"
              + " expects it, instead of indented.")
  private boolean minified;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      LifecyclePolicy policy = PolicyFiles.load(file, err);
      out.println(minified ? policy.toJson() : policy.toPrettyJson());
      return ExitCodes.OK;
    } catch (CliException e) {
      e.print(err);
      return e.exitCode();
    }
  }
}
