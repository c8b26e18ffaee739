package dev.ecr4j.policy.registry;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
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
 * ignores the order of rules and filters.
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

  /**
   * The {@code ScanningRepositoryFilterValue} pattern of the API model, {@code
   * ^[a-z0-9*](?:[._\-/a-z0-9*]?[a-z0-9*]+)*$}, rewritten without nested quantifiers so that
   * matching takes linear time. Both accept runs of {@code [a-z0-9*]} joined by single separators.
   */
  static final Pattern FILTER = Pattern.compile("[a-z0-9*]+(?:[._/-][a-z0-9*]+)*");

  private static final List<String> KEYS = List.of("scanType", "rules");
  private static final List<String> RULE_KEYS = List.of("scanFrequency", "repositoryFilters");
  private static final List<String> FILTER_KEYS = List.of("filter", "filterType");
  private static final String FILTER_EXAMPLE =
      "{\"filter\": \"prod-*\", \"filterType\": \"WILDCARD\"}";
  private static final String RULE_EXAMPLE =
      "{\"scanFrequency\": \"SCAN_ON_PUSH\", \"repositoryFilters\": [" + FILTER_EXAMPLE + "]}";
  private static final String EXAMPLE =
      "{\"scanType\": \"BASIC\", \"rules\": [" + RULE_EXAMPLE + "]}";

  private final ScanType scanType;
  private final List<ScanningRule> rules;

  private ScanningConfiguration(ScanType scanType, List<ScanningRule> rules) {
    this.scanType = Objects.requireNonNull(scanType, "scanType");
    this.rules = List.copyOf(rules);
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
   */
  public static ScanningConfiguration parse(String json) {
    return Documents.valueOrThrow(SUBJECT, parseDocument(json));
  }

  /** Checks a scanning configuration completely, without throwing. */
  public static PolicyCheck<ScanningConfiguration> check(String json) {
    return Documents.check(
        parseDocument(json), ScanningConfiguration::violations, ScanningConfiguration::warnings);
  }

  /**
   * Returns this configuration with the filters added to its scan-on-push rule, which is created
   * when there is none.
   */
  @CheckReturnValue
  public ScanningConfiguration scanOnPush(String filter, String... moreFilters) {
    return withFilters(ScanFrequency.SCAN_ON_PUSH, filter, moreFilters);
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
    if (!scanType.supports(ScanFrequency.CONTINUOUS_SCAN)) {
      throw new IllegalArgumentException(
          "continuous scanning needs scan type ENHANCED; start from"
              + " ScanningConfiguration.enhanced()");
    }
    return withFilters(ScanFrequency.CONTINUOUS_SCAN, filter, moreFilters);
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
    List<PolicyViolation> out = new ArrayList<>();
    if (rules.size() > MAX_RULES) {
      Constraints.add(
          out,
          "$.rules",
          "The configuration has " + rules.size() + " rules; ECR allows at most " + MAX_RULES + ".",
          "Merge the rules that have the same scan frequency; the filters of one rule are combined"
              + " with OR.");
    }
    for (int i = 0; i < rules.size(); i++) {
      checkRule(out, "$.rules[" + i + "]", rules.get(i));
    }
    return List.copyOf(out);
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
    List<PolicyWarning> warnings = new ArrayList<>();
    if (scanType == ScanType.ENHANCED && rules.isEmpty()) {
      warnings.add(
          new PolicyWarning(
              "$.rules",
              null,
              "Enhanced scanning without rules scans no repository.",
              "Add a rule such as {\"scanFrequency\": \"CONTINUOUS_SCAN\", \"repositoryFilters\":"
                  + " [{\"filter\": \"*\", \"filterType\": \"WILDCARD\"}]}, or use scan type"
                  + " BASIC."));
    }
    Map<ScanFrequency, Integer> firstRule = new EnumMap<>(ScanFrequency.class);
    for (int i = 0; i < rules.size(); i++) {
      ScanningRule rule = rules.get(i);
      String path = "$.rules[" + i + "]";
      if (rule.repositoryFilters().isEmpty()) {
        // NOTE: the API model allows a rule without filters; reading it as matching no repository
        // follows the documented filter semantics and is unconfirmed.
        warnings.add(
            new PolicyWarning(
                path + ".repositoryFilters",
                null,
                "The rule has no repository filters, so it scans no repository.",
                "Add a filter such as \"*\" to match every repository, or remove the rule."));
      }
      if (scanType == ScanType.BASIC && rule.scanFrequency() == ScanFrequency.MANUAL) {
        warnings.add(
            new PolicyWarning(
                path + ".scanFrequency",
                null,
                "A MANUAL rule changes nothing: with basic scanning, every repository that no"
                    + " SCAN_ON_PUSH rule matches is scanned by hand anyway.",
                "Remove the rule."));
      }
      Integer first = firstRule.putIfAbsent(rule.scanFrequency(), i);
      if (first != null) {
        warnings.add(
            new PolicyWarning(
                path + ".scanFrequency",
                null,
                "This rule and $.rules["
                    + first
                    + "] both have scan frequency "
                    + rule.scanFrequency()
                    + ", so they act as one rule with both filter lists.",
                "Merge their filters into one rule."));
      }
    }
    return List.copyOf(warnings);
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
        && rules.size() == that.rules.size()
        && new HashSet<>(rules).equals(new HashSet<>(that.rules));
  }

  @Override
  public int hashCode() {
    return Objects.hash(scanType, new HashSet<>(rules));
  }

  /** Returns the minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  private ScanningConfiguration withFilters(
      ScanFrequency frequency, String filter, String... moreFilters) {
    List<ScanningRepositoryFilter> added = new ArrayList<>();
    added.add(new ScanningRepositoryFilter(filter));
    for (String more : moreFilters) {
      added.add(new ScanningRepositoryFilter(more));
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

  private void checkRule(List<PolicyViolation> out, String path, ScanningRule rule) {
    ScanFrequency frequency = rule.scanFrequency();
    if (!scanType.supports(frequency)) {
      if (frequency == ScanFrequency.CONTINUOUS_SCAN) {
        Constraints.add(
            out,
            path + ".scanFrequency",
            "Scan frequency CONTINUOUS_SCAN needs scan type ENHANCED, but the scan type is BASIC.",
            "Use SCAN_ON_PUSH, or set scanType to ENHANCED to scan with Amazon Inspector.");
      } else {
        Constraints.add(
            out,
            path + ".scanFrequency",
            "Scan frequency "
                + frequency
                + " is not available with scan type ENHANCED, which supports SCAN_ON_PUSH and"
                + " CONTINUOUS_SCAN.",
            "Use SCAN_ON_PUSH or CONTINUOUS_SCAN, or remove the rule; enhanced scanning skips"
                + " every repository that no rule matches.");
      }
    }

    List<ScanningRepositoryFilter> filters = rule.repositoryFilters();
    if (filters.size() > MAX_FILTERS_PER_RULE) {
      Constraints.add(
          out,
          path + ".repositoryFilters",
          "The rule has "
              + filters.size()
              + " repository filters; ECR allows at most "
              + MAX_FILTERS_PER_RULE
              + ".",
          "Combine filters with wildcards, such as \"team-a-*\".");
    }
    for (int i = 0; i < filters.size(); i++) {
      checkFilter(out, path + ".repositoryFilters[" + i + "].filter", filters.get(i).filter());
    }
  }

  private static void checkFilter(List<PolicyViolation> out, String path, String filter) {
    int length = Constraints.length(filter);
    if (length == 0 || length > MAX_FILTER_LENGTH) {
      Constraints.add(
          out,
          path,
          "The repository filter is "
              + Constraints.characters(length)
              + " long; ECR allows 1 to "
              + MAX_FILTER_LENGTH
              + ".",
          length == 0
              ? "Write a filter such as \"*\" for every repository, or remove it."
              : "Shorten it, replacing a varying part with '*'.");
      return;
    }
    if (!FILTER.matcher(filter).matches()) {
      String lower = filter.toLowerCase(Locale.ROOT);
      String fix =
          !lower.equals(filter) && FILTER.matcher(lower).matches()
              ? "Write it in lowercase: \"" + lower + "\"."
              : "Write it like \"prod-*\" or \"team-a/*\".";
      Constraints.add(
          out,
          path,
          "The repository filter \""
              + filter
              + "\" is invalid; ECR allows lowercase letters, digits and '*', with a single '.', '_',"
              + " '-' or '/' between them.",
          fix);
    }
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

  private static Documents.Parsed<ScanningConfiguration> parseDocument(String json) {
    JsonReader reader =
        new JsonReader("the registry scanning configuration", "PutRegistryScanningConfiguration");
    JsonNode root = reader.readRootObject(json, EXAMPLE);
    if (root == null) {
      return Documents.Parsed.of(null, reader.violations());
    }
    reader.rejectUnknownKeys(root, "$", KEYS);

    // NOTE: the API model makes scanType optional, but what ECR does with a request without it is
    // undocumented, so a configuration must name its scan type.
    ScanType scanType =
        reader.enumValue(root, "scanType", "$", ScanType.values(), ScanType::name, true);
    List<ScanningRule> rules = new ArrayList<>();
    List<JsonNode> elements = reader.array(root, "rules", "$", false, "[" + RULE_EXAMPLE + "]");
    if (elements != null) {
      for (int i = 0; i < elements.size(); i++) {
        ScanningRule rule = readRule(reader, elements.get(i), "$.rules[" + i + "]");
        if (rule != null) {
          rules.add(rule);
        }
      }
    }
    ScanningConfiguration value =
        scanType == null ? null : new ScanningConfiguration(scanType, rules);
    return Documents.Parsed.of(value, reader.violations());
  }

  private static @Nullable ScanningRule readRule(JsonReader reader, JsonNode node, String path) {
    if (!node.isObject()) {
      reader.add(
          path,
          "A scanning rule must be an object, but it is " + PolicyJson.typeName(node) + ".",
          "Write it as " + RULE_EXAMPLE + ".");
      return null;
    }
    int before = reader.violationCount();
    reader.rejectUnknownKeys(node, path, RULE_KEYS);
    ScanFrequency frequency =
        reader.enumValue(
            node, "scanFrequency", path, ScanFrequency.values(), ScanFrequency::name, true);
    List<ScanningRepositoryFilter> filters = new ArrayList<>();
    List<JsonNode> elements =
        reader.array(node, "repositoryFilters", path, true, "[" + FILTER_EXAMPLE + "]");
    if (elements != null) {
      for (int i = 0; i < elements.size(); i++) {
        String filterPath = path + ".repositoryFilters[" + i + "]";
        JsonNode element = elements.get(i);
        if (!element.isObject()) {
          reader.add(
              filterPath,
              "A repository filter must be an object, but it is "
                  + PolicyJson.typeName(element)
                  + ".",
              "Write it as " + FILTER_EXAMPLE + ".");
          continue;
        }
        reader.rejectUnknownKeys(element, filterPath, FILTER_KEYS);
        String filter =
            reader.string(element, "filter", filterPath, true, "a filter such as \"prod-*\"");
        reader.constant(element, "filterType", filterPath, ScanningRepositoryFilter.FILTER_TYPE);
        if (filter != null) {
          filters.add(new ScanningRepositoryFilter(filter));
        }
      }
    }
    if (frequency == null || reader.violationCount() > before) {
      return null;
    }
    return new ScanningRule(frequency, filters);
  }
}
