package dev.ecr4j.policy.replication;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.Lists;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The replication configuration of an Amazon ECR private registry in one Region: an immutable list
 * of rules, each copying the images pushed to some repositories to other Regions or accounts.
 *
 * <h2>Building</h2>
 *
 * <pre>{@code
 * ReplicationConfiguration configuration = ReplicationConfiguration.builder()
 *     .repositoriesStartingWith("prod/", "shared/")
 *         .to("us-west-2", "111122223333")
 *         .to("eu-west-1", "444455556666")
 *         .replicatingDeletes()
 *     .allRepositories()
 *         .to("us-east-2", "111122223333")
 *     .build();
 * }</pre>
 *
 * <p>Each rule starts with the repositories it selects and needs at least one destination before
 * the next rule can start. Malformed Regions, account IDs and prefixes throw {@link
 * IllegalArgumentException} at once; {@link Builder#build()} checks the rest. Configurations built
 * at run time can be assembled from plain values with {@link #of(List)} and checked with {@link
 * #validate()}. {@link #none()} is the empty configuration, which turns replication off.
 *
 * <h2>JSON</h2>
 *
 * <p>{@link #toJson()} renders exactly what {@code PutReplicationConfiguration} accepts as its
 * {@code replicationConfiguration}: minified, rules in their order, keys in a fixed order, no nulls
 * and no empty filter lists. {@link #parse(String)} reads that text back without loss, as well as
 * the output of {@code aws ecr describe-registry}, and rejects keys that ECR does not define.
 *
 * <h2>Equality</h2>
 *
 * <p>Two configurations are equal when they have the same rules, whatever the order of the rules
 * and of their destinations and filters, and whether or not they spell out that deletions are not
 * replicated. A repeated rule, destination or filter makes a difference, since it changes the JSON
 * and counts towards ECR's limits.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ReplicationConfiguration {

  private static final ReplicationConfiguration NONE = new ReplicationConfiguration(List.of());

  private final List<ReplicationRule> rules;

  private ReplicationConfiguration(List<ReplicationRule> rules) {
    this.rules = Lists.copyOf(rules, "rules");
  }

  /** Starts a fluent configuration. */
  @CheckReturnValue
  public static Builder builder() {
    return ConfigurationDraft.EMPTY;
  }

  /** Returns the configuration without rules. Putting it turns replication off for the registry. */
  public static ReplicationConfiguration none() {
    return NONE;
  }

  /**
   * Creates a configuration from plain values, without validating it. Call {@link #validate()}
   * before relying on it, or use {@link #builder()}.
   *
   * @throws NullPointerException when {@code rules} is null or contains null
   */
  public static ReplicationConfiguration of(List<ReplicationRule> rules) {
    List<ReplicationRule> copy = Lists.copyOf(rules, "rules");
    return copy.isEmpty() ? NONE : new ReplicationConfiguration(copy);
  }

  /**
   * Creates a configuration from plain values, without validating it.
   *
   * @throws NullPointerException when {@code rules} is null or contains null
   */
  public static ReplicationConfiguration of(ReplicationRule... rules) {
    return of(Arrays.asList(Objects.requireNonNull(rules, "rules")));
  }

  /**
   * Parses replication configuration JSON: the {@code replicationConfiguration} that {@code
   * PutReplicationConfiguration} accepts, or an object holding it under that key, as {@code aws ecr
   * describe-registry} prints it.
   *
   * <p>Parsing checks the structure only: well-formed JSON, known keys, the JSON types, required
   * keys and the allowed values of {@code filterType}. Values that are well formed but break ECR's
   * other constraints are returned as they are; {@link #violations()} lists those.
   *
   * @throws InvalidPolicyException listing every structural problem, each with its JSON path
   * @throws NullPointerException if {@code json} is null
   */
  public static ReplicationConfiguration parse(String json) {
    Objects.requireNonNull(json, "json");
    ReplicationConfigurationParser.Result result = ReplicationConfigurationParser.parse(json);
    if (!result.violations().isEmpty()) {
      throw new InvalidPolicyException("Replication configuration", result.violations());
    }
    return of(result.rules());
  }

  /**
   * Checks replication configuration JSON completely, without throwing: structural problems, ECR's
   * constraints on every rule that could be read, and warnings for legal configurations that look
   * like mistakes.
   *
   * @throws NullPointerException if {@code json} is null
   */
  public static PolicyCheck<ReplicationConfiguration> check(String json) {
    Objects.requireNonNull(json, "json");
    ReplicationConfigurationParser.Result parsed = ReplicationConfigurationParser.parse(json);
    List<PolicyViolation> violations = new ArrayList<>(parsed.violations());
    violations.addAll(
        ReplicationConfigurationValidator.validate(
            parsed.rules(), parsed.rulePaths(), parsed.ruleCount(), parsed.rulesPath()));
    if (!parsed.violations().isEmpty()) {
      return new PolicyCheck<>(null, violations, List.of());
    }
    return new PolicyCheck<>(
        of(parsed.rules()),
        violations,
        ReplicationConfigurationLinter.warnings(parsed.rules(), parsed.rulePaths()));
  }

  /** Returns the rules, in the order they are written. */
  public List<ReplicationRule> rules() {
    return rules;
  }

  /** Returns true when the configuration has no rules, so that nothing is replicated. */
  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Returns a builder that starts with this configuration's rules. */
  @CheckReturnValue
  public Builder toBuilder() {
    Builder builder = builder();
    for (ReplicationRule rule : rules) {
      builder = builder.rule(rule);
    }
    return builder;
  }

  /**
   * Lists every reason ECR would reject this configuration, in rule order. The list is empty for a
   * valid configuration.
   */
  public List<PolicyViolation> violations() {
    return ReplicationConfigurationValidator.validate(rules, rulePaths(), rules.size(), "$.rules");
  }

  /**
   * Lists every reason ECR would reject this configuration when it is put in the registry {@code
   * sourceRegistryId} in {@code sourceRegion}: the violations of {@link #violations()}, and every
   * destination equal to that registry and Region.
   */
  public List<PolicyViolation> violations(String sourceRegion, String sourceRegistryId) {
    Objects.requireNonNull(sourceRegion, "sourceRegion");
    Objects.requireNonNull(sourceRegistryId, "sourceRegistryId");
    ReplicationDestination source = ReplicationDestination.of(sourceRegion, sourceRegistryId);
    List<PolicyViolation> violations = new ArrayList<>(violations());
    violations.addAll(
        ReplicationConfigurationValidator.sourceViolations(rules, rulePaths(), source));
    return List.copyOf(violations);
  }

  /**
   * Checks this configuration against ECR's constraints.
   *
   * @return this configuration, for chaining
   * @throws InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public ReplicationConfiguration validate() {
    List<PolicyViolation> violations = violations();
    if (!violations.isEmpty()) {
      throw new InvalidPolicyException("Replication configuration", violations);
    }
    return this;
  }

  /**
   * Checks this configuration against ECR's constraints for the registry {@code sourceRegistryId}
   * in {@code sourceRegion}, as {@link #violations(String, String)} lists them.
   *
   * @return this configuration, for chaining
   * @throws InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public ReplicationConfiguration validate(String sourceRegion, String sourceRegistryId) {
    List<PolicyViolation> violations = violations(sourceRegion, sourceRegistryId);
    if (!violations.isEmpty()) {
      throw new InvalidPolicyException("Replication configuration", violations);
    }
    return this;
  }

  /**
   * Lists what ECR accepts but is almost surely a mistake. These are rules without destinations,
   * rules that add nothing to another rule, duplicate destinations and filters, Regions that are
   * not Region codes, and rules that disagree about replicating deletions to the same place.
   */
  public List<PolicyWarning> warnings() {
    return ReplicationConfigurationLinter.warnings(rules, rulePaths());
  }

  /**
   * Computes where the images pushed to the repository named {@code repositoryName} are replicated:
   * every destination of every rule that selects the repository, each once, in the order the rules
   * list them.
   *
   * <p>When two rules replicate the repository to the same destination and only one of them
   * replicates deletions, the target is reported as replicating deletions; ECR does not document
   * this case, and {@link #warnings()} reports it.
   *
   * @return the targets, empty when the repository is not replicated
   */
  public List<ReplicationTarget> targetsFor(String repositoryName) {
    Objects.requireNonNull(repositoryName, "repositoryName");
    // NOTE: ECR does not document which rule wins when two disagree on replicating deletions to one
    // destination. Reporting that deletions are replicated errs towards the riskier outcome.
    Map<ReplicationDestination, Boolean> targets = new LinkedHashMap<>();
    for (ReplicationRule rule : rules) {
      if (!rule.appliesTo(repositoryName)) {
        continue;
      }
      for (ReplicationDestination destination : rule.destinations()) {
        targets.merge(destination, rule.replicatesDeletes(), Boolean::logicalOr);
      }
    }
    List<ReplicationTarget> result = new ArrayList<>();
    targets.forEach(
        (destination, deletes) -> result.add(new ReplicationTarget(destination, deletes)));
    return List.copyOf(result);
  }

  /** Returns every distinct destination of the configuration, in order of first appearance. */
  public List<ReplicationDestination> destinations() {
    Set<ReplicationDestination> destinations = new LinkedHashSet<>();
    for (ReplicationRule rule : rules) {
      destinations.addAll(rule.destinations());
    }
    return List.copyOf(destinations);
  }

  /** Renders the configuration minified, as {@code PutReplicationConfiguration} accepts it. */
  public String toJson() {
    return PolicyJson.minified(toJsonTree());
  }

  /** Renders the configuration indented, for files and reviews. It parses back to an equal one. */
  public String toPrettyJson() {
    return PolicyJson.pretty(toJsonTree());
  }

  private ObjectNode toJsonTree() {
    ObjectNode root = PolicyJson.object();
    ArrayNode array = root.putArray("rules");
    for (ReplicationRule rule : rules) {
      ObjectNode node = array.addObject();
      ArrayNode destinations = node.putArray("destinations");
      for (ReplicationDestination destination : rule.destinations()) {
        destinations
            .addObject()
            .put("region", destination.region())
            .put("registryId", destination.registryId());
      }
      if (!rule.repositoryFilters().isEmpty()) {
        ArrayNode filters = node.putArray("repositoryFilters");
        for (RepositoryFilter filter : rule.repositoryFilters()) {
          filters
              .addObject()
              .put("filter", filter.filter())
              .put("filterType", filter.filterType().json());
        }
      }
      Boolean deleteReplication = rule.deleteReplication();
      if (deleteReplication != null) {
        node.putObject("deleteReplication").put("enabled", deleteReplication.booleanValue());
      }
    }
    return root;
  }

  private List<String> rulePaths() {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      paths.add("$.rules[" + i + "]");
    }
    return paths;
  }

  /** Compares the rules ignoring their order but not their repetition. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ReplicationConfiguration that
        && Lists.equalIgnoringOrder(rules, that.rules);
  }

  @Override
  public int hashCode() {
    return Lists.hashIgnoringOrder(rules);
  }

  /** Returns the configuration's minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  /** The start of a rule, or the end of the configuration. */
  @CheckReturnValue
  public sealed interface Builder permits ConfigurationDraft, DestinationStep {

    /**
     * Starts a rule for the repositories whose names start with any one of the prefixes. A prefix
     * is not a pattern: {@code "prod"} selects {@code prod}, {@code prod-api} and {@code
     * production/web}. End it with {@code /} to select one namespace only.
     *
     * @throws IllegalArgumentException when a prefix is not 2 to 256 characters that can start a
     *     repository name
     */
    RuleStep repositoriesStartingWith(String prefix, String... morePrefixes);

    /** Starts a rule for every repository of the registry, including those created later. */
    RuleStep allRepositories();

    /** Adds a rule built from plain values. */
    Builder rule(ReplicationRule rule);

    /**
     * Validates the configuration and returns it.
     *
     * @throws InvalidPolicyException listing every violation
     */
    ReplicationConfiguration build();
  }

  /** A rule that has its repositories and needs a destination. */
  @CheckReturnValue
  public sealed interface RuleStep permits RuleDraft {

    /**
     * Replicates the selected repositories to the private registry of account {@code registryId} in
     * {@code region}. For cross-Region replication within one registry, pass its own account ID.
     *
     * @throws IllegalArgumentException when {@code region} is not a Region code or {@code
     *     registryId} is not a 12-digit account ID
     */
    DestinationStep to(String region, String registryId);

    /** Replicates the selected repositories to {@code destination}. */
    DestinationStep to(ReplicationDestination destination);
  }

  /**
   * A rule with at least one destination: it can take more destinations, replicate deletions, or be
   * followed by the next rule.
   */
  @CheckReturnValue
  public sealed interface DestinationStep extends Builder permits RuleDraft {

    /** Adds another destination to this rule. */
    DestinationStep to(String region, String registryId);

    /** Adds another destination to this rule. */
    DestinationStep to(ReplicationDestination destination);

    /**
     * Also replicates image deletions and tag removals, including expirations by lifecycle
     * policies, from the selected repositories to this rule's destinations.
     */
    DestinationStep replicatingDeletes();
  }
}
