package dev.ecr4j.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AccountSettingTest {

  @Test
  void toJsonUsesPutAccountSettingKeys() {
    assertThat(AccountSetting.of(RegistryPolicyScope.V2).toJson())
        .isEqualTo("{\"name\":\"REGISTRY_POLICY_SCOPE\",\"value\":\"V2\"}");
    assertThat(AccountSetting.of(BlobMounting.ENABLED).toJson())
        .isEqualTo("{\"name\":\"BLOB_MOUNTING\",\"value\":\"ENABLED\"}");
  }

  @Test
  void valueNamesItsSetting() {
    assertThat(AccountSetting.of(BasicScanTypeVersion.AWS_NATIVE).name())
        .isEqualTo(AccountSettingName.BASIC_SCAN_TYPE_VERSION);
    assertThat(AccountSettingName.REGISTRY_POLICY_SCOPE.allowedValues())
        .containsExactly(RegistryPolicyScope.V1, RegistryPolicyScope.V2);
  }

  @ParameterizedTest
  @EnumSource(AccountSettingName.class)
  void everyValueRoundTrips(AccountSettingName name) {
    for (AccountSettingValue value : name.allowedValues()) {
      AccountSetting setting = AccountSetting.of(value);

      assertThat(AccountSetting.parse(setting.toJson())).isEqualTo(setting);
      assertThat(AccountSetting.parse(setting.toPrettyJson())).isEqualTo(setting);
    }
  }

  @Test
  void valueOfOtherSettingRejected() {
    assertThatThrownBy(
            () -> AccountSetting.parse("{\"name\":\"BASIC_SCAN_TYPE_VERSION\",\"value\":\"V2\"}"))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(
                        PolicyViolation::path, PolicyViolation::message, PolicyViolation::fix)
                    .containsExactly(
                        tuple(
                            "$.value",
                            "\"V2\" is not a valid value for BASIC_SCAN_TYPE_VERSION.",
                            "Use one of \"AWS_NATIVE\", \"CLAIR\"; values are case-sensitive.")));
  }

  @Test
  void unknownNameRejected() {
    PolicyCheck<AccountSetting> check =
        AccountSetting.check("{\"name\":\"SIGNING\",\"value\":\"ENABLED\",\"extra\":1}");

    assertThat(check.value()).isNull();
    assertThat(check.violations())
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            tuple(
                "$.extra",
                "Unknown key \"extra\"; the PutAccountSetting request defines no such key here."),
            tuple("$.name", "\"SIGNING\" is not a valid account setting name."));
  }

  @Test
  void lowercaseValueRejectedWithCase() {
    assertThat(
            AccountSetting.check("{\"name\":\"blob_mounting\",\"value\":\"enabled\"}").violations())
        .extracting(PolicyViolation::message, PolicyViolation::fix)
        .containsExactly(
            tuple(
                "\"blob_mounting\" is not a valid account setting name; ECR's values are"
                    + " case-sensitive.",
                "Write \"BLOB_MOUNTING\"."));
  }

  @Test
  void retiredValuesWarn() {
    assertThat(AccountSetting.of(RegistryPolicyScope.V1).warnings())
        .extracting(PolicyWarning::path, PolicyWarning::message)
        .containsExactly(
            tuple(
                "$.value",
                "V1 limits registry policies to ecr:ReplicateImage, ecr:BatchImportUpstreamImage"
                    + " and ecr:CreateRepository, and ECR's API documentation lists only V2 as a"
                    + " value to put."));
    assertThat(AccountSetting.check("{\"name\":\"BASIC_SCAN_TYPE_VERSION\",\"value\":\"CLAIR\"}"))
        .satisfies(
            check -> {
              assertThat(check.isValid()).isTrue();
              assertThat(check.warnings())
                  .extracting(PolicyWarning::message)
                  .containsExactly(
                      "CLAIR selects the earlier basic scanner, and ECR's API documentation lists"
                          + " only AWS_NATIVE as a value to put.");
            });
    assertThat(AccountSetting.of(RegistryPolicyScope.V2).warnings()).isEmpty();
  }
}
