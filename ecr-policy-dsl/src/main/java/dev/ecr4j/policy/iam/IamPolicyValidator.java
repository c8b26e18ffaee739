package dev.ecr4j.policy.iam;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.internal.PolicyJson;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks permission policy statements against the rules ECR enforces when a repository policy is
 * set ({@code SetRepositoryPolicy}) or a registry policy is put ({@code PutRegistryPolicy}). Every
 * violation is reported, with its JSON path, what ECR allows and the fix, and with ECR's own text
 * where it has been observed.
 */
final class IamPolicyValidator {

  /** The two kinds of ECR permission policy, which differ in their rules for resources. */
  enum Kind {
    REPOSITORY("repository policy", "Repository policy"),
    REGISTRY("registry policy", "Registry policy");

    /** The kind in a sentence, such as "repository policy". */
    final String subject;

    /** The kind at the start of a sentence, such as "Repository policy". */
    final String title;

    Kind(String subject, String title) {
      this.subject = subject;
      this.title = title;
    }
  }

  /** ECR's limit on the policy text of SetRepositoryPolicy and PutRegistryPolicy, in characters. */
  static final int MAX_TEXT_LENGTH = 10_240;

  static final String INVALID_REPOSITORY_POLICY =
      "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy"
          + " provided'";
  static final String INVALID_REGISTRY_POLICY =
      "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid registry policy"
          + " provided'";

  /** IAM's statement ID charset. */
  private static final Pattern SID = Pattern.compile("[A-Za-z0-9]+");

  private static final Pattern CONDITION_KEY = Pattern.compile("[A-Za-z0-9-]+:.+");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private final Kind kind;
  private final RegistryPolicyScope scope;
  private final List<PolicyViolation> violations = new ArrayList<>();

  private IamPolicyValidator(Kind kind, RegistryPolicyScope scope) {
    this.kind = kind;
    this.scope = scope;
  }

  /**
   * Validates {@code statements}.
   *
   * @param statements the statements that could be read
   * @param paths the JSON path of each statement, in the same order
   * @param statementCount how many statements the document has, counting those that could not be
   *     read, or -1 when it has no readable Statement element
   * @param minifiedLength the length of the policy text as ecr4j sends it, or -1 when unknown
   * @param scope the account's registry policy scope, ignored for repository policies
   */
  static List<PolicyViolation> validate(
      Kind kind,
      RegistryPolicyScope scope,
      List<PolicyStatement> statements,
      List<String> paths,
      int statementCount,
      int minifiedLength) {
    IamPolicyValidator validator = new IamPolicyValidator(kind, scope);
    validator.checkDocument(statementCount, minifiedLength);
    Map<String, String> sidPaths = new HashMap<>();
    for (int i = 0; i < statements.size(); i++) {
      validator.checkStatement(statements.get(i), paths.get(i), sidPaths);
    }
    return List.copyOf(validator.violations);
  }

  /** Returns the path of entry {@code index} of an element written with {@code size} entries. */
  static String entryPath(String elementPath, int index, int size) {
    return size == 1 ? elementPath : elementPath + "[" + index + "]";
  }

  private void checkDocument(int statementCount, int minifiedLength) {
    if (statementCount == 0) {
      add(
          "$.Statement",
          "The policy has no statements; ECR needs at least one.",
          "Add a statement, or delete the " + kind.subject + " instead of setting an empty one.",
          null);
    }
    if (minifiedLength > MAX_TEXT_LENGTH) {
      add(
          "$",
          "The policy is "
              + minifiedLength
              + " characters long even when minified; ECR allows at most "
              + MAX_TEXT_LENGTH
              + ".",
          "Merge statements that share a principal, or use action wildcards such as"
              + " ecr:Describe*.",
          null);
    }
  }

  private void checkStatement(PolicyStatement statement, String path, Map<String, String> sids) {
    checkSid(statement, path, sids);
    checkPrincipals(statement, path);
    checkActions(statement, path);
    if (kind == Kind.REPOSITORY) {
      checkNoResource(statement, path);
    } else {
      checkRegistryResources(statement, path);
      if (scope == RegistryPolicyScope.V1) {
        checkScopeV1(statement, path);
      }
    }
    checkConditions(statement, path);
  }

  private void checkSid(PolicyStatement statement, String path, Map<String, String> sids) {
    String sid = statement.sid();
    if (sid == null) {
      return;
    }
    String sidPath = path + ".Sid";
    // NOTE: the charset is IAM's documented grammar for Sid, but whether ECR enforces it for
    // resource policies is unconfirmed.
    if (!SID.matcher(sid).matches()) {
      add(
          sidPath,
          "The Sid \""
              + sid
              + "\" has characters other than ASCII letters and digits, or is empty.",
          "Write the Sid with letters and digits only, such as \""
              + sid.replaceAll("[^A-Za-z0-9]", "")
              + "\".",
          null);
    }
    String first = sids.putIfAbsent(sid, path);
    if (first != null) {
      add(
          sidPath,
          "The Sid \"" + sid + "\" is used by more than one statement (also at " + first + ").",
          "Give each statement its own Sid, or merge the two statements.",
          null);
    }
  }

  private void checkPrincipals(PolicyStatement statement, String path) {
    boolean hasPrincipal = !statement.principals().isEmpty();
    boolean hasNotPrincipal = !statement.notPrincipals().isEmpty();
    if (hasPrincipal && hasNotPrincipal) {
      add(
          path + ".NotPrincipal",
          "A statement may have Principal or NotPrincipal, not both.",
          "Remove NotPrincipal, and express the exception as a condition on aws:PrincipalArn.",
          null);
    }
    if (!hasPrincipal && !hasNotPrincipal) {
      // NOTE: ECR's text for a statement without a principal is unconfirmed.
      add(
          path + ".Principal",
          "The statement has no Principal; a "
              + kind.subject
              + " is a resource policy, so each"
              + " statement must name who it applies to.",
          "Add a Principal, such as {\"AWS\": \"arn:aws:iam::123456789012:root\"}.",
          null);
    }
    checkPrincipalShapes(statement.principals(), path + ".Principal");
    checkPrincipalShapes(statement.notPrincipals(), path + ".NotPrincipal");
  }

  private void checkPrincipalShapes(List<Principal> principals, String elementPath) {
    Map<Principal.Type, Integer> counts = new HashMap<>();
    for (Principal principal : principals) {
      counts.merge(principal.type(), 1, Integer::sum);
    }
    Map<Principal.Type, Integer> seen = new HashMap<>();
    boolean everyoneAlone = principals.size() == 1 && principals.get(0).isEveryone();
    for (Principal principal : principals) {
      int index = seen.merge(principal.type(), 1, Integer::sum) - 1;
      String path =
          everyoneAlone
              ? elementPath
              : entryPath(
                  elementPath + "." + principal.type().json(),
                  index,
                  counts.getOrDefault(principal.type(), 1));
      Optional<IamGrammar.Problem> problem = IamGrammar.checkPrincipal(principal);
      if (problem.isPresent()) {
        // ECR reports malformed principals of repository policies with this text. Its text for
        // registry policies has not been observed.
        add(
            path,
            problem.get().message(),
            problem.get().fix(),
            kind == Kind.REPOSITORY ? INVALID_REPOSITORY_POLICY : null);
      }
    }
  }

  private void checkActions(PolicyStatement statement, String path) {
    boolean hasAction = !statement.actions().isEmpty();
    boolean hasNotAction = !statement.notActions().isEmpty();
    if (hasAction && hasNotAction) {
      add(
          path + ".NotAction",
          "A statement may have Action or NotAction, not both.",
          "Keep one of them; split the statement if it needs both.",
          null);
    }
    if (!hasAction && !hasNotAction) {
      add(
          path + ".Action",
          "The statement has no Action.",
          "Add the actions it grants or denies, such as the pull actions ecr:BatchGetImage,"
              + " ecr:GetDownloadUrlForLayer and ecr:BatchCheckLayerAvailability.",
          null);
    }
    checkActionNames(statement.actions(), path + ".Action");
    checkActionNames(statement.notActions(), path + ".NotAction");
  }

  private void checkActionNames(List<String> actions, String elementPath) {
    for (int i = 0; i < actions.size(); i++) {
      String action = actions.get(i);
      String path = entryPath(elementPath, i, actions.size());
      if (action.equals("*")) {
        continue;
      }
      int colon = action.indexOf(':');
      if (colon <= 0) {
        add(
            path,
            "\"" + action + "\" is not an action name; IAM actions are written service:Action.",
            EcrActions.closest("ecr:" + action)
                .map(known -> "Did you mean \"" + known + "\"?")
                .orElse("Write the action with its service prefix, such as ecr:BatchGetImage."),
            null);
        continue;
      }
      String service = action.substring(0, colon);
      if (!service.equalsIgnoreCase("ecr")) {
        // NOTE: that ECR rejects other services' actions is unconfirmed. They could never apply
        // to a repository or registry, so they are a mistake either way.
        add(
            path,
            "\""
                + action
                + "\" is an action of the service \""
                + service
                + "\"; an ECR "
                + kind.subject
                + " controls ecr: actions only.",
            service.equalsIgnoreCase("ecr-public")
                ? "ECR Public repositories have their own policies; use ecr: actions here."
                : "Grant it in an identity policy or in the other service's resource policy.",
            null);
        continue;
      }
      if (EcrActions.hasWildcard(action)) {
        if (EcrActions.matching(action).isEmpty()) {
          add(
              path,
              "The wildcard \"" + action + "\" matches no ECR action.",
              "Correct the pattern; known actions include ecr:Describe*, ecr:Get* and ecr:List*.",
              null);
        }
        continue;
      }
      if (!EcrActions.isKnown(action)) {
        add(path, "\"" + action + "\" is not an ECR action.", unknownActionFix(action), null);
      }
    }
  }

  /**
   * Suggests a fix for an unknown ECR action. Invented names for pulling and pushing are common and
   * lie within two edits of ecr:PutImage, so they get the action groups instead.
   */
  private static String unknownActionFix(String action) {
    String name = action.substring(action.indexOf(':') + 1).toLowerCase(Locale.ROOT);
    if (name.startsWith("pull")) {
      return "ECR has no single pull action; grant ecr:BatchGetImage, ecr:GetDownloadUrlForLayer"
          + " and ecr:BatchCheckLayerAvailability (EcrActions.PULL).";
    }
    if (name.startsWith("push")) {
      return "ECR has no single push action; grant ecr:InitiateLayerUpload, ecr:UploadLayerPart,"
          + " ecr:CompleteLayerUpload, ecr:PutImage and ecr:BatchCheckLayerAvailability"
          + " (EcrActions.PUSH).";
    }
    return EcrActions.closest(action)
        .map(known -> "Did you mean \"" + known + "\"?")
        .orElse(
            "Use an action of the ECR API, such as ecr:BatchGetImage; EcrActions.known() lists"
                + " them.");
  }

  private void checkNoResource(PolicyStatement statement, String path) {
    for (String element : List.of("Resource", "NotResource")) {
      List<String> values =
          element.equals("Resource") ? statement.resources() : statement.notResources();
      if (!values.isEmpty()) {
        add(
            path + "." + element,
            "A repository policy applies to its repository, so its statements have no "
                + element
                + " element.",
            "Remove \"" + element + "\".",
            INVALID_REPOSITORY_POLICY);
      }
    }
  }

  private void checkRegistryResources(PolicyStatement statement, String path) {
    if (!statement.notResources().isEmpty()) {
      // NOTE: ECR's documentation shows registry policies with Resource only, so NotResource is
      // rejected here as unsupported.
      add(
          path + ".NotResource",
          "Registry policy statements name their repositories with Resource; NotResource is not"
              + " supported.",
          "List the repositories with Resource, such as"
              + " arn:aws:ecr:us-east-1:123456789012:repository/*.",
          null);
    }
    List<String> resources = statement.resources();
    if (resources.isEmpty() && statement.notResources().isEmpty()) {
      add(
          path + ".Resource",
          "A registry policy statement needs a Resource naming the repositories it applies to.",
          "Add \"Resource\": \"arn:aws:ecr:<region>:<account>:repository/*\", or repository/<prefix>*"
              + " for some repositories.",
          null);
    }
    for (int i = 0; i < resources.size(); i++) {
      Optional<IamGrammar.Problem> problem = IamGrammar.checkRegistryResource(resources.get(i));
      if (problem.isPresent()) {
        add(
            entryPath(path + ".Resource", i, resources.size()),
            problem.get().message(),
            problem.get().fix(),
            null);
      }
    }
  }

  /**
   * Checks the registry scope V1, which accepts only the three registry-level actions. NOTE: ECR
   * documents {@code ecr:*} as accepted in V1; other wildcards are accepted here when they match at
   * least one of the three actions, which is unconfirmed.
   */
  private void checkScopeV1(PolicyStatement statement, String path) {
    String fix =
        "Keep only ecr:ReplicateImage, ecr:BatchImportUpstreamImage and ecr:CreateRepository, or"
            + " first set the account setting REGISTRY_POLICY_SCOPE to V2 with PutAccountSetting.";
    if (!statement.notActions().isEmpty()) {
      add(
          path + ".NotAction",
          "Under REGISTRY_POLICY_SCOPE V1, a registry policy may only list actions with Action;"
              + " NotAction covers actions outside the V1 scope.",
          fix,
          INVALID_REGISTRY_POLICY);
    }
    List<String> actions = statement.actions();
    for (int i = 0; i < actions.size(); i++) {
      String action = actions.get(i);
      if (isAllowedInScopeV1(action)) {
        continue;
      }
      boolean otherwiseValid =
          action.toLowerCase(Locale.ROOT).startsWith("ecr:")
              && !EcrActions.matching(action).isEmpty();
      if (otherwiseValid) {
        add(
            entryPath(path + ".Action", i, actions.size()),
            "\""
                + action
                + "\" is outside REGISTRY_POLICY_SCOPE V1, which allows only"
                + " ecr:ReplicateImage, ecr:BatchImportUpstreamImage and ecr:CreateRepository.",
            fix,
            INVALID_REGISTRY_POLICY);
      }
    }
  }

  private static boolean isAllowedInScopeV1(String action) {
    if (action.equals("*") || action.equalsIgnoreCase(EcrActions.ALL)) {
      return true;
    }
    for (String allowed : EcrActions.REGISTRY_SCOPE_V1) {
      if (EcrActions.matching(action).contains(allowed)) {
        return true;
      }
    }
    return false;
  }

  private void checkConditions(PolicyStatement statement, String path) {
    Map<String, Integer> seen = new HashMap<>();
    List<Condition> conditions = statement.conditions();
    for (int i = 0; i < conditions.size(); i++) {
      Condition condition = conditions.get(i);
      String conditionPath =
          path + ".Condition['" + condition.operator() + "']['" + condition.key() + "']";
      String duplicateKey = condition.operator() + "\0" + condition.key().toLowerCase(Locale.ROOT);
      if (seen.putIfAbsent(duplicateKey, i) != null) {
        add(
            conditionPath,
            "The key \""
                + condition.key()
                + "\" appears twice under \""
                + condition.operator()
                + "\"; a JSON object can hold it once.",
            "Merge the values into one list, which matches any of them, or use a second operator"
                + " such as StringLike.",
            null);
      }
      checkOperator(condition, conditionPath);
      checkKey(condition, conditionPath);
      checkValues(condition, conditionPath);
    }
  }

  private void checkOperator(Condition condition, String path) {
    String operator = condition.operator();
    IamConditions.Operator parts = IamConditions.split(operator);
    if (IamConditions.BASE_OPERATORS.contains(parts.base())) {
      if (parts.base().equals("Null") && parts.ifExists()) {
        add(
            path,
            "\"NullIfExists\" is not a condition operator; Null already tests whether the key"
                + " exists.",
            "Write \"Null\".",
            null);
      }
      return;
    }
    // Suggest among the forms with and without IfExists, keeping the set qualifier as written.
    String qualifier = parts.qualifier() == null ? "" : parts.qualifier();
    List<String> forms = new ArrayList<>(IamConditions.BASE_OPERATORS);
    for (String base : IamConditions.BASE_OPERATORS) {
      forms.add(base + IamConditions.IF_EXISTS);
    }
    Optional<String> suggestion = PolicyJson.closest(operator.substring(qualifier.length()), forms);
    String fix =
        suggestion
            .map(form -> "Write \"" + qualifier + form + "\".")
            .orElse(
                "Use an IAM condition operator such as StringEquals, StringLike, ArnLike,"
                    + " IpAddress or Bool.");
    add(path, "\"" + operator + "\" is not an IAM condition operator.", fix, null);
  }

  private void checkKey(Condition condition, String path) {
    if (!CONDITION_KEY.matcher(condition.key()).matches()) {
      add(
          path,
          "\"" + condition.key() + "\" is not a condition key; keys are written service:Name.",
          "Use a key such as aws:PrincipalOrgID, aws:SourceArn or aws:SourceIp.",
          null);
    }
  }

  private void checkValues(Condition condition, String path) {
    if (condition.values().isEmpty()) {
      add(path, "The condition has no values.", "Add at least one value.", null);
      return;
    }
    String base = IamConditions.split(condition.operator()).base();
    for (int i = 0; i < condition.values().size(); i++) {
      String value = condition.values().get(i);
      String valuePath = entryPath(path, i, condition.values().size());
      switch (base) {
        case "Bool", "Null" -> {
          if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            add(
                valuePath,
                "\"" + value + "\" is not a boolean; " + base + " compares with true or false.",
                "Write \"true\" or \"false\".",
                null);
          }
        }
        case "IpAddress", "NotIpAddress" -> {
          if (!isIpOrCidr(value)) {
            add(
                valuePath,
                "\"" + value + "\" is not an IP address or a CIDR range.",
                "Write an IPv4 or IPv6 range in CIDR notation, such as 203.0.113.0/24.",
                null);
          }
        }
        default -> {
          if (base.startsWith("Numeric") && !NUMBER.matcher(value).matches()) {
            add(
                valuePath,
                "\"" + value + "\" is not a number; " + base + " compares numbers.",
                "Write a number, such as 3600.",
                null);
          }
        }
      }
    }
  }

  /**
   * Returns true for an IPv4 or IPv6 address with an optional prefix length. It parses the text
   * itself, because {@code InetAddress} falls back to a DNS lookup for text that is not an address.
   */
  static boolean isIpOrCidr(String value) {
    String address = value;
    int slash = value.indexOf('/');
    if (slash >= 0) {
      address = value.substring(0, slash);
      String prefix = value.substring(slash + 1);
      int max = address.contains(":") ? 128 : 32;
      if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > max) {
        return false;
      }
    }
    return address.contains(":") ? isIpv6(address) : isIpv4(address);
  }

  private static boolean isIpv4(String address) {
    String[] octets = address.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String address) {
    int compressed = address.indexOf("::");
    if (compressed >= 0 && address.indexOf("::", compressed + 1) >= 0) {
      return false;
    }
    List<String> groups = new ArrayList<>();
    for (String half :
        compressed >= 0
            ? new String[] {address.substring(0, compressed), address.substring(compressed + 2)}
            : new String[] {address}) {
      if (!half.isEmpty()) {
        groups.addAll(List.of(half.split(":", -1)));
      }
    }
    int width = 0;
    for (int i = 0; i < groups.size(); i++) {
      String group = groups.get(i);
      if (i == groups.size() - 1 && group.contains(".")) {
        if (!isIpv4(group)) {
          return false;
        }
        width += 2; // an embedded IPv4 address fills two groups
      } else if (group.matches("[0-9A-Fa-f]{1,4}")) {
        width += 1;
      } else {
        return false;
      }
    }
    return compressed >= 0 ? width < 8 : width == 8;
  }

  private void add(String path, String message, String fix, @Nullable String ecrMessage) {
    violations.add(new PolicyViolation(path, null, message, fix, ecrMessage));
  }
}
