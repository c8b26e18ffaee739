package dev.ecr4j.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositorySettingsTest {

  private static final String NAME_ECR_MESSAGE =
      "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular"
          + " expression '[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*''";

  @Test
  void builderRendersCreateRepositoryJson() {
    RepositorySettings settings =
        RepositorySettings.builder("team-a/web")
            .tagMutability(TagMutability.immutableExcept("latest"))
            .encryption(EncryptionConfiguration.kms("alias/ecr-images"))
            .tag("team", "a")
            .scanOnPush(false)
            .build();

    assertThat(settings.toJson())
        .isEqualTo(
            "{\"repositoryName\":\"team-a/web\",\"tags\":[{\"Key\":\"team\",\"Value\":\"a\"}],"
                + "\"imageTagMutability\":\"IMMUTABLE_WITH_EXCLUSION\",\"imageTagMutabilityExclusionFilters\":"
                + "[{\"filterType\":\"WILDCARD\",\"filter\":\"latest\"}],\"imageScanningConfiguration\":"
                + "{\"scanOnPush\":false},\"encryptionConfiguration\":{\"encryptionType\":\"KMS\","
                + "\"kmsKey\":\"alias/ecr-images\"}}");
    assertThat(settings.warnings()).isEmpty();
  }

  @Test
  void unsetSettingsAreLeftOut() {
    assertThat(RepositorySettings.builder("web").build().toJson())
        .isEqualTo("{\"repositoryName\":\"web\"}");
  }

  @Test
  void parseRoundTripsExactly() {
    RepositorySettings settings =
        RepositorySettings.builder("a/b")
            .tagMutability(TagMutability.immutable())
            .encryption(EncryptionConfiguration.kmsDsse())
            .tag("k", "v")
            .build();

    RepositorySettings parsed = RepositorySettings.parse(settings.toJson());

    assertThat(parsed).isEqualTo(settings);
    assertThat(parsed.toJson()).isEqualTo(settings.toJson());
    assertThat(RepositorySettings.parse(settings.toPrettyJson())).isEqualTo(settings);
  }

  @Test
  void absentSettingsEqualEcrDefaults() {
    RepositorySettings bare = RepositorySettings.builder("web").build();
    RepositorySettings defaults = RepositorySettings.ecrDefaults("web");

    assertThat(bare).isEqualTo(defaults);
    assertThat(bare.hashCode()).isEqualTo(defaults.hashCode());
    assertThat(bare.effectiveTagMutability()).isEqualTo(TagMutability.mutable());
    assertThat(bare.effectiveEncryption()).isEqualTo(EncryptionConfiguration.aes256());
    assertThat(bare.tagMutability()).isEmpty();
    assertThat(defaults.tagMutability()).contains(TagMutability.mutable());
    assertThat(defaults.scanOnPush()).contains(false);
  }

  @Test
  void differentSettingsAreNotEqual() {
    RepositorySettings base = RepositorySettings.builder("web").build();

    assertThat(base.toBuilder().scanOnPush(true).build()).isNotEqualTo(base);
    assertThat(base.toBuilder().tag("k", "v").build()).isNotEqualTo(base);
    assertThat(base.toBuilder().encryption(EncryptionConfiguration.kms()).build())
        .isNotEqualTo(base);
    assertThat(RepositorySettings.builder("api").build()).isNotEqualTo(base);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "web", "team-a/web", "a.b_c__d---e/f", "0x"})
  void validNamesAccepted(String name) {
    assertThat(RepositorySettings.builder(name).build().repositoryName()).isEqualTo(name);
  }

  @Test
  void longestNameAccepted() {
    assertThat(RepositorySettings.builder("a".repeat(256)).build().violations()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Web|Write it in lowercase: \"web\".",
        "web/|Use only lowercase letters and digits, in parts separated by '.', '_', '__' or"
            + " dashes, and joined by '/', for example \"team-a/web-app\".",
        "a___b|Use only lowercase letters and digits, in parts separated by '.', '_', '__' or"
            + " dashes, and joined by '/', for example \"team-a/web-app\".",
        "-web|Use only lowercase letters and digits, in parts separated by '.', '_', '__' or"
            + " dashes, and joined by '/', for example \"team-a/web-app\"."
      })
  void invalidNameRejectedWithEcrText(String name, String fix) {
    assertThat(RepositorySettings.builder(name).buildUnchecked().violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.repositoryName");
              assertThat(v.message())
                  .isEqualTo(
                      "The repository name \""
                          + name
                          + "\" is invalid; ECR allows lowercase letters and digits, in parts"
                          + " separated by '.', '_', '__' or dashes, and joined by '/'.");
              assertThat(v.fix()).isEqualTo(fix);
              assertThat(v.ecrMessage()).isEqualTo(NAME_ECR_MESSAGE);
            });
  }

  @Test
  void nameLengthLimitsEnforced() {
    assertThat(RepositorySettings.builder("a").buildUnchecked().violations())
        .extracting(PolicyViolation::message, PolicyViolation::fix)
        .containsExactly(
            tuple(
                "The repository name \"a\" is 1 character long; ECR allows 2 to 256.",
                "Use a longer name."));
    assertThat(RepositorySettings.builder("a".repeat(257)).buildUnchecked().violations())
        .extracting(PolicyViolation::fix)
        .containsExactly("Shorten the name.");
  }

  @Test
  void buildReportsEveryViolation() {
    RepositorySettings.Builder builder =
        RepositorySettings.builder("Web")
            .tagMutability(new TagMutability(ImageTagMutability.MUTABLE_WITH_EXCLUSION, List.of()))
            .encryption(new EncryptionConfiguration(EncryptionType.AES256, "alias/x"))
            .tag("aws:owner", "me");

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(PolicyViolation::path)
                    .containsExactly(
                        "$.repositoryName",
                        "$.tags[0].Key",
                        "$.imageTagMutabilityExclusionFilters",
                        "$.encryptionConfiguration.kmsKey"));
  }

  @Test
  void scanOnPushWarnsAsDeprecated() {
    RepositorySettings settings = RepositorySettings.builder("web").scanOnPush(true).build();

    assertThat(settings.warnings())
        .extracting(PolicyWarning::path, PolicyWarning::message, PolicyWarning::hint)
        .containsExactly(
            tuple(
                "$.imageScanningConfiguration.scanOnPush",
                "Scan on push per repository is deprecated; ECR scans according to the registry's"
                    + " scanning configuration.",
                "Remove imageScanningConfiguration and add a scan-on-push rule that matches \"web\""
                    + " to the registry scanning configuration."));
  }

  @Test
  void parseReportsEveryStructuralProblem() {
    String json =
        "{\"registryId\":\"111122223333\",\"repositoryName\":\"web\",\"imageScanningConfiguration\":"
            + "{\"scanOnPush\":\"true\",\"scanFrequency\":\"MANUAL\"},"
            + "\"imageTagMutabilityExclusionFilters\":[{\"filterType\":\"WILDCARD\",\"filter\":\"x\"}]}";

    assertThat(RepositorySettings.check(json).violations())
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            tuple(
                "$.registryId",
                "\"registryId\" is a parameter of the CreateRepository request, not part of the"
                    + " repository settings."),
            tuple(
                "$.imageTagMutability",
                "imageTagMutabilityExclusionFilters is set, but imageTagMutability is missing."),
            tuple(
                "$.imageScanningConfiguration.scanFrequency",
                "Unknown key \"scanFrequency\"; the CreateRepository request defines no such key"
                    + " here."),
            tuple(
                "$.imageScanningConfiguration.scanOnPush",
                "\"scanOnPush\" must be a boolean, but it is a string (\"true\")."));
  }

  @Test
  void emptyScanningObjectReadsAsUnset() {
    RepositorySettings parsed =
        RepositorySettings.parse("{\"repositoryName\":\"web\",\"imageScanningConfiguration\":{}}");

    assertThat(parsed.scanOnPush()).isEmpty();
  }
}
