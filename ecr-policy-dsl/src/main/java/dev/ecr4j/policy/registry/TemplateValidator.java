package dev.ecr4j.policy.registry;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import java.util.ArrayList;
import java.util.List;

/** Checks a repository creation template against ECR's rules, and lists its warnings. */
final class TemplateValidator {

  private static final String LIFECYCLE_PATH = "$.lifecyclePolicy";

  private TemplateValidator() {}

  static List<PolicyViolation> violations(RepositoryCreationTemplate template) {
    List<PolicyViolation> out = new ArrayList<>();
    Constraints.checkPrefix(
        out,
        "$.prefix",
        "The template prefix",
        template.prefix(),
        1,
        RepositoryCreationTemplate.MAX_PREFIX_LENGTH);
    template
        .description()
        .ifPresent(
            description -> {
              int length = Constraints.length(description);
              if (length > RepositoryCreationTemplate.MAX_DESCRIPTION_LENGTH) {
                Constraints.add(
                    out,
                    "$.description",
                    "The description is "
                        + Constraints.characters(length)
                        + " long; ECR allows at most "
                        + RepositoryCreationTemplate.MAX_DESCRIPTION_LENGTH
                        + ".",
                    "Shorten the description.");
              }
            });
    template
        .encryption()
        .ifPresent(
            encryption -> encryption.collectViolations(out, "$.encryptionConfiguration", true));
    template.resourceTags().collectViolations(out, "$.resourceTags");
    template.tagMutability().ifPresent(mutability -> mutability.collectViolations(out, "$"));
    template
        .repositoryPolicy()
        .ifPresent(text -> RepositoryPolicyText.check(out, "$.repositoryPolicy", text));
    template
        .lifecyclePolicy()
        .ifPresent(policy -> out.addAll(underLifecyclePolicy(policy.violations())));
    if (template.appliedFor().isEmpty()) {
      Constraints.add(
          out,
          "$.appliedFor",
          "The template applies to no scenario; ECR requires at least one in appliedFor.",
          "Add REPLICATION, PULL_THROUGH_CACHE or CREATE_ON_PUSH.");
    }
    template
        .customRoleArn()
        .ifPresent(arn -> Constraints.checkRoleArn(out, "$.customRoleArn", "customRoleArn", arn));
    return List.copyOf(out);
  }

  static List<PolicyWarning> warnings(RepositoryCreationTemplate template) {
    List<PolicyWarning> warnings = new ArrayList<>();

    // NOTE: the user guide says that a template with resource tags or a KMS key needs a custom
    // role. ECR accepts the template without one; what fails later (reportedly, pulls through the
    // cache) is unconfirmed, so this is a warning.
    boolean hasTags = !template.resourceTags().isEmpty();
    boolean hasKmsKey =
        template
            .encryption()
            .map(encryption -> encryption.kmsKey() != null && !encryption.kmsKey().isEmpty())
            .orElse(false);
    if ((hasTags || hasKmsKey) && template.customRoleArn().isEmpty()) {
      String what =
          hasTags && hasKmsKey
              ? "resource tags and a KMS key"
              : hasTags ? "resource tags" : "a KMS key";
      warnings.add(
          new PolicyWarning(
              "$.customRoleArn",
              null,
              "The template sets "
                  + what
                  + " but no customRoleArn; ECR applies tags and KMS keys to the repositories it"
                  + " creates only through a custom role.",
              "Create a role that ecr.amazonaws.com can assume, allowed ecr:CreateRepository,"
                  + " ecr:ReplicateImage and ecr:TagResource (and kms:CreateGrant,"
                  + " kms:RetireGrant and kms:DescribeKey for a KMS key), and set customRoleArn"
                  + " to its ARN."));
    }

    Constraints.checkRootSpelling(warnings, "$.prefix", template.prefix());

    if (template.prefix().equals(RepositoryCreationTemplate.ROOT)
        && template.appliedFor().contains(RepositoryCreationScenario.CREATE_ON_PUSH)) {
      warnings.add(
          new PolicyWarning(
              "$.appliedFor",
              null,
              "With prefix ROOT and CREATE_ON_PUSH, a push to any repository name that does not"
                  + " exist creates that repository.",
              "Use the prefix your pipelines push under, such as \"team-a\", unless every name"
                  + " should be created on push."));
    }

    template
        .lifecyclePolicy()
        .map(LifecyclePolicy::warnings)
        .ifPresent(
            lifecycleWarnings -> {
              for (PolicyWarning warning : lifecycleWarnings) {
                warnings.add(
                    new PolicyWarning(
                        underLifecyclePath(warning.path()),
                        warning.rulePriority(),
                        warning.message(),
                        warning.hint()));
              }
            });
    return List.copyOf(warnings);
  }

  /** Moves violations of a lifecycle policy under the template's {@code lifecyclePolicy} key. */
  static List<PolicyViolation> underLifecyclePolicy(List<PolicyViolation> violations) {
    List<PolicyViolation> moved = new ArrayList<>();
    for (PolicyViolation violation : violations) {
      moved.add(
          new PolicyViolation(
              underLifecyclePath(violation.path()),
              violation.rulePriority(),
              violation.message(),
              violation.fix(),
              violation.ecrMessage()));
    }
    return moved;
  }

  /** Turns {@code $.rules[0]} into {@code $.lifecyclePolicy.rules[0]}. */
  private static String underLifecyclePath(String path) {
    return path.startsWith("$") ? LIFECYCLE_PATH + path.substring(1) : LIFECYCLE_PATH + "." + path;
  }
}
