package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Image;
import dev.ecr4j.core.Images;
import dev.ecr4j.core.TagMutability;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Runs {@code ecr4j demo} in-process, against its own emulator and against one the test starts. */
@Timeout(120)
class DemoCommandTest {

  private static final List<String> STEPS =
      List.of(
          "Step 1 of 8: create a private repository and a public one",
          "Step 2 of 8: replicate ecr4j-demo/* to us-west-2",
          "Step 3 of 8: authenticate to the registry",
          "Step 4 of 8: build two images from generated files, without a Docker daemon",
          "Step 5 of 8: push both images",
          "Step 6 of 8: put a lifecycle policy written with the policy DSL, and preview it"
              + " locally",
          "Step 7 of 8: show the replicated image in us-west-2");

  @Nested
  class Embedded {

    @Test
    void should_tell_every_step_without_options() {
      // WHEN
      CliRun run = CliRun.run("demo");

      // THEN
      assertThat(run.err()).isEmpty();
      assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
      assertThat(run.outLines()).containsSubsequence(STEPS);
      assertThat(run.out())
          .contains(
              "Started an embedded ECR emulator on http://127.0.0.1:",
              "private repository ecr4j-demo/web (scan on push: true, tags: IMMUTABLE)",
              "public repository ecr4j-demo/web (ECR Public)",
              "GetAuthorizationToken: user AWS, valid until ",
              "pushing dev-7f3c2a1 as 1.0.0 is rejected, because tags are immutable",
              "local preview today: 0 of 2 images would expire",
              "local preview in 8 days: 1 of 2 images would expire",
              "DescribeImageReplicationStatus: us-west-2 COMPLETE",
              "DescribeImages in us-west-2: 2 image(s)",
              "Step 8 of 8: move the emulator's clock forward and run the lifecycle policies",
              "lifecycle run: 1 expired",
              "  expired 000000000000/us-east-1/ecr4j-demo/web@sha256:",
              "Demo complete.");
      assertThat(run.out()).containsPattern("kept sha256:[0-9a-f]{12} 1\\.0\\.0");
      // The token is base64 of "AWS:password", which starts with "QVdTO".
      assertThat(run.out()).doesNotContain("QVdTO");
    }

    @Test
    void should_reject_remote_options_when_embedded() {
      CliRun run = CliRun.run("demo", "--yes");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.errLines())
          .containsExactly(
              "error: --yes, --replica-region and the credential options apply only with"
                  + " --endpoint or --region; without them the demo runs against its own"
                  + " emulator");
      assertThat(run.out()).isEmpty();
    }
  }

  @Nested
  class Remote {

    private EcrEmulator emulator;
    private Ecr4jClient ecr;

    @BeforeEach
    void start() {
      emulator = EcrEmulator.start();
      ecr = client("us-east-1");
    }

    @AfterEach
    void stop() {
      ecr.close();
      emulator.close();
    }

    @Test
    void should_change_nothing_when_declined() {
      // WHEN
      CliRun run = runWithInput("no\n", remoteArgs());

      // THEN
      assertThat(run.exitCode()).isEqualTo(ExitCodes.CHANGES_PENDING);
      assertThat(run.out())
          .contains("ecr4j demo will change the registry at " + emulator.endpoint())
          .contains("Continue? Only 'yes' is accepted: ")
          .doesNotContain("Step 1 of 8");
      assertThat(run.errLines()).containsExactly("Demo cancelled; nothing was changed.");
      assertThat(ecr.repositories().list()).isEmpty();
    }

    @Test
    void should_run_story_when_accepted() {
      // WHEN
      CliRun run = runWithInput("yes\n", remoteArgs());

      // THEN
      assertThat(run.err()).isEmpty();
      assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
      assertThat(run.outLines()).containsSubsequence(STEPS);
      assertThat(run.out())
          .contains(
              "Step 8 of 8: ask the registry for its own lifecycle preview",
              "GetLifecyclePolicyPreview: COMPLETE, 0 image(s) to expire today",
              "To remove what the demo created:");
      assertThat(ecr.repositories().describe("ecr4j-demo/web").tagMutability())
          .isEqualTo(TagMutability.IMMUTABLE);
      try (Ecr4jClient replica = client("us-west-2")) {
        assertThat(replica.images().describe("ecr4j-demo/web", Images.TagFilter.ANY, false))
            .extracting(Image::tags)
            .containsExactlyInAnyOrder(List.of("1.0.0"), List.of("dev-7f3c2a1"));
      }
    }

    @Test
    void should_print_cleanup_commands_for_that_endpoint() {
      // WHEN
      CliRun run = CliRun.run(withYes(remoteArgs()));

      // THEN: copied as printed, the commands must reach the registry the demo changed, not AWS
      String endpointOption = " --endpoint-url " + emulator.endpoint();
      assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
      assertThat(run.outLines())
          .contains(
              "  aws ecr delete-repository --force --repository-name ecr4j-demo/web"
                  + " --region us-east-1"
                  + endpointOption,
              "  aws ecr delete-repository --force --repository-name ecr4j-demo/web"
                  + " --region us-west-2"
                  + endpointOption,
              "  aws ecr-public delete-repository --force --repository-name ecr4j-demo/web"
                  + " --region us-east-1"
                  + endpointOption);
    }

    @Test
    void should_skip_prompt_with_yes_and_rerun() {
      // GIVEN
      CliRun first = CliRun.run(withYes(remoteArgs()));

      // WHEN: the same images again, to the same immutable tags
      CliRun second = CliRun.run(withYes(remoteArgs()));

      // THEN
      assertThat(first.exitCode()).isEqualTo(ExitCodes.OK);
      assertThat(second.err()).isEmpty();
      assertThat(second.exitCode()).isEqualTo(ExitCodes.OK);
      assertThat(second.out())
          .doesNotContain("Continue?")
          .contains("the registry already replicates ecr4j-demo/web to us-west-2");
      assertThat(ecr.images().describe("ecr4j-demo/web", Images.TagFilter.ANY, false)).hasSize(2);
    }

    @Test
    void should_fail_when_replication_is_full() {
      // GIVEN: ECR's maximum of 10 replication rules
      ReplicationConfiguration.Builder rules = ReplicationConfiguration.builder();
      for (int i = 0; i < 10; i++) {
        rules = rules.repositoriesStartingWith("team-" + i).to("eu-west-1", "000000000000");
      }
      ecr.replication().put(rules.build());

      // WHEN
      CliRun run = CliRun.run(withYes(remoteArgs()));

      // THEN
      assertThat(run.exitCode()).isEqualTo(ExitCodes.ECR_FAILURE);
      assertThat(run.errLines())
          .singleElement()
          .asString()
          .startsWith(
              "error: demo failed: Failed to add the demo's replication rule for ecr4j-demo/ to"
                  + " the registry's replication configuration: ")
          .endsWith(". Remove a rule, or run the demo against another registry");
      assertThat(ecr.replication().get().rules()).hasSize(10);
    }

    @Test
    void should_reject_invalid_region() {
      CliRun run = CliRun.run("demo", "--region", "Europe", "--yes");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.errLines())
          .containsExactly(
              "error: --region: 'Europe' is not a region name; use a name such as eu-west-1");
    }

    private String[] remoteArgs() {
      return new String[] {
        "demo",
        "--endpoint",
        emulator.endpoint().toString(),
        "--region",
        "us-east-1",
        "--access-key-id",
        "test",
        "--secret-access-key",
        "test"
      };
    }

    private Ecr4jClient client(String region) {
      return Ecr4jClient.builder()
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
          .region(Region.of(region))
          .endpointOverride(emulator.endpoint())
          .rateLimitSettings(RateLimitSettings.unlimited())
          .build();
    }
  }

  private static String[] withYes(String[] args) {
    String[] result = java.util.Arrays.copyOf(args, args.length + 1);
    result[args.length] = "--yes";
    return result;
  }

  private static CliRun runWithInput(String input, String... args) {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      return CliRun.run(args);
    } finally {
      System.setIn(stdin);
    }
  }
}
