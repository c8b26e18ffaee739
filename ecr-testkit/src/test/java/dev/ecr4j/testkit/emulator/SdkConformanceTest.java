package dev.ecr4j.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.*;

/** Drives the emulator with the AWS SDK v2 EcrClient through every P0 operation. */
class SdkConformanceTest {

  private static final String MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
          + "\"digest\":\"sha256:aaaa\",\"size\":10},"
          + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
          + "\"digest\":\"sha256:bbbb\",\"size\":1000}]}";

  private static EcrEmulator emulator;
  private static EcrClient ecr;

  @BeforeAll
  static void start() {
    emulator = EcrEmulator.start();
    ecr = SdkClients.ecr(emulator);
  }

  @AfterAll
  static void stop() {
    ecr.close();
    emulator.close();
  }

  @AfterEach
  void deleteRepositories() {
    for (Repository repository : ecr.describeRepositoriesPaginator(r -> {}).repositories()) {
      ecr.deleteRepository(r -> r.repositoryName(repository.repositoryName()).force(true));
    }
  }

  @Test
  void createAndDescribeRepository() {
    Repository created =
        ecr.createRepository(r -> r.repositoryName("team/app").imageTagMutability("IMMUTABLE"))
            .repository();

    assertThat(created.repositoryArn())
        .isEqualTo("arn:aws:ecr:us-east-1:000000000000:repository/team/app");
    assertThat(created.registryId()).isEqualTo("000000000000");
    assertThat(created.repositoryUri())
        .isEqualTo(emulator.registryHost() + "/000000000000/us-east-1/team/app");
    assertThat(created.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
    assertThat(created.encryptionConfiguration().encryptionType()).isEqualTo(EncryptionType.AES256);
    assertThat(created.createdAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    List<Repository> described =
        ecr.describeRepositories(r -> r.repositoryNames("team/app")).repositories();
    assertThat(described).containsExactly(created);
  }

  @Test
  void duplicateRepositoryIsRejected() {
    ecr.createRepository(r -> r.repositoryName("dup"));

    assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("dup")))
        .isInstanceOf(RepositoryAlreadyExistsException.class)
        .hasMessageStartingWith(
            "The repository with name 'dup' already exists in the registry with id"
                + " '000000000000'");
  }

  @Test
  void missingRepositoryIsNotFound() {
    assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames("nope")))
        .isInstanceOf(RepositoryNotFoundException.class)
        .satisfies(
            e -> {
              RepositoryNotFoundException error = (RepositoryNotFoundException) e;
              assertThat(error.statusCode()).isEqualTo(400);
              assertThat(error.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "The repository with name 'nope' does not exist in the registry with id"
                          + " '000000000000'");
              assertThat(error.requestId()).isNotBlank();
            });
  }

  @Test
  void invalidNameIsRejectedWithModelPattern() {
    assertThatThrownBy(() -> ecr.createRepository(r -> r.repositoryName("BAD NAME!!")))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(e -> ((InvalidParameterException) e).awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy"
                + " regular expression"
                + " '[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*''");
  }

  @Test
  void maxResultsOutOfRangeIsRejected() {
    assertThatThrownBy(() -> ecr.describeRepositories(r -> r.maxResults(5000)))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(e -> ((InvalidParameterException) e).awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have"
                + " value less than or equal to 1000'");
  }

  @Test
  void describeRepositoriesPaginates() {
    IntStream.range(0, 25)
        .forEach(i -> ecr.createRepository(r -> r.repositoryName("page-" + (100 + i))));

    DescribeRepositoriesResponse first = ecr.describeRepositories(r -> r.maxResults(10));
    List<String> all =
        ecr.describeRepositoriesPaginator(r -> r.maxResults(10)).repositories().stream()
            .map(Repository::repositoryName)
            .toList();

    assertThat(first.repositories()).hasSize(10);
    assertThat(first.nextToken()).isNotNull();
    assertThat(all).hasSize(25).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void tokenOfAnotherOperationIsRejected() {
    IntStream.range(0, 3).forEach(i -> ecr.createRepository(r -> r.repositoryName("tok-" + i)));
    String token = ecr.describeRepositories(r -> r.maxResults(1)).nextToken();

    assertThatThrownBy(() -> ecr.listImages(r -> r.repositoryName("tok-0").nextToken(token)))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(e -> ((InvalidParameterException) e).awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken'");
  }

  @Test
  void repositoryNamesWithMaxResultsIsRejected() {
    ecr.createRepository(r -> r.repositoryName("combo"));

    assertThatThrownBy(
            () -> ecr.describeRepositories(r -> r.repositoryNames("combo").maxResults(1)))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void deleteNonEmptyRepositoryNeedsForce() {
    ecr.createRepository(r -> r.repositoryName("full"));
    ecr.putImage(r -> r.repositoryName("full").imageManifest(MANIFEST).imageTag("v1"));

    assertThatThrownBy(() -> ecr.deleteRepository(r -> r.repositoryName("full")))
        .isInstanceOf(RepositoryNotEmptyException.class)
        .hasMessageStartingWith(
            "The repository with name 'full' in registry with id '000000000000' cannot be deleted"
                + " because it still contains images");
    assertThat(
            ecr.deleteRepository(r -> r.repositoryName("full").force(true))
                .repository()
                .repositoryName())
        .isEqualTo("full");
  }

  @Test
  void putImageDigestIsSha256OfManifest() throws Exception {
    ecr.createRepository(r -> r.repositoryName("img"));

    Image image =
        ecr.putImage(r -> r.repositoryName("img").imageManifest(MANIFEST).imageTag("v1")).image();

    String expected =
        "sha256:"
            + java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(MANIFEST.getBytes(StandardCharsets.UTF_8)));
    assertThat(image.imageId().imageDigest()).isEqualTo(expected);
    assertThat(image.imageManifestMediaType())
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    ImageDetail detail = ecr.describeImages(r -> r.repositoryName("img")).imageDetails().get(0);
    assertThat(detail.imageDigest()).isEqualTo(expected);
    assertThat(detail.imageTags()).containsExactly("v1");
    assertThat(detail.imageSizeInBytes()).isEqualTo(1000L);
    assertThat(detail.imageStatus()).isEqualTo(ImageStatus.ACTIVE);
  }

  @Test
  void samePushTwiceIsImageAlreadyExists() {
    ecr.createRepository(r -> r.repositoryName("again"));
    ecr.putImage(r -> r.repositoryName("again").imageManifest(MANIFEST).imageTag("v1"));

    assertThatThrownBy(
            () ->
                ecr.putImage(r -> r.repositoryName("again").imageManifest(MANIFEST).imageTag("v1")))
        .isInstanceOf(ImageAlreadyExistsException.class);
  }

  @Test
  void immutableTagCannotMove() {
    ecr.createRepository(r -> r.repositoryName("frozen").imageTagMutability("IMMUTABLE"));
    ecr.putImage(r -> r.repositoryName("frozen").imageManifest(MANIFEST).imageTag("v1"));
    String other = MANIFEST.replace("1000", "2000");

    assertThatThrownBy(
            () -> ecr.putImage(r -> r.repositoryName("frozen").imageManifest(other).imageTag("v1")))
        .isInstanceOf(ImageTagAlreadyExistsException.class)
        .hasMessageStartingWith(
            "The image tag 'v1' already exists in the 'frozen' repository and cannot be"
                + " overwritten because the tag is immutable.");
  }

  @Test
  void exclusionFilterKeepsMatchingTagsMutable() {
    ecr.createRepository(
        r ->
            r.repositoryName("mixed")
                .imageTagMutability("IMMUTABLE_WITH_EXCLUSION")
                .imageTagMutabilityExclusionFilters(
                    f -> f.filterType("WILDCARD").filter("latest*")));
    ecr.putImage(r -> r.repositoryName("mixed").imageManifest(MANIFEST).imageTag("latest"));
    String other = MANIFEST.replace("1000", "2000");

    ecr.putImage(r -> r.repositoryName("mixed").imageManifest(other).imageTag("latest"));

    assertThat(ecr.listImages(r -> r.repositoryName("mixed")).imageIds())
        .filteredOn(id -> id.imageTag() != null)
        .hasSize(1);
  }

  @Test
  void mutableTagMovesAndLeavesUntaggedImage() {
    ecr.createRepository(r -> r.repositoryName("moving"));
    ecr.putImage(r -> r.repositoryName("moving").imageManifest(MANIFEST).imageTag("latest"));
    ecr.putImage(
        r ->
            r.repositoryName("moving")
                .imageManifest(MANIFEST.replace("1000", "2000"))
                .imageTag("latest"));

    List<ImageIdentifier> untagged =
        ecr.listImages(r -> r.repositoryName("moving").filter(f -> f.tagStatus(TagStatus.UNTAGGED)))
            .imageIds();
    List<ImageIdentifier> tagged =
        ecr.listImages(r -> r.repositoryName("moving").filter(f -> f.tagStatus(TagStatus.TAGGED)))
            .imageIds();

    assertThat(untagged).hasSize(1);
    assertThat(untagged.get(0).imageTag()).isNull();
    assertThat(tagged).extracting(ImageIdentifier::imageTag).containsExactly("latest");
  }

  @Test
  void batchGetImageReportsFailures() {
    ecr.createRepository(r -> r.repositoryName("get"));
    ecr.putImage(r -> r.repositoryName("get").imageManifest(MANIFEST).imageTag("v1"));

    BatchGetImageResponse response =
        ecr.batchGetImage(
            r ->
                r.repositoryName("get")
                    .imageIds(
                        i -> i.imageTag("v1"),
                        i -> i.imageTag("missing"),
                        i -> i.imageDigest("bad")));

    assertThat(response.images())
        .singleElement()
        .satisfies(i -> assertThat(i.imageManifest()).isEqualTo(MANIFEST));
    assertThat(response.failures())
        .extracting(ImageFailure::failureCodeAsString)
        .containsExactly("ImageNotFound", "InvalidImageDigest");
  }

  @Test
  void batchDeleteByLastTagDeletesImage() {
    ecr.createRepository(r -> r.repositoryName("del"));
    ecr.putImage(r -> r.repositoryName("del").imageManifest(MANIFEST).imageTag("v1"));

    BatchDeleteImageResponse response =
        ecr.batchDeleteImage(r -> r.repositoryName("del").imageIds(i -> i.imageTag("v1")));

    assertThat(response.imageIds()).extracting(ImageIdentifier::imageTag).containsExactly("v1");
    assertThat(response.failures()).isEmpty();
    assertThat(ecr.listImages(r -> r.repositoryName("del")).imageIds()).isEmpty();
  }

  @Test
  void describeUnknownImageIsImageNotFound() {
    ecr.createRepository(r -> r.repositoryName("unknown"));

    assertThatThrownBy(
            () ->
                ecr.describeImages(r -> r.repositoryName("unknown").imageIds(i -> i.imageTag("x"))))
        .isInstanceOf(ImageNotFoundException.class)
        .hasMessageStartingWith(
            "The image with imageId {imageDigest:'null', imageTag:'x'} does not exist within the"
                + " repository with name 'unknown' in the registry with id '000000000000'");
  }

  @Test
  void invalidManifestIsInvalidParameter() {
    ecr.createRepository(r -> r.repositoryName("badjson"));

    assertThatThrownBy(
            () -> ecr.putImage(r -> r.repositoryName("badjson").imageManifest("{not json")))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(e -> ((InvalidParameterException) e).awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Invalid JSON syntax'");
  }

  @Test
  void lifecyclePolicyRoundTrips() {
    ecr.createRepository(r -> r.repositoryName("life"));
    String policy =
        "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep five\",\"selection\":"
            + "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5},"
            + "\"action\":{\"type\":\"expire\"}}]}";

    ecr.putLifecyclePolicy(r -> r.repositoryName("life").lifecyclePolicyText(policy));

    assertThat(ecr.getLifecyclePolicy(r -> r.repositoryName("life")).lifecyclePolicyText())
        .isEqualTo(policy);
    assertThat(ecr.deleteLifecyclePolicy(r -> r.repositoryName("life")).lifecyclePolicyText())
        .isEqualTo(policy);
    assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("life")))
        .isInstanceOf(LifecyclePolicyNotFoundException.class)
        .hasMessageStartingWith(
            "Lifecycle policy does not exist for the repository with name 'life' in the registry"
                + " with id '000000000000'");
  }

  @Test
  void invalidLifecyclePolicyUsesEcrText() {
    ecr.createRepository(r -> r.repositoryName("badlife"));
    String policy =
        "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"tagged\","
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":5},"
            + "\"action\":{\"type\":\"expire\"}}]}";

    assertThatThrownBy(
            () ->
                ecr.putLifecyclePolicy(
                    r -> r.repositoryName("badlife").lifecyclePolicyText(policy)))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(e -> ((InvalidParameterException) e).awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle"
                + " policy validation failure: Must specify tagPrefixList or tagPatternList when"
                + " tagStatus=TAGGED.'");
  }

  @Test
  void lifecyclePreviewExpiresOldestImages() {
    ecr.createRepository(r -> r.repositoryName("preview"));
    for (int i = 0; i < 4; i++) {
      String manifest = MANIFEST.replace("1000", String.valueOf(1000 + i));
      String tag = "v" + i;
      ecr.putImage(r -> r.repositoryName("preview").imageManifest(manifest).imageTag(tag));
    }
    String policy =
        "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep two\",\"selection\":"
            + "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":2},"
            + "\"action\":{\"type\":\"expire\"}}]}";

    StartLifecyclePolicyPreviewResponse started =
        ecr.startLifecyclePolicyPreview(
            r -> r.repositoryName("preview").lifecyclePolicyText(policy));
    GetLifecyclePolicyPreviewResponse preview =
        ecr.getLifecyclePolicyPreview(r -> r.repositoryName("preview"));

    assertThat(started.status()).isEqualTo(LifecyclePolicyPreviewStatus.IN_PROGRESS);
    assertThat(preview.status()).isEqualTo(LifecyclePolicyPreviewStatus.COMPLETE);
    assertThat(preview.summary().expiringImageTotalCount()).isEqualTo(2);
    assertThat(preview.previewResults())
        .allSatisfy(
            result -> {
              assertThat(result.action().type()).isEqualTo(ImageActionType.EXPIRE);
              assertThat(result.appliedRulePriority()).isEqualTo(1);
            });
  }

  @Test
  void previewWithoutRunIsNotFound() {
    ecr.createRepository(r -> r.repositoryName("nopreview"));

    assertThatThrownBy(() -> ecr.getLifecyclePolicyPreview(r -> r.repositoryName("nopreview")))
        .isInstanceOf(LifecyclePolicyPreviewNotFoundException.class);
  }

  @Test
  void repositoryPolicyRoundTrips() {
    ecr.createRepository(r -> r.repositoryName("pol"));
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\"}]}";

    ecr.setRepositoryPolicy(r -> r.repositoryName("pol").policyText(policy));

    assertThat(ecr.getRepositoryPolicy(r -> r.repositoryName("pol")).policyText())
        .isEqualTo(policy);
    ecr.deleteRepositoryPolicy(r -> r.repositoryName("pol"));
    assertThatThrownBy(() -> ecr.getRepositoryPolicy(r -> r.repositoryName("pol")))
        .isInstanceOf(RepositoryPolicyNotFoundException.class);
    assertThatThrownBy(() -> ecr.setRepositoryPolicy(r -> r.repositoryName("pol").policyText("[]")))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(e -> ((InvalidParameterException) e).awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'");
  }

  @Test
  void tagsRoundTrip() {
    String arn =
        ecr.createRepository(r -> r.repositoryName("tagged").tags(t -> t.key("team").value("a")))
            .repository()
            .repositoryArn();

    ecr.tagResource(r -> r.resourceArn(arn).tags(t -> t.key("env").value("test")));
    ecr.untagResource(r -> r.resourceArn(arn).tagKeys("team"));

    assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .containsExactly(Tag.builder().key("env").value("test").build());
    assertThatThrownBy(() -> ecr.listTagsForResource(r -> r.resourceArn("not-an-arn")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void tooManyTagsAreRejected() {
    String arn = ecr.createRepository(r -> r.repositoryName("many")).repository().repositoryArn();
    List<Tag> tags =
        IntStream.range(0, 51)
            .mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
            .toList();

    assertThatThrownBy(() -> ecr.tagResource(r -> r.resourceArn(arn).tags(tags)))
        .isInstanceOf(TooManyTagsException.class);
    assertThat(ecr.listTagsForResource(r -> r.resourceArn(arn)).tags()).isEmpty();
  }

  @Test
  void authorizationTokenIsValidForTwelveHours() {
    AuthorizationData data = ecr.getAuthorizationToken().authorizationData().get(0);

    String decoded =
        new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
    assertThat(decoded).startsWith("AWS:");
    assertThat(decoded.split(":")).hasSize(2);
    assertThat(Duration.between(Instant.now(), data.expiresAt()))
        .isBetween(Duration.ofHours(12).minusMinutes(1), Duration.ofHours(12));
    assertThat(data.proxyEndpoint()).isEqualTo("http://" + emulator.registryHost());
  }

  @Test
  void unsupportedOperationIsClearError() {
    assertThatThrownBy(() -> ecr.getSigningConfiguration(r -> {}))
        .isInstanceOf(EcrException.class)
        .satisfies(
            e -> {
              EcrException error = (EcrException) e;
              assertThat(error.statusCode()).isEqualTo(400);
              assertThat(error.awsErrorDetails().errorCode())
                  .isEqualTo("UnsupportedOperationException");
              assertThat(error.awsErrorDetails().errorMessage())
                  .isEqualTo("The ECR emulator does not support GetSigningConfiguration yet.");
            });
  }

  @Test
  void missingRequiredMemberIsRejected() {
    assertThatThrownBy(() -> ecr.createRepository(r -> {}))
        .isInstanceOf(InvalidParameterException.class)
        .extracting(e -> ((InvalidParameterException) e).awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'Member must not be null'");
  }

  @Test
  void replicationConfigurationIsStored() {
    ecr.putReplicationConfiguration(
        r ->
            r.replicationConfiguration(
                c ->
                    c.rules(
                        rule ->
                            rule.destinations(
                                d -> d.region("eu-west-1").registryId("000000000000")))));

    DescribeRegistryResponse registry = ecr.describeRegistry(r -> {});

    assertThat(registry.registryId()).isEqualTo("000000000000");
    assertThat(registry.replicationConfiguration().rules().get(0).destinations().get(0).region())
        .isEqualTo("eu-west-1");
  }

  @Test
  void registryPolicyRoundTrips() {
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"replicate\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
            + "\"Action\":[\"ecr:CreateRepository\",\"ecr:ReplicateImage\"],"
            + "\"Resource\":\"arn:aws:ecr:us-east-1:000000000000:repository/*\"}]}";

    ecr.putRegistryPolicy(r -> r.policyText(policy));

    assertThat(ecr.getRegistryPolicy(r -> {}).policyText()).isEqualTo(policy);
    ecr.deleteRegistryPolicy(r -> {});
    assertThatThrownBy(() -> ecr.getRegistryPolicy(r -> {}))
        .isInstanceOf(RegistryPolicyNotFoundException.class);
  }
}
