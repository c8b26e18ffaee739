package dev.ecr4j.policy.lifecycle;

import dev.ecr4j.policy.PolicyWarning;
import java.util.ArrayList;
import java.util.List;

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

  static List<PolicyWarning> warnings(List<LifecycleRule> sortedRules) {
    List<PolicyWarning> warnings = new ArrayList<>();
    for (int i = 0; i < sortedRules.size(); i++) {
      LifecycleRule rule = sortedRules.get(i);
      String path = "$.rules[" + i + "]";
      warnAboutAndList(rule, path, warnings);
      warnIfShadowed(sortedRules, i, path, warnings);
      warnIfProtectsNothing(sortedRules, i, path, warnings);
    }
    return List.copyOf(warnings);
  }

  private static void warnAboutAndList(LifecycleRule rule, String path, List<PolicyWarning> out) {
    Selection selection = rule.selection();
    List<String> list = selection.tagList();
    if (selection.tagStatus() != TagStatus.TAGGED || list.size() < 2) {
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
    int rows = outer.length();
    int columns = inner.length();
    boolean[][] match = new boolean[rows + 1][columns + 1];
    match[0][0] = true;
    for (int o = 1; o <= rows; o++) {
      char pattern = outer.charAt(o - 1);
      for (int n = 0; n <= columns; n++) {
        if (pattern == '*') {
          match[o][n] = match[o - 1][n] || (n > 0 && match[o][n - 1]);
        } else {
          match[o][n] =
              n > 0
                  && inner.charAt(n - 1) != '*'
                  && inner.charAt(n - 1) == pattern
                  && match[o - 1][n - 1];
        }
      }
    }
    return match[rows][columns];
  }

  private static String quoted(List<String> values) {
    return "\"" + String.join("\", \"", values) + "\"";
  }
}
