package dev.ecr4j.testkit.emulator.internal;

import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.UpstreamRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pull through cache rules: create, describe, update, delete and validate. Rules are validated by
 * ecr4j's {@link PullThroughCacheRule#check}; the emulator never contacts an upstream registry.
 */
final class PullThroughCacheOperations {

  /** ECR's default quota of pull through cache rules per registry. */
  static final int MAX_RULES = 50;

  /** ECR's page size for DescribePullThroughCacheRules when maxResults is absent. */
  private static final int DEFAULT_PAGE_SIZE = 100;

  /** The members of a stored rule that CreatePullThroughCacheRule takes. */
  private static final List<String> RULE_MEMBERS =
      List.of(
          "ecrRepositoryPrefix",
          "upstreamRegistryUrl",
          "upstreamRegistry",
          "credentialArn",
          "customRoleArn",
          "upstreamRepositoryPrefix");

  /** The region and account of a Secrets Manager secret ARN. */
  private static final Pattern SECRET_LOCATION =
      Pattern.compile("arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):([0-9]{12}):secret:.+");

  private PullThroughCacheOperations() {}

  static void register(Map<String, Operation> operations) {
    for (String name :
        List.of(
            "CreatePullThroughCacheRule",
            "DescribePullThroughCacheRules",
            "UpdatePullThroughCacheRule",
            "DeletePullThroughCacheRule",
            "ValidatePullThroughCacheRule")) {
      operations.put(name, PullThroughCacheOperations::dispatch);
    }
  }

  /**
   * Runs the operation the call names. One switch serves the class, because each method reference
   * would cost a class generated at run time, which a cold start pays for.
   */
  private static ObjectNode dispatch(Call call) {
    return switch (call.operation()) {
      case "CreatePullThroughCacheRule" -> create(call);
      case "DescribePullThroughCacheRules" -> describe(call);
      case "UpdatePullThroughCacheRule" -> update(call);
      case "DeletePullThroughCacheRule" -> delete(call);
      case "ValidatePullThroughCacheRule" -> validate(call);
      default ->
          throw new IllegalStateException(
              "PullThroughCacheOperations has no operation " + call.operation());
    };
  }

  private static ObjectNode create(Call call) {
    RegistryState registry = call.registry();
    String prefix = call.text("ecrRepositoryPrefix");
    if (registry.pullThroughCacheRules().containsKey(prefix)) {
      // NOTE: ECR's text for a duplicate prefix is not observed; this one follows its other
      // "already exists" messages.
      throw AwsError.of(
          "PullThroughCacheRuleAlreadyExistsException",
          "A pull through cache rule with prefix '"
              + prefix
              + "' already exists in the registry with id '"
              + registry.registryId()
              + "'");
    }
    if (registry.pullThroughCacheRules().size() >= MAX_RULES) {
      throw AwsError.of(
          "LimitExceededException",
          "The registry with id '"
              + registry.registryId()
              + "' already has "
              + MAX_RULES
              + " pull through cache rules, the maximum. Delete a rule before creating another.");
    }

    ObjectNode document = PolicyErrors.document(call.input());
    PolicyCheck<PullThroughCacheRule> check = PullThroughCacheRule.check(Json.write(document));
    PolicyErrors.rejectInvalidMember("pullThroughCacheRule", check);

    // ECR infers the upstream registry from the URL when the request leaves it out.
    if (!document.has("upstreamRegistry")) {
      check
          .parsed()
          .flatMap(PullThroughCacheRule::effectiveUpstreamRegistry)
          .map(UpstreamRegistry::json)
          .ifPresent(upstream -> document.put("upstreamRegistry", upstream));
    }
    Json.putTime(document, "createdAt", call.now());
    registry.pullThroughCacheRules().put(prefix, document);

    ObjectNode response = render(registry, document);
    response.remove("updatedAt");
    return response;
  }

  private static ObjectNode describe(Call call) {
    RegistryState registry = call.registry();
    List<String> prefixes = Json.strings(call.input(), "ecrRepositoryPrefixes");
    List<ObjectNode> rules = new ArrayList<>();
    if (prefixes.isEmpty()) {
      rules.addAll(registry.pullThroughCacheRules().values());
    } else {
      for (String prefix : prefixes) {
        rules.add(rule(registry, prefix));
      }
    }
    Page<ObjectNode> page =
        Page.of(
            rules,
            rule -> Json.text(rule, "ecrRepositoryPrefix", ""),
            call.input(),
            DEFAULT_PAGE_SIZE,
            call.operation());
    ObjectNode response = Json.object();
    ArrayNode listed = response.putArray("pullThroughCacheRules");
    page.items().forEach(rule -> listed.add(render(registry, rule)));
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  /** Replaces the credential and role of a rule; members the request leaves out are kept. */
  private static ObjectNode update(Call call) {
    RegistryState registry = call.registry();
    String prefix = call.text("ecrRepositoryPrefix");
    ObjectNode updated = rule(registry, prefix).deepCopy();
    for (String member : List.of("credentialArn", "customRoleArn")) {
      JsonNode value = call.input().get(member);
      if (value != null) {
        updated.set(member, value);
      }
    }
    PolicyErrors.rejectInvalidMember(
        "pullThroughCacheRule",
        PullThroughCacheRule.check(Json.write(PolicyErrors.document(updated))));
    Json.putTime(updated, "updatedAt", call.now());
    registry.pullThroughCacheRules().put(prefix, updated);

    ObjectNode response = Json.object();
    response.put("ecrRepositoryPrefix", prefix);
    response.put("registryId", registry.registryId());
    response.set("updatedAt", updated.get("updatedAt"));
    for (String member : List.of("credentialArn", "customRoleArn", "upstreamRepositoryPrefix")) {
      if (updated.has(member)) {
        response.set(member, updated.get(member));
      }
    }
    return response;
  }

  private static ObjectNode delete(Call call) {
    RegistryState registry = call.registry();
    String prefix = call.text("ecrRepositoryPrefix");
    ObjectNode response = render(registry, rule(registry, prefix));
    response.remove("upstreamRegistry");
    response.remove("updatedAt");
    registry.pullThroughCacheRules().remove(prefix);
    return response;
  }

  /**
   * Validates a stored rule offline. The rule is valid when ecr4j's check accepts it and its
   * credential secret lies in the rule's own account and region.
   *
   * <p>NOTE: ECR validates by authenticating to the upstream registry with the secret. The emulator
   * reaches neither Secrets Manager nor the upstream registry, so a secret that does not exist or
   * contains wrong credentials still validates.
   */
  private static ObjectNode validate(Call call) {
    RegistryState registry = call.registry();
    ObjectNode rule = rule(registry, call.text("ecrRepositoryPrefix"));
    List<String> failures = new ArrayList<>();
    PolicyCheck<PullThroughCacheRule> check =
        PullThroughCacheRule.check(Json.write(PolicyErrors.document(rule)));
    check.violations().stream().map(PolicyViolation::message).forEach(failures::add);
    String secretFailure = secretLocationFailure(registry, Json.text(rule, "credentialArn"));
    if (secretFailure != null) {
      failures.add(secretFailure);
    }

    ObjectNode response = Json.object();
    response.put("ecrRepositoryPrefix", Json.text(rule, "ecrRepositoryPrefix", ""));
    response.put("registryId", registry.registryId());
    for (String member :
        List.of(
            "upstreamRegistryUrl", "credentialArn", "customRoleArn", "upstreamRepositoryPrefix")) {
      if (rule.has(member)) {
        response.set(member, rule.get(member));
      }
    }
    response.put("isValid", failures.isEmpty());
    if (!failures.isEmpty()) {
      response.put("failure", failures.stream().collect(Collectors.joining(" ")));
    }
    return response;
  }

  /**
   * Returns why ECR could not read the secret {@code credentialArn} from this registry, or {@code
   * null} when the secret lies in the registry's account and region.
   */
  private static @Nullable String secretLocationFailure(
      RegistryState registry, @Nullable String credentialArn) {
    if (credentialArn == null) {
      return null;
    }
    Matcher location = SECRET_LOCATION.matcher(credentialArn);
    if (!location.matches()) {
      return "credentialArn '" + credentialArn + "' does not name an account and a region.";
    }
    if (!location.group(1).equals(registry.region())
        || !location.group(2).equals(registry.registryId())) {
      return "The secret '"
          + credentialArn
          + "' is not in the registry's account "
          + registry.registryId()
          + " and region "
          + registry.region()
          + "; ECR reads pull through cache credentials only from there.";
    }
    return null;
  }

  private static ObjectNode rule(RegistryState registry, String prefix) {
    ObjectNode rule = registry.pullThroughCacheRules().get(prefix);
    if (rule == null) {
      // NOTE: ECR's text for a missing rule is not observed; this one follows its other "does not
      // exist" messages.
      throw AwsError.of(
          "PullThroughCacheRuleNotFoundException",
          "The pull through cache rule with prefix '"
              + prefix
              + "' does not exist in the registry with id '"
              + registry.registryId()
              + "'");
    }
    return rule;
  }

  /** Renders ECR's {@code PullThroughCacheRule} from a stored rule. */
  private static ObjectNode render(RegistryState registry, ObjectNode rule) {
    ObjectNode rendered = Json.object();
    rendered.put("registryId", registry.registryId());
    for (String member : RULE_MEMBERS) {
      if (rule.has(member)) {
        rendered.set(member, rule.get(member));
      }
    }
    rendered.set("createdAt", rule.get("createdAt"));
    if (rule.has("updatedAt")) {
      rendered.set("updatedAt", rule.get("updatedAt"));
    }
    return rendered;
  }
}
