package dev.ecr4j.core;

import dev.ecr4j.core.internal.EcrCalls;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.AccountSettingName;
import dev.ecr4j.policy.registry.AccountSettingValue;
import java.util.Objects;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.GetAccountSettingResponse;

/**
 * Operations on the account settings of the caller's registry, as the policy DSL's {@link
 * AccountSetting}. Obtained from {@link Ecr4jClient#accountSettings()}; thread-safe.
 */
public final class AccountSettings {

  private final EcrClient ecr;
  private final EcrCalls calls;

  AccountSettings(EcrClient ecr, EcrCalls calls) {
    this.ecr = ecr;
    this.calls = calls;
  }

  /**
   * Returns the setting's current value; ECR returns the default for a setting never put.
   *
   * @throws Ecr4jException when ECR returns a value this version of ecr4j does not know
   */
  public AccountSetting get(AccountSettingName name) {
    Objects.requireNonNull(name, "name");
    GetAccountSettingResponse response =
        calls.call(
            "GetAccountSetting",
            override ->
                ecr.getAccountSetting(
                    request -> request.name(name.name()).overrideConfiguration(override)));
    String value = String.valueOf(response.value());
    for (AccountSettingValue candidate : name.allowedValues()) {
      if (candidate.name().equals(value)) {
        return AccountSetting.of(candidate);
      }
    }
    throw new Ecr4jException(
        "GetAccountSetting returned the value '"
            + value
            + "' for "
            + name
            + ", which this version of ecr4j does not know; expected one of "
            + name.allowedValues()
            + ". Upgrade ecr4j or read the setting with sdkClient()");
  }

  /** Sets {@code setting}; a value built in Java is always valid for its setting. */
  public void put(AccountSetting setting) {
    Objects.requireNonNull(setting, "setting");
    calls.call(
        "PutAccountSetting",
        override ->
            ecr.putAccountSetting(
                request ->
                    request
                        .name(setting.name().name())
                        .value(setting.value().name())
                        .overrideConfiguration(override)));
  }
}
