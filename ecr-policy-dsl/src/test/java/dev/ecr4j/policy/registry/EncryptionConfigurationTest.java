package dev.ecr4j.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyViolation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptionConfigurationTest {

  private static final String KEY_ARN =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  @Test
  void toJsonUsesEcrKeys() {
    assertThat(EncryptionConfiguration.aes256().toJson())
        .isEqualTo("{\"encryptionType\":\"AES256\"}");
    assertThat(EncryptionConfiguration.kms("alias/ecr").toJson())
        .isEqualTo("{\"encryptionType\":\"KMS\",\"kmsKey\":\"alias/ecr\"}");
    assertThat(EncryptionConfiguration.kmsDsse().toJson())
        .isEqualTo("{\"encryptionType\":\"KMS_DSSE\"}");
  }

  @Test
  void parseRoundTripsExactly() {
    String json = "{\"encryptionType\":\"KMS_DSSE\",\"kmsKey\":\"" + KEY_ARN + "\"}";

    EncryptionConfiguration parsed = EncryptionConfiguration.parse(json);

    assertThat(parsed).isEqualTo(EncryptionConfiguration.kmsDsse(KEY_ARN));
    assertThat(parsed.toJson()).isEqualTo(json);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        KEY_ARN,
        "arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab",
        "arn:aws:kms:us-east-1:111122223333:alias/ecr-images",
        "alias/ecr-images",
        "alias/aws/ecr",
        "1234abcd-12ab-34cd-56ef-1234567890ab",
        "mrk-1234abcd12ab34cd56ef1234567890ab"
      })
  void repositoryAcceptsEveryKeyForm(String key) {
    assertThat(EncryptionConfiguration.kms(key).violations()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ecr-images", "key/1234", "arn:aws:s3:::bucket"})
  void repositoryRejectsOtherKeys(String key) {
    assertThat(EncryptionConfiguration.kms(key).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.kmsKey");
              assertThat(v.message())
                  .isEqualTo(
                      "kmsKey \""
                          + key
                          + "\" is not a KMS key ARN, alias ARN, alias name or key ID.");
            });
  }

  @Test
  void templateNeedsFullKeyArn() {
    List<PolicyViolation> out = new ArrayList<>();

    EncryptionConfiguration.kms("alias/ecr")
        .collectViolations(out, "$.encryptionConfiguration", true);
    EncryptionConfiguration.kms(KEY_ARN).collectViolations(out, "$.encryptionConfiguration", true);
    EncryptionConfiguration.kms("").collectViolations(out, "$.encryptionConfiguration", true);

    assertThat(out)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.encryptionConfiguration.kmsKey");
              assertThat(v.message())
                  .isEqualTo(
                      "A repository creation template needs the full ARN of the KMS key, but kmsKey"
                          + " is \"alias/ecr\".");
            });
  }

  @Test
  void keyWithAes256Rejected() {
    EncryptionConfiguration encryption =
        new EncryptionConfiguration(EncryptionType.AES256, "alias/ecr");

    assertThat(encryption.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.message())
                  .isEqualTo("kmsKey is set, but encryption type AES256 uses no KMS key.");
              assertThat(v.fix())
                  .isEqualTo("Remove kmsKey, or set encryptionType to KMS or KMS_DSSE.");
            });
  }

  @Test
  void emptyKeyRejectedForRepository() {
    assertThat(EncryptionConfiguration.kms("").violations())
        .extracting(PolicyViolation::message)
        .containsExactly("kmsKey is empty; ECR needs 1 to 2048 characters.");
  }

  @Test
  void overlongKeyRejected() {
    assertThat(EncryptionConfiguration.kms("alias/" + "a".repeat(2043)).violations())
        .extracting(PolicyViolation::message)
        .containsExactly("kmsKey is 2049 characters long; ECR allows at most 2048.");
  }

  @Test
  void parseRejectsUnknownTypeAndKey() {
    assertThatThrownBy(
            () -> EncryptionConfiguration.parse("{\"encryptionType\":\"SSE\",\"kmsKeyId\":\"k\"}"))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(PolicyViolation::fix)
                    .containsExactly(
                        "Did you mean \"kmsKey\"? Rename the key.",
                        "Use one of \"AES256\", \"KMS\", \"KMS_DSSE\"."));
  }
}
