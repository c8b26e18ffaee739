package dev.ecr4j.testkit.emulator.internal;

import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registry-wide operations: authorization tokens, the registry policy, replication, scanning
 * configuration and account settings.
 */
final class RegistryOperations {

  /** ECR's registry tokens are valid for 12 hours. */
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

  /** 32 random bytes make a password that cannot be guessed in a test's lifetime. */
  private static final int PASSWORD_BYTES = 32;

  /** The account settings ECR defines, with their default values. */
  private static final Map<String, String> ACCOUNT_SETTING_DEFAULTS =
      Map.of(
          "BASIC_SCAN_TYPE_VERSION", "AWS_NATIVE",
          "REGISTRY_POLICY_SCOPE", "V2",
          "BLOB_MOUNTING", "DISABLED");

  private static final SecureRandom RANDOM = new SecureRandom();

  private RegistryOperations() {}

  static void register(Map<String, Operation> operations) {
    operations.put("GetAuthorizationToken", RegistryOperations::getAuthorizationToken);
    operations.put("PutRegistryPolicy", RegistryOperations::putRegistryPolicy);
    operations.put("GetRegistryPolicy", RegistryOperations::getRegistryPolicy);
    operations.put("DeleteRegistryPolicy", RegistryOperations::deleteRegistryPolicy);
    operations.put("PutReplicationConfiguration", RegistryOperations::putReplicationConfiguration);
    operations.put("DescribeRegistry", RegistryOperations::describeRegistry);
    operations.put(
        "PutRegistryScanningConfiguration", RegistryOperations::putRegistryScanningConfiguration);
    operations.put(
        "GetRegistryScanningConfiguration", RegistryOperations::getRegistryScanningConfiguration);
    operations.put(
        "BatchGetRepositoryScanningConfiguration",
        RegistryOperations::batchGetRepositoryScanningConfiguration);
    operations.put("PutAccountSetting", RegistryOperations::putAccountSetting);
    operations.put("GetAccountSetting", RegistryOperations::getAccountSetting);
  }

  /**
   * Issues a 12-hour registry token, base64 of {@code AWS:<password>}. The password has no colon,
   * because the AWS CLI's get-login-password splits the decoded token at the first one.
   */
  private static ObjectNode getAuthorizationToken(Call call) {
    List<String> registryIds = Json.strings(call.input(), "registryIds");
    if (registryIds.isEmpty()) {
      registryIds = List.of(call.caller().accountId());
    }
    Instant expiresAt = call.now().plus(TOKEN_LIFETIME);
    ObjectNode response = Json.object();
    ArrayNode data = response.putArray("authorizationData");
    for (String registryId : registryIds) {
      byte[] secret = new byte[PASSWORD_BYTES];
      RANDOM.nextBytes(secret);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      call.state().addToken(password, new EmulatorState.AuthToken(registryId, expiresAt));
      ObjectNode entry = data.addObject();
      entry.put(
          "authorizationToken",
          Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8)));
      Json.putTime(entry, "expiresAt", expiresAt);
      entry.put("proxyEndpoint", "http://" + call.state().registryHost());
    }
    return response;
  }

  private static ObjectNode putRegistryPolicy(Call call) {
    RegistryState registry = call.registry();
    String policyText = call.text("policyText");
    RepositoryOperations.checkPermissionPolicy(policyText, "registry");
    registry.setPolicyText(policyText);
    ObjectNode response = Json.object();
    response.put("registryId", registry.registryId());
    response.put("policyText", policyText);
    return response;
  }

  private static ObjectNode getRegistryPolicy(Call call) {
    return registryPolicy(call.registry());
  }

  private static ObjectNode deleteRegistryPolicy(Call call) {
    RegistryState registry = call.registry();
    ObjectNode response = registryPolicy(registry);
    registry.setPolicyText(null);
    return response;
  }

  private static ObjectNode registryPolicy(RegistryState registry) {
    String policyText = registry.policyText();
    if (policyText == null) {
      throw AwsError.of(
          "RegistryPolicyNotFoundException",
          "Registry policy does not exist in the registry with id '" + registry.registryId() + "'");
    }
    ObjectNode response = Json.object();
    response.put("registryId", registry.registryId());
    response.put("policyText", policyText);
    return response;
  }

  /**
   * Stores the replication configuration after ecr4j's replication validator accepts it. The
   * emulator does not replicate images.
   *
   * <p>NOTE: ECR's texts for invalid replication rules are not observed for every case; the message
   * follows its constraint wording with the validator's explanation.
   */
  private static ObjectNode putReplicationConfiguration(Call call) {
    RegistryState registry = call.registry();
    JsonNode configuration = call.input().get("replicationConfiguration");
    if (configuration == null) {
      throw AwsError.invalidParameter("replicationConfiguration", "Member must not be null");
    }
    PolicyCheck<ReplicationConfiguration> check =
        ReplicationConfiguration.check(Json.write(configuration));
    if (!check.violations().isEmpty()) {
      PolicyViolation first = check.violations().get(0);
      String ecrText = first.ecrMessageText().orElse(null);
      if (ecrText != null && ecrText.startsWith("Invalid parameter at")) {
        throw AwsError.invalidRequest(ecrText);
      }
      throw AwsError.invalidParameter(
          "replicationConfiguration", ecrText != null ? ecrText : first.message());
    }
    registry.setReplicationConfiguration(configuration.deepCopy());
    ObjectNode response = Json.object();
    response.set("replicationConfiguration", configuration);
    return response;
  }

  private static ObjectNode describeRegistry(Call call) {
    RegistryState registry = call.registry();
    ObjectNode response = Json.object();
    response.put("registryId", registry.registryId());
    JsonNode configuration = registry.replicationConfiguration();
    if (configuration == null) {
      response.putObject("replicationConfiguration").putArray("rules");
    } else {
      response.set("replicationConfiguration", configuration);
    }
    return response;
  }

  private static ObjectNode putRegistryScanningConfiguration(Call call) {
    RegistryState registry = call.registry();
    ObjectNode configuration = Json.object();
    configuration.put("scanType", Json.text(call.input(), "scanType", "BASIC"));
    configuration.putArray("rules").addAll(Json.objects(call.input(), "rules"));
    registry.setScanningConfiguration(configuration);
    ObjectNode response = Json.object();
    response.set("registryScanningConfiguration", configuration);
    return response;
  }

  private static ObjectNode getRegistryScanningConfiguration(Call call) {
    RegistryState registry = call.registry();
    ObjectNode response = Json.object();
    response.put("registryId", registry.registryId());
    response.set("scanningConfiguration", scanningConfiguration(registry));
    return response;
  }

  private static JsonNode scanningConfiguration(RegistryState registry) {
    JsonNode configuration = registry.scanningConfiguration();
    if (configuration != null) {
      return configuration;
    }
    ObjectNode basic = Json.object();
    basic.put("scanType", "BASIC");
    basic.putArray("rules");
    return basic;
  }

  /**
   * Reports each repository's effective scanning: the first registry rule whose wildcard filter
   * matches the name, or else the repository's own scanOnPush flag.
   */
  private static ObjectNode batchGetRepositoryScanningConfiguration(Call call) {
    RegistryState registry = call.registry();
    JsonNode configuration = scanningConfiguration(registry);
    ObjectNode response = Json.object();
    ArrayNode configurations = response.putArray("scanningConfigurations");
    ArrayNode failures = response.putArray("failures");
    for (String name : Json.strings(call.input(), "repositoryNames")) {
      RepositoryState repository = registry.repositories().get(name);
      if (repository == null) {
        ObjectNode failure = failures.addObject();
        failure.put("repositoryName", name);
        failure.put("failureCode", "REPOSITORY_NOT_FOUND");
        failure.put("failureReason", "REPOSITORY_NOT_FOUND");
        continue;
      }
      ObjectNode entry = configurations.addObject();
      entry.put("repositoryArn", repository.arn());
      entry.put("repositoryName", name);
      String frequency = "MANUAL";
      ArrayNode applied = entry.putArray("appliedScanFilters");
      for (JsonNode rule : Json.objects(configuration, "rules")) {
        JsonNode matching = null;
        for (JsonNode filter : Json.objects(rule, "repositoryFilters")) {
          if (Wildcards.matches(Json.text(filter, "filter", ""), name)) {
            matching = filter;
            break;
          }
        }
        if (matching != null) {
          frequency = Json.text(rule, "scanFrequency", "MANUAL");
          applied.add(matching);
          break;
        }
      }
      boolean scanOnPush = repository.scanOnPush() || frequency.equals("SCAN_ON_PUSH");
      entry.put("scanOnPush", scanOnPush);
      entry.put(
          "scanFrequency", scanOnPush && frequency.equals("MANUAL") ? "SCAN_ON_PUSH" : frequency);
    }
    return response;
  }

  /**
   * Sets an account setting.
   *
   * <p>NOTE: which values ECR accepts for each setting is only partly documented; the emulator
   * accepts any value for a known name.
   */
  private static ObjectNode putAccountSetting(Call call) {
    RegistryState registry = call.registry();
    String name = checkSettingName(call.text("name"));
    String value = call.text("value");
    registry.accountSettings().put(name, value);
    ObjectNode response = Json.object();
    response.put("name", name);
    response.put("value", value);
    return response;
  }

  private static ObjectNode getAccountSetting(Call call) {
    RegistryState registry = call.registry();
    String name = checkSettingName(call.text("name"));
    ObjectNode response = Json.object();
    response.put("name", name);
    response.put(
        "value", registry.accountSettings().getOrDefault(name, ACCOUNT_SETTING_DEFAULTS.get(name)));
    return response;
  }

  private static String checkSettingName(String name) {
    if (!ACCOUNT_SETTING_DEFAULTS.containsKey(name)) {
      throw AwsError.of(
          "ValidationException",
          "Account setting '"
              + name
              + "' is not supported. Supported settings: "
              + new java.util.TreeSet<>(ACCOUNT_SETTING_DEFAULTS.keySet()));
    }
    return name;
  }
}
