package dev.ecr4j.cli;

import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecr4j policy validate --kind KIND FILE}. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks a policy document of the given kind against the rules ECR enforces.",
      "Prints \"valid: KIND\" to standard output, or every violation to standard error, one a"
          + " line. Documents that ECR accepts but that look like mistakes get \"warning:\" lines"
          + " on standard error.",
      ""
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:The document is invalid, or the file is not UTF-8 JSON or is larger than 10 MiB.",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_ERROR_LINE,
      ExitCodes.OUT_OF_MEMORY_LINE
    })
final class PolicyValidateCommand implements Callable<Integer> {

  /** No ECR policy document comes near this size; the largest, a lifecycle policy, is 30,720. */
  static final long MAX_DOCUMENT_BYTES = 10L * 1024 * 1024;

  @SuppressWarnings("NullAway.Init") // picocli injects the spec before call()
  @Spec
  private CommandSpec spec;

  @SuppressWarnings("NullAway.Init") // picocli sets the required option before call()
  @Option(
      names = {"-k", "--kind"},
      required = true,
      paramLabel = "KIND",
      converter = PolicyKindConverter.class,
      description = "The kind of document: ${COMPLETION-CANDIDATES}.",
      completionCandidates = PolicyKindNames.class)
  private PolicyKind kind;

  @Option(
      names = "--registry-policy-scope",
      paramLabel = "SCOPE",
      defaultValue = "V2",
      description =
          "The account's REGISTRY_POLICY_SCOPE setting, ${COMPLETION-CANDIDATES}; a registry"
              + " policy of scope V1 may only grant ecr:ReplicateImage, ecr:BatchImportUpstreamImage"
              + " and ecr:CreateRepository. Default: ${DEFAULT-VALUE}.")
  private RegistryPolicyScope scope = RegistryPolicyScope.V2;

  @SuppressWarnings("NullAway.Init") // picocli sets the required parameter before call()
  @Parameters(index = "0", paramLabel = "FILE", description = "The JSON document to check.")
  private Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      String text =
          InputFiles.readText(
              file,
              kind.cliName() + " file",
              MAX_DOCUMENT_BYTES,
              "no ECR policy document is that large; pass " + kind.description());
      PolicyCheck<?> check = kind.check(text, scope);

      for (PolicyWarning warning : check.warnings()) {
        err.println("warning: " + Printable.escapeControlCharacters(warning.toString()));
      }
      if (!check.isValid()) {
        List<String> lines = new ArrayList<>();
        for (PolicyViolation violation : check.violations()) {
          lines.add(violation.toString());
        }
        int count = check.violations().size();
        throw new CliException(
            ExitCodes.INVALID_INPUT,
            kind.cliName()
                + " file "
                + InputFiles.quoted(file)
                + " is invalid ("
                + count
                + (count == 1 ? " violation" : " violations")
                + "):",
            lines);
      }
      out.println("valid: " + kind.cliName());
      return ExitCodes.OK;
    } catch (CliException e) {
      e.print(err);
      return e.exitCode();
    }
  }

  /** Converts {@code --kind} values, with a message that lists the kinds. */
  static final class PolicyKindConverter implements picocli.CommandLine.ITypeConverter<PolicyKind> {
    @Override
    public PolicyKind convert(String value) {
      try {
        return PolicyKind.fromCliName(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** The kind names, for help text and shell completion. */
  static final class PolicyKindNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    PolicyKindNames() {
      for (PolicyKind kind : PolicyKind.values()) {
        add(kind.cliName());
      }
    }
  }
}
