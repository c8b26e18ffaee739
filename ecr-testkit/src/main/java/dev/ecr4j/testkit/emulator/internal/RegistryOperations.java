package dev.ecr4j.testkit.emulator.internal;

import dev.ecr4j.policy.iam.RegistryPolicy;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

  private RegistryOperations() {}

  static void register(Map<String, Operation> operations) {
    for (String name :
        List.of(
            "GetAuthorizationToken",
            "RegisterPullTimeUpdateExclusion",
            "DeregisterPullTimeUpdateExclusion",
            "ListPullTimeUpdateExclusions",
            "PutRegistryPolicy",
            "GetRegistryPolicy",
            "DeleteRegistryPolicy",
            "PutReplicationConfiguration",
            "DescribeRegistry",
            "PutRegistryScanningConfiguration",
            "GetRegistryScanningConfiguration",
            "BatchGetRepositoryScanningConfiguration",
            "PutAccountSetting",
            "GetAccountSetting")) {
      operations.put(name, RegistryOperations::dispatch);
    }
  }

  /**
   * Runs the operation the call names. One switch serves the class, because each method reference
   * would cost a class generated at run time, which a cold start pays for.
   */
  private static ObjectNode dispatch(Call call) {
    return switch (call.operation()) {
      case "GetAuthorizationToken" -> getAuthorizationToken(call);
      case "RegisterPullTimeUpdateExclusion" -> registerPullTimeUpdateExclusion(call);
      case "DeregisterPullTimeUpdateExclusion" -> deregisterPullTimeUpdateExclusion(call);
      case "ListPullTimeUpdateExclusions" -> listPullTimeUpdateExclusions(call);
      case "PutRegistryPolicy" -> putRegistryPolicy(call);
      case "GetRegistryPolicy" -> getRegistryPolicy(call);
      case "DeleteRegistryPolicy" -> deleteRegistryPolicy(call);
      case "PutReplicationConfiguration" -> putReplicationConfiguration(call);
      case "DescribeRegistry" -> describeRegistry(call);
      case "PutRegistryScanningConfiguration" -> putRegistryScanningConfiguration(call);
      case "GetRegistryScanningConfiguration" -> getRegistryScanningConfiguration(call);
      case "BatchGetRepositoryScanningConfiguration" ->
          batchGetRepositoryScanningConfiguration(call);
      case "PutAccountSetting" -> putAccountSetting(call);
      case "GetAccountSetting" -> getAccountSetting(call);
      default ->
          throw new IllegalStateException(
              "RegistryOperations has no operation " + call.operation());
    };
  }

  /**
   * ECR's quota of pull-time update exclusions, 100 per account. The emulator counts them per
   * registry, that is per account and region, where it keeps them.
   */
  private static final int MAX_PULL_TIME_EXCLUSIONS = 100;

  // NOTE: the texts of ExclusionAlreadyExistsException, ExclusionNotFoundException and of the
  // exclusion quota are not observed; these follow the wording of ECR's other errors.
  private static ObjectNode registerPullTimeUpdateExclusion(Call call) {
    RegistryState registry = call.registry();
    String principal = call.text("principalArn");
    if (registry.pullTimeExclusions().containsKey(principal)) {
      throw AwsError.of(
          "ExclusionAlreadyExistsException",
          "The principal '"
              + principal
              + "' is already excluded from pull time updates in the registry with id '"
              + registry.registryId()
              + "'");
    }
    if (registry.pullTimeExclusions().size() >= MAX_PULL_TIME_EXCLUSIONS) {
      throw AwsError.of(
          "LimitExceededException",
          "The registry with id '"
              + registry.registryId()
              + "' already has "
              + MAX_PULL_TIME_EXCLUSIONS
              + " pull time update exclusions, the maximum. Deregister one first.");
    }
    Instant now = call.now();
    registry.pullTimeExclusions().put(principal, now);
    ObjectNode response = Json.object();
    response.put("principalArn", principal);
    Json.putTime(response, "createdAt", now);
    return response;
  }

  private static ObjectNode deregisterPullTimeUpdateExclusion(Call call) {
    RegistryState registry = call.registry();
    String principal = call.text("principalArn");
    if (registry.pullTimeExclusions().remove(principal) == null) {
      throw AwsError.of(
          "ExclusionNotFoundException",
          "The principal '"
              + principal
              + "' is not excluded from pull time updates in the registry with id '"
              + registry.registryId()
              + "'");
    }
    ObjectNode response = Json.object();
    response.put("principalArn", principal);
    return response;
  }

  private static ObjectNode listPullTimeUpdateExclusions(Call call) {
    List<String> principals = new ArrayList<>(call.registry().pullTimeExclusions().keySet());
    Page<String> page =
        Page.of(
            principals,
            principal -> principal,
            call.input(),
            MAX_PULL_TIME_EXCLUSIONS,
            call.operation());
    ObjectNode response = Json.object();
    ArrayNode list = response.putArray("pullTimeUpdateExclusions");
    page.items().forEach(list::add);
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
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
      byte[] secret = Secrets.randomBytes(PASSWORD_BYTES);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      call.state()
          .addToken(
              password,
              new EmulatorState.AuthToken(registryId, expiresAt, call.caller().principalArn()));
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
    RegistryPolicyScope scope =
        RegistryPolicyScope.valueOf(accountSetting(registry, "REGISTRY_POLICY_SCOPE"));
    // ECR's message names no reason, so the emulator's does not either.
    if (!RegistryPolicy.check(policyText, scope).isValid()) {
      throw AwsError.invalidParameter("PolicyText", "Invalid registry policy provided");
    }
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
   */
  private static ObjectNode putReplicationConfiguration(Call call) {
    RegistryState registry = call.registry();
    JsonNode configuration = call.input().get("replicationConfiguration");
    if (configuration == null) {
      throw AwsError.invalidParameter("replicationConfiguration", "Member must not be null");
    }
    PolicyErrors.rejectInvalid(
        "replicationConfiguration", ReplicationConfiguration.check(Json.write(configuration)));
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

  /**
   * Stores the scanning configuration after ecr4j's {@link ScanningConfiguration#check} accepts it.
   * A request without {@code rules} keeps the registry's rules, as ECR does.
   *
   * <p>NOTE: what ECR does with a request without {@code scanType} is undocumented; the emulator
   * keeps the registry's scan type, which starts as BASIC.
   */
  private static ObjectNode putRegistryScanningConfiguration(Call call) {
    RegistryState registry = call.registry();
    JsonNode current = scanningConfiguration(registry);
    ObjectNode configuration = Json.object();
    configuration.put(
        "scanType", Json.text(call.input(), "scanType", Json.text(current, "scanType", "BASIC")));
    JsonNode rules = call.input().has("rules") ? call.input().get("rules") : current.get("rules");
    configuration.set("rules", rules == null ? Json.array() : rules.deepCopy());
    PolicyErrors.rejectInvalidMember(
        "registryScanningConfiguration", ScanningConfiguration.check(Json.write(configuration)));
    registry.setScanningConfiguration(configuration);
    ObjectNode response = Json.object();
    response.put("registryId", registry.registryId());
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
   * Sets an account setting after ecr4j's {@link AccountSetting#check} accepts the value.
   *
   * <p>NOTE: ECR's error for a value that a setting does not accept is not observed; the emulator
   * returns InvalidParameterException in ECR's constraint wording.
   */
  private static ObjectNode putAccountSetting(Call call) {
    RegistryState registry = call.registry();
    String name = checkSettingName(call.text("name"));
    String value = call.text("value");
    ObjectNode setting = Json.object();
    setting.put("name", name);
    setting.put("value", value);
    PolicyErrors.rejectInvalidMember("value", AccountSetting.check(Json.write(setting)));
    registry.accountSettings().put(name, value);
    return setting;
  }

  private static ObjectNode getAccountSetting(Call call) {
    RegistryState registry = call.registry();
    String name = checkSettingName(call.text("name"));
    ObjectNode response = Json.object();
    response.put("name", name);
    response.put("value", accountSetting(registry, name));
    return response;
  }

  /** Returns the value of a known account setting, or its default when it was never put. */
  static String accountSetting(RegistryState registry, String name) {
    String value = registry.accountSettings().get(name);
    return value != null ? value : ACCOUNT_SETTING_DEFAULTS.getOrDefault(name, "");
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
