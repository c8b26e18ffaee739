package dev.ecr4j.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PullThroughCacheRuleTest {

  private static final String SECRET =
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf";
  private static final String ROLE = "arn:aws:iam::111122223333:role/ecr-pull-through-cache";

  @Test
  void dockerHubPresetRendersEcrJson() {
    PullThroughCacheRule rule =
        PullThroughCacheRule.dockerHub("docker-hub").credentialArn(SECRET).build();

    assertThat(rule.toJson())
        .isEqualTo(
            "{\"ecrRepositoryPrefix\":\"docker-hub\",\"upstreamRegistryUrl\":\"registry-1.docker.io\","
                + "\"upstreamRegistry\":\"docker-hub\",\"credentialArn\":\""
                + SECRET
                + "\"}");
    assertThat(rule.warnings()).isEmpty();
  }

  static Stream<Arguments> presets() {
    return Stream.of(
        Arguments.of(fn(PullThroughCacheRule::quay), "quay.io", UpstreamRegistry.QUAY),
        Arguments.of(
            fn(PullThroughCacheRule::kubernetes), "registry.k8s.io", UpstreamRegistry.KUBERNETES),
        Arguments.of(
            fn(PullThroughCacheRule::ecrPublic), "public.ecr.aws", UpstreamRegistry.ECR_PUBLIC),
        Arguments.of(
            fn(PullThroughCacheRule::dockerHub),
            "registry-1.docker.io",
            UpstreamRegistry.DOCKER_HUB),
        Arguments.of(
            fn(PullThroughCacheRule::githubContainerRegistry),
            "ghcr.io",
            UpstreamRegistry.GITHUB_CONTAINER_REGISTRY),
        Arguments.of(
            fn(PullThroughCacheRule::gitlabContainerRegistry),
            "registry.gitlab.com",
            UpstreamRegistry.GITLAB_CONTAINER_REGISTRY),
        Arguments.of(fn(PullThroughCacheRule::chainguard), "cgr.dev", UpstreamRegistry.CHAINGUARD),
        Arguments.of(
            fn(prefix -> PullThroughCacheRule.azureContainerRegistry(prefix, "myregistry")),
            "myregistry.azurecr.io",
            UpstreamRegistry.AZURE_CONTAINER_REGISTRY),
        Arguments.of(
            fn(prefix -> PullThroughCacheRule.ecr(prefix, "444455556666", "eu-west-1")),
            "444455556666.dkr.ecr.eu-west-1.amazonaws.com",
            UpstreamRegistry.ECR));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("presets")
  void presetSetsDocumentedUrl(
      Function<String, PullThroughCacheRule.Builder> preset,
      String url,
      UpstreamRegistry registry) {
    PullThroughCacheRule.Builder builder = preset.apply("cache");
    if (registry.requiresCredentialArn()) {
      builder.credentialArn(SECRET);
    }

    PullThroughCacheRule rule = builder.build();

    assertThat(rule.upstreamRegistryUrl()).isEqualTo(url);
    assertThat(rule.upstreamRegistry()).contains(registry);
    assertThat(UpstreamRegistry.forUrl(url)).contains(registry);
    assertThat(PullThroughCacheRule.parse(rule.toJson())).isEqualTo(rule);
  }

  @ParameterizedTest
  @EnumSource(
      value = UpstreamRegistry.class,
      names = {
        "DOCKER_HUB",
        "GITHUB_CONTAINER_REGISTRY",
        "AZURE_CONTAINER_REGISTRY",
        "GITLAB_CONTAINER_REGISTRY",
        "CHAINGUARD"
      })
  void secretUpstreamsNeedCredential(UpstreamRegistry registry) {
    String url = registry.url().orElse("myregistry.azurecr.io");
    PullThroughCacheRule.Builder builder =
        PullThroughCacheRule.builder("cache").upstreamRegistry(registry).upstreamRegistryUrl(url);

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(
                        PolicyViolation::path, PolicyViolation::message, PolicyViolation::fix)
                    .containsExactly(
                        tuple(
                            "$.credentialArn",
                            "Upstream registry "
                                + registry.json()
                                + " requires authentication, but credentialArn is missing.",
                            "Store the credentials in a Secrets Manager secret whose name starts"
                                + " with ecr-pullthroughcache/, and set credentialArn to its"
                                + " ARN.")));
  }

  @Test
  void credentialRequiredWhenUpstreamInferredFromUrl() {
    PullThroughCacheRule rule =
        PullThroughCacheRule.parse(
            "{\"ecrRepositoryPrefix\":\"ghcr\",\"upstreamRegistryUrl\":\"ghcr.io\"}");

    assertThat(rule.effectiveUpstreamRegistry())
        .contains(UpstreamRegistry.GITHUB_CONTAINER_REGISTRY);
    assertThat(rule.violations())
        .extracting(PolicyViolation::path)
        .containsExactly("$.credentialArn");
  }

  @Test
  void secretNameMustHaveEcrPrefix() {
    PullThroughCacheRule.Builder builder =
        PullThroughCacheRule.dockerHub("docker-hub")
            .credentialArn(
                "arn:aws:secretsmanager:us-east-1:111122223333:secret:docker-hub-AbCdEf");

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(PolicyViolation::message)
                    .containsExactly(
                        "credentialArn names the secret \"docker-hub-AbCdEf\", but ECR accepts only"
                            + " secrets whose names start with ecr-pullthroughcache/."));
  }

  @Test
  void secretNameCharactersEnforced() {
    assertThat(ruleWithSecret(SECRET + " copy").violations())
        .extracting(PolicyViolation::message)
        .containsExactly(
            "credentialArn names the secret \"ecr-pullthroughcache/docker-hub-AbCdEf copy\", which"
                + " contains characters ECR does not allow in a secret name.");
  }

  @Test
  void credentialMustBeSecretArn() {
    assertThat(
            PullThroughCacheRule.dockerHub("docker-hub")
                .credentialArn("arn:aws:ssm:us-east-1:111122223333:parameter/docker")
                .buildUnchecked()
                .violations())
        .extracting(PolicyViolation::message)
        .containsExactly(
            "credentialArn \"arn:aws:ssm:us-east-1:111122223333:parameter/docker\" is not the ARN"
                + " of a Secrets Manager secret.");
  }

  @Test
  void credentialLengthLimitEnforced() {
    String atLimit = SECRET + "x".repeat(612 - SECRET.length());

    assertThat(ruleWithSecret(atLimit).violations()).isEmpty();
    assertThat(ruleWithSecret(atLimit + "x").violations())
        .extracting(PolicyViolation::message)
        .containsExactly("credentialArn is 613 characters long; ECR allows at most 612.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "docker.io|Write \"registry-1.docker.io\".",
        "https://quay.io|Write \"quay.io\".",
        "gitlab.com|Write \"registry.gitlab.com\".",
        "registry.example.com|Use the documented host of a supported registry, such as"
            + " registry-1.docker.io, quay.io, ghcr.io, registry.gitlab.com, registry.k8s.io,"
            + " public.ecr.aws, cgr.dev, <name>.azurecr.io or"
            + " <account>.dkr.ecr.<region>.amazonaws.com."
      })
  void unknownUrlRejected(String url, String fix) {
    PullThroughCacheRule rule =
        PullThroughCacheRule.builder("cache").upstreamRegistryUrl(url).buildUnchecked();

    assertThat(rule.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.upstreamRegistryUrl");
              assertThat(v.message())
                  .isEqualTo(
                      "upstreamRegistryUrl \""
                          + url
                          + "\" is not the URL of an upstream registry ECR supports.");
              assertThat(v.fix()).isEqualTo(fix);
            });
  }

  @Test
  void urlMustMatchNamedUpstream() {
    PullThroughCacheRule wrongHost =
        PullThroughCacheRule.builder("hub")
            .upstreamRegistry(UpstreamRegistry.DOCKER_HUB)
            .upstreamRegistryUrl("docker.io")
            .credentialArn(SECRET)
            .buildUnchecked();
    PullThroughCacheRule wrongForm =
        PullThroughCacheRule.builder("ecr")
            .upstreamRegistry(UpstreamRegistry.ECR)
            .upstreamRegistryUrl("https://444455556666.dkr.ecr.eu-west-1.amazonaws.com")
            .buildUnchecked();

    assertThat(wrongHost.violations())
        .extracting(PolicyViolation::message, PolicyViolation::fix)
        .containsExactly(
            tuple(
                "upstreamRegistryUrl \"docker.io\" is not the URL ECR expects for upstream registry"
                    + " docker-hub, which is registry-1.docker.io.",
                "Write \"registry-1.docker.io\"."));
    assertThat(wrongForm.violations())
        .extracting(PolicyViolation::fix)
        .containsExactly(
            "Write the host only, in the form <account>.dkr.ecr.<region>.amazonaws.com.");
  }

  @Test
  void prefixLimitsEnforced() {
    PullThroughCacheRule rule =
        PullThroughCacheRule.quay("q").upstreamRepositoryPrefix("a".repeat(31)).buildUnchecked();

    assertThat(rule.violations())
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            tuple(
                "$.ecrRepositoryPrefix",
                "The ECR repository prefix \"q\" is 1 character long; ECR allows 2 to 30."),
            tuple(
                "$.upstreamRepositoryPrefix",
                "The upstream repository prefix \""
                    + "a".repeat(31)
                    + "\" is 31 characters long; ECR allows 2 to 30."));
  }

  @Test
  void rootPrefixAccepted() {
    assertThat(
            PullThroughCacheRule.quay("ROOT").upstreamRepositoryPrefix("ROOT").build().violations())
        .isEmpty();
  }

  @Test
  void unusedCredentialWarns() {
    PullThroughCacheRule rule = PullThroughCacheRule.quay("quay").credentialArn(SECRET).build();

    assertThat(rule.warnings())
        .extracting(PolicyWarning::path, PolicyWarning::message)
        .containsExactly(
            tuple(
                "$.credentialArn",
                "Upstream registry quay needs no credentials, so credentialArn has no use."));
  }

  @Test
  void roleOnSecretUpstreamWarns() {
    PullThroughCacheRule rule =
        PullThroughCacheRule.dockerHub("hub").credentialArn(SECRET).customRoleArn(ROLE).build();

    assertThat(rule.warnings())
        .extracting(PolicyWarning::message, PolicyWarning::hint)
        .containsExactly(
            tuple(
                "customRoleArn is used only to reach an ECR upstream registry, not docker-hub.",
                "Remove customRoleArn; this upstream authenticates with credentialArn."));
  }

  @Test
  void ecrUpstreamUsesRole() {
    PullThroughCacheRule rule =
        PullThroughCacheRule.ecr("central", "444455556666", "eu-west-1")
            .customRoleArn(ROLE)
            .upstreamRepositoryPrefix("team-a")
            .build();

    assertThat(rule.warnings()).isEmpty();
    assertThat(rule.toBuilder().credentialArn(SECRET).build().warnings())
        .extracting(PolicyWarning::message)
        .containsExactly(
            "ECR reaches an ECR upstream registry with an IAM role, so credentialArn has no use.");
  }

  @Test
  void equalityIsSemantic() {
    PullThroughCacheRule explicit =
        PullThroughCacheRule.quay("quay/").upstreamRepositoryPrefix("ROOT").build();
    PullThroughCacheRule inferred =
        PullThroughCacheRule.parse(
            "{\"ecrRepositoryPrefix\":\"quay\",\"upstreamRegistryUrl\":\"quay.io\"}");

    assertThat(explicit).isEqualTo(inferred);
    assertThat(explicit.hashCode()).isEqualTo(inferred.hashCode());
    assertThat(explicit).isNotEqualTo(PullThroughCacheRule.quay("quay2").build());
  }

  @Test
  void parseReportsEveryStructuralProblem() {
    String json =
        "{\"ecrRepositoryPrefix\":\"hub\",\"upstreamRegistry\":\"dockerhub\",\"registryId\":\"111122223333\","
            + "\"createdAt\":1700000000,\"credentialArn\":null}";

    PolicyCheck<PullThroughCacheRule> check = PullThroughCacheRule.check(json);

    assertThat(check.value()).isNull();
    assertThat(check.violations())
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            tuple(
                "$.registryId",
                "\"registryId\" is a parameter of the CreatePullThroughCacheRule request, not part"
                    + " of the pull through cache rule."),
            tuple(
                "$.createdAt",
                "\"createdAt\" is a value ECR reports, not part of the CreatePullThroughCacheRule"
                    + " request."),
            tuple("$.upstreamRegistryUrl", "The required key \"upstreamRegistryUrl\" is missing."),
            tuple("$.upstreamRegistry", "\"dockerhub\" is not a valid upstreamRegistry."),
            tuple(
                "$.credentialArn", "\"credentialArn\" is null; ECR's API accepts no null values."));
  }

  @Test
  void builderWithoutUrlThrows() {
    assertThatThrownBy(() -> PullThroughCacheRule.builder("cache").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("a pull through cache rule needs an upstream registry URL");
  }

  private static PullThroughCacheRule ruleWithSecret(String arn) {
    return PullThroughCacheRule.dockerHub("hub").credentialArn(arn).buildUnchecked();
  }

  private static Function<String, PullThroughCacheRule.Builder> fn(
      Function<String, PullThroughCacheRule.Builder> preset) {
    return preset;
  }
}
