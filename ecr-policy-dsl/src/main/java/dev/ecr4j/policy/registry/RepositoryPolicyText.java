package dev.ecr4j.policy.registry;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks for a repository policy held as JSON text.
 *
 * <p>NOTE: a repository creation template keeps its repository policy as text until the permission
 * policy package can type it; only the limits that need no IAM knowledge are checked here: a JSON
 * object of at most 10,240 characters.
 */
final class RepositoryPolicyText {

  /** The {@code RepositoryPolicyText} limit of the API model. */
  static final int MAX_LENGTH = 10_240;

  private RepositoryPolicyText() {}

  /** Checks that {@code text} is a JSON object that fits ECR's limit. */
  static void check(List<PolicyViolation> out, String path, String text) {
    int length = Constraints.length(text);
    if (length > MAX_LENGTH) {
      Constraints.add(
          out,
          path,
          "The repository policy is "
              + Constraints.characters(length)
              + " long; ECR allows at most "
              + MAX_LENGTH
              + ".",
          "Remove whitespace or statements, or merge statements that grant the same actions.");
    }

    JsonNode tree;
    try {
      tree = PolicyJson.readTree(text);
    } catch (PolicyJson.MalformedJsonException e) {
      Constraints.add(
          out,
          path,
          "The repository policy is not valid JSON: " + e.getMessage() + ".",
          "Correct the JSON syntax; a repository policy is an object such as {\"Version\":"
              + " \"2012-10-17\", \"Statement\": [...]}.");
      return;
    }
    if (!tree.isObject()) {
      Constraints.add(
          out,
          path,
          "The repository policy must be a JSON object, but it is "
              + PolicyJson.typeName(tree)
              + ".",
          "Write it as {\"Version\": \"2012-10-17\", \"Statement\": [...]}.");
    }
  }

  /**
   * Returns the policy's JSON tree, which compares equal for texts that differ only in whitespace
   * and key order, or empty when the text is not JSON.
   */
  static Optional<JsonNode> tree(String text) {
    try {
      return Optional.of(PolicyJson.readTree(text));
    } catch (PolicyJson.MalformedJsonException e) {
      return Optional.empty();
    }
  }
}
