package dev.ecr4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.iam.Partition;
import dev.ecr4j.policy.iam.PolicyPresets;
import dev.ecr4j.policy.iam.RegistryPolicy;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import dev.ecr4j.policy.registry.ScanFrequency;
import dev.ecr4j.policy.registry.ScanType;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.registry.ScanningRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs scanning and typed permission policies against moto's server. */
@Timeout(120)
class MotoRegistryTest {

  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private static final String MANIFEST =
      "{\"schemaVersion\":2,"
          + "\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\","
          + "\"size\":7023,\"digest\":\"sha256:"
          + "b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7\"},"
          + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\","
          + "\"size\":32654,\"digest\":\"sha256:"
          + "e".repeat(64)
          + "\"}]}";

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

  @Test
  void scanningConfigurationRoundTrip() {
    ScanningConfiguration configuration =
        ScanningConfiguration.enhanced().continuousScan("prod-*").scanOnPush("*");

    ecr.scanning().putRegistryConfiguration(configuration);

    assertThat(ecr.scanning().registryConfiguration()).isEqualTo(configuration);
  }

  @Test
  void invalidScanningConfigurationNotSent() {
    ScanningConfiguration before = ecr.scanning().registryConfiguration();
    ScanningConfiguration invalid =
        ScanningConfiguration.of(
            ScanType.BASIC, List.of(ScanningRule.of(ScanFrequency.CONTINUOUS_SCAN, "*")));

    assertThatThrownBy(() -> ecr.scanning().putRegistryConfiguration(invalid))
        .isInstanceOf(InvalidPolicyException.class);
    assertThat(ecr.scanning().registryConfiguration()).isEqualTo(before);
  }

  @Test
  void repositoryConfigurationsReportMissing() {
    ecr.repositories().create("scan-prod-web");
    ecr.scanning()
        .putRegistryConfiguration(ScanningConfiguration.basic().scanOnPush("scan-prod-*"));

    Scanning.RepositoryScanningResult result =
        ecr.scanning().repositoryConfigurations(List.of("scan-prod-web", "scan-missing"));

    assertThat(result.found()).hasSize(1);
    Scanning.RepositoryScanning web = result.found().get(0);
    assertThat(web.repository()).isEqualTo("scan-prod-web");
    assertThat(web.frequency()).isEqualTo(ScanFrequency.SCAN_ON_PUSH);
    assertThat(result.failures()).isEqualTo(Map.of("scan-missing", "REPOSITORY_NOT_FOUND"));
  }

  @Test
  void startScanThenFindings() {
    ecr.repositories().create("scan-findings");
    ecr.images().put("scan-findings", MANIFEST, null, "1.0");

    Scanning.ScanStatus status = ecr.scanning().start("scan-findings", ImageId.tag("1.0"));
    List<Scanning.Finding> findings =
        ecr.scanning().findings("scan-findings", ImageId.tag("1.0")).toList();

    assertThat(status.status()).isEqualTo("IN_PROGRESS");
    // moto returns one canned finding for every scanned image.
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).name()).isEqualTo("CVE-9999-9999");
    assertThat(findings.get(0).severity()).isEqualTo("HIGH");
    assertThat(findings.get(0).enhanced()).isFalse();
  }

  @Test
  void findingsOfUnscannedImage() {
    ecr.repositories().create("scan-none");
    ecr.images().put("scan-none", MANIFEST, null, "1.0");

    assertThatThrownBy(() -> ecr.scanning().findings("scan-none", ImageId.tag("1.0")).toList())
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("ScanNotFoundException");
  }

  @Test
  void repositoryPolicySkipsEqualPolicy() {
    ecr.repositories().create("policy-typed");
    RepositoryPolicy policy =
        RepositoryPolicy.builder()
            .statement(PolicyPresets.crossAccountPull("210987654321", "111122223333"))
            .build();
    // The same grant with the accounts in the other order.
    RepositoryPolicy reordered =
        RepositoryPolicy.builder()
            .statement(PolicyPresets.crossAccountPull("111122223333", "210987654321"))
            .build();

    boolean first = ecr.policies().setRepositoryPolicy("policy-typed", policy, false);
    boolean second = ecr.policies().setRepositoryPolicy("policy-typed", reordered, false);

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(ecr.policies().repositoryPolicy("policy-typed")).contains(policy);
  }

  @Test
  void invalidRepositoryPolicyNotSent() {
    ecr.repositories().create("policy-invalid");
    RepositoryPolicy withoutStatements = RepositoryPolicy.of(List.of());

    assertThatThrownBy(
            () -> ecr.policies().setRepositoryPolicy("policy-invalid", withoutStatements, false))
        .isInstanceOf(InvalidPolicyException.class);
    assertThat(ecr.policies().repositoryPolicyText("policy-invalid")).isEmpty();
  }

  @Test
  void registryPolicyRoundTrip() {
    RegistryPolicy policy =
        RegistryPolicy.builder()
            .statement(
                PolicyPresets.crossAccountReplication(
                    "210987654321", Partition.AWS, "us-east-1", TestClients.ACCOUNT, "prod-"))
            .build(RegistryPolicyScope.V1);

    boolean first = ecr.policies().putRegistryPolicy(policy, RegistryPolicyScope.V1);
    boolean second = ecr.policies().putRegistryPolicy(policy, RegistryPolicyScope.V1);

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(ecr.policies().registryPolicy()).contains(policy);
    assertThat(ecr.policies().deleteRegistryPolicy()).isTrue();
    assertThat(ecr.policies().registryPolicy()).isEmpty();
  }
}
