package dev.ecr4j.core;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.iam.PolicyStatement;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@link RepositoryPolicy} for an ECR Public repository. The policy DSL's own rules apply
 * (principals, Sid, conditions, no Resource, length), except its action rules, which allow only
 * {@code ecr:} actions: an ECR Public policy grants {@code ecr-public:} actions instead, and those
 * are checked here.
 */
final class PublicPolicyRules {

  /** Every ECR Public API operation, and so every {@code ecr-public:} IAM action. */
  static final List<String> ACTIONS =
      List.of(
          "BatchCheckLayerAvailability",
          "BatchDeleteImage",
          "CompleteLayerUpload",
          "CreateRepository",
          "DeleteRepository",
          "DeleteRepositoryPolicy",
          "DescribeImageTags",
          "DescribeImages",
          "DescribeRegistries",
          "DescribeRepositories",
          "GetAuthorizationToken",
          "GetRegistryCatalogData",
          "GetRepositoryCatalogData",
          "GetRepositoryPolicy",
          "InitiateLayerUpload",
          "ListTagsForResource",
          "PutImage",
          "PutRegistryCatalogData",
          "PutRepositoryCatalogData",
          "SetRepositoryPolicy",
          "TagResource",
          "UntagResource",
          "UploadLayerPart");

  private static final String SUBJECT = "ECR Public repository policy";
  private static final String PREFIX = "ecr-public:";

  // The DSL's paths of action entries: $.Statement[0].Action, $.Statement[0].NotAction[2].
  private static final Pattern ACTION_PATH =
      Pattern.compile("\\$\\.Statement\\[\\d+]\\.(Not)?Action(\\[\\d+])?");
  private static final Pattern STATEMENT_INDEX = Pattern.compile("\\$\\.Statement\\[(\\d+)]");

  private PublicPolicyRules() {}

  /**
   * Checks {@code policy} and returns its JSON text.
   *
   * @throws InvalidPolicyException listing every violation
   */
  static String validate(RepositoryPolicy policy) {
    List<PolicyViolation> violations = violations(policy);
    if (!violations.isEmpty()) {
      throw new InvalidPolicyException(SUBJECT, violations);
    }
    return policy.toJson();
  }

  /** Lists every reason ECR Public would reject {@code policy}, in statement order. */
  static List<PolicyViolation> violations(RepositoryPolicy policy) {
    List<PolicyViolation> violations = new ArrayList<>();
    for (PolicyViolation violation : policy.violations()) {
      if (!ACTION_PATH.matcher(violation.path()).matches()) {
        violations.add(violation);
      }
    }
    List<PolicyStatement> statements = policy.statements();
    for (int i = 0; i < statements.size(); i++) {
      checkActions(statements.get(i), "$.Statement[" + i + "]", violations);
    }
    violations.sort(Comparator.comparingInt(PublicPolicyRules::statementIndex));
    return violations;
  }

  private static void checkActions(
      PolicyStatement statement, String path, List<PolicyViolation> violations) {
    boolean hasAction = !statement.actions().isEmpty();
    boolean hasNotAction = !statement.notActions().isEmpty();
    if (hasAction && hasNotAction) {
      violations.add(
          violation(
              path + ".NotAction",
              "A statement may have Action or NotAction, not both.",
              "Keep one of them; split the statement if it needs both."));
    }
    if (!hasAction && !hasNotAction) {
      violations.add(
          violation(
              path + ".Action",
              "The statement has no Action.",
              "Add the actions it grants or denies, such as the push actions"
                  + " ecr-public:InitiateLayerUpload, ecr-public:UploadLayerPart,"
                  + " ecr-public:CompleteLayerUpload, ecr-public:PutImage and"
                  + " ecr-public:BatchCheckLayerAvailability."));
    }
    checkNames(statement.actions(), path + ".Action", violations);
    checkNames(statement.notActions(), path + ".NotAction", violations);
  }

  private static void checkNames(
      List<String> actions, String elementPath, List<PolicyViolation> violations) {
    for (int i = 0; i < actions.size(); i++) {
      String action = actions.get(i);
      String path = actions.size() == 1 ? elementPath : elementPath + "[" + i + "]";
      if (action.equals("*")) {
        continue;
      }
      int colon = action.indexOf(':');
      String service = colon < 0 ? "" : action.substring(0, colon);
      String name = action.substring(colon + 1);
      if (!service.equalsIgnoreCase("ecr-public")) {
        Optional<String> known = known(name);
        violations.add(
            violation(
                path,
                "\""
                    + action
                    + "\" is not an ECR Public action; an ECR Public repository policy controls"
                    + " ecr-public: actions only.",
                known
                    .map(match -> "Write it as \"" + PREFIX + match + "\".")
                    .orElse(
                        "Use an ECR Public action, such as "
                            + PREFIX
                            + "BatchCheckLayerAvailability or "
                            + PREFIX
                            + "PutImage.")));
        continue;
      }
      if (name.contains("*") || name.contains("?")) {
        if (matching(name).isEmpty()) {
          violations.add(
              violation(
                  path,
                  "The wildcard \"" + action + "\" matches no ECR Public action.",
                  "Correct the pattern; known actions include ecr-public:Describe*,"
                      + " ecr-public:Get* and ecr-public:Put*."));
        }
        continue;
      }
      if (known(name).isEmpty()) {
        violations.add(
            violation(
                path,
                "\"" + action + "\" is not an ECR Public action.",
                "Use one of the ECR Public API's operations, such as ecr-public:PutImage: "
                    + String.join(", ", ACTIONS)
                    + "."));
      }
    }
  }

  /** Returns the ECR Public action named {@code name}, ignoring case as IAM does. */
  private static Optional<String> known(String name) {
    return ACTIONS.stream().filter(action -> action.equalsIgnoreCase(name)).findFirst();
  }

  private static List<String> matching(String wildcard) {
    StringBuilder regex = new StringBuilder();
    for (char c : wildcard.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    Pattern pattern = Pattern.compile(regex.toString());
    return ACTIONS.stream()
        .filter(action -> pattern.matcher(action.toLowerCase(Locale.ROOT)).matches())
        .toList();
  }

  private static int statementIndex(PolicyViolation violation) {
    Matcher matcher = STATEMENT_INDEX.matcher(violation.path());
    return matcher.lookingAt() ? Integer.parseInt(matcher.group(1)) : -1;
  }

  private static PolicyViolation violation(String path, String message, String fix) {
    return new PolicyViolation(path, null, message, fix, null);
  }
}
