package dev.ecr4j.policy.registry;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Parses a PutRegistryScanningConfiguration request, and checks a scanning configuration against
 * ECR's rules.
 */
final class ScanningConfigurationChecks {

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

  private ScanningConfigurationChecks() {}

  static Documents.Parsed<ScanningConfiguration> parse(String json) {
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
        scanType == null ? null : ScanningConfiguration.of(scanType, rules);
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

  static List<PolicyViolation> violations(ScanningConfiguration configuration) {
    List<PolicyViolation> out = new ArrayList<>();
    if (configuration.rules().size() > ScanningConfiguration.MAX_RULES) {
      Constraints.add(
          out,
          "$.rules",
          "The configuration has "
              + configuration.rules().size()
              + " rules; ECR allows at most "
              + ScanningConfiguration.MAX_RULES
              + ".",
          "Merge the rules that have the same scan frequency; the filters of one rule are combined"
              + " with OR.");
    }
    for (int i = 0; i < configuration.rules().size(); i++) {
      checkRule(out, "$.rules[" + i + "]", configuration.scanType(), configuration.rules().get(i));
    }
    return List.copyOf(out);
  }

  static List<PolicyWarning> warnings(ScanningConfiguration configuration) {
    List<PolicyWarning> warnings = new ArrayList<>();
    if (configuration.scanType() == ScanType.ENHANCED && configuration.rules().isEmpty()) {
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
    for (int i = 0; i < configuration.rules().size(); i++) {
      ScanningRule rule = configuration.rules().get(i);
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
      if (configuration.scanType() == ScanType.BASIC
          && rule.scanFrequency() == ScanFrequency.MANUAL) {
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

  private static void checkRule(
      List<PolicyViolation> out, String path, ScanType scanType, ScanningRule rule) {
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
    if (filters.size() > ScanningConfiguration.MAX_FILTERS_PER_RULE) {
      Constraints.add(
          out,
          path + ".repositoryFilters",
          "The rule has "
              + filters.size()
              + " repository filters; ECR allows at most "
              + ScanningConfiguration.MAX_FILTERS_PER_RULE
              + ".",
          "Combine filters with wildcards, such as \"team-a-*\".");
    }
    for (int i = 0; i < filters.size(); i++) {
      checkFilter(out, path + ".repositoryFilters[" + i + "].filter", filters.get(i).filter());
    }
  }

  private static void checkFilter(List<PolicyViolation> out, String path, String filter) {
    int length = Constraints.length(filter);
    if (length == 0 || length > ScanningConfiguration.MAX_FILTER_LENGTH) {
      Constraints.add(
          out,
          path,
          "The repository filter is "
              + Constraints.characters(length)
              + " long; ECR allows 1 to "
              + ScanningConfiguration.MAX_FILTER_LENGTH
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
}
