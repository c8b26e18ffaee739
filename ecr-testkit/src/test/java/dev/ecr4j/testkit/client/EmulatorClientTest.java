package dev.ecr4j.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.Images;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.AccountSettingName;
import dev.ecr4j.policy.registry.BlobMounting;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Runs the client's account settings and referrer operations against the embedded emulator, because
 * moto implements neither.
 */
@Timeout(60)
class EmulatorClientTest {

  private static final String SIGNATURE_TYPE = "application/vnd.example.signature";
  private static final String SBOM_TYPE = "application/vnd.example.sbom";
  private static final String EMPTY_CONFIG =
      "{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,\"digest\":\"sha256:"
          + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"}";

  private static EcrEmulator emulator;
  private static Ecr4jClient ecr;

  @BeforeAll
  static void start() {
    emulator = EcrEmulator.start();
    ecr =
        Ecr4jClient.builder()
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .region(Region.US_EAST_1)
            .endpointOverride(emulator.endpoint())
            .rateLimitSettings(RateLimitSettings.unlimited())
            .build();
  }

  @AfterAll
  static void stop() {
    if (ecr != null) {
      ecr.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  void accountSettingDefault() {
    AccountSetting scope = ecr.accountSettings().get(AccountSettingName.REGISTRY_POLICY_SCOPE);

    assertThat(scope).isEqualTo(AccountSetting.of(RegistryPolicyScope.V2));
  }

  @Test
  void accountSettingRoundTrip() {
    ecr.accountSettings().put(AccountSetting.of(BlobMounting.ENABLED));

    AccountSetting read = ecr.accountSettings().get(AccountSettingName.BLOB_MOUNTING);

    assertThat(read.value()).isEqualTo(BlobMounting.ENABLED);
  }

  @Test
  void referrersPagedAndFiltered() {
    ecr.repositories().create("referrers/app");
    String subjectManifest = artifact("application/vnd.example.image", "", 0);
    String subject =
        ecr.images().put("referrers/app", subjectManifest, null, "1.0").digestValue().orElseThrow();
    // 52 signatures fill more than one page of 50, ECR's maximum.
    for (int i = 0; i < 52; i++) {
      ecr.images().put("referrers/app", artifact(SIGNATURE_TYPE, subject, i), null, null);
    }
    ecr.images().put("referrers/app", artifact(SBOM_TYPE, subject, 0), null, null);

    List<Images.Referrer> all =
        ecr.images().referrers("referrers/app", subject, List.of()).toList();
    List<Images.Referrer> sboms =
        ecr.images().referrers("referrers/app", subject, List.of(SBOM_TYPE)).toList();

    assertThat(all).hasSize(53);
    Set<String> digests = all.stream().map(Images.Referrer::digest).collect(Collectors.toSet());
    assertThat(digests).hasSize(53);
    assertThat(sboms).hasSize(1);
    assertThat(sboms.get(0).artifactType()).isEqualTo(SBOM_TYPE);
    assertThat(sboms.get(0).status()).isEqualTo("ACTIVE");
  }

  /** Returns an OCI artifact manifest, referring to {@code subject} unless it is empty. */
  private static String artifact(String artifactType, String subject, int serial) {
    String subjectField =
        subject.isEmpty()
            ? ""
            : ",\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"size\":100,\"digest\":\""
                + subject
                + "\"}";
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"artifactType\":\""
        + artifactType
        + "\",\"config\":"
        + EMPTY_CONFIG
        + ",\"layers\":[],\"annotations\":{\"serial\":\""
        + serial
        + "\"}"
        + subjectField
        + "}";
  }
}
