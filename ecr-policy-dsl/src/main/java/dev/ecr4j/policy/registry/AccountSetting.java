package dev.ecr4j.policy.registry;

import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One ECR account setting with its typed value, as PutAccountSetting takes it and GetAccountSetting
 * returns it: {@code {"name": "REGISTRY_POLICY_SCOPE", "value": "V2"}}.
 *
 * <pre>{@code
 * AccountSetting scope = AccountSetting.of(RegistryPolicyScope.V2);
 * }</pre>
 *
 * <p>The value's type fixes the setting, so a setting built in Java cannot be invalid; {@link
 * #parse(String)} rejects names ecr4j does not know and values that do not belong to the name.
 *
 * @param value the setting's value, which also names the setting
 */
public record AccountSetting(AccountSettingValue value) {

  static final String SUBJECT = "Account setting";

  private static final String EXAMPLE = "{\"name\": \"REGISTRY_POLICY_SCOPE\", \"value\": \"V2\"}";

  public AccountSetting {
    Objects.requireNonNull(value, "value");
  }

  /** Creates the setting that {@code value} belongs to. */
  public static AccountSetting of(AccountSettingValue value) {
    return new AccountSetting(value);
  }

  /**
   * Parses an account setting.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException when the JSON is malformed, has unknown keys,
   *     names an unknown setting or gives a value the setting does not accept
   * @throws NullPointerException if {@code json} is null
   */
  public static AccountSetting parse(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.valueOrThrow(SUBJECT, parseDocument(json));
  }

  /**
   * Checks an account setting without throwing, with the warnings for retired values.
   *
   * @throws NullPointerException if {@code json} is null
   */
  public static PolicyCheck<AccountSetting> check(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.check(parseDocument(json), value -> List.of(), AccountSetting::warnings);
  }

  /** Returns the setting's name. */
  public AccountSettingName name() {
    return value.settingName();
  }

  /**
   * Lists the values that ECR's current API documentation no longer offers to put: {@code V1} and
   * {@code CLAIR}.
   */
  public List<PolicyWarning> warnings() {
    // NOTE: the API model's documentation lists only V2 and AWS_NATIVE as values to put, while
    // earlier versions of it listed V1 and CLAIR too. Whether ECR still accepts them is
    // unconfirmed, so they are warnings, not violations.
    List<PolicyWarning> warnings = new ArrayList<>();
    if (value == RegistryPolicyScope.V1) {
      warnings.add(
          new PolicyWarning(
              "$.value",
              null,
              "V1 limits registry policies to ecr:ReplicateImage, ecr:BatchImportUpstreamImage and"
                  + " ecr:CreateRepository, and ECR's API documentation lists only V2 as a value to"
                  + " put.",
              "Use V2, the scope of new accounts, unless a registry policy relies on the V1"
                  + " scope."));
    }
    if (value == BasicScanTypeVersion.CLAIR) {
      warnings.add(
          new PolicyWarning(
              "$.value",
              null,
              "CLAIR selects the earlier basic scanner, and ECR's API documentation lists only"
                  + " AWS_NATIVE as a value to put.",
              "Use AWS_NATIVE."));
    }
    return List.copyOf(warnings);
  }

  /** Renders the setting minified, with the keys of PutAccountSetting. */
  public String toJson() {
    return PolicyJson.minified(toJsonTree());
  }

  /** Renders the setting indented. */
  public String toPrettyJson() {
    return PolicyJson.pretty(toJsonTree());
  }

  /** Returns the minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  private ObjectNode toJsonTree() {
    ObjectNode node = PolicyJson.object();
    node.put("name", name().name());
    node.put("value", value.name());
    return node;
  }

  private static Documents.Parsed<AccountSetting> parseDocument(String json) {
    JsonReader reader = new JsonReader("the account setting", "PutAccountSetting");
    JsonNode root = reader.readRootObject(json, EXAMPLE);
    if (root == null) {
      return Documents.Parsed.of(null, reader.violations());
    }
    reader.rejectUnknownKeys(root, "$", List.of("name", "value"));
    String nameText = reader.string(root, "name", "$", true, "a setting such as \"BLOB_MOUNTING\"");
    AccountSettingName name =
        nameText == null
            ? null
            : reader.enumFromText(
                nameText,
                "$.name",
                "account setting name",
                AccountSettingName.values(),
                AccountSettingName::name);
    String text = reader.string(root, "value", "$", true, "the setting's value, such as \"V2\"");
    if (name == null || text == null) {
      return Documents.Parsed.of(null, reader.violations());
    }

    List<String> allowed = new ArrayList<>();
    for (AccountSettingValue candidate : name.allowedValues()) {
      if (candidate.name().equals(text)) {
        return Documents.Parsed.of(new AccountSetting(candidate), reader.violations());
      }
      allowed.add("\"" + candidate.name() + "\"");
    }
    reader.add(
        "$.value",
        "\"" + text + "\" is not a valid value for " + name + ".",
        "Use one of " + String.join(", ", allowed) + "; values are case-sensitive.");
    return Documents.Parsed.of(null, reader.violations());
  }
}
