package dev.ecr4j.policy.replication;

import dev.ecr4j.policy.PolicyWarning;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds replication rules that ECR accepts but that almost surely do not do what their author
 * meant. Each finding is a {@link PolicyWarning}, never an error.
 */
final class ReplicationConfigurationLinter {

  /**
   * The shape of every AWS Region code: a two- to four-letter area, one or more words, and a
   * number, as in {@code us-west-2}, {@code us-gov-east-1} or {@code eusc-de-east-1}.
   */
  static final Pattern REGION_CODE = Pattern.compile("[a-z]{2,4}(?:-[a-z]+)+-[0-9]{1,2}");

  /** An Availability Zone: a Region code followed by a zone letter. */
  private static final Pattern ZONE = Pattern.compile("([a-z]{2,4}(?:-[a-z]+)+-[0-9]{1,2})[a-z]");

  private ReplicationConfigurationLinter() {}

  static List<PolicyWarning> warnings(List<ReplicationRule> rules, List<String> rulePaths) {
    List<PolicyWarning> warnings = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      ReplicationRule rule = rules.get(i);
      String path = rulePaths.get(i);
      warnAboutDestinations(rule, path, warnings);
      warnAboutRedundantFilters(rule, path, warnings);
      warnIfRedundant(rules, rulePaths, i, warnings);
    }
    warnAboutConflictingDeletes(rules, rulePaths, warnings);
    return List.copyOf(warnings);
  }

  private static void warnAboutDestinations(
      ReplicationRule rule, String path, List<PolicyWarning> out) {
    List<ReplicationDestination> destinations = rule.destinations();
    if (destinations.isEmpty()) {
      out.add(
          new PolicyWarning(
              path + ".destinations",
              null,
              "The rule has no destinations, so it replicates nothing.",
              "Add the registries and Regions to replicate to, or remove the rule."));
      return;
    }
    Map<ReplicationDestination, Integer> first = new HashMap<>();
    for (int i = 0; i < destinations.size(); i++) {
      ReplicationDestination destination = destinations.get(i);
      String destinationPath = path + ".destinations[" + i + "]";
      Integer earlier = first.putIfAbsent(destination, i);
      if (earlier != null) {
        out.add(
            new PolicyWarning(
                destinationPath,
                null,
                "The destination "
                    + destination
                    + " is listed twice in this rule (also at "
                    + path
                    + ".destinations["
                    + earlier
                    + "]).",
                "Remove the duplicate; each destination receives each image once."));
      }
      String region = destination.region();
      if (ReplicationConfigurationValidator.REGION.matcher(region).matches()
          && !REGION_CODE.matcher(region).matches()) {
        var zone = ZONE.matcher(region);
        String hint =
            zone.matches()
                ? "\""
                    + region
                    + "\" looks like an Availability Zone; write its Region, \""
                    + zone.group(1)
                    + "\"."
                : "Use a Region code such as \"us-west-2\". If this is a Region ecr4j does not"
                    + " know the shape of, ignore this warning.";
        out.add(
            new PolicyWarning(
                destinationPath + ".region",
                null,
                "The region \""
                    + region
                    + "\" does not look like an AWS Region code, so replication to it would fail.",
                hint));
      }
    }
  }

  private static void warnAboutRedundantFilters(
      ReplicationRule rule, String path, List<PolicyWarning> out) {
    List<RepositoryFilter> filters = rule.repositoryFilters();
    for (int i = 0; i < filters.size(); i++) {
      String filter = filters.get(i).filter();
      for (int j = 0; j < filters.size(); j++) {
        String other = filters.get(j).filter();
        boolean covered = filter.equals(other) ? j < i : filter.startsWith(other);
        if (i == j || !covered) {
          continue;
        }
        out.add(
            new PolicyWarning(
                path + ".repositoryFilters[" + i + "]",
                null,
                filter.equals(other)
                    ? "The filter \"" + filter + "\" is listed twice in this rule."
                    : "The filter \""
                        + filter
                        + "\" selects nothing more: \""
                        + other
                        + "\" in the same rule already selects every repository starting with"
                        + " it.",
                "Remove it; a filter selects every repository whose name starts with it."));
        break;
      }
    }
  }

  private static void warnIfRedundant(
      List<ReplicationRule> rules, List<String> paths, int index, List<PolicyWarning> out) {
    ReplicationRule rule = rules.get(index);
    if (rule.destinations().isEmpty()) {
      return; // already reported as replicating nothing
    }
    for (int other = 0; other < rules.size(); other++) {
      if (other == index) {
        continue;
      }
      ReplicationRule candidate = rules.get(other);
      boolean covered = covers(candidate, rule);
      boolean mutual = covered && covers(rule, candidate);
      if (covered && (!mutual || other < index)) {
        out.add(
            new PolicyWarning(
                paths.get(index),
                null,
                "This rule adds nothing: the rule at "
                    + paths.get(other)
                    + " already replicates every repository it selects to each of its"
                    + " destinations"
                    + (rule.replicatesDeletes() ? ", deletions included." : "."),
                "Remove this rule, or change its filters or destinations."));
        return;
      }
    }
  }

  /**
   * Reports pairs of rules that replicate some repository to the same destination but disagree on
   * replicating deletions. ECR does not document which setting then applies.
   */
  private static void warnAboutConflictingDeletes(
      List<ReplicationRule> rules, List<String> paths, List<PolicyWarning> out) {
    for (int later = 0; later < rules.size(); later++) {
      ReplicationRule rule = rules.get(later);
      for (int earlier = 0; earlier < later; earlier++) {
        ReplicationRule other = rules.get(earlier);
        if (other.replicatesDeletes() == rule.replicatesDeletes() || !overlap(other, rule)) {
          continue;
        }
        List<ReplicationDestination> shared = new ArrayList<>(rule.destinations());
        shared.retainAll(new HashSet<>(other.destinations()));
        if (shared.isEmpty()) {
          continue;
        }
        String deletingPath = rule.replicatesDeletes() ? paths.get(later) : paths.get(earlier);
        out.add(
            new PolicyWarning(
                paths.get(later) + ".deleteReplication",
                null,
                "This rule and the rule at "
                    + paths.get(earlier)
                    + " can both replicate a repository to "
                    + shared.get(0)
                    + (shared.size() > 1 ? " (and " + (shared.size() - 1) + " more)" : "")
                    + ", but only the rule at "
                    + deletingPath
                    + " replicates deletions; ECR does not document which setting wins.",
                "Give both rules the same deleteReplication setting, or make their repository"
                    + " filters or destinations disjoint."));
        break;
      }
    }
  }

  /**
   * Returns true when {@code outer} replicates every repository that {@code inner} selects to each
   * destination of {@code inner}, with the same deletion setting.
   */
  static boolean covers(ReplicationRule outer, ReplicationRule inner) {
    if (outer.replicatesDeletes() != inner.replicatesDeletes()
        || !new HashSet<>(outer.destinations()).containsAll(inner.destinations())) {
      return false;
    }
    if (outer.repositoryFilters().isEmpty()) {
      return true;
    }
    if (inner.repositoryFilters().isEmpty()) {
      return false;
    }
    for (RepositoryFilter innerFilter : inner.repositoryFilters()) {
      boolean selected = false;
      for (RepositoryFilter outerFilter : outer.repositoryFilters()) {
        if (innerFilter.filter().startsWith(outerFilter.filter())) {
          selected = true;
          break;
        }
      }
      if (!selected) {
        return false;
      }
    }
    return true;
  }

  /** Returns true when some repository name is selected by both rules. */
  static boolean overlap(ReplicationRule a, ReplicationRule b) {
    if (a.repositoryFilters().isEmpty() || b.repositoryFilters().isEmpty()) {
      return true;
    }
    for (RepositoryFilter first : a.repositoryFilters()) {
      for (RepositoryFilter second : b.repositoryFilters()) {
        if (first.filter().startsWith(second.filter())
            || second.filter().startsWith(first.filter())) {
          return true;
        }
      }
    }
    return false;
  }
}
