package dev.ecr4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.core.auth.AuthorizationToken;
import dev.ecr4j.core.auth.RegistryHost;
import dev.ecr4j.policy.lifecycle.ImageDecision;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import dev.ecr4j.policy.replication.ReplicationDestination;
import dev.ecr4j.policy.replication.ReplicationRule;
import dev.ecr4j.policy.replication.RepositoryFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the client against moto's server, a real ECR emulator in Python. */
@Timeout(120)
class MotoClientTest {

  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static Ecr4jClient ecr;

  @BeforeAll
  static void startClient() {
    ecr = TestClients.builder(MOTO.endpoint()).build();
  }

  @AfterAll
  static void closeClient() {
    if (ecr != null) {
      ecr.close();
    }
  }

  private static String newName() {
    return "repo-" + NAMES.incrementAndGet();
  }

  private static String manifest(String layerDigest) {
    return "{\"schemaVersion\":2,"
        + "\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
        + "\"size\":7023,\"digest\":\"sha256:"
        + "b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7\"},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
        + "\"size\":32654,\"digest\":\"sha256:"
        + layerDigest
        + "\"}]}";
  }

  private static String layer(char c) {
    return String.valueOf(c).repeat(64);
  }

  @Test
  void createThenDescribe() {
    String name = newName();
    RepositoryCreation creation =
        ecr.repositories()
            .create(
                name,
                RepositorySettings.builder()
                    .tagMutability(TagMutability.IMMUTABLE)
                    .scanOnPush(true)
                    .tag("team", "core")
                    .build());

    assertThat(creation.created()).isTrue();
    Repository described = ecr.repositories().describe(name);
    assertThat(described.name()).isEqualTo(name);
    assertThat(described.registryId()).isEqualTo(TestClients.ACCOUNT);
    assertThat(described.tagMutability()).isEqualTo(TagMutability.IMMUTABLE);
    assertThat(described.scanOnPush()).isTrue();
    assertThat(described.encryption()).isEqualTo(Encryption.AES256);
    assertThat(ecr.repositories().tags(name)).isEqualTo(Map.of("team", "core"));
  }

  @Test
  void createExistingSameSettings() {
    String name = newName();
    ecr.repositories().create(name);

    RepositoryCreation again = ecr.repositories().create(name);

    assertThat(again.created()).isFalse();
    assertThat(again.differences()).isEmpty();
    assertThat(again.repository().name()).isEqualTo(name);
  }

  @Test
  void createExistingOtherSettings() {
    String name = newName();
    ecr.repositories().create(name);

    RepositoryCreation again =
        ecr.repositories()
            .create(
                name,
                RepositorySettings.builder()
                    .tagMutability(TagMutability.IMMUTABLE)
                    .scanOnPush(true)
                    .build());

    assertThat(again.created()).isFalse();
    assertThat(again.differences())
        .containsExactly(
            "tagMutability: requested IMMUTABLE, actual MUTABLE",
            "scanOnPush: requested true, actual false");
  }

  @Test
  void describeMissingRepository() {
    assertThatThrownBy(() -> ecr.repositories().describe("missing"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageStartingWith(
            "DescribeRepositories failed: The repository with name 'missing' does not exist in"
                + " the registry with id '123456789012' (RepositoryNotFoundException, HTTP 400")
        .satisfies(
            e -> {
              NotFoundException notFound = (NotFoundException) e;
              assertThat(notFound.awsErrorCode()).contains("RepositoryNotFoundException");
              assertThat(notFound.statusCode()).isEqualTo(400);
              assertThat(notFound.getCause())
                  .isInstanceOf(
                      software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException.class);
            });
    assertThat(ecr.repositories().find("missing")).isEmpty();
  }

  @Test
  void createInvalidName() {
    assertThatThrownBy(() -> ecr.repositories().create("Bad Name"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Invalid parameter at 'repositoryName' failed to satisfy constraint");
  }

  @Test
  void listContainsCreated() {
    String first = newName();
    String second = newName();
    ecr.repositories().create(first);
    ecr.repositories().create(second);

    List<String> names = ecr.repositories().list().map(Repository::name).toList();

    assertThat(names).contains(first, second);
  }

  @Test
  void deleteWithAndWithoutForce() {
    String name = newName();
    ecr.repositories().create(name);
    ecr.images().put(name, manifest(layer('a')), null, "v1");

    assertThatThrownBy(() -> ecr.repositories().delete(name, false))
        .isInstanceOf(Ecr4jServiceException.class)
        .extracting(e -> ((Ecr4jServiceException) e).awsErrorCode().orElseThrow())
        .isEqualTo("RepositoryNotEmptyException");

    assertThat(ecr.repositories().delete(name, true).name()).isEqualTo(name);
    assertThat(ecr.repositories().find(name)).isEmpty();
  }

  @Test
  void settingsChangeInPlace() {
    String name = newName();
    ecr.repositories().create(name);

    ecr.repositories().setTagMutability(name, TagMutability.IMMUTABLE);
    ecr.repositories().setScanOnPush(name, true);
    ecr.repositories().tag(name, Map.of("env", "dev", "owner", "core"));
    ecr.repositories().untag(name, List.of("owner"));

    Repository described = ecr.repositories().describe(name);
    assertThat(described.tagMutability()).isEqualTo(TagMutability.IMMUTABLE);
    assertThat(described.scanOnPush()).isTrue();
    assertThat(ecr.repositories().tags(name)).isEqualTo(Map.of("env", "dev"));
  }

  @Test
  void putListDescribeImages() {
    String name = newName();
    ecr.repositories().create(name);

    ImageId pushed = ecr.images().put(name, manifest(layer('b')), null, "v1");

    assertThat(pushed.tag()).isEqualTo("v1");
    assertThat(pushed.digest()).startsWith("sha256:");
    assertThat(ecr.images().list(name, Images.TagFilter.ANY).toList()).containsExactly(pushed);
    List<Image> described = ecr.images().describe(name, Images.TagFilter.TAGGED, false).toList();
    assertThat(described).hasSize(1);
    assertThat(described.get(0).digest()).isEqualTo(pushed.digest());
    assertThat(described.get(0).tags()).containsExactly("v1");
    assertThat(ecr.images().manifest(name, ImageId.tag("v1")).manifest())
        .isEqualTo(manifest(layer('b')));
  }

  @Test
  void putSameManifestAgain() {
    String name = newName();
    ecr.repositories().create(name);
    ImageId first = ecr.images().put(name, manifest(layer('c')), null, "v1");

    ImageId second = ecr.images().put(name, manifest(layer('c')), null, "v1");

    assertThat(second.digest()).isEqualTo(first.digest());
  }

  @Test
  void retagWithoutUpload() {
    String name = newName();
    ecr.repositories().create(name);
    ImageId original = ecr.images().put(name, manifest(layer('d')), null, "v1");

    ImageId retagged = ecr.images().retag(name, ImageId.tag("v1"), "stable");

    assertThat(retagged.digest()).isEqualTo(original.digest());
    assertThat(ecr.images().describe(name, List.of(ImageId.tag("stable"))).get(0).tags())
        .containsExactlyInAnyOrder("v1", "stable");
  }

  @Test
  void deleteByTagAndDigest() {
    String name = newName();
    ecr.repositories().create(name);
    ImageId kept = ecr.images().put(name, manifest(layer('e')), null, "keep");
    ImageId gone = ecr.images().put(name, manifest(layer('f')), null, "gone");

    BatchResult<ImageId> byTag = ecr.images().delete(name, List.of(ImageId.tag("gone")));
    BatchResult<ImageId> byDigest =
        ecr.images()
            .delete(
                name,
                List.of(ImageId.digest(kept.digestValue().orElseThrow()), ImageId.tag("none")));

    assertThat(byTag.succeeded()).extracting(ImageId::digest).containsExactly(gone.digest());
    assertThat(byDigest.succeeded()).extracting(ImageId::digest).containsExactly(kept.digest());
    assertThat(byDigest.failures()).extracting(ImageFailure::code).containsExactly("ImageNotFound");
    assertThat(ecr.images().list(name, Images.TagFilter.ANY)).isEmpty();
  }

  @Test
  void lifecyclePutGetDelete() {
    String name = newName();
    ecr.repositories().create(name);
    LifecyclePolicy policy =
        LifecyclePolicy.parse(
            "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep 5\","
                + "\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
                + "\"countNumber\":5},\"action\":{\"type\":\"expire\"}}]}");

    assertThat(ecr.lifecycle().get(name)).isEmpty();
    ecr.lifecycle().put(name, policy);

    assertThat(ecr.lifecycle().get(name)).contains(policy);
    assertThat(ecr.lifecycle().delete(name)).isTrue();
    assertThat(ecr.lifecycle().delete(name)).isFalse();
  }

  @Test
  void localPreviewKeepsManifestListChildren() {
    String name = newName();
    ecr.repositories().create(name);
    ImageId child = ecr.images().put(name, manifest(layer('1')), null, null);
    ImageId orphan = ecr.images().put(name, manifest(layer('2')), null, null);
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
            + "\"manifests\":[{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
            + "\"size\":500,\"digest\":\""
            + child.digest()
            + "\",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}";
    ecr.images().put(name, index, "application/vnd.oci.image.index.v1+json", "multi");
    LifecyclePolicy expireUntagged =
        LifecyclePolicy.parse(
            "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\","
                + "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":1},"
                + "\"action\":{\"type\":\"expire\"}}]}");

    LifecyclePreview preview =
        ecr.lifecycle().previewLocally(name, expireUntagged, Instant.now().plusSeconds(3 * 86_400));

    Map<String, ImageDecision.Outcome> outcomes =
        preview.decisions().stream()
            .collect(Collectors.toMap(d -> d.image().digest(), ImageDecision::outcome));
    assertThat(preview.expiredDigests()).containsExactly(orphan.digest());
    assertThat(outcomes.get(child.digest())).isNotEqualTo(ImageDecision.Outcome.EXPIRE);
  }

  @Test
  void repositoryPolicyRoundTrip() {
    String name = newName();
    ecr.repositories().create(name);
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::210987654321:root\"},"
            + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]}]}";

    assertThat(ecr.policies().repositoryPolicyText(name)).isEmpty();
    ecr.policies().setRepositoryPolicyText(name, policy, false);

    assertThat(ecr.policies().repositoryPolicyText(name)).isPresent();
    assertThat(ecr.policies().deleteRepositoryPolicy(name)).isTrue();
    assertThat(ecr.policies().deleteRepositoryPolicy(name)).isFalse();
  }

  @Test
  void replicationRoundTrip() {
    ReplicationConfiguration configuration =
        ReplicationConfiguration.of(
            ReplicationRule.of(
                List.of(ReplicationDestination.of("eu-west-1", TestClients.ACCOUNT)),
                List.of(RepositoryFilter.prefix("prod"))));

    ecr.replication().put(configuration);

    assertThat(ecr.replication().get()).isEqualTo(configuration);
  }

  @Test
  void authorizationToken() {
    AuthorizationToken token =
        ecr.authorization().token(RegistryHost.of(TestClients.ACCOUNT, "us-east-1"));

    assertThat(token.username()).isEqualTo("AWS");
    assertThat(token.password()).isNotEmpty();
    assertThat(token.toString()).doesNotContain(token.password());
  }
}
