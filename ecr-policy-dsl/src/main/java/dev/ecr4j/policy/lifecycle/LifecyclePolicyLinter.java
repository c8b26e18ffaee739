package dev.ecr4j.policy.lifecycle;

import dev.ecr4j.policy.PolicyWarning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds lifecycle rules that ECR accepts but that almost surely do not do what their author meant.
 * Each finding is a {@link PolicyWarning}, never an error.
 */
final class LifecyclePolicyLinter {

  /** A keep-count at or above this is read as "protect these images", not as a real limit. */
  static final int PROTECTIVE_COUNT = 1_000;

  /** An age limit at or above this many days (ten years) is read as "protect these images". */
  static final int PROTECTIVE_DAYS = 3_650;

  private LifecyclePolicyLinter() {}

  /** Patterns longer than this are not compared for shadowing; a tag has at most 300 characters. */
  static final int MAX_COMPARED_PATTERN_LENGTH = 1_024;

  /**
   * Lists the warnings for {@code rules}, in document order.
   *
   * @param rules the rules, in any order
   * @param paths the JSON path of each rule in the document, in the same order
   */
  static List<PolicyWarning> warnings(List<LifecycleRule> rules, List<String> paths) {
    // Shadowing depends on the order of application, so the checks walk the rules by priority.
    Integer[] byPriority = new Integer[rules.size()];
    for (int i = 0; i < byPriority.length; i++) {
      byPriority[i] = i;
    }
    Arrays.sort(byPriority, Comparator.comparingInt(i -> rules.get(i).rulePriority()));
    List<LifecycleRule> sortedRules = new ArrayList<>();
    for (int index : byPriority) {
      sortedRules.add(rules.get(index));
    }

    List<List<PolicyWarning>> perRule = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      perRule.add(new ArrayList<>());
    }
    for (int i = 0; i < sortedRules.size(); i++) {
      int documentIndex = byPriority[i];
      String path = paths.get(documentIndex);
      List<PolicyWarning> out = perRule.get(documentIndex);
      warnAboutAndList(sortedRules.get(i), path, out);
      warnIfShadowed(sortedRules, i, path, out);
      warnIfProtectsNothing(sortedRules, i, path, out);
    }

    List<PolicyWarning> warnings = new ArrayList<>();
    perRule.forEach(warnings::addAll);
    return List.copyOf(warnings);
  }

  private static void warnAboutAndList(LifecycleRule rule, String path, List<PolicyWarning> out) {
    Selection selection = rule.selection();
    List<String> list = selection.tagList();
    String listKey = selection.tagPatternList().isEmpty() ? "tagPrefixList" : "tagPatternList";
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!seen.add(list.get(i))) {
        out.add(
            new PolicyWarning(
                path + ".selection." + listKey + "[" + i + "]",
                rule.rulePriority(),
                "The entry \""
                    + list.get(i)
                    + "\" appears more than once; repeating it changes nothing.",
                "Remove the repeated entry."));
      }
    }
    if (selection.tagStatus() != TagStatus.TAGGED || seen.size() < 2) {
      return;
    }
    String key = selection.tagPatternList().isEmpty() ? "tagPrefixList" : "tagPatternList";
    out.add(
        new PolicyWarning(
            path + ".selection." + key,
            rule.rulePriority(),
            "The "
                + list.size()
                + " entries of "
                + key
                + " are combined with AND: the rule selects only images that have a tag matching"
                + " each of "
                + quoted(list)
                + ".",
            "If the rule should select images matching any one of them, write one rule per"
                + " entry."));
  }

  private static void warnIfShadowed(
      List<LifecycleRule> rules, int index, String path, List<PolicyWarning> out) {
    LifecycleRule rule = rules.get(index);
    Selection selection = rule.selection();
    if (selection.tagStatus() != TagStatus.TAGGED) {
      return;
    }
    for (int h = 0; h < index; h++) {
      LifecycleRule higher = rules.get(h);
      Selection higherSelection = higher.selection();
      if (higherSelection.effectiveStorageClass() != selection.effectiveStorageClass()
          || higherSelection.tagStatus() != TagStatus.TAGGED
          || higher.rulePriority() == rule.rulePriority()) {
        continue;
      }
      if (covers(higherSelection, selection)) {
        out.add(
            new PolicyWarning(
                path + ".selection",
                rule.rulePriority(),
                "Every image this rule selects is also selected by rule "
                    + higher.rulePriority()
                    + ", which is applied first and claims those images, so this rule can never"
                    + " expire or archive anything.",
                "Give this rule a lower rulePriority number than rule "
                    + higher.rulePriority()
                    + ", or remove it."));
        return;
      }
    }
  }

  private static void warnIfProtectsNothing(
      List<LifecycleRule> rules, int index, String path, List<PolicyWarning> out) {
    LifecycleRule rule = rules.get(index);
    Selection selection = rule.selection();
    boolean protective =
        selection.countType() == CountType.IMAGE_COUNT_MORE_THAN
            ? selection.countNumber() >= PROTECTIVE_COUNT
            : selection.countNumber() >= PROTECTIVE_DAYS;
    if (!protective || selection.tagStatus() == TagStatus.ANY) {
      return;
    }
    for (int later = index + 1; later < rules.size(); later++) {
      Selection laterSelection = rules.get(later).selection();
      if (laterSelection.effectiveStorageClass() == selection.effectiveStorageClass()) {
        return; // some rule is applied after this one, so it can protect something
      }
    }
    out.add(
        new PolicyWarning(
            path + ".selection.countNumber",
            rule.rulePriority(),
            "This rule looks like a keep rule (countNumber "
                + selection.countNumber()
                + "), but a rule only protects images from rules applied after it, and no rule of"
                + " storage class \""
                + selection.effectiveStorageClass().json()
                + "\" comes after it, so it protects nothing.",
            "Give it a lower rulePriority number than the rules it should protect images from."));
  }

  /**
   * Returns true when every image that {@code lower} selects is also selected by {@code higher}:
   * each entry of the higher list is implied by some entry of the lower one.
   */
  static boolean covers(Selection higher, Selection lower) {
    List<String> lowerGlobs = globs(lower);
    for (String higherGlob : globs(higher)) {
      boolean implied = false;
      for (String lowerGlob : lowerGlobs) {
        if (globIncludes(higherGlob, lowerGlob)) {
          implied = true;
          break;
        }
      }
      if (!implied) {
        return false;
      }
    }
    return true;
  }

  /** Returns the tag list as patterns: a prefix {@code p} matches exactly what {@code p*} does. */
  private static List<String> globs(Selection selection) {
    if (!selection.tagPatternList().isEmpty()) {
      return selection.tagPatternList();
    }
    return selection.tagPrefixList().stream().map(prefix -> prefix + "*").toList();
  }

  /**
   * Returns true when every tag matched by {@code inner} is matched by {@code outer}. It matches
   * {@code outer} against the text of {@code inner}, where a {@code *} of {@code inner} can be
   * consumed only by a {@code *} of {@code outer}; tags cannot contain {@code *}, so this is exact.
   */
  static boolean globIncludes(String outer, String inner) {
    if (outer.length() > MAX_COMPARED_PATTERN_LENGTH
        || inner.length() > MAX_COMPARED_PATTERN_LENGTH) {
      return false; // no warning rather than quadratic work on a pattern no tag can match
    }
    int columns = inner.length();
    boolean[] previous = new boolean[columns + 1];
    boolean[] current = new boolean[columns + 1];
    previous[0] = true;
    for (int o = 1; o <= outer.length(); o++) {
      char pattern = outer.charAt(o - 1);
      for (int n = 0; n <= columns; n++) {
        if (pattern == '*') {
          current[n] = previous[n] || (n > 0 && current[n - 1]);
        } else {
          current[n] =
              n > 0
                  && inner.charAt(n - 1) != '*'
                  && inner.charAt(n - 1) == pattern
                  && previous[n - 1];
        }
      }
      boolean[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[columns];
  }

  private static String quoted(List<String> values) {
    return "\"" + String.join("\", \"", values) + "\"";
  }
}
