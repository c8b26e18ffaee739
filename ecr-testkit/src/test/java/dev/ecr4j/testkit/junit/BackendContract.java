package dev.ecr4j.testkit.junit;

import static dev.ecr4j.testkit.assertj.EcrAssertions.assertThatImage;
import static dev.ecr4j.testkit.assertj.EcrAssertions.assertThatRepository;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.RepositorySettings;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.testkit.EcrControls;
import dev.ecr4j.testkit.EcrControls.Capability;
import dev.ecr4j.testkit.EcrEndpoint;
import dev.ecr4j.testkit.SampleImages;
import dev.ecr4j.testkit.TestBackend;
import dev.ecr4j.testkit.assertj.RepositorySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * Contract tests that every test backend must pass, run once per backend by a subclass annotated
 * with {@link EcrTest}. Where a backend lacks a feature, the subclass declares it by overriding a
 * {@code supports*} method, and the test is skipped with that reason. docs/testkit.md lists the
 * differences.
 */
@Timeout(120)
abstract class BackendContract {

  /** Returns false when the backend does not implement DescribeImageReplicationStatus. */
  boolean supportsReplicationStatus() {
    return true;
  }

  @Test
  void firstTestSeesEmptyRegistry(EcrClient ecr) {
    assertThat(ecr.describeRepositories().repositories()).isEmpty();

    ecr.createRepository(request -> request.repositoryName("contract/left-behind-1"));
  }

  @Test
  void secondTestSeesEmptyRegistry(EcrClient ecr) {
    // Whichever of the two runs second proves that the other's repository was reset away.
    assertThat(ecr.describeRepositories().repositories()).isEmpty();

    ecr.createRepository(request -> request.repositoryName("contract/left-behind-2"));
  }

  @Test
  void clientsShareOneBackend(Ecr4jClient ecr4j, EcrClient ecr) {
    ecr4j.repositories().create("contract/shared", RepositorySettings.defaults());

    assertThatRepository(ecr, "contract/shared").exists();
    assertThat(ecr4j.sdkClient()).isSameAs(ecr);
  }

  @Test
  void repositoryUriReachableFromHost(EcrClient ecr, TestBackend backend, EcrEndpoint endpoint) {
    CreateRepositoryResponse created =
        ecr.createRepository(request -> request.repositoryName("contract/uri"));

    String uri = backend.clientRepositoryUri(created.repository().repositoryUri());

    assertThat(uri).isEqualTo(backend.repositoryUri("contract/uri"));
    assertThat(uri).startsWith(endpoint.registryHost() + "/").endsWith("/contract/uri");
  }

  @Test
  void imagesAndTagsAsserted(EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("contract/images"));

    String first = SampleImages.put(ecr, "contract/images", 1, "1.0", "latest");
    String second = SampleImages.put(ecr, "contract/images", 2, "2.0");

    assertThatRepository(ecr, "contract/images")
        .hasImageCount(2)
        .hasImageTagged("1.0", "latest")
        .containsImages(first, second)
        .hasNoImageTagged("3.0");
    assertThatImage(ecr, "contract/images", "latest").hasExactlyTags("1.0", "latest").isActive();
    assertThatImage(ecr, "contract/images", second).hasTags("2.0");
  }

  @Test
  void expiredImagesComparedWithSnapshot(EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("contract/expiry"));
    String old = SampleImages.put(ecr, "contract/expiry", 1, "old");
    String older = SampleImages.put(ecr, "contract/expiry", 2, "older");
    String kept = SampleImages.put(ecr, "contract/expiry", 3, "kept");
    RepositorySnapshot before = RepositorySnapshot.take(ecr, "contract/expiry");

    // Replaces a lifecycle run, because the assertion only compares what DescribeImages returns.
    ecr.batchDeleteImage(
        request ->
            request
                .repositoryName("contract/expiry")
                .imageIds(
                    ImageIdentifier.builder().imageDigest(old).build(),
                    ImageIdentifier.builder().imageDigest(older).build()));

    assertThatRepository(ecr, "contract/expiry")
        .sinceSnapshot(before)
        .expiredExactly(old, older)
        .kept(kept)
        .archivedExactly();
    assertThatRepository(ecr, "contract/expiry").doesNotContainImages(old, older);
  }

  @Test
  void lifecyclePolicyRoundTrip(Ecr4jClient ecr4j) {
    ecr4j.repositories().create("contract/lifecycle", RepositorySettings.defaults());
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .tagged("release-*")
            .keepNewest(10)
            .untagged()
            .expireAfterDays(14)
            .build();

    ecr4j.lifecycle().put("contract/lifecycle", policy);

    assertThat(ecr4j.lifecycle().get("contract/lifecycle")).contains(policy);
  }

  @Test
  void endpointBuildsAnotherClient(EcrEndpoint endpoint, EcrClient ecr) {
    ecr.createRepository(request -> request.repositoryName("contract/endpoint"));

    try (EcrClient other =
        EcrClient.builder()
            .endpointOverride(endpoint.endpoint())
            .region(endpoint.sdkRegion())
            .credentialsProvider(endpoint.credentialsProvider())
            .build()) {
      List<Repository> repositories = other.describeRepositories().repositories();

      assertThat(repositories).extracting(Repository::repositoryName).contains("contract/endpoint");
      assertThat(repositories.get(0).registryId()).isEqualTo(endpoint.accountId());
    }
  }

  @Test
  void replicationStatusListsDestinations(EcrClient ecr, EcrEndpoint endpoint) {
    assumeTrue(
        supportsReplicationStatus(),
        "the backend does not implement DescribeImageReplicationStatus");
    ecr.createRepository(request -> request.repositoryName("contract/replicated"));

    // As in ECR, replication applies to images pushed after the configuration is in place.
    ecr.putReplicationConfiguration(
        request ->
            request.replicationConfiguration(
                configuration ->
                    configuration.rules(
                        rule ->
                            rule.destinations(
                                destination ->
                                    destination
                                        .region("eu-west-1")
                                        .registryId(endpoint.accountId())))));
    SampleImages.put(ecr, "contract/replicated", 1, "1.0");

    List<String> regions =
        ecr
            .describeImageReplicationStatus(
                request ->
                    request.repositoryName("contract/replicated").imageId(id -> id.imageTag("1.0")))
            .replicationStatuses()
            .stream()
            .map(status -> status.region())
            .toList();

    assertThat(regions).containsExactly("eu-west-1");
  }

  @Test
  void resetEmptiesRegistryAndKeepsClients(EcrControls controls, EcrClient ecr) {
    assumeTrue(controls.supports(Capability.RESET), "the backend cannot reset");
    ecr.createRepository(request -> request.repositoryName("contract/before-reset"));

    controls.reset();

    assertThat(ecr.describeRepositories().repositories()).isEmpty();
  }

  @Test
  void clockMovesForward(EcrControls controls, EcrClient ecr) {
    assumeTrue(controls.supports(Capability.CLOCK), "the backend's clock cannot move");
    Instant before = controls.now();

    controls.advanceClock(Duration.ofDays(30));
    Instant created =
        ecr.createRepository(request -> request.repositoryName("contract/clock"))
            .repository()
            .createdAt();

    assertThat(created)
        .isBetween(before.plus(Duration.ofDays(30)), before.plus(Duration.ofDays(31)));
  }
}
