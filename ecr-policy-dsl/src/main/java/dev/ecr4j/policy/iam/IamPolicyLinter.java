package dev.ecr4j.policy.iam;

import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds permission policy statements that ECR accepts but that almost surely do not do what their
 * author meant. Each finding is a {@link PolicyWarning}, never an error.
 */
final class IamPolicyLinter {

  /** The shape of an AWS Organizations ID. */
  private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");

  private static final String SET_REPOSITORY_POLICY = "ecr:SetRepositoryPolicy";
  private static final String GET_AUTHORIZATION_TOKEN = "ecr:GetAuthorizationToken";

  private final IamPolicyValidator.Kind kind;
  private final List<PolicyWarning> warnings = new ArrayList<>();

  private IamPolicyLinter(IamPolicyValidator.Kind kind) {
    this.kind = kind;
  }

  static List<PolicyWarning> warnings(
      IamPolicyValidator.Kind kind,
      PolicyVersion version,
      List<PolicyStatement> statements,
      List<String> paths) {
    IamPolicyLinter linter = new IamPolicyLinter(kind);
    for (int i = 0; i < statements.size(); i++) {
      PolicyStatement statement = statements.get(i);
      String path = paths.get(i);
      linter.checkEveryone(statement, path);
      linter.checkSessionPrincipals(statement, path);
      linter.checkNotPrincipal(statement, path);
      if (kind == IamPolicyValidator.Kind.REPOSITORY) {
        linter.checkAuthorizationToken(statement, path);
        linter.checkLockout(statement, path);
      }
      linter.checkConditions(statement, path);
      if (version == PolicyVersion.V2008_10_17) {
        linter.checkPolicyVariables(statement, path);
      }
    }
    return List.copyOf(linter.warnings);
  }

  private void checkEveryone(PolicyStatement statement, String path) {
    boolean everyone = statement.principals().stream().anyMatch(Principal::isEveryone);
    if (statement.effect() != Effect.ALLOW || !everyone || !statement.conditions().isEmpty()) {
      return;
    }
    warn(
        path + ".Principal",
        "The statement allows \"*\", every AWS identity in every account, without a condition.",
        "Narrow it with a condition such as {\"StringEquals\": {\"aws:PrincipalOrgID\":"
            + " \"o-a1b2c3d4e5\"}}, or name the accounts instead.");
  }

  private void checkSessionPrincipals(PolicyStatement statement, String path) {
    List<Principal> principals = new ArrayList<>(statement.principals());
    principals.addAll(statement.notPrincipals());
    for (Principal principal : principals) {
      if (!IamGrammar.isAssumedRole(principal)) {
        continue;
      }
      warn(
          path + ".Principal",
          "\""
              + principal.value()
              + "\" is an assumed-role session. ECR may rewrite session principals when it stores"
              + " the policy, so the stored policy can differ from this one on every comparison,"
              + " and the grant covers only sessions of that name.",
          "Grant the role instead: " + roleArnOf(principal.value()) + ".");
    }
  }

  /** Derives arn:partition:iam::account:role/name from an assumed-role session ARN. */
  private static String roleArnOf(String sessionArn) {
    String[] parts = sessionArn.split(":", 6);
    String roleName = parts[5].substring("assumed-role/".length()).split("/")[0];
    return "arn:"
        + parts[1]
        + ":iam::"
        + parts[4]
        + ":role/"
        + roleName
        + " (add the role's path if it has one)";
  }

  private void checkNotPrincipal(PolicyStatement statement, String path) {
    if (statement.notPrincipals().isEmpty()) {
      return;
    }
    String message =
        statement.effect() == Effect.ALLOW
            ? "NotPrincipal with Allow grants the actions to every identity in every account"
                + " except the ones listed."
            : "NotPrincipal is hard to get right: a Deny with NotPrincipal also denies the"
                + " sessions of a listed role unless they are listed too.";
    warn(
        path + ".NotPrincipal",
        message,
        "Use \"Principal\": \"*\" with a condition on aws:PrincipalArn instead, such as"
            + " {\"ArnNotEquals\": {\"aws:PrincipalArn\":"
            + " \"arn:aws:iam::123456789012:role/admin\"}}.");
  }

  /**
   * NOTE: whether ECR ignores or rejects {@code ecr:GetAuthorizationToken} in a repository policy
   * is unconfirmed. Either way the grant has no effect, so it is a warning.
   */
  private void checkAuthorizationToken(PolicyStatement statement, String path) {
    List<String> actions = statement.actions();
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i).equalsIgnoreCase(GET_AUTHORIZATION_TOKEN)) {
        warn(
            IamPolicyValidator.entryPath(path + ".Action", i, actions.size()),
            "ecr:GetAuthorizationToken is authorized for the registry, not for a repository, so a"
                + " repository policy cannot grant it.",
            "Remove it, and grant it in the principal's identity policy with \"Resource\":"
                + " \"*\"; pulls and pushes fail to authenticate without it.");
      }
    }
  }

  private void checkLockout(PolicyStatement statement, String path) {
    if (statement.effect() != Effect.DENY || !coversSetRepositoryPolicy(statement)) {
      return;
    }
    warn(
        path,
        "The statement denies ecr:SetRepositoryPolicy. If it applies to the caller,"
            + " SetRepositoryPolicy rejects the policy unless called with force=true, and"
            + " afterwards that caller cannot change or fix the repository policy.",
        "Exclude the administrators, for example with {\"ArnNotEquals\": {\"aws:PrincipalArn\":"
            + " \"arn:aws:iam::123456789012:role/admin\"}}, or deny narrower actions.");
  }

  private static boolean coversSetRepositoryPolicy(PolicyStatement statement) {
    for (String action : statement.actions()) {
      if (action.equals("*") || EcrActions.matching(action).contains(SET_REPOSITORY_POLICY)) {
        return true;
      }
    }
    if (statement.notActions().isEmpty()) {
      return false;
    }
    for (String action : statement.notActions()) {
      if (action.equals("*") || EcrActions.matching(action).contains(SET_REPOSITORY_POLICY)) {
        return false;
      }
    }
    return true;
  }

  private void checkConditions(PolicyStatement statement, String path) {
    for (Condition condition : statement.conditions()) {
      String conditionPath =
          path + ".Condition['" + condition.operator() + "']['" + condition.key() + "']";
      String key = condition.key().toLowerCase(Locale.ROOT);
      IamConditions.Operator operator = IamConditions.split(condition.operator());
      boolean multivalued = IamConditions.MULTIVALUED_KEYS.contains(key);

      if (multivalued && operator.qualifier() == null && !operator.base().equals("Null")) {
        warn(
            conditionPath,
            "\""
                + condition.key()
                + "\" can have several values in one request, and a condition without"
                + " ForAnyValue: or ForAllValues: compares them as one string.",
            "Write \"ForAnyValue:" + condition.operator() + "\".");
      }
      String qualifier = operator.qualifier();
      boolean knownSingleValued =
          !multivalued && key.startsWith("aws:") && IamConditions.isKnownGlobalKey(key);
      if (knownSingleValued && qualifier != null) {
        String risk =
            qualifier.equals(IamConditions.FOR_ALL_VALUES)
                ? " ForAllValues: also matches requests that lack the key."
                : "";
        warn(
            conditionPath,
            "\""
                + condition.key()
                + "\" has one value per request, and IAM advises against set operators on"
                + " single-valued keys."
                + risk,
            "Write \"" + condition.operator().substring(qualifier.length()) + "\".");
      }
      if (key.startsWith("aws:") && !IamConditions.isKnownGlobalKey(key)) {
        Optional<String> suggestion =
            PolicyJson.closest(key, IamConditions.globalKeysByLowerCase().keySet())
                .map(lowerCase -> IamConditions.globalKeysByLowerCase().get(lowerCase));
        warn(
            conditionPath,
            "\""
                + condition.key()
                + "\" is not an AWS global condition key, so a request never has it and the"
                + " condition never matches (or always does, with IfExists or a Not operator).",
            suggestion
                .map(known -> "Did you mean \"" + known + "\"?")
                .orElse("Check the key against the IAM User Guide's list of global keys."));
      }
      checkConditionValues(condition, key, conditionPath);
    }
  }

  private void checkConditionValues(Condition condition, String key, String path) {
    for (String value : condition.values()) {
      if (key.equals("aws:principalorgid")
          && !ORGANIZATION_ID.matcher(value).matches()
          && !value.contains("*")
          && !value.contains("$")) {
        warn(
            path,
            "\"" + value + "\" is not an organization ID, which looks like o-a1b2c3d4e5.",
            "Copy the ID from AWS Organizations; an organization path belongs in"
                + " aws:PrincipalOrgPaths.");
      }
      if (key.equals("aws:sourceaccount")
          && !IamGrammar.ACCOUNT_ID.matcher(value).matches()
          && !value.contains("*")
          && !value.contains("$")) {
        warn(
            path,
            "\"" + value + "\" is not a 12-digit account ID.",
            "Write the account ID of the resource that calls ECR through the service.");
      }
    }
  }

  private void checkPolicyVariables(PolicyStatement statement, String path) {
    String text = statement.toJson();
    if (text.contains("${")) {
      warn(
          path,
          "The statement contains a policy variable such as ${aws:username}, but the policy's"
              + " Version is 2008-10-17, in which policy variables are plain text.",
          "Set \"Version\": \"2012-10-17\".");
    }
  }

  private void warn(String path, String message, String hint) {
    warnings.add(new PolicyWarning(path, null, message, hint));
  }
}
