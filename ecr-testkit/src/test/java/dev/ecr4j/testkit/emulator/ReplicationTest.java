package dev.ecr4j.testkit.emulator;

import static dev.ecr4j.testkit.emulator.RegistryHttp.digest;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageReplicationStatus;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.ReplicationStatus;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * Replication on push, to another region of the same account and to another account, through the
 * registry API, with creation templates and the destination's registry policy.
 */
class ReplicationTest {

  private static final String SOURCE = "000000000000";
  private static final String OTHER = "111111111111";

  private EcrEmulator emulator;
  private EcrClient source;
  private EcrClient west;
  private EcrClient other;
  private RegistryHttp http;

  @BeforeEach
  void start() {
    emulator =
        EcrEmulator.builder()
            .credentials(
                EmulatorCredentials.DEFAULT, new EmulatorCredentials("other", "other", OTHER))
            .start();
    source = SdkClients.ecr(emulator);
    west = SdkClients.ecr(emulator.endpoint(), "us-west-2", "test", "test");
    other = SdkClients.ecr(emulator.endpoint(), "eu-central-1", "other", "other");
    http = new RegistryHttp(emulator, source);
  }

  @AfterEach
  void stop() {
    source.close();
    west.close();
    other.close();
    emulator.close();
  }

  private String push(String repository, String tag) throws Exception {
    String repo = RegistryHttp.repo(repository);
    byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer of " + repository).getBytes(StandardCharsets.UTF_8);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
            + http.pushBlob(repo, config)
            + "\",\"size\":"
            + config.length
            + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
            + http.pushBlob(repo, layer)
            + "\",\"size\":"
            + layer.length
            + "}]}";
    assertThat(
            http.putManifest(repo, tag, "application/vnd.oci.image.manifest.v1+json", manifest)
                .statusCode())
        .isEqualTo(201);
    return manifest;
  }

  private void configure() {
    source.putReplicationConfiguration(
        r ->
            r.replicationConfiguration(
                c ->
                    c.rules(
                        rule ->
                            rule.destinations(
                                    d -> d.region("us-west-2").registryId(SOURCE),
                                    d -> d.region("eu-central-1").registryId(OTHER))
                                .repositoryFilters(
                                    f -> f.filter("team").filterType("PREFIX_MATCH")))));
  }

  @Test
  void pushReplicatesToRegionAndAllowedAccount() throws Exception {
    other.putRegistryPolicy(
        r ->
            r.policyText(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReplicationAccessCrossAccount\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                    + SOURCE
                    + ":root\"},\"Action\":[\"ecr:CreateRepository\",\"ecr:ReplicateImage\"],\"Resource\":\"arn:aws:ecr:eu-central-1:"
                    + OTHER
                    + ":repository/*\"}]}"));
    west.createRepositoryCreationTemplate(
        r ->
            r.prefix("team")
                .appliedForWithStrings("REPLICATION")
                .imageTagMutability(ImageTagMutability.IMMUTABLE));
    source.createRepository(r -> r.repositoryName("team/app"));
    configure();

    String manifest = push("team/app", "v1");

    Repository westRepository =
        west.describeRepositories(r -> r.repositoryNames("team/app")).repositories().get(0);
    assertThat(westRepository.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
    assertThat(
            west.describeImages(r -> r.repositoryName("team/app"))
                .imageDetails()
                .get(0)
                .imageTags())
        .containsExactly("v1");
    assertThat(
            other
                .describeImages(r -> r.repositoryName("team/app"))
                .imageDetails()
                .get(0)
                .imageDigest())
        .isEqualTo(digest(manifest));
    assertThat(
            source
                .describeImageReplicationStatus(
                    r -> r.repositoryName("team/app").imageId(i -> i.imageTag("v1")))
                .replicationStatuses())
        .extracting(ImageReplicationStatus::region, ImageReplicationStatus::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("eu-central-1", ReplicationStatus.COMPLETE),
            org.assertj.core.groups.Tuple.tuple("us-west-2", ReplicationStatus.COMPLETE));
    assertThat(http.get("/v2/" + OTHER + "/eu-central-1/team/app/manifests/v1").statusCode())
        .isEqualTo(200);
  }

  @Test
  void accountWithoutPolicyIsNotReplicated() throws Exception {
    source.createRepository(r -> r.repositoryName("team/app"));
    configure();

    push("team/app", "v1");

    assertThat(other.describeRepositories().repositories()).isEmpty();
    ImageReplicationStatus failed =
        source
            .describeImageReplicationStatus(
                r -> r.repositoryName("team/app").imageId(i -> i.imageTag("v1")))
            .replicationStatuses()
            .get(0);
    assertThat(failed.region()).isEqualTo("eu-central-1");
    assertThat(failed.status()).isEqualTo(ReplicationStatus.FAILED);
    assertThat(west.describeRepositories().repositories()).hasSize(1);
  }

  @Test
  void unmatchedRepositoryStaysLocal() throws Exception {
    source.createRepository(r -> r.repositoryName("private"));
    configure();

    push("private", "v1");

    assertThat(west.describeRepositories().repositories()).isEmpty();
  }
}
