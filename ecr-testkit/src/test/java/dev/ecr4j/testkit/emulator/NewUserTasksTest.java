package dev.ecr4j.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ReplicationStatus;

/**
 * Tests the four tasks of a new ECR user end to end with the AWS SDK and skopeo. The tasks are:
 * create a repository, push an image with a token from GetAuthorizationToken, set a lifecycle
 * policy and check that it runs after the clock moves, and configure replication and pull the
 * replicated image.
 */
class NewUserTasksTest {

  @TempDir Path work;

  @Test
  void fourTasksOfNewUser() throws Exception {
    ExternalTools.assumeSkopeoAndUmoci();
    try (EcrEmulator emulator = EcrEmulator.start();
        EcrClient ecr = SdkClients.ecr(emulator);
        EcrClient west = SdkClients.ecr(emulator.endpoint(), "us-west-2", "test", "test")) {
      Path layout = work.resolve("layout");
      ExternalTools.buildImage(
          work, layout, "v1", List.of("v1\n".getBytes(StandardCharsets.UTF_8)));
      ExternalTools.buildImage(
          work, layout, "v2", List.of("v2\n".getBytes(StandardCharsets.UTF_8)));

      // 1. Create a repository.
      String uri =
          ecr.createRepository(r -> r.repositoryName("shop/web")).repository().repositoryUri();
      assertThat(uri).isEqualTo(emulator.registryHost() + "/000000000000/us-east-1/shop/web");

      // 2. Push an image with a registry token.
      Path auth = SkopeoRegistryTest.writeAuthFile(emulator, ecr, work.resolve("auth.json"));
      skopeo(work, auth, "oci:" + layout + ":v1", "docker://" + uri + ":v1");

      // 3. Set a lifecycle policy and let it run as time passes.
      emulator.advanceClock(Duration.ofDays(1));
      auth = SkopeoRegistryTest.writeAuthFile(emulator, ecr, work.resolve("auth.json"));
      skopeo(work, auth, "oci:" + layout + ":v2", "docker://" + uri + ":v2");
      ecr.putLifecyclePolicy(
          r ->
              r.repositoryName("shop/web")
                  .lifecyclePolicyText(
                      "{\"rules\":[{\"rulePriority\":1,\"description\":\"keep the newest image\",\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}}]}"));
      emulator.advanceClock(Duration.ofDays(1));
      List<ImageDetail> images =
          ecr.describeImages(r -> r.repositoryName("shop/web")).imageDetails();
      assertThat(images).extracting(ImageDetail::imageTags).containsExactly(List.of("v2"));

      // 4. Configure replication, push, and pull the copy from the other region.
      ecr.putReplicationConfiguration(
          r ->
              r.replicationConfiguration(
                  c ->
                      c.rules(
                          rule ->
                              rule.destinations(
                                  d -> d.region("us-west-2").registryId("000000000000")))));
      auth = SkopeoRegistryTest.writeAuthFile(emulator, ecr, work.resolve("auth.json"));
      skopeo(work, auth, "oci:" + layout + ":v1", "docker://" + uri + ":v3");
      assertThat(
              ecr.describeImageReplicationStatus(
                      r -> r.repositoryName("shop/web").imageId(i -> i.imageTag("v3")))
                  .replicationStatuses()
                  .get(0)
                  .status())
          .isEqualTo(ReplicationStatus.COMPLETE);
      String westUri =
          west.describeRepositories(r -> r.repositoryNames("shop/web"))
              .repositories()
              .get(0)
              .repositoryUri();
      Path pulled = work.resolve("pulled");
      skopeo(work, auth, "docker://" + westUri + ":v3", "oci:" + pulled + ":v3");
      assertThat(
              ExternalTools.require(work, "skopeo", "inspect", "--raw", "oci:" + pulled + ":v3")
                  .output())
          .isEqualTo(
              ExternalTools.require(work, "skopeo", "inspect", "--raw", "oci:" + layout + ":v1")
                  .output());
    }
  }

  private static void skopeo(Path work, Path auth, String from, String to) throws Exception {
    ExternalTools.Result result =
        ExternalTools.run(
            work,
            "skopeo",
            "copy",
            "--quiet",
            "--authfile=" + auth,
            "--src-tls-verify=false",
            "--dest-tls-verify=false",
            from,
            to);
    assertThat(result.exitCode()).as(result.error()).isZero();
  }
}
