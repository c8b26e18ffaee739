package dev.ecr4j.policy.replication;

import dev.ecr4j.policy.PolicyViolation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks replication rules against the constraints of ECR's API model for {@code
 * PutReplicationConfiguration} and ECR's replication quotas. Every violation is reported, each with
 * its JSON path, what ECR allows and the fix.
 */
final class ReplicationConfigurationValidator {

  /** The maximum number of rules in a configuration, from ECR's API model and service quotas. */
  // NOTE: one page of the current ECR API reference gives 25, but the API model, the CloudFormation
  // reference and the quota table give 10, so ecr4j enforces 10.
  static final int MAX_RULES = 10;

  /** The maximum number of destinations in one rule, from ECR's API model. */
  static final int MAX_DESTINATIONS_PER_RULE = 100;

  /**
   * ECR's quota of distinct destinations across all rules of a configuration, from the replication
   * chapter of the ECR user guide and its service quota table.
   */
  // NOTE: older pages of the API reference allowed 25 destinations per rule and the current model
  // allows 100, so this quota may have been raised. No current source states a new value.
  static final int MAX_UNIQUE_DESTINATIONS = 25;

  /** The maximum number of repository filters in one rule, from ECR's API model and quotas. */
  static final int MAX_FILTERS_PER_RULE = 100;

  static final int MIN_FILTER_LENGTH = 2;
  static final int MAX_FILTER_LENGTH = 256;
  static final int MIN_REGION_LENGTH = 2;
  static final int MAX_REGION_LENGTH = 25;

  /** ECR's pattern for {@code region}. */
  static final Pattern REGION = Pattern.compile("[0-9a-z-]{2,25}");

  /** ECR's pattern for {@code registryId}: a 12-digit account ID. */
  static final Pattern REGISTRY_ID = Pattern.compile("[0-9]{12}");

  /** An account ID that lost leading zeros, as when it was written as a JSON number. */
  private static final Pattern SHORT_DIGITS = Pattern.compile("[0-9]{1,11}");

  /** ECR's message for a destination equal to the source registry and Region. */
  // NOTE: this wording comes from a widely used ECR emulator that copies AWS's messages. It has not
  // been seen from ECR itself.
  static final String SOURCE_AS_DESTINATION_MESSAGE =
      "Invalid parameter at 'replicationConfiguration' failed to satisfy constraint: 'Replication"
          + " destination cannot be the same as the source registry'";

  /** ECR's pattern for a {@code PREFIX_MATCH} filter, the start of a repository name. */
  static final Pattern FILTER =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]*)*/)*[a-z0-9]*(?:[._-][a-z0-9]*)*");

  private final List<PolicyViolation> violations = new ArrayList<>();

  private ReplicationConfigurationValidator() {}

  /**
   * Validates {@code rules}.
   *
   * @param rules the rules that could be read
   * @param rulePaths the JSON path of each rule, in the same order
   * @param totalRuleCount how many rules the document has, counting those that could not be read,
   *     or -1 when it has no rule array
   * @param rulesPath the JSON path of the rule array
   */
  static List<PolicyViolation> validate(
      List<ReplicationRule> rules, List<String> rulePaths, int totalRuleCount, String rulesPath) {
    ReplicationConfigurationValidator validator = new ReplicationConfigurationValidator();
    if (totalRuleCount > MAX_RULES) {
      validator.add(
          rulesPath,
          "The configuration has "
              + totalRuleCount
              + " rules; ECR allows at most "
              + MAX_RULES
              + ".",
          "Merge rules that replicate to the same destinations, because one rule can hold up to "
              + MAX_FILTERS_PER_RULE
              + " repository filters.");
    }
    for (int i = 0; i < rules.size(); i++) {
      validator.checkRule(rules.get(i), rulePaths.get(i));
    }
    validator.checkUniqueDestinations(rules, rulesPath);
    return List.copyOf(validator.violations);
  }

  /**
   * Lists the destinations equal to {@code source}, the registry and Region the configuration is
   * put in: ECR replicates only to other Regions or other registries.
   */
  static List<PolicyViolation> sourceViolations(
      List<ReplicationRule> rules, List<String> rulePaths, ReplicationDestination source) {
    List<PolicyViolation> found = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      List<ReplicationDestination> destinations = rules.get(i).destinations();
      for (int j = 0; j < destinations.size(); j++) {
        if (!destinations.get(j).equals(source)) {
          continue;
        }
        found.add(
            new PolicyViolation(
                rulePaths.get(i) + ".destinations[" + j + "]",
                null,
                "The destination "
                    + source
                    + " is the registry and Region the configuration is put in; ECR replicates"
                    + " only to other Regions or other registries.",
                "Remove the destination; for cross-Region replication, use the same registryId"
                    + " with another Region.",
                SOURCE_AS_DESTINATION_MESSAGE));
      }
    }
    return List.copyOf(found);
  }

  private void checkUniqueDestinations(List<ReplicationRule> rules, String rulesPath) {
    Set<ReplicationDestination> unique = new HashSet<>();
    for (ReplicationRule rule : rules) {
      unique.addAll(rule.destinations());
    }
    if (unique.size() > MAX_UNIQUE_DESTINATIONS) {
      add(
          rulesPath,
          "The rules replicate to "
              + unique.size()
              + " distinct destinations; ECR allows at most "
              + MAX_UNIQUE_DESTINATIONS
              + " across all rules of a configuration.",
          "Replicate to fewer Regions or accounts; several rules may share the same destinations.");
    }
  }

  /** Lists what ECR would reject in one destination, with paths relative to the destination. */
  static List<PolicyViolation> destinationViolations(ReplicationDestination destination) {
    ReplicationConfigurationValidator validator = new ReplicationConfigurationValidator();
    validator.checkRegion(destination.region(), "region");
    validator.checkRegistryId(destination.registryId(), "registryId");
    return List.copyOf(validator.violations);
  }

  /** Lists what ECR would reject in one filter value. */
  static List<PolicyViolation> filterViolations(String filter) {
    ReplicationConfigurationValidator validator = new ReplicationConfigurationValidator();
    validator.checkFilter(filter, "filter");
    return List.copyOf(validator.violations);
  }

  private void checkRule(ReplicationRule rule, String path) {
    List<ReplicationDestination> destinations = rule.destinations();
    if (destinations.size() > MAX_DESTINATIONS_PER_RULE) {
      add(
          path + ".destinations",
          "The rule has "
              + destinations.size()
              + " destinations; ECR allows at most "
              + MAX_DESTINATIONS_PER_RULE
              + " per rule.",
          "Remove the duplicate destinations; a configuration can reach at most "
              + MAX_UNIQUE_DESTINATIONS
              + " distinct ones anyway.");
    }
    for (int i = 0; i < destinations.size(); i++) {
      String destinationPath = path + ".destinations[" + i + "]";
      checkRegion(destinations.get(i).region(), destinationPath + ".region");
      checkRegistryId(destinations.get(i).registryId(), destinationPath + ".registryId");
    }

    List<RepositoryFilter> filters = rule.repositoryFilters();
    if (filters.size() > MAX_FILTERS_PER_RULE) {
      add(
          path + ".repositoryFilters",
          "The rule has "
              + filters.size()
              + " repository filters; ECR allows at most "
              + MAX_FILTERS_PER_RULE
              + " per rule.",
          "Use shorter prefixes that cover several repositories, or split the filters across"
              + " several rules with the same destinations.");
    }
    for (int i = 0; i < filters.size(); i++) {
      checkFilter(filters.get(i).filter(), path + ".repositoryFilters[" + i + "].filter");
    }
  }

  private void checkRegion(String region, String path) {
    if (REGION.matcher(region).matches()) {
      return;
    }
    String lower = region.strip().toLowerCase(Locale.ROOT);
    String fix;
    if (!lower.equals(region) && REGION.matcher(lower).matches()) {
      fix = "Write \"" + lower + "\"; Region codes are lowercase.";
    } else if (region.length() < MIN_REGION_LENGTH || region.length() > MAX_REGION_LENGTH) {
      fix = "Use a Region code such as \"us-west-2\".";
    } else {
      fix = "Use a Region code such as \"us-west-2\", not a Region name or an endpoint.";
    }
    add(
        path,
        "The region \""
            + region
            + "\" is not a Region code; ECR requires "
            + MIN_REGION_LENGTH
            + " to "
            + MAX_REGION_LENGTH
            + " lowercase letters, digits and hyphens.",
        fix);
  }

  private void checkRegistryId(String registryId, String path) {
    if (REGISTRY_ID.matcher(registryId).matches()) {
      return;
    }
    String digits = registryId.replaceAll("[\\s-]", "");
    String fix;
    if (!digits.equals(registryId) && REGISTRY_ID.matcher(digits).matches()) {
      fix = "Write \"" + digits + "\", without separators.";
    } else if (SHORT_DIGITS.matcher(registryId).matches()) {
      fix =
          "If leading zeros were lost, write \""
              + "0".repeat(12 - registryId.length())
              + registryId
              + "\"; otherwise use the destination's 12-digit account ID.";
    } else {
      fix =
          "Use the 12-digit AWS account ID of the destination registry; for cross-Region"
              + " replication within your registry, your own account ID.";
    }
    add(
        path,
        "The registryId \"" + registryId + "\" is not an AWS account ID; ECR requires 12 digits.",
        fix);
  }

  private void checkFilter(String filter, String path) {
    if (filter.length() >= MIN_FILTER_LENGTH
        && filter.length() <= MAX_FILTER_LENGTH
        && FILTER.matcher(filter).matches()) {
      return;
    }
    if (filter.length() < MIN_FILTER_LENGTH) {
      add(
          path,
          filter.isEmpty()
              ? "The filter is empty; ECR requires at least " + MIN_FILTER_LENGTH + " characters."
              : "The filter \""
                  + filter
                  + "\" is shorter than the "
                  + MIN_FILTER_LENGTH
                  + " characters ECR requires.",
          filter.isEmpty()
              ? "Remove the filter; a rule without repositoryFilters replicates every repository."
              : "Use a longer prefix, or one filter for each longer prefix you mean; a rule without"
                  + " repositoryFilters replicates every repository.");
      return;
    }
    if (filter.length() > MAX_FILTER_LENGTH) {
      add(
          path,
          "The filter is "
              + filter.length()
              + " characters long; ECR allows at most "
              + MAX_FILTER_LENGTH
              + ".",
          "Shorten the prefix; any start of the repository names selects them.");
      return;
    }
    String message =
        "The filter \""
            + filter
            + "\" is not the start of a valid repository name; ECR allows lowercase letters,"
            + " digits, \".\", \"_\", \"-\" and \"/\" in a filter.";
    add(path, message, filterFix(filter));
  }

  private static String filterFix(String filter) {
    if (filter.contains("*") || filter.contains("?")) {
      String withoutWildcards = filter.replaceAll("[*?].*$", "");
      String suggestion =
          withoutWildcards.length() >= MIN_FILTER_LENGTH
                  && FILTER.matcher(withoutWildcards).matches()
              ? " Write \"" + withoutWildcards + "\"."
              : "";
      return "A PREFIX_MATCH filter is a plain prefix without wildcards: it selects every"
          + " repository whose name starts with it."
          + suggestion;
    }
    String lower = filter.strip().toLowerCase(Locale.ROOT);
    if (!lower.equals(filter) && FILTER.matcher(lower).matches()) {
      return "Write \"" + lower + "\"; repository names are lowercase.";
    }
    if (filter.startsWith("/")) {
      return "Remove the leading \"/\"; repository names start with a letter or digit.";
    }
    if (filter.contains("//")) {
      return "Remove the empty path segment (\"//\").";
    }
    return "Remove the characters that cannot appear in a repository name.";
  }

  private void add(String path, String message, String fix) {
    violations.add(new PolicyViolation(path, null, message, fix, null));
  }
}
