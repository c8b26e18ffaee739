package dev.ecr4j.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.*;

/**
 * Drives the emulator with the AWS SDK v2 EcrClient through the registry-level P1 operations: pull
 * through cache rules, repository creation templates, permission policies, registry scanning
 * configuration and account settings.
 */
class SdkRegistrySettingsConformanceTest {

  private static final String DOCKER_HUB_SECRET =
      "arn:aws:secretsmanager:us-east-1:000000000000:secret:ecr-pullthroughcache/docker-hub-AbCdEf";

  private static final String PULL_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
          + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}";

  private EcrEmulator emulator;
  private EcrClient ecr;

  @BeforeEach
  void start() {
    emulator = EcrEmulator.start();
    ecr = SdkClients.ecr(emulator);
  }

  @AfterEach
  void stop() {
    ecr.close();
    emulator.close();
  }

  private static String errorMessage(Throwable error) {
    return ((EcrException) error).awsErrorDetails().errorMessage();
  }

  // Pull through cache rules

  @Test
  void pullThroughCacheRuleRoundTrips() {
    Instant before = Instant.now().minusSeconds(1);
    CreatePullThroughCacheRuleResponse created =
        ecr.createPullThroughCacheRule(
            r -> r.ecrRepositoryPrefix("quay").upstreamRegistryUrl("quay.io"));

    assertThat(created.ecrRepositoryPrefix()).isEqualTo("quay");
    assertThat(created.upstreamRegistryUrl()).isEqualTo("quay.io");
    assertThat(created.upstreamRegistry()).isEqualTo(UpstreamRegistry.QUAY);
    assertThat(created.registryId()).isEqualTo("000000000000");
    assertThat(created.createdAt()).isBetween(before, Instant.now());
    List<PullThroughCacheRule> rules =
        ecr.describePullThroughCacheRules(r -> {}).pullThroughCacheRules();
    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).ecrRepositoryPrefix()).isEqualTo("quay");
    assertThat(rules.get(0).upstreamRegistry()).isEqualTo(UpstreamRegistry.QUAY);
    assertThat(rules.get(0).createdAt()).isEqualTo(created.createdAt());
    assertThat(rules.get(0).updatedAt()).isNull();

    DeletePullThroughCacheRuleResponse deleted =
        ecr.deletePullThroughCacheRule(r -> r.ecrRepositoryPrefix("quay"));
    assertThat(deleted.upstreamRegistryUrl()).isEqualTo("quay.io");
    assertThat(ecr.describePullThroughCacheRules(r -> {}).pullThroughCacheRules()).isEmpty();
  }

  @Test
  void pullThroughCacheRuleDuplicateIsRejected() {
    ecr.createPullThroughCacheRule(
        r -> r.ecrRepositoryPrefix("quay").upstreamRegistryUrl("quay.io"));

    assertThatThrownBy(
            () ->
                ecr.createPullThroughCacheRule(
                    r -> r.ecrRepositoryPrefix("quay").upstreamRegistryUrl("quay.io")))
        .isInstanceOf(PullThroughCacheRuleAlreadyExistsException.class)
        .extracting(SdkRegistrySettingsConformanceTest::errorMessage)
        .isEqualTo(
            "A pull through cache rule with prefix 'quay' already exists in the registry with id"
                + " '000000000000'");
  }

  @Test
  void pullThroughCacheRuleMissingIsNotFound() {
    String expected =
        "The pull through cache rule with prefix 'absent' does not exist in the registry with id"
            + " '000000000000'";

    List<Consumer<EcrClient>> calls =
        List.of(
            c -> c.deletePullThroughCacheRule(r -> r.ecrRepositoryPrefix("absent")),
            c -> c.validatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("absent")),
            c -> c.describePullThroughCacheRules(r -> r.ecrRepositoryPrefixes("absent")),
            c ->
                c.updatePullThroughCacheRule(
                    r -> r.ecrRepositoryPrefix("absent").credentialArn(DOCKER_HUB_SECRET)));
    for (Consumer<EcrClient> call : calls) {
      assertThatThrownBy(() -> call.accept(ecr))
          .isInstanceOf(PullThroughCacheRuleNotFoundException.class)
          .extracting(SdkRegistrySettingsConformanceTest::errorMessage)
          .isEqualTo(expected);
    }
  }

  @Test
  void pullThroughCacheRuleMissingSecret() {
    assertThatThrownBy(
            () ->
                ecr.createPullThroughCacheRule(
                    r ->
                        r.ecrRepositoryPrefix("docker-hub")
                            .upstreamRegistryUrl("registry-1.docker.io")))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(SdkRegistrySettingsConformanceTest::errorMessage)
        .isEqualTo(
            "Invalid parameter at 'credentialArn' failed to satisfy constraint: 'Upstream"
                + " registry docker-hub requires authentication, but credentialArn is missing.'");
    assertThat(ecr.describePullThroughCacheRules(r -> {}).pullThroughCacheRules()).isEmpty();
  }

  @Test
  void pullThroughCacheRuleWrongUrl() {
    assertThatThrownBy(
            () ->
                ecr.createPullThroughCacheRule(
                    r -> r.ecrRepositoryPrefix("hub").upstreamRegistryUrl("docker.io")))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(SdkRegistrySettingsConformanceTest::errorMessage)
        .isEqualTo(
            "Invalid parameter at 'upstreamRegistryUrl' failed to satisfy constraint:"
                + " 'upstreamRegistryUrl \"docker.io\" is not the URL of an upstream registry ECR"
                + " supports.'");
  }

  @Test
  void pullThroughCacheRuleUpdateReplacesSecret() {
    ecr.createPullThroughCacheRule(
        r ->
            r.ecrRepositoryPrefix("docker-hub")
                .upstreamRegistryUrl("registry-1.docker.io")
                .credentialArn(DOCKER_HUB_SECRET));
    String newSecret = DOCKER_HUB_SECRET.replace("AbCdEf", "GhIjKl");

    UpdatePullThroughCacheRuleResponse updated =
        ecr.updatePullThroughCacheRule(
            r -> r.ecrRepositoryPrefix("docker-hub").credentialArn(newSecret));

    assertThat(updated.credentialArn()).isEqualTo(newSecret);
    assertThat(updated.updatedAt()).isNotNull();
    PullThroughCacheRule stored =
        ecr.describePullThroughCacheRules(r -> r.ecrRepositoryPrefixes("docker-hub"))
            .pullThroughCacheRules()
            .get(0);
    assertThat(stored.credentialArn()).isEqualTo(newSecret);
    assertThat(stored.upstreamRegistry()).isEqualTo(UpstreamRegistry.DOCKER_HUB);
    assertThat(stored.updatedAt()).isEqualTo(updated.updatedAt());
    assertThatThrownBy(
            () ->
                ecr.updatePullThroughCacheRule(
                    r ->
                        r.ecrRepositoryPrefix("docker-hub")
                            .credentialArn(
                                "arn:aws:secretsmanager:us-east-1:000000000000:secret:other-AbCdEf")))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(
            ecr.describePullThroughCacheRules(r -> {})
                .pullThroughCacheRules()
                .get(0)
                .credentialArn())
        .isEqualTo(newSecret);
  }

  @Test
  void pullThroughCacheRuleValidatesOffline() {
    ecr.createPullThroughCacheRule(
        r ->
            r.ecrRepositoryPrefix("docker-hub")
                .upstreamRegistryUrl("registry-1.docker.io")
                .credentialArn(DOCKER_HUB_SECRET));
    String otherRegionSecret = DOCKER_HUB_SECRET.replace("us-east-1", "eu-west-1");
    ecr.createPullThroughCacheRule(
        r ->
            r.ecrRepositoryPrefix("ghcr")
                .upstreamRegistryUrl("ghcr.io")
                .credentialArn(otherRegionSecret));

    ValidatePullThroughCacheRuleResponse valid =
        ecr.validatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("docker-hub"));
    ValidatePullThroughCacheRuleResponse invalid =
        ecr.validatePullThroughCacheRule(r -> r.ecrRepositoryPrefix("ghcr"));

    assertThat(valid.isValid()).isTrue();
    assertThat(valid.failure()).isNull();
    assertThat(valid.upstreamRegistryUrl()).isEqualTo("registry-1.docker.io");
    assertThat(valid.credentialArn()).isEqualTo(DOCKER_HUB_SECRET);
    assertThat(invalid.isValid()).isFalse();
    assertThat(invalid.failure())
        .isEqualTo(
            "The secret '"
                + otherRegionSecret
                + "' is not in the registry's account 000000000000 and region us-east-1; ECR"
                + " reads pull through cache credentials only from there.");
  }

  @Test
  void pullThroughCacheRulesAreLimitedToFifty() {
    IntStream.range(0, 50)
        .forEach(
            i ->
                ecr.createPullThroughCacheRule(
                    r -> r.ecrRepositoryPrefix("quay" + i).upstreamRegistryUrl("quay.io")));

    assertThatThrownBy(
            () ->
                ecr.createPullThroughCacheRule(
                    r -> r.ecrRepositoryPrefix("one-more").upstreamRegistryUrl("quay.io")))
        .isInstanceOf(LimitExceededException.class);
    DescribePullThroughCacheRulesResponse first =
        ecr.describePullThroughCacheRules(r -> r.maxResults(30));
    DescribePullThroughCacheRulesResponse second =
        ecr.describePullThroughCacheRules(r -> r.nextToken(first.nextToken()));
    assertThat(first.pullThroughCacheRules()).hasSize(30);
    assertThat(second.pullThroughCacheRules()).hasSize(20);
    assertThat(second.nextToken()).isNull();
  }

  // Repository creation templates

  @Test
  void creationTemplateRoundTrips() {
    CreateRepositoryCreationTemplateResponse created =
        ecr.createRepositoryCreationTemplate(
            r ->
                r.prefix("prod")
                    .description("production images")
                    .appliedFor(RCTAppliedFor.REPLICATION, RCTAppliedFor.PULL_THROUGH_CACHE)
                    .imageTagMutability(ImageTagMutability.IMMUTABLE)
                    .repositoryPolicy(PULL_POLICY)
                    .resourceTags(Tag.builder().key("team").value("web").build()));

    RepositoryCreationTemplate template = created.repositoryCreationTemplate();
    assertThat(created.registryId()).isEqualTo("000000000000");
    assertThat(template.prefix()).isEqualTo("prod");
    assertThat(template.description()).isEqualTo("production images");
    assertThat(template.appliedFor())
        .containsExactly(RCTAppliedFor.REPLICATION, RCTAppliedFor.PULL_THROUGH_CACHE);
    assertThat(template.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
    assertThat(template.encryptionConfiguration().encryptionType())
        .isEqualTo(EncryptionType.AES256);
    assertThat(template.repositoryPolicy()).isEqualTo(PULL_POLICY);
    assertThat(template.createdAt()).isEqualTo(template.updatedAt());

    RepositoryCreationTemplate updated =
        ecr.updateRepositoryCreationTemplate(r -> r.prefix("prod").description("changed"))
            .repositoryCreationTemplate();
    assertThat(updated.description()).isEqualTo("changed");
    assertThat(updated.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
    assertThat(updated.createdAt()).isEqualTo(template.createdAt());

    DescribeRepositoryCreationTemplatesResponse described =
        ecr.describeRepositoryCreationTemplates(r -> r.prefixes("prod", "absent"));
    assertThat(described.repositoryCreationTemplates()).containsExactly(updated);
    ecr.deleteRepositoryCreationTemplate(r -> r.prefix("prod"));
    assertThat(ecr.describeRepositoryCreationTemplates(r -> {}).repositoryCreationTemplates())
        .isEmpty();
  }

  @Test
  void creationTemplateDuplicateAndMissingAreErrors() {
    ecr.createRepositoryCreationTemplate(
        r -> r.prefix("ROOT").appliedFor(RCTAppliedFor.CREATE_ON_PUSH));

    assertThatThrownBy(
            () ->
                ecr.createRepositoryCreationTemplate(
                    r -> r.prefix("ROOT").appliedFor(RCTAppliedFor.REPLICATION)))
        .isInstanceOf(TemplateAlreadyExistsException.class)
        .extracting(SdkRegistrySettingsConformanceTest::errorMessage)
        .isEqualTo(
            "A repository creation template with prefix 'ROOT' already exists in the registry"
                + " with id '000000000000'");
    assertThatThrownBy(() -> ecr.deleteRepositoryCreationTemplate(r -> r.prefix("absent")))
        .isInstanceOf(TemplateNotFoundException.class)
        .extracting(SdkRegistrySettingsConformanceTest::errorMessage)
        .isEqualTo(
            "The repository creation template with prefix 'absent' does not exist in the"
                + " registry with id '000000000000'");
    assertThatThrownBy(
            () -> ecr.updateRepositoryCreationTemplate(r -> r.prefix("absent").description("x")))
        .isInstanceOf(TemplateNotFoundException.class);
  }

  @Test
  void creationTemplateWithInvalidLifecyclePolicyIsRejected() {
    String lifecycle =
        "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\","
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":5},"
            + "\"action\":{\"type\":\"expire\"}}]}";

    assertThatThrownBy(
            () ->
                ecr.createRepositoryCreationTemplate(
                    r ->
                        r.prefix("prod")
                            .appliedFor(RCTAppliedFor.REPLICATION)
                            .lifecyclePolicy(lifecycle)))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(SdkRegistrySettingsConformanceTest::errorMessage)
        .isEqualTo(
            "Invalid parameter at 'lifecyclePolicy' failed to satisfy constraint: 'Lifecycle"
                + " policy validation failure: Must specify tagPrefixList or tagPatternList when"
                + " tagStatus=TAGGED.'");
    assertThat(ecr.describeRepositoryCreationTemplates(r -> {}).repositoryCreationTemplates())
        .isEmpty();
  }

  @Test
  void creationTemplateUpdateIsValidatedWhole() {
    ecr.createRepositoryCreationTemplate(
        r -> r.prefix("prod").appliedFor(RCTAppliedFor.REPLICATION));

    assertThatThrownBy(
            () ->
                ecr.updateRepositoryCreationTemplate(
                    r ->
                        r.prefix("prod")
                            .imageTagMutability(ImageTagMutability.IMMUTABLE_WITH_EXCLUSION)))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(SdkRegistrySettingsConformanceTest::errorMessage)
        .isEqualTo(
            "Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint:"
                + " 'Tag"
                + " mutability IMMUTABLE_WITH_EXCLUSION needs 1 to 5 exclusion filters, but there"
                + " are none.'");
    assertThat(
            ecr.describeRepositoryCreationTemplates(r -> {})
                .repositoryCreationTemplates()
                .get(0)
                .imageTagMutability())
        .isEqualTo(ImageTagMutability.MUTABLE);
  }

  // Permission policies

  @Test
  void repositoryPolicyWithoutPrincipalIsRejected() {
    ecr.createRepository(r -> r.repositoryName("pol"));
    String noPrincipal =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"ecr:BatchGetImage\"}]}";

    assertThatThrownBy(
            () -> ecr.setRepositoryPolicy(r -> r.repositoryName("pol").policyText(noPrincipal)))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(SdkRegistrySettingsConformanceTest::errorMessage)
        .isEqualTo(
            "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository"
                + " policy provided'");
    ecr.setRepositoryPolicy(r -> r.repositoryName("pol").policyText(PULL_POLICY));
    assertThat(ecr.getRepositoryPolicy(r -> r.repositoryName("pol")).policyText())
        .isEqualTo(PULL_POLICY);
  }

  @Test
  void registryPolicyScopeFollowsAccountSetting() {
    String pullGrant =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
            + "\"Action\":\"ecr:BatchGetImage\","
            + "\"Resource\":\"arn:aws:ecr:us-east-1:000000000000:repository/*\"}]}";

    ecr.putRegistryPolicy(r -> r.policyText(pullGrant));
    ecr.putAccountSetting(r -> r.name("REGISTRY_POLICY_SCOPE").value("V1"));

    assertThatThrownBy(() -> ecr.putRegistryPolicy(r -> r.policyText(pullGrant)))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(SdkRegistrySettingsConformanceTest::errorMessage)
        .isEqualTo(
            "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid registry"
                + " policy provided'");
    assertThat(ecr.getRegistryPolicy(r -> {}).policyText()).isEqualTo(pullGrant);
  }

  // Scanning configuration and account settings

  @Test
  void scanningConfigurationIsValidated() {
    PutRegistryScanningConfigurationResponse put =
        ecr.putRegistryScanningConfiguration(
            r ->
                r.scanType(ScanType.BASIC)
                    .rules(
                        rule ->
                            rule.scanFrequency(ScanFrequency.SCAN_ON_PUSH)
                                .repositoryFilters(
                                    f -> f.filter("prod-*").filterType("WILDCARD"))));
    assertThat(put.registryScanningConfiguration().rules()).hasSize(1);

    assertThatThrownBy(
            () ->
                ecr.putRegistryScanningConfiguration(
                    r ->
                        r.scanType(ScanType.BASIC)
                            .rules(
                                rule ->
                                    rule.scanFrequency(ScanFrequency.CONTINUOUS_SCAN)
                                        .repositoryFilters(
                                            f -> f.filter("*").filterType("WILDCARD")))))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(SdkRegistrySettingsConformanceTest::errorMessage)
        .isEqualTo(
            "Invalid parameter at 'rules' failed to satisfy constraint: 'Scan frequency"
                + " CONTINUOUS_SCAN needs scan type ENHANCED, but the scan type is BASIC.'");
    assertThat(
            ecr.getRegistryScanningConfiguration(r -> {})
                .scanningConfiguration()
                .rules()
                .get(0)
                .scanFrequency())
        .isEqualTo(ScanFrequency.SCAN_ON_PUSH);
  }

  @Test
  void scanningConfigurationWithoutRulesKeepsRules() {
    ecr.putRegistryScanningConfiguration(
        r ->
            r.scanType(ScanType.ENHANCED)
                .rules(
                    rule ->
                        rule.scanFrequency(ScanFrequency.CONTINUOUS_SCAN)
                            .repositoryFilters(f -> f.filter("*").filterType("WILDCARD"))));

    ecr.putRegistryScanningConfiguration(r -> r.scanType(ScanType.ENHANCED));

    RegistryScanningConfiguration stored =
        ecr.getRegistryScanningConfiguration(r -> {}).scanningConfiguration();
    assertThat(stored.scanType()).isEqualTo(ScanType.ENHANCED);
    assertThat(stored.rules()).hasSize(1);
  }

  @Test
  void accountSettingValueIsValidated() {
    ecr.putAccountSetting(r -> r.name("BLOB_MOUNTING").value("ENABLED"));

    assertThatThrownBy(() -> ecr.putAccountSetting(r -> r.name("BLOB_MOUNTING").value("ON")))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(SdkRegistrySettingsConformanceTest::errorMessage)
        .isEqualTo(
            "Invalid parameter at 'value' failed to satisfy constraint: '\"ON\" is not a valid"
                + " value for BLOB_MOUNTING.'");
    assertThat(ecr.getAccountSetting(r -> r.name("BLOB_MOUNTING")).value()).isEqualTo("ENABLED");
  }
}
