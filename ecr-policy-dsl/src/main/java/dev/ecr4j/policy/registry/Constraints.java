package dev.ecr4j.policy.registry;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The length limits and patterns of ECR's API model (botocore's {@code ecr/2015-09-21} service
 * model) that several registry values share, with the checks that report them.
 */
final class Constraints {

  /** The prefix that stands for every repository, in templates and pull through cache rules. */
  static final String ROOT = "ROOT";

  /** The {@code RepositoryName} pattern of the API model, matched against the whole name. */
  static final String REPOSITORY_NAME_REGEX =
      "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*";

  private static final Pattern REPOSITORY_NAME = Pattern.compile(REPOSITORY_NAME_REGEX);

  /**
   * The {@code Prefix} and {@code PullThroughCacheRuleRepositoryPrefix} pattern of the API model: a
   * repository name that may end in {@code /}, or {@code ROOT}.
   */
  private static final Pattern REPOSITORY_PREFIX =
      Pattern.compile("(" + REPOSITORY_NAME_REGEX + "\\/?|ROOT)");

  static final int MIN_REPOSITORY_NAME = 2;
  static final int MAX_REPOSITORY_NAME = 256;

  /** The text ECR returns for a repository name that breaks the pattern. */
  static final String REPOSITORY_NAME_ECR_MESSAGE =
      "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular"
          + " expression '"
          + REPOSITORY_NAME_REGEX
          + "''";

  static final String NAME_GRAMMAR =
      "lowercase letters and digits, in parts separated by '.', '_', '__' or dashes, and joined by"
          + " '/'";

  /** The {@code CustomRoleArn} limit of the API model. */
  static final int MAX_ROLE_ARN = 2048;

  /**
   * An IAM role ARN in any partition. The API model gives {@code customRoleArn} only a maximum
   * length, but ECR assumes the role, so anything else cannot work.
   */
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\\w+=,.@/-]+");

  private Constraints() {}

  /** Counts characters as ECR's length limits do, one per Unicode code point. */
  static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  static void add(List<PolicyViolation> out, String path, String message, String fix) {
    out.add(new PolicyViolation(path, null, message, fix, null));
  }

  static void add(
      List<PolicyViolation> out,
      String path,
      String message,
      String fix,
      @Nullable String ecrMessage) {
    out.add(new PolicyViolation(path, null, message, fix, ecrMessage));
  }

  /** Returns "1 character" or "n characters". */
  static String characters(int count) {
    return count + (count == 1 ? " character" : " characters");
  }

  /** Checks a repository name against the length limits and pattern of the API model. */
  static void checkRepositoryName(List<PolicyViolation> out, String path, String name) {
    int length = length(name);
    if (length < MIN_REPOSITORY_NAME || length > MAX_REPOSITORY_NAME) {
      add(
          out,
          path,
          "The repository name \""
              + name
              + "\" is "
              + characters(length)
              + " long; ECR allows "
              + MIN_REPOSITORY_NAME
              + " to "
              + MAX_REPOSITORY_NAME
              + ".",
          length < MIN_REPOSITORY_NAME ? "Use a longer name." : "Shorten the name.");
    }
    if (!REPOSITORY_NAME.matcher(name).matches()) {
      add(
          out,
          path,
          "The repository name \"" + name + "\" is invalid; ECR allows " + NAME_GRAMMAR + ".",
          nameFix(name, "team-a/web-app"),
          REPOSITORY_NAME_ECR_MESSAGE);
    }
  }

  /**
   * Checks a repository prefix: {@code ROOT}, or a repository name that may end in {@code /}.
   *
   * @param what the value in a sentence, such as "The template prefix"
   */
  static void checkPrefix(
      List<PolicyViolation> out, String path, String what, String prefix, int min, int max) {
    int length = length(prefix);
    if (length < min || length > max) {
      add(
          out,
          path,
          what
              + " \""
              + prefix
              + "\" is "
              + characters(length)
              + " long; ECR allows "
              + min
              + " to "
              + max
              + ".",
          length < min ? "Use a longer prefix, or ROOT for every repository." : "Shorten it.");
    }
    if (!REPOSITORY_PREFIX.matcher(prefix).matches()) {
      String fix =
          prefix.equalsIgnoreCase(ROOT)
              ? "Write ROOT in capitals."
              : nameFix(prefix, "team-a") + " Write ROOT to match every repository.";
      add(
          out,
          path,
          what
              + " \""
              + prefix
              + "\" is invalid; ECR allows ROOT or a repository name prefix made of "
              + NAME_GRAMMAR
              + ", optionally ending in '/'.",
          fix);
    }
  }

  /**
   * Warns about a prefix spelled like {@code ROOT} in another case, which ECR reads as an ordinary
   * repository name prefix.
   */
  static void checkRootSpelling(List<PolicyWarning> warnings, String path, String prefix) {
    if (!prefix.equals(ROOT) && prefix.equalsIgnoreCase(ROOT)) {
      warnings.add(
          new PolicyWarning(
              path,
              null,
              "The prefix \""
                  + prefix
                  + "\" covers only repositories under "
                  + prefix
                  + "/, while ROOT in capitals covers every repository.",
              "Write ROOT if every repository is meant."));
    }
  }

  /** Checks an IAM role ARN that ECR is to assume. */
  static void checkRoleArn(List<PolicyViolation> out, String path, String key, String arn) {
    if (length(arn) > MAX_ROLE_ARN) {
      add(
          out,
          path,
          key
              + " is "
              + characters(length(arn))
              + " long; ECR allows at most "
              + MAX_ROLE_ARN
              + ".",
          "Use the role's ARN, arn:aws:iam::<account>:role/<name>.");
    } else if (!ROLE_ARN.matcher(arn).matches()) {
      add(
          out,
          path,
          key + " \"" + arn + "\" is not an IAM role ARN, and ECR can only assume a role.",
          "Use the role's ARN, such as arn:aws:iam::111122223333:role/ecr-template-role.");
    }
  }

  private static String nameFix(String name, String example) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!lower.equals(name) && REPOSITORY_NAME.matcher(lower).matches()) {
      return "Write it in lowercase: \"" + lower + "\".";
    }
    return "Use only " + NAME_GRAMMAR + ", for example \"" + example + "\".";
  }
}
