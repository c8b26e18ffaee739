package dev.ecr4j.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.core.Ecr4jPublicClient;
import dev.ecr4j.core.Ecr4jServiceException;
import dev.ecr4j.core.InvalidRequestException;
import dev.ecr4j.core.NotFoundException;
import dev.ecr4j.core.PublicCatalogData;
import dev.ecr4j.core.PublicCatalogDataInput;
import dev.ecr4j.core.PublicRegistry;
import dev.ecr4j.core.PublicRepository;
import dev.ecr4j.core.PublicRepositoryCreation;
import dev.ecr4j.core.auth.AuthorizationToken;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.policy.iam.PolicyStatement;
import dev.ecr4j.policy.iam.Principal;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Runs the ECR Public client against the embedded emulator, which checks its SigV4 signatures for
 * the service {@code ecr-public} and validates every request against ECR Public's API model.
 */
@Timeout(60)
class PublicClientEmulatorTest {

  private static EcrEmulator emulator;
  private static Ecr4jPublicClient gallery;

  @BeforeAll
  static void start() {
    emulator = EcrEmulator.start();
    gallery = client("test", "test");
  }

  @AfterAll
  static void stop() {
    if (gallery != null) {
      gallery.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  private static Ecr4jPublicClient client(String accessKey, String secretKey) {
    return Ecr4jPublicClient.builder()
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .endpointOverride(emulator.endpoint())
        .rateLimitSettings(RateLimitSettings.unlimited())
        .build();
  }

  private static RepositoryPolicy pushPolicy() {
    return RepositoryPolicy.of(
        PolicyStatement.allow()
            .sid("CiPush")
            .principal(Principal.aws("arn:aws:iam::000000000000:role/ci"))
            .action(
                "ecr-public:BatchCheckLayerAvailability",
                "ecr-public:InitiateLayerUpload",
                "ecr-public:UploadLayerPart",
                "ecr-public:CompleteLayerUpload",
                "ecr-public:PutImage")
            .build());
  }

  @Test
  void create_with_catalog_and_tags() {
    PublicCatalogDataInput catalog =
        PublicCatalogDataInput.builder()
            .description("A command line")
            .aboutText("# About")
            .usageText("docker pull it")
            .architectures("x86-64", "ARM 64")
            .operatingSystems("Linux")
            .logoImage(new byte[] {(byte) 0x89, 'P', 'N', 'G'})
            .build();

    PublicRepositoryCreation creation =
        gallery.repositories().create("create/cli", catalog, Map.of("team", "core"));

    assertThat(creation.created()).isTrue();
    assertThat(creation.repository().name()).isEqualTo("create/cli");
    assertThat(creation.repository().arn())
        .isEqualTo("arn:aws:ecr-public::000000000000:repository/create/cli");
    assertThat(creation.repository().uri()).endsWith("/create/cli");
    assertThat(creation.catalogData().description()).isEqualTo("A command line");
    assertThat(creation.catalogData().architectures()).containsExactly("x86-64", "ARM 64");
    assertThat(creation.catalogData().logoUrl()).isPresent();
    assertThat(gallery.repositories().tags("create/cli"))
        .containsExactly(Map.entry("team", "core"));
  }

  @Test
  void create_again_returns_existing() {
    gallery
        .repositories()
        .create(
            "again/cli", PublicCatalogDataInput.builder().description("first").build(), Map.of());

    PublicRepositoryCreation again =
        gallery
            .repositories()
            .create(
                "again/cli",
                PublicCatalogDataInput.builder().description("second").build(),
                Map.of());

    assertThat(again.created()).isFalse();
    assertThat(again.catalogData().description()).isEqualTo("first");
  }

  @Test
  void describe_find_and_delete() {
    PublicRepository created = gallery.repositories().create("delete/cli").repository();

    assertThat(gallery.repositories().describe("delete/cli")).isEqualTo(created);
    assertThat(created.createdAt()).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
    assertThat(gallery.repositories().delete("delete/cli", true).name()).isEqualTo("delete/cli");
    assertThat(gallery.repositories().find("delete/cli")).isEmpty();
    assertThatThrownBy(() -> gallery.repositories().describe("delete/cli"))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.awsErrorCode()).contains("RepositoryNotFoundException");
              assertThat(e.statusCode()).isEqualTo(400);
            })
        .hasMessageContaining(
            "The repository with name 'delete/cli' does not exist in the registry with id"
                + " '000000000000'");
  }

  @Test
  void list_reads_every_page() {
    for (int i = 0; i < 5; i++) {
      gallery.repositories().create("paged/repo-" + i);
    }

    List<String> names =
        gallery
            .repositories()
            .list(2)
            .map(PublicRepository::name)
            .filter(name -> name.startsWith("paged/"))
            .toList();

    assertThat(names)
        .containsExactly(
            "paged/repo-0", "paged/repo-1", "paged/repo-2", "paged/repo-3", "paged/repo-4");
    assertThat(gallery.repositories().list().filter(r -> r.name().startsWith("paged/"))).hasSize(5);
  }

  @Test
  void catalog_data_put_and_get() {
    gallery.repositories().create("catalog/cli");

    PublicCatalogData empty = gallery.repositories().catalogData("catalog/cli");
    PublicCatalogData stored =
        gallery
            .repositories()
            .putCatalogData(
                "catalog/cli",
                PublicCatalogDataInput.builder()
                    .description("updated")
                    .operatingSystems("Linux", "Windows")
                    .build());

    assertThat(empty).isEqualTo(PublicCatalogData.EMPTY);
    assertThat(stored.description()).isEqualTo("updated");
    assertThat(gallery.repositories().catalogData("catalog/cli")).isEqualTo(stored);
    assertThat(stored.operatingSystems()).containsExactly("Linux", "Windows");
  }

  @Test
  void catalog_data_of_missing_repository_is_not_found() {
    assertThatThrownBy(() -> gallery.repositories().catalogData("catalog/missing"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void registry_display_name_and_details() {
    Optional<String> stored = gallery.registries().putDisplayName("ecr4j tests");

    List<PublicRegistry> registries = gallery.registries().describe().toList();

    assertThat(stored).contains("ecr4j tests");
    assertThat(gallery.registries().displayName()).contains("ecr4j tests");
    assertThat(registries).hasSize(1);
    assertThat(registries.get(0).registryId()).isEqualTo("000000000000");
    assertThat(registries.get(0).aliases())
        .singleElement()
        .satisfies(
            alias -> {
              assertThat(alias.status()).isEqualTo("ACTIVE");
              assertThat(alias.defaultAlias()).isTrue();
            });
  }

  @Test
  void repository_policy_round_trip() {
    gallery.repositories().create("policy/cli");

    boolean first = gallery.policies().setRepositoryPolicy("policy/cli", pushPolicy(), false);
    boolean second = gallery.policies().setRepositoryPolicy("policy/cli", pushPolicy(), true);

    assertThat(first).isTrue();
    assertThat(second).as("an equal policy is not sent again").isFalse();
    assertThat(gallery.policies().repositoryPolicy("policy/cli")).contains(pushPolicy());
    assertThat(gallery.policies().deleteRepositoryPolicy("policy/cli")).isTrue();
    assertThat(gallery.policies().deleteRepositoryPolicy("policy/cli")).isFalse();
    assertThat(gallery.policies().repositoryPolicyText("policy/cli")).isEmpty();
  }

  @Test
  void policy_text_rejected_by_server() {
    gallery.repositories().create("policy/bad");

    assertThatThrownBy(
            () -> gallery.policies().setRepositoryPolicyText("policy/bad", "{\"no\":1}", false))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> assertThat(e.awsErrorCode()).contains("InvalidParameterException"));
  }

  @Test
  void tags_added_listed_and_removed() {
    gallery.repositories().create("tags/cli");

    gallery.repositories().tag("tags/cli", Map.of("team", "core", "env", "prod"));
    gallery.repositories().untag("tags/cli", List.of("env", "absent"));

    assertThat(gallery.repositories().tags("tags/cli")).containsExactly(Map.entry("team", "core"));
  }

  @Test
  void authorization_token_decoded() {
    AuthorizationToken token = gallery.authorizationToken();

    assertThat(token.username()).isEqualTo("AWS");
    assertThat(token.password()).isNotEmpty();
    assertThat(token.expiresAt())
        .isBetween(
            Instant.now().plus(Duration.ofHours(11)), Instant.now().plus(Duration.ofHours(13)));
    assertThat(token.toString()).doesNotContain(token.password());
  }

  @Test
  void concurrent_calls_share_one_client() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<PublicRepositoryCreation>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String name = "concurrent/repo-" + i;
        futures.add(pool.submit(() -> gallery.repositories().create(name)));
      }
      for (Future<PublicRepositoryCreation> future : futures) {
        assertThat(future.get(30, TimeUnit.SECONDS).created()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(gallery.repositories().list().filter(r -> r.name().startsWith("concurrent/")))
        .hasSize(40);
  }

  @Test
  void wrong_secret_key_is_rejected() {
    try (Ecr4jPublicClient wrong = client("test", "not-the-secret")) {
      assertThatThrownBy(() -> wrong.repositories().find("auth/cli"))
          .isInstanceOf(Ecr4jServiceException.class)
          .hasMessageContaining("HTTP 4");
    }
  }
}
