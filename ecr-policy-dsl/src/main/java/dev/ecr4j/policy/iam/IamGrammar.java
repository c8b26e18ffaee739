package dev.ecr4j.policy.iam;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shapes of principals and registry resource ARNs. Each check returns the problem with its fix,
 * or nothing when the value is well formed. Whether a well-formed principal exists is checked only
 * by ECR, which rejects one that does not exist (yet) with {@code 'Principal not found'}.
 */
final class IamGrammar {

  /** A reason a value is malformed, and how to correct it. */
  record Problem(String message, String fix) {}

  static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  /** IAM's grammar for role and user names: 1 to 64 of these characters. */
  private static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

  /** IAM's grammar for role session names. */
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

  /** IAM paths are printable ASCII other than space, at most 512 characters with the slashes. */
  private static final Pattern IAM_PATH = Pattern.compile("[\\x21-\\x7E]{0,510}");

  /**
   * The unique IDs IAM shows in place of a role (AROA) or user (AIDA) ARN after the role or user
   * was deleted.
   */
  private static final Pattern UNIQUE_ID = Pattern.compile("(AROA|AIDA)[A-Z0-9]{12,}");

  /**
   * Service principals: lower-case DNS names under {@code amazonaws.com}, or {@code
   * amazonaws.com.cn} in the China regions.
   */
  private static final Pattern SERVICE_PRINCIPAL =
      Pattern.compile(
          "[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.amazonaws\\.com(\\.cn)?");

  /** The {@code Region} shape of ECR's API model. */
  private static final Pattern REGION = Pattern.compile("[0-9a-z-]{2,25}");

  /** The {@code RepositoryName} shape of ECR's API model, 2 to 256 characters. */
  private static final Pattern REPOSITORY_NAME =
      Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");

  /** The characters of a repository name, for the prefix before a trailing {@code *}. */
  private static final Pattern REPOSITORY_PREFIX = Pattern.compile("[a-z0-9._/-]*");

  private static final String PRINCIPAL_FORMS =
      "Use a 12-digit account ID, or an ARN such as arn:aws:iam::123456789012:root,"
          + " arn:aws:iam::123456789012:role/name or arn:aws:iam::123456789012:user/name.";

  private IamGrammar() {}

  /** Returns true when {@code value} names one of the partitions this package supports. */
  static boolean isPartition(String value) {
    for (Partition partition : Partition.values()) {
      if (partition.id().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** Checks the shape of a principal. */
  static Optional<Problem> checkPrincipal(Principal principal) {
    return principal.type() == Principal.Type.AWS
        ? checkAwsPrincipal(principal.value())
        : checkServicePrincipal(principal.value());
  }

  /** Returns true for an assumed-role session ARN, {@code arn:...:sts::...:assumed-role/...}. */
  static boolean isAssumedRole(Principal principal) {
    return principal.type() == Principal.Type.AWS
        && principal.value().startsWith("arn:")
        && principal.value().contains(":sts::")
        && principal.value().contains(":assumed-role/");
  }

  private static Optional<Problem> checkAwsPrincipal(String value) {
    if (value.equals("*") || ACCOUNT_ID.matcher(value).matches()) {
      return Optional.empty();
    }
    if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
      return problem(
          "\"" + value + "\" has " + value.length() + " digits, but an account ID has 12.",
          "Write the account ID with all 12 digits, including leading zeros.");
    }
    if (UNIQUE_ID.matcher(value).matches()) {
      return problem(
          "\""
              + value
              + "\" is the unique ID IAM shows for a role or user that was deleted; ECR rejects it"
              + " as a principal.",
          "Replace it with the ARN of an existing role or user. Recreating a role of the same"
              + " name does not restore its old grants.");
    }
    if (!value.startsWith("arn:")) {
      String fix =
          value.endsWith(".amazonaws.com")
              ? "List service principals under \"Service\", not \"AWS\"."
              : PRINCIPAL_FORMS;
      return problem(
          "\"" + value + "\" is neither an account ID, an IAM or STS ARN, nor \"*\".", fix);
    }

    String[] parts = value.split(":", 6);
    if (parts.length < 6) {
      return problem(
          "\"" + value + "\" is not a complete ARN; it needs six colon-separated parts.",
          PRINCIPAL_FORMS);
    }
    String partition = parts[1];
    String service = parts[2];
    String region = parts[3];
    String account = parts[4];
    String resource = parts[5];

    if (resource.equals("*") && service.equals("iam") && ACCOUNT_ID.matcher(account).matches()) {
      return problem(
          "\""
              + value
              + "\" uses a wildcard for the IAM resource; IAM accepts no wildcards in"
              + " principal ARNs.",
          "Write arn:" + partition + ":iam::" + account + ":root to grant the whole account.");
    }
    if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
      return problem(
          "\""
              + value
              + "\" contains a wildcard; IAM allows a wildcard only as the whole principal"
              + " \"*\".",
          "Use the principal \"*\" with the condition {\"ArnLike\": {\"aws:PrincipalArn\": \""
              + value
              + "\"}}.");
    }
    if (!isPartition(partition)) {
      return problem(
          "\"" + value + "\" has the partition \"" + partition + "\".",
          "Use aws, aws-cn or aws-us-gov.");
    }
    if (!service.equals("iam") && !service.equals("sts")) {
      return problem(
          "\"" + value + "\" is an ARN of the service \"" + service + "\", not an IAM principal.",
          "Name the IAM role that the resource uses, or the service principal under"
              + " \"Service\".");
    }
    if (!region.isEmpty()) {
      return problem(
          "\"" + value + "\" has the region \"" + region + "\", but IAM and STS ARNs have none.",
          "Leave the region empty: arn:" + partition + ":" + service + "::" + account + ":...");
    }
    if (!ACCOUNT_ID.matcher(account).matches()) {
      return problem(
          "\"" + value + "\" has the account \"" + account + "\", which is not 12 digits.",
          "Write the 12-digit account ID.");
    }
    return service.equals("iam")
        ? checkIamResource(value, resource)
        : checkStsResource(value, resource);
  }

  private static Optional<Problem> checkIamResource(String value, String resource) {
    if (resource.equals("root")) {
      return Optional.empty();
    }
    if (resource.startsWith("role/")) {
      return checkPathAndName(value, resource.substring("role/".length()), "role");
    }
    if (resource.startsWith("user/")) {
      return checkPathAndName(value, resource.substring("user/".length()), "user");
    }
    if (resource.startsWith("group/")) {
      return problem(
          "\"" + value + "\" is an IAM group, and groups cannot be principals.",
          "Name the roles or users, or grant the group through an identity policy.");
    }
    return problem(
        "\"" + value + "\" names the IAM resource \"" + resource + "\", which is not a principal.",
        PRINCIPAL_FORMS);
  }

  private static Optional<Problem> checkStsResource(String value, String resource) {
    if (resource.startsWith("assumed-role/")) {
      String[] parts = resource.substring("assumed-role/".length()).split("/", -1);
      if (parts.length == 2
          && IAM_NAME.matcher(parts[0]).matches()
          && SESSION_NAME.matcher(parts[1]).matches()) {
        return Optional.empty();
      }
      return problem(
          "\"" + value + "\" is not a valid assumed-role ARN.",
          "Write arn:aws:sts::123456789012:assumed-role/role-name/session-name, or better the"
              + " role's own ARN.");
    }
    if (resource.startsWith("federated-user/")
        && IAM_NAME.matcher(resource.substring("federated-user/".length())).matches()) {
      return Optional.empty();
    }
    return problem(
        "\"" + value + "\" names the STS resource \"" + resource + "\", which is not a principal.",
        PRINCIPAL_FORMS);
  }

  /** Checks {@code [path/]name} after {@code role/} or {@code user/}. */
  private static Optional<Problem> checkPathAndName(String value, String rest, String kind) {
    int slash = rest.lastIndexOf('/');
    String path = slash < 0 ? "" : rest.substring(0, slash);
    String name = rest.substring(slash + 1);
    if (!IAM_NAME.matcher(name).matches()) {
      return problem(
          "\""
              + value
              + "\" has the "
              + kind
              + " name \""
              + name
              + "\"; IAM names are 1 to 64 letters, digits and +=,.@_- characters.",
          "Correct the " + kind + " name.");
    }
    if (!IAM_PATH.matcher(path).matches() || path.contains("//")) {
      return problem(
          "\"" + value + "\" has an invalid IAM path \"/" + path + "/\".",
          "Use a path of printable ASCII characters between slashes, such as /ci/, or none.");
    }
    return Optional.empty();
  }

  private static Optional<Problem> checkServicePrincipal(String value) {
    if (SERVICE_PRINCIPAL.matcher(value).matches()) {
      return Optional.empty();
    }
    if (SERVICE_PRINCIPAL.matcher(value.toLowerCase(Locale.ROOT)).matches()) {
      return problem(
          "The service principal \"" + value + "\" has upper-case letters.",
          "Write it in lower case: \"" + value.toLowerCase(Locale.ROOT) + "\".");
    }
    if (ACCOUNT_ID.matcher(value).matches() || value.startsWith("arn:")) {
      return problem(
          "\"" + value + "\" is an account or ARN, not a service principal.",
          "List it under \"AWS\".");
    }
    return problem(
        "\"" + value + "\" is not a service principal name.",
        "Use the service's principal name, such as lambda.amazonaws.com or"
            + " codebuild.amazonaws.com.");
  }

  /**
   * Checks a registry policy resource:
   * arn:(aws|aws-cn|aws-us-gov):ecr:region:account:repository/(name or prefix*).
   */
  static Optional<Problem> checkRegistryResource(String value) {
    String example = "arn:aws:ecr:us-east-1:123456789012:repository/prod-*";
    String[] parts = value.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn")) {
      return problem(
          "\"" + value + "\" is not a repository ARN; a registry policy names repositories.",
          "Write an ARN such as " + example + ", or repository/* for every repository.");
    }

    String partition = parts[1];
    String service = parts[2];
    String region = parts[3];
    String account = parts[4];
    String resource = parts[5];

    if (!isPartition(partition)) {
      return problem(
          "\"" + value + "\" has the partition \"" + partition + "\".",
          "Use aws, aws-cn or aws-us-gov.");
    }
    if (!service.equals("ecr")) {
      return problem(
          "\"" + value + "\" is an ARN of the service \"" + service + "\", not of ECR.",
          "Write an ECR repository ARN such as " + example + ".");
    }
    if (!REGION.matcher(region).matches()) {
      // NOTE: a wildcard region, arn:aws:ecr:*:..., is rejected here, although whether ECR
      // accepts it in registry policies is unconfirmed.
      return problem(
          "\""
              + value
              + "\" has the region \""
              + region
              + "\"; a region is 2 to 25 lower-case letters, digits and hyphens.",
          "Write the registry's region, such as us-east-1.");
    }
    if (!ACCOUNT_ID.matcher(account).matches()) {
      return problem(
          "\"" + value + "\" has the account \"" + account + "\", which is not 12 digits.",
          "Write the registry's 12-digit account ID.");
    }

    if (!resource.startsWith("repository/")) {
      return problem(
          "\"" + value + "\" names \"" + resource + "\", but a registry policy names repositories.",
          "Write repository/<name>, or repository/<prefix>* for every repository with that"
              + " prefix.");
    }
    return checkRepositoryPart(value, resource.substring("repository/".length()));
  }

  private static Optional<Problem> checkRepositoryPart(String value, String name) {
    if (name.endsWith("*")) {
      String prefix = name.substring(0, name.length() - 1);
      if (REPOSITORY_PREFIX.matcher(prefix).matches()) {
        return Optional.empty();
      }
      return problem(
          "\""
              + value
              + "\" has the repository prefix \""
              + prefix
              + "\"; repository names contain only lower-case letters, digits and . _ - /, and"
              + " the only wildcard is one * at the end.",
          "Correct the prefix, such as repository/prod-*.");
    }
    if (name.length() >= 2 && name.length() <= 256 && REPOSITORY_NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return problem(
        "\""
            + value
            + "\" has the repository name \""
            + name
            + "\", which is not a valid repository name.",
        "Use 2 to 256 lower-case letters and digits, separated by . _ - or /, or end the name"
            + " with * to name a prefix.");
  }

  private static Optional<Problem> problem(String message, String fix) {
    return Optional.of(new Problem(message, fix));
  }
}
