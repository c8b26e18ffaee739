package dev.ecr4j.policy.registry;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.Lists;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scanning configuration of a private registry, as PutRegistryScanningConfiguration takes it: a
 * scan type and at most two rules, each scanning the repositories its filters match at one
 * frequency.
 *
 * <pre>{@code
 * ScanningConfiguration scanning = ScanningConfiguration.enhanced()
 *     .continuousScan("prod-*")
 *     .scanOnPush("*");
 * scanning.frequencyFor("prod-web");  // CONTINUOUS_SCAN
 * scanning.frequencyFor("dev-web");   // SCAN_ON_PUSH
 * }</pre>
 *
 * <p>{@link #scanOnPush} and {@link #continuousScan} return a new configuration with the filters
 * added to the rule of that frequency, creating the rule when there is none. They reject at once a
 * frequency that the scan type does not support; the other rules are checked by {@link
 * #violations()} and {@link #validate()}. {@link #of} builds any configuration, valid or not.
 *
 * <p>{@link #toJson()} always writes {@code "rules"}, even when empty, because ECR keeps the rules
 * it has when a request leaves them out, so leaving them out cannot remove the last rule. Equality
 * ignores the order of rules and filters, but not a repeated rule or filter, which changes the JSON
 * and counts towards ECR's limits.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ScanningConfiguration {

  static final String SUBJECT = "Registry scanning configuration";

  /** The maximum number of rules, from the API model. */
  public static final int MAX_RULES = 2;

  /** The maximum number of repository filters per rule, from the API model. */
  public static final int MAX_FILTERS_PER_RULE = 100;

  /** The maximum length of a repository filter, from the API model. */
  public static final int MAX_FILTER_LENGTH = 255;

  private final ScanType scanType;
  private final List<ScanningRule> rules;

  private ScanningConfiguration(ScanType scanType, List<ScanningRule> rules) {
    this.scanType = Objects.requireNonNull(scanType, "scanType");
    this.rules = Lists.copyOf(rules, "rules");
  }

  /** Starts a basic scanning configuration without rules: every repository is scanned by hand. */
  @CheckReturnValue
  public static ScanningConfiguration basic() {
    return new ScanningConfiguration(ScanType.BASIC, List.of());
  }

  /** Starts an enhanced scanning configuration without rules. */
  @CheckReturnValue
  public static ScanningConfiguration enhanced() {
    return new ScanningConfiguration(ScanType.ENHANCED, List.of());
  }

  /** Creates a configuration from plain values, without validating it. */
  public static ScanningConfiguration of(ScanType scanType, List<ScanningRule> rules) {
    return new ScanningConfiguration(scanType, rules);
  }

  /**
   * Parses a PutRegistryScanningConfiguration request, or the {@code scanningConfiguration} that
   * GetRegistryScanningConfiguration returns. A missing {@code rules} key reads as no rules.
   *
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every structural problem
   * @throws NullPointerException if {@code json} is null
   */
  public static ScanningConfiguration parse(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.valueOrThrow(SUBJECT, ScanningConfigurationChecks.parse(json));
  }

  /**
   * Checks a scanning configuration completely, without throwing.
   *
   * @throws NullPointerException if {@code json} is null
   */
  public static PolicyCheck<ScanningConfiguration> check(String json) {
    Objects.requireNonNull(json, "json");
    return Documents.check(
        ScanningConfigurationChecks.parse(json),
        ScanningConfiguration::violations,
        ScanningConfiguration::warnings);
  }

  /**
   * Returns this configuration with the filters added to its scan-on-push rule, which is created
   * when there is none.
   */
  @CheckReturnValue
  public ScanningConfiguration scanOnPush(String filter, String... moreFilters) {
    List<String> filters = Lists.of(filter, "filter", "moreFilters", moreFilters);
    return withFilters(ScanFrequency.SCAN_ON_PUSH, filters);
  }

  /**
   * Returns this configuration with the filters added to its continuous-scan rule, which is created
   * when there is none.
   *
   * @throws IllegalArgumentException when the scan type is {@code BASIC}, which cannot scan
   *     continuously
   */
  @CheckReturnValue
  public ScanningConfiguration continuousScan(String filter, String... moreFilters) {
    List<String> filters = Lists.of(filter, "filter", "moreFilters", moreFilters);
    if (!scanType.supports(ScanFrequency.CONTINUOUS_SCAN)) {
      throw new IllegalArgumentException(
          "continuous scanning needs scan type ENHANCED; start from"
              + " ScanningConfiguration.enhanced()");
    }
    return withFilters(ScanFrequency.CONTINUOUS_SCAN, filters);
  }

  /** Returns this configuration with {@code rule} appended as it is. */
  @CheckReturnValue
  public ScanningConfiguration withRule(ScanningRule rule) {
    List<ScanningRule> list = new ArrayList<>(rules);
    list.add(Objects.requireNonNull(rule, "rule"));
    return new ScanningConfiguration(scanType, list);
  }

  /** Returns the scan type. */
  public ScanType scanType() {
    return scanType;
  }

  /** Returns the rules, in their order. */
  public List<ScanningRule> rules() {
    return rules;
  }

  /**
   * Returns how ECR scans the repository named {@code repositoryName} under this configuration.
   *
   * <p>With basic scanning, a repository that a scan-on-push rule matches is scanned on push, and
   * every other repository is scanned by hand ({@code MANUAL}). With enhanced scanning, continuous
   * scanning wins over scan on push when rules of both frequencies match, and a repository that no
   * rule matches is not scanned at all, which this method returns as empty. Rules with a frequency
   * the scan type does not support are ignored.
   */
  public Optional<ScanFrequency> frequencyFor(String repositoryName) {
    Objects.requireNonNull(repositoryName, "repositoryName");
    boolean continuous = false;
    boolean onPush = false;
    for (ScanningRule rule : rules) {
      if (!scanType.supports(rule.scanFrequency()) || !rule.matches(repositoryName)) {
        continue;
      }
      continuous |= rule.scanFrequency() == ScanFrequency.CONTINUOUS_SCAN;
      onPush |= rule.scanFrequency() == ScanFrequency.SCAN_ON_PUSH;
    }
    if (continuous) {
      return Optional.of(ScanFrequency.CONTINUOUS_SCAN);
    }
    if (onPush) {
      return Optional.of(ScanFrequency.SCAN_ON_PUSH);
    }
    return scanType == ScanType.BASIC ? Optional.of(ScanFrequency.MANUAL) : Optional.empty();
  }

  /** Lists every reason ECR would reject this configuration. */
  public List<PolicyViolation> violations() {
    return ScanningConfigurationChecks.violations(this);
  }

  /**
   * Checks this configuration against ECR's rules.
   *
   * @return this configuration, for chaining
   * @throws dev.ecr4j.policy.InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public ScanningConfiguration validate() {
    Documents.throwIfAny(SUBJECT, violations());
    return this;
  }

  /**
   * Lists what ECR accepts but is almost surely a mistake: rules that scan nothing or change
   * nothing, and rules that split one frequency in two.
   */
  public List<PolicyWarning> warnings() {
    return ScanningConfigurationChecks.warnings(this);
  }

  /**
   * Renders the configuration minified, as PutRegistryScanningConfiguration takes it, with {@code
   * "rules"} written even when there are none.
   */
  public String toJson() {
    return PolicyJson.minified(toJsonTree());
  }

  /** Renders the configuration indented. */
  public String toPrettyJson() {
    return PolicyJson.pretty(toJsonTree());
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ScanningConfiguration that
        && scanType == that.scanType
        && Lists.equalIgnoringOrder(rules, that.rules);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scanType, Lists.hashIgnoringOrder(rules));
  }

  /** Returns the minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  private ScanningConfiguration withFilters(ScanFrequency frequency, List<String> patterns) {
    List<ScanningRepositoryFilter> added = new ArrayList<>();
    for (String filter : patterns) {
      added.add(new ScanningRepositoryFilter(filter));
    }

    List<ScanningRule> list = new ArrayList<>(rules);
    for (int i = 0; i < list.size(); i++) {
      ScanningRule rule = list.get(i);
      if (rule.scanFrequency() == frequency) {
        List<ScanningRepositoryFilter> filters = new ArrayList<>(rule.repositoryFilters());
        filters.addAll(added);
        list.set(i, new ScanningRule(frequency, filters));
        return new ScanningConfiguration(scanType, list);
      }
    }
    list.add(new ScanningRule(frequency, added));
    return new ScanningConfiguration(scanType, list);
  }

  private ObjectNode toJsonTree() {
    ObjectNode root = PolicyJson.object();
    root.put("scanType", scanType.name());
    ArrayNode ruleArray = root.putArray("rules");
    for (ScanningRule rule : rules) {
      ObjectNode ruleNode = ruleArray.addObject();
      ruleNode.put("scanFrequency", rule.scanFrequency().name());
      ArrayNode filterArray = ruleNode.putArray("repositoryFilters");
      for (ScanningRepositoryFilter filter : rule.repositoryFilters()) {
        filterArray
            .addObject()
            .put("filter", filter.filter())
            .put("filterType", ScanningRepositoryFilter.FILTER_TYPE);
      }
    }
    return root;
  }
}
