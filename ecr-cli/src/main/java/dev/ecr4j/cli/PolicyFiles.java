package dev.ecr4j.cli;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicyCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and checks lifecycle policy files for the {@code lifecycle} commands. */
final class PolicyFiles {

  /**
   * Files above this size are rejected unread. ECR accepts at most 30,720 characters of policy
   * text, so even a generously indented policy stays far below it, and a larger file is the wrong
   * file.
   */
  static final long MAX_POLICY_FILE_BYTES = 10L * 1024 * 1024;

  private PolicyFiles() {}

  /**
   * Reads and checks the policy in {@code file}, printing its warnings to {@code err}.
   *
   * @return the policy, which ECR would accept
   * @throws CliException with every violation when the policy is invalid, or when the file cannot
   *     be read
   */
  static LifecyclePolicy load(Path file, PrintWriter err) throws CliException {
    String text =
        InputFiles.readText(
            file,
            "policy file",
            MAX_POLICY_FILE_BYTES,
            "ECR accepts lifecycle policies of at most 30,720 characters, so this is not a policy"
                + " file; pass the lifecycle policy's JSON file");
    LifecyclePolicyCheck check = check(text);

    for (PolicyWarning warning : check.warnings()) {
      err.println("warning: " + Printable.escapeControlCharacters(warning.toString()));
    }
    LifecyclePolicy policy = check.policy();
    if (policy == null || !check.violations().isEmpty()) {
      List<String> lines = new ArrayList<>();
      for (PolicyViolation violation : check.violations()) {
        lines.add(violation.toString());
      }
      int count = check.violations().size();
      throw new CliException(
          ExitCodes.INVALID_INPUT,
          "policy file "
              + InputFiles.quoted(file)
              + " is not a valid lifecycle policy ("
              + count
              + (count == 1 ? " violation" : " violations")
              + "):",
          lines);
    }
    return policy;
  }

  /** Checks policy text completely: structure, ECR's rules, and warnings. */
  static LifecyclePolicyCheck check(String text) {
    return LifecyclePolicy.check(text);
  }
}
