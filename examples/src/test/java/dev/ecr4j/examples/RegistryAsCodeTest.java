package dev.ecr4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.state.Plan;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

@Timeout(60)
class RegistryAsCodeTest {

  @Test
  void planApplyThenNoDrift() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Plan after;
    try (EcrEmulator emulator = EcrEmulator.start();
        Ecr4jClient ecr =
            Ecr4jClient.builder()
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.US_EAST_1)
                .endpointOverride(emulator.endpoint())
                .rateLimitSettings(RateLimitSettings.unlimited())
                .build()) {
      after =
          RegistryAsCode.planAndApply(ecr, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(after.isEmpty()).isTrue();
    assertThat(output)
        .contains(
            "+ repository team-a/web",
            "applied: CREATE repository policy of team-a/web",
            "No changes: registry 000000000000 in us-east-1 matches the specification.");
  }
}
