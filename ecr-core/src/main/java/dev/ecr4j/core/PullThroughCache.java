package dev.ecr4j.core;

import dev.ecr4j.core.internal.DocumentJson;
import dev.ecr4j.core.internal.EcrCalls;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribePullThroughCacheRulesResponse;
import software.amazon.awssdk.services.ecr.model.ValidatePullThroughCacheRuleResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * Operations on pull through cache rules, as the policy DSL's {@link PullThroughCacheRule}.
 * Obtained from {@link Ecr4jClient#pullThroughCache()}; thread-safe.
 */
public final class PullThroughCache {

  // ECR's maximum page size for DescribePullThroughCacheRules.
  private static final int PAGE_SIZE = 1_000;

  /**
   * The outcome of {@link #validate(String)}: whether ECR could reach the upstream registry with
   * the rule's credentials.
   *
   * @param valid whether the rule works
   * @param failure ECR's reason when it does not, or null
   */
  public record Validation(boolean valid, @Nullable String failure) {}

  private final EcrClient ecr;
  private final EcrCalls calls;
  private final @Nullable String registryId;

  PullThroughCache(EcrClient ecr, EcrCalls calls, @Nullable String registryId) {
    this.ecr = ecr;
    this.calls = calls;
    this.registryId = registryId;
  }

  /**
   * Validates {@code rule} locally, then creates it.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException when the rule is invalid; nothing is sent
   * @throws AlreadyExistsException when a rule with the prefix exists
   */
  public void create(PullThroughCacheRule rule) {
    rule.validate();
    calls.call(
        "CreatePullThroughCacheRule",
        override ->
            ecr.createPullThroughCacheRule(
                request ->
                    request
                        .registryId(registryId)
                        .ecrRepositoryPrefix(rule.ecrRepositoryPrefix())
                        .upstreamRegistryUrl(rule.upstreamRegistryUrl())
                        .upstreamRegistry(rule.upstreamRegistry().map(r -> r.json()).orElse(null))
                        .credentialArn(rule.credentialArn().orElse(null))
                        .customRoleArn(rule.customRoleArn().orElse(null))
                        .upstreamRepositoryPrefix(rule.upstreamRepositoryPrefix().orElse(null))
                        .overrideConfiguration(override)));
  }

  /**
   * Validates {@code rule} locally, then sets the credential ARN and role ARN of the rule with its
   * prefix: the only settings ECR can change in place.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException when the rule is invalid; nothing is sent
   * @throws NotFoundException when no rule has the prefix
   */
  public void update(PullThroughCacheRule rule) {
    rule.validate();
    calls.call(
        "UpdatePullThroughCacheRule",
        override ->
            ecr.updatePullThroughCacheRule(
                request ->
                    request
                        .registryId(registryId)
                        .ecrRepositoryPrefix(rule.ecrRepositoryPrefix())
                        .credentialArn(rule.credentialArn().orElse(null))
                        .customRoleArn(rule.customRoleArn().orElse(null))
                        .overrideConfiguration(override)));
  }

  /**
   * Creates {@code rule}, or updates the rule with its prefix when only its credential or role ARN
   * differs; sends nothing when they are equal.
   *
   * @return true when a create or update was sent
   * @throws IllegalStateException when the existing rule has another upstream, which ECR cannot
   *     change in place; delete the rule and create it again
   */
  public boolean put(PullThroughCacheRule rule) {
    rule.validate();
    Optional<PullThroughCacheRule> existing = get(rule.ecrRepositoryPrefix());
    if (existing.isEmpty()) {
      create(rule);
      return true;
    }
    if (existing.get().equals(rule)) {
      return false;
    }
    if (!withoutArns(existing.get()).equals(withoutArns(rule))) {
      throw new IllegalStateException(
          "The pull through cache rule for prefix '"
              + rule.ecrRepositoryPrefix()
              + "' exists with another upstream ("
              + existing.get()
              + "), which ECR cannot change in place; delete the rule and create it again");
    }
    update(rule);
    return true;
  }

  /** Returns the rule with {@code ecrRepositoryPrefix}, or empty when there is none. */
  public Optional<PullThroughCacheRule> get(String ecrRepositoryPrefix) {
    Objects.requireNonNull(ecrRepositoryPrefix, "ecrRepositoryPrefix");
    try {
      DescribePullThroughCacheRulesResponse response =
          calls.call(
              "DescribePullThroughCacheRules",
              override ->
                  ecr.describePullThroughCacheRules(
                      request ->
                          request
                              .registryId(registryId)
                              .ecrRepositoryPrefixes(ecrRepositoryPrefix)
                              .overrideConfiguration(override)));
      return response.pullThroughCacheRules().stream().findFirst().map(PullThroughCache::toRule);
    } catch (NotFoundException e) {
      if (e.awsErrorCode().filter("PullThroughCacheRuleNotFoundException"::equals).isPresent()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Returns every rule of the registry; pages of up to 1,000 are fetched as it is read. */
  public Stream<PullThroughCacheRule> list() {
    return Pages.stream(
        token -> {
          DescribePullThroughCacheRulesResponse response =
              calls.call(
                  "DescribePullThroughCacheRules",
                  override ->
                      ecr.describePullThroughCacheRules(
                          request ->
                              request
                                  .registryId(registryId)
                                  .maxResults(PAGE_SIZE)
                                  .nextToken(token)
                                  .overrideConfiguration(override)));
          List<PullThroughCacheRule> rules = new ArrayList<>();
          response.pullThroughCacheRules().forEach(rule -> rules.add(toRule(rule)));
          return new Pages.Page<>(rules, response.nextToken());
        });
  }

  /**
   * Deletes the rule with {@code ecrRepositoryPrefix}. Repositories it created stay.
   *
   * @return true when a rule was deleted, false when there was none
   */
  public boolean delete(String ecrRepositoryPrefix) {
    Objects.requireNonNull(ecrRepositoryPrefix, "ecrRepositoryPrefix");
    try {
      calls.call(
          "DeletePullThroughCacheRule",
          override ->
              ecr.deletePullThroughCacheRule(
                  request ->
                      request
                          .registryId(registryId)
                          .ecrRepositoryPrefix(ecrRepositoryPrefix)
                          .overrideConfiguration(override)));
      return true;
    } catch (NotFoundException e) {
      if (e.awsErrorCode().filter("PullThroughCacheRuleNotFoundException"::equals).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Asks ECR whether the rule with {@code ecrRepositoryPrefix} can reach its upstream registry.
   *
   * @throws NotFoundException when no rule has the prefix
   */
  public Validation validate(String ecrRepositoryPrefix) {
    Objects.requireNonNull(ecrRepositoryPrefix, "ecrRepositoryPrefix");
    ValidatePullThroughCacheRuleResponse response =
        calls.call(
            "ValidatePullThroughCacheRule",
            override ->
                ecr.validatePullThroughCacheRule(
                    request ->
                        request
                            .registryId(registryId)
                            .ecrRepositoryPrefix(ecrRepositoryPrefix)
                            .overrideConfiguration(override)));
    boolean valid = Boolean.TRUE.equals(response.isValid());
    String failure = response.failure();
    return new Validation(valid, valid || failure == null || failure.isEmpty() ? null : failure);
  }

  /** Reads a rule ECR returned into the DSL's value, leaving out the fields ECR adds. */
  static PullThroughCacheRule toRule(
      software.amazon.awssdk.services.ecr.model.PullThroughCacheRule sdk) {
    ObjectNode json = DocumentJson.object();
    json.put("ecrRepositoryPrefix", String.valueOf(sdk.ecrRepositoryPrefix()));
    json.put("upstreamRegistryUrl", String.valueOf(sdk.upstreamRegistryUrl()));
    putText(json, "upstreamRegistry", sdk.upstreamRegistryAsString());
    putText(json, "credentialArn", sdk.credentialArn());
    putText(json, "customRoleArn", sdk.customRoleArn());
    putText(json, "upstreamRepositoryPrefix", sdk.upstreamRepositoryPrefix());
    return PullThroughCacheRule.parse(DocumentJson.write(json));
  }

  private static PullThroughCacheRule withoutArns(PullThroughCacheRule rule) {
    return PullThroughCacheRule.parse(
        DocumentJson.write(
            ((ObjectNode) DocumentJson.read(rule.toJson()))
                .without(List.of("credentialArn", "customRoleArn"))));
  }

  private static void putText(ObjectNode json, String key, @Nullable String value) {
    if (value != null && !value.isEmpty()) {
      json.put(key, value);
    }
  }
}
