package dev.ecr4j.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryCreationTemplateTest {

  private static final String ROLE = "arn:aws:iam::111122223333:role/ecr-template";
  private static final String KEY_ARN =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final LifecyclePolicy EXPIRE_UNTAGGED =
      LifecyclePolicy.builder().untagged().expireAfterDays(14).build();
  private static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":[\"ecr:BatchGetImage\"]}]}";

  @Test
  void builderRendersEcrJson() {
    RepositoryCreationTemplate template =
        RepositoryCreationTemplate.builder("prod")
            .description("Production")
            .appliedFor(
                RepositoryCreationScenario.PULL_THROUGH_CACHE,
                RepositoryCreationScenario.REPLICATION)
            .encryption(EncryptionConfiguration.kms(KEY_ARN))
            .tag("team", "platform")
            .tagMutability(TagMutability.immutableExcept("latest"))
            .repositoryPolicy(POLICY)
            .lifecyclePolicy(EXPIRE_UNTAGGED)
            .customRoleArn(ROLE)
            .build();

    assertThat(template.toJson())
        .isEqualTo(
            "{\"prefix\":\"prod\",\"description\":\"Production\",\"encryptionConfiguration\":"
                + "{\"encryptionType\":\"KMS\",\"kmsKey\":\""
                + KEY_ARN
                + "\"},\"resourceTags\":[{\"Key\":\"team\",\"Value\":\"platform\"}],"
                + "\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\",\"imageTagMutabilityExclusionFilters\":"
                + "[{\"filterType\":\"WILDCARD\",\"filter\":\"latest\"}],\"repositoryPolicy\":"
                + quoted(POLICY)
                + ",\"lifecyclePolicy\":"
                + quoted(EXPIRE_UNTAGGED.toJson())
                + ",\"appliedFor\":[\"REPLICATION\",\"PULL_THROUGH_CACHE\"],\"customRoleArn\":\""
                + ROLE
                + "\"}");
    assertThat(template.warnings()).isEmpty();
  }

  @Test
  void minimalTemplateRendersOnlyRequiredKeys() {
    RepositoryCreationTemplate template =
        RepositoryCreationTemplate.forAllRepositories()
            .appliedFor(RepositoryCreationScenario.REPLICATION)
            .build();

    assertThat(template.toJson())
        .isEqualTo("{\"prefix\":\"ROOT\",\"appliedFor\":[\"REPLICATION\"]}");
  }

  @Test
  void parseRoundTripsWithLifecyclePolicy() {
    RepositoryCreationTemplate template =
        RepositoryCreationTemplate.builder("team-a/")
            .appliedFor(RepositoryCreationScenario.CREATE_ON_PUSH)
            .lifecyclePolicy(EXPIRE_UNTAGGED)
            .repositoryPolicy(POLICY)
            .build();

    RepositoryCreationTemplate parsed = RepositoryCreationTemplate.parse(template.toJson());

    assertThat(parsed).isEqualTo(template);
    assertThat(parsed.toJson()).isEqualTo(template.toJson());
    assertThat(parsed.lifecyclePolicy()).contains(EXPIRE_UNTAGGED);
    assertThat(RepositoryCreationTemplate.parse(template.toPrettyJson())).isEqualTo(template);
  }

  @Test
  void emptyPolicyTextsReadAsAbsent() {
    RepositoryCreationTemplate parsed =
        RepositoryCreationTemplate.parse(
            "{\"prefix\":\"prod\",\"appliedFor\":[\"REPLICATION\"],\"lifecyclePolicy\":\"\","
                + "\"repositoryPolicy\":\"\"}");

    assertThat(parsed.lifecyclePolicy()).isEmpty();
    assertThat(parsed.repositoryPolicy()).isEmpty();
    assertThat(parsed.violations()).isEmpty();
    assertThat(parsed.toJson()).isEqualTo("{\"prefix\":\"prod\",\"appliedFor\":[\"REPLICATION\"]}");
  }

  @Test
  void lifecycleStructureErrorsUseTemplatePaths() {
    String json =
        "{\"prefix\":\"prod\",\"appliedFor\":[\"REPLICATION\"],\"lifecyclePolicy\":"
            + quoted(
                "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\"}}]}")
            + "}";

    assertThatThrownBy(() -> RepositoryCreationTemplate.parse(json))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(PolicyViolation::path)
                    .containsExactly(
                        "$.lifecyclePolicy.rules[0].selection.countType",
                        "$.lifecyclePolicy.rules[0].selection.countNumber",
                        "$.lifecyclePolicy.rules[0].action"));
  }

  @Test
  void lifecycleRuleViolationsUseTemplatePaths() {
    LifecyclePolicy twoUntagged =
        LifecyclePolicy.parse(
            "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":"
                + "\"imageCountMoreThan\",\"countNumber\":5},\"action\":{\"type\":\"expire\"}},"
                + "{\"rulePriority\":2,\"selection\":{\"tagStatus\":\"untagged\",\"countType\":"
                + "\"imageCountMoreThan\",\"countNumber\":9},\"action\":{\"type\":\"expire\"}}]}");
    RepositoryCreationTemplate template =
        new RepositoryCreationTemplate(
            "prod",
            null,
            null,
            ResourceTags.empty(),
            null,
            null,
            twoUntagged,
            List.of(RepositoryCreationScenario.REPLICATION),
            null);

    assertThat(template.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.lifecyclePolicy.rules[1].selection.tagStatus");
              assertThat(v.rulePriority()).isEqualTo(2);
              assertThat(v.ecrMessage())
                  .isEqualTo(
                      "Lifecycle policy validation failure: Only one rule can select Untagged"
                          + " images per storage class.");
            });
  }

  @Test
  void lifecycleWarningsUseTemplatePaths() {
    LifecyclePolicy andPatterns =
        LifecyclePolicy.builder().tagged("prod-*", "release-*").keepNewest(5).build();
    RepositoryCreationTemplate template =
        RepositoryCreationTemplate.builder("prod")
            .appliedFor(RepositoryCreationScenario.REPLICATION)
            .lifecyclePolicy(andPatterns)
            .build();

    assertThat(template.warnings())
        .isNotEmpty()
        .allSatisfy(w -> assertThat(w.path()).startsWith("$.lifecyclePolicy.rules[0]"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Prod|Write it in lowercase: \"prod\". Write ROOT to match every repository.",
        "Root|Write ROOT in capitals.",
        "prod//team|Use only lowercase letters and digits, in parts separated by '.', '_', '__'"
            + " or dashes, and joined by '/', for example \"team-a\". Write ROOT to match every"
            + " repository.",
        "/prod|Use only lowercase letters and digits, in parts separated by '.', '_', '__' or"
            + " dashes, and joined by '/', for example \"team-a\". Write ROOT to match every"
            + " repository."
      })
  void invalidPrefixRejected(String prefix, String fix) {
    RepositoryCreationTemplate template = minimal(prefix);

    assertThat(template.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.prefix");
              assertThat(v.message())
                  .isEqualTo(
                      "The template prefix \""
                          + prefix
                          + "\" is invalid; ECR allows ROOT or a repository name prefix made of"
                          + " lowercase letters and digits, in parts separated by '.', '_', '__' or"
                          + " dashes, and joined by '/', optionally ending in '/'.");
              assertThat(v.fix()).isEqualTo(fix);
            });
  }

  @Test
  void validPrefixesAccepted() {
    for (String prefix : List.of("a", "prod", "prod/", "team-a/web", "a__b", "a---b", "ROOT")) {
      assertThat(minimal(prefix).violations()).as(prefix).isEmpty();
    }
  }

  @Test
  void prefixLengthLimitEnforced() {
    assertThat(minimal("a".repeat(256)).violations()).isEmpty();
    assertThat(minimal("a".repeat(257)).violations())
        .extracting(PolicyViolation::message)
        .containsExactly(
            "The template prefix \""
                + "a".repeat(257)
                + "\" is 257 characters long; ECR allows 1 to 256.");
  }

  @Test
  void descriptionLengthLimitEnforced() {
    assertThatThrownBy(
            () ->
                RepositoryCreationTemplate.builder("prod")
                    .appliedFor(RepositoryCreationScenario.REPLICATION)
                    .description("d".repeat(257))
                    .build())
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(PolicyViolation::path, PolicyViolation::message)
                    .containsExactly(
                        tuple(
                            "$.description",
                            "The description is 257 characters long; ECR allows at most 256.")));
  }

  @Test
  void missingScenarioRejected() {
    assertThatThrownBy(() -> RepositoryCreationTemplate.builder("prod").build())
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(
                        PolicyViolation::path, PolicyViolation::message, PolicyViolation::fix)
                    .containsExactly(
                        tuple(
                            "$.appliedFor",
                            "The template applies to no scenario; ECR requires at least one in"
                                + " appliedFor.",
                            "Add REPLICATION, PULL_THROUGH_CACHE or CREATE_ON_PUSH.")));
  }

  @Test
  void templateKmsKeyMustBeArn() {
    RepositoryCreationTemplate.Builder builder =
        RepositoryCreationTemplate.builder("prod")
            .appliedFor(RepositoryCreationScenario.REPLICATION)
            .encryption(EncryptionConfiguration.kms("alias/ecr"))
            .customRoleArn(ROLE);

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(PolicyViolation::path)
                    .containsExactly("$.encryptionConfiguration.kmsKey"));
  }

  @Test
  void repositoryPolicyMustBeJsonObject() {
    RepositoryCreationTemplate notJson =
        minimal("prod").toBuilder().repositoryPolicy("{").buildUnchecked();
    RepositoryCreationTemplate array =
        minimal("prod").toBuilder().repositoryPolicy("[]").buildUnchecked();

    assertThat(notJson.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.repositoryPolicy");
              assertThat(v.message())
                  .startsWith("The repository policy is not valid JSON: malformed JSON at line 1");
            });
    assertThat(array.violations())
        .extracting(PolicyViolation::message)
        .containsExactly("The repository policy must be a JSON object, but it is an array.");
  }

  @Test
  void repositoryPolicyLengthLimitEnforced() {
    String atLimit = "{\"Version\":\"2012-10-17\"" + " ".repeat(10_240 - 24) + "}";
    assertThat(atLimit).hasSize(10_240);

    assertThat(withPolicy(atLimit).violations()).isEmpty();
    assertThat(withPolicy(atLimit + " ").violations())
        .extracting(PolicyViolation::message)
        .containsExactly(
            "The repository policy is 10241 characters long; ECR allows at most 10240.");
  }

  @Test
  void customRoleMustBeRoleArn() {
    RepositoryCreationTemplate template =
        minimal("prod").toBuilder()
            .customRoleArn("arn:aws:iam::111122223333:user/alice")
            .buildUnchecked();

    assertThat(template.violations())
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            tuple(
                "$.customRoleArn",
                "customRoleArn \"arn:aws:iam::111122223333:user/alice\" is not an IAM role ARN, and"
                    + " ECR can only assume a role."));
  }

  @Test
  void parseReportsEveryStructuralProblem() {
    String json =
        "{\"prefix\":\"prod\",\"appliedFor\":[\"REPLICATION\",\"replication\",\"REPLICATION\",3],"
            + "\"createdAt\":\"2026-01-01\",\"lifecyclePolicy\":{},\"resourceTags\":{}}";

    PolicyCheck<RepositoryCreationTemplate> check = RepositoryCreationTemplate.check(json);

    assertThat(check.value()).isNull();
    assertThat(check.violations())
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            tuple(
                "$.createdAt",
                "\"createdAt\" is a value ECR reports, not part of the"
                    + " CreateRepositoryCreationTemplate request."),
            tuple("$.resourceTags", "\"resourceTags\" must be an array, but it is an object ({})."),
            tuple(
                "$.lifecyclePolicy",
                "\"lifecyclePolicy\" must be a string, but it is an object ({})."),
            tuple(
                "$.appliedFor[1]",
                "\"replication\" is not a valid repository creation scenario; ECR's values are"
                    + " case-sensitive."),
            tuple("$.appliedFor[2]", "REPLICATION is listed more than once in appliedFor."),
            tuple("$.appliedFor[3]", "A list entry here must be a string, but it is an integer."));
  }

  @Test
  void equalityIsSemantic() {
    RepositoryCreationTemplate written =
        RepositoryCreationTemplate.builder("prod/")
            .appliedFor(
                RepositoryCreationScenario.REPLICATION, RepositoryCreationScenario.CREATE_ON_PUSH)
            .tagMutability(TagMutability.mutable())
            .encryption(EncryptionConfiguration.aes256())
            .repositoryPolicy("{ \"Version\": \"2012-10-17\", \"Statement\": [] }")
            .build();
    RepositoryCreationTemplate minimal =
        RepositoryCreationTemplate.builder("prod")
            .appliedFor(
                RepositoryCreationScenario.CREATE_ON_PUSH, RepositoryCreationScenario.REPLICATION)
            .repositoryPolicy("{\"Statement\":[],\"Version\":\"2012-10-17\"}")
            .build();

    assertThat(written).isEqualTo(minimal);
    assertThat(written.hashCode()).isEqualTo(minimal.hashCode());
    assertThat(written)
        .isNotEqualTo(minimal.toBuilder().tagMutability(TagMutability.immutable()).build());
  }

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource({
    "prod, prod/web, true",
    "prod, prod/team/web, true",
    "prod, prod, false",
    "prod, production/web, false",
    "prod/, prod/web, true",
    "prod/team, prod/team/web, true",
    "prod/team, prod/web, false",
    "ROOT, anything, true"
  })
  void prefixCoversNamesUnderIt(String prefix, String repository, boolean expected) {
    assertThat(minimal(prefix).appliesTo(repository)).isEqualTo(expected);
  }

  @Test
  void selectPrefersLongestPrefix() {
    RepositoryCreationTemplate root = minimal("ROOT");
    RepositoryCreationTemplate prod = minimal("prod");
    RepositoryCreationTemplate prodTeam = minimal("prod/team");
    List<RepositoryCreationTemplate> templates = List.of(root, prodTeam, prod);

    assertThat(select(templates, "prod/team/web")).contains(prodTeam);
    assertThat(select(templates, "prod/web")).contains(prod);
    assertThat(select(templates, "dev/web")).contains(root);
  }

  @Test
  void selectSkipsOtherScenarios() {
    RepositoryCreationTemplate root = minimal("ROOT");
    RepositoryCreationTemplate cache =
        RepositoryCreationTemplate.builder("prod")
            .appliedFor(RepositoryCreationScenario.PULL_THROUGH_CACHE)
            .build();

    assertThat(select(List.of(root, cache), "prod/web")).contains(root);
    assertThat(
            RepositoryCreationTemplate.select(
                List.of(root, cache), "prod/web", RepositoryCreationScenario.PULL_THROUGH_CACHE))
        .contains(cache);
  }

  @Test
  void tagsWithoutRoleWarn() {
    RepositoryCreationTemplate template =
        RepositoryCreationTemplate.forAllRepositories()
            .appliedFor(RepositoryCreationScenario.PULL_THROUGH_CACHE)
            .tag("team", "platform")
            .build();

    assertThat(template.warnings())
        .extracting(PolicyWarning::path, PolicyWarning::message)
        .containsExactly(
            tuple(
                "$.customRoleArn",
                "The template sets resource tags but no customRoleArn; ECR applies tags and KMS"
                    + " keys to the repositories it creates only through a custom role."));
  }

  @Test
  void kmsKeyWithoutRoleWarns() {
    RepositoryCreationTemplate template =
        minimal("prod").toBuilder()
            .encryption(EncryptionConfiguration.kms(KEY_ARN))
            .tag("team", "a")
            .build();

    assertThat(template.warnings())
        .extracting(PolicyWarning::message)
        .containsExactly(
            "The template sets resource tags and a KMS key but no customRoleArn; ECR applies tags"
                + " and KMS keys to the repositories it creates only through a custom role.");
    assertThat(template.toBuilder().customRoleArn(ROLE).build().warnings()).isEmpty();
  }

  @Test
  void rootCreateOnPushWarns() {
    RepositoryCreationTemplate template =
        RepositoryCreationTemplate.forAllRepositories()
            .appliedFor(RepositoryCreationScenario.CREATE_ON_PUSH)
            .build();

    assertThat(template.warnings())
        .extracting(PolicyWarning::path, PolicyWarning::message)
        .containsExactly(
            tuple(
                "$.appliedFor",
                "With prefix ROOT and CREATE_ON_PUSH, a push to any repository name that does not"
                    + " exist creates that repository."));
  }

  @Test
  void lowercaseRootWarns() {
    assertThat(minimal("root").warnings())
        .extracting(PolicyWarning::path, PolicyWarning::message)
        .containsExactly(
            tuple(
                "$.prefix",
                "The prefix \"root\" covers only repositories under root/, while ROOT in capitals"
                    + " covers every repository."));
  }

  @Test
  void settingsForAppliesDefaults() {
    RepositoryCreationTemplate template = minimal("prod").toBuilder().tag("team", "a").build();

    RepositorySettings settings = template.settingsFor("prod/web");

    assertThat(settings.repositoryName()).isEqualTo("prod/web");
    assertThat(settings.tagMutability()).contains(TagMutability.mutable());
    assertThat(settings.encryption()).contains(EncryptionConfiguration.aes256());
    assertThat(settings.scanOnPush()).isEmpty();
    assertThat(settings.tags()).isEqualTo(ResourceTags.of("team", "a"));
  }

  private static Optional<RepositoryCreationTemplate> select(
      List<RepositoryCreationTemplate> templates, String repositoryName) {
    return RepositoryCreationTemplate.select(
        templates, repositoryName, RepositoryCreationScenario.REPLICATION);
  }

  private static RepositoryCreationTemplate minimal(String prefix) {
    return new RepositoryCreationTemplate(
        prefix,
        null,
        null,
        ResourceTags.empty(),
        null,
        null,
        null,
        List.of(RepositoryCreationScenario.REPLICATION),
        null);
  }

  private static RepositoryCreationTemplate withPolicy(String policyJson) {
    return minimal("prod").toBuilder().repositoryPolicy(policyJson).buildUnchecked();
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
