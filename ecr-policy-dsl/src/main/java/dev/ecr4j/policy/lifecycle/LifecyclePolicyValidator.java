package dev.ecr4j.policy.lifecycle;

import dev.ecr4j.policy.PolicyViolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks lifecycle rules against the rules ECR enforces when a policy is put or previewed. Every
 * violation is reported, each with its JSON path, what ECR allows and the fix. Where ECR's own text
 * for a violation has been observed, it is attached so that it can be searched for.
 */
final class LifecyclePolicyValidator {

  /** ECR's limit on the length of {@code lifecyclePolicyText}, in characters. Not adjustable. */
  static final int MAX_TEXT_LENGTH = 30_720;

  /** ECR's lower bound on the length of {@code lifecyclePolicyText}, from its API model. */
  static final int MIN_TEXT_LENGTH = 100;

  /** ECR's fixed quota of rules per lifecycle policy. */
  static final int MAX_RULES = 50;

  /** ECR's limit on {@code *} wildcards in one tag pattern. */
  static final int MAX_WILDCARDS = 4;

  /** The minimum archive storage duration: archived images cannot be expired sooner. */
  static final int MIN_DAYS_IN_ARCHIVE = 90;

  static final String UNTAGGED_TWICE_MESSAGE =
      "Lifecycle policy validation failure: Only one rule can select Untagged images per storage"
          + " class.";
  static final String ANY_NOT_LAST_MESSAGE =
      "Lifecycle policy validation failure: Rule for tagStatus=ANY must have the lowest priority per"
          + " storage class";
  static final String TAGGED_WITHOUT_LIST_MESSAGE =
      "Lifecycle policy validation failure: Must specify tagPrefixList or tagPatternList when"
          + " tagStatus=TAGGED.";

  private final List<PolicyViolation> violations = new ArrayList<>();

  private LifecyclePolicyValidator() {}

  /**
   * Validates {@code rules}.
   *
   * @param rules the rules that could be read, in any order
   * @param rulePaths the JSON path of each rule, in the same order
   * @param totalRuleCount how many rules the document has, counting those that could not be read,
   *     or -1 when it has no rule array
   * @param minifiedLength the length of the policy text as ecr4j sends it, or -1 when unknown
   */
  static List<PolicyViolation> validate(
      List<LifecycleRule> rules, List<String> rulePaths, int totalRuleCount, int minifiedLength) {
    LifecyclePolicyValidator validator = new LifecyclePolicyValidator();
    validator.checkDocument(totalRuleCount, minifiedLength);
    for (int i = 0; i < rules.size(); i++) {
      validator.checkRule(rules.get(i), rulePaths.get(i));
    }
    validator.checkAcrossRules(rules, rulePaths);

    // Report in document order: document-level problems first, then rule by rule.
    List<PolicyViolation> sorted = new ArrayList<>(validator.violations);
    sorted.sort(Comparator.comparingInt(violation -> ruleIndex(violation.path())));
    return List.copyOf(sorted);
  }

  /** Returns N for a path under {@code $.rules[N]}, and -1 for a path outside the rules. */
  static int ruleIndex(String path) {
    String prefix = "$.rules[";
    if (!path.startsWith(prefix)) {
      return -1;
    }
    int end = path.indexOf(']', prefix.length());
    try {
      return Integer.parseInt(path.substring(prefix.length(), end));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return -1;
    }
  }

  private void checkDocument(int ruleCount, int minifiedLength) {
    if (ruleCount < 0) {
      return; // the parser has already reported the missing or malformed rule array
    }
    if (ruleCount == 0) {
      add(
          "$.rules",
          null,
          "The policy has no rules; ECR needs at least one.",
          "Add a rule, or delete the repository's lifecycle policy instead of putting an empty one.",
          null);
    }
    if (ruleCount > MAX_RULES) {
      add(
          "$.rules",
          null,
          "The policy has "
              + ruleCount
              + " rules; ECR allows at most "
              + MAX_RULES
              + " per policy.",
          "Merge rules, for example by using one tagPatternList rule per retention class.",
          null);
    }
    if (minifiedLength > MAX_TEXT_LENGTH) {
      add(
          "$",
          null,
          "The policy is "
              + minifiedLength
              + " characters long even when minified; ECR allows at most "
              + MAX_TEXT_LENGTH
              + ".",
          "Shorten descriptions or merge rules.",
          null);
    } else if (minifiedLength >= 0 && minifiedLength < MIN_TEXT_LENGTH && ruleCount > 0) {
      add(
          "$",
          null,
          "The policy is "
              + minifiedLength
              + " characters long; ECR requires at least "
              + MIN_TEXT_LENGTH
              + ".",
          "Add the missing parts of the rules.",
          null);
    }
  }

  private void checkRule(LifecycleRule rule, String path) {
    int priority = rule.rulePriority();
    Selection selection = rule.selection();
    String selectionPath = path + ".selection";

    if (priority < 1) {
      add(
          path + ".rulePriority",
          null,
          "rulePriority is " + priority + "; ECR requires 1 or more.",
          "Number the rules from 1; a lower number is applied first.",
          null);
    }

    checkTagLists(selection, selectionPath, priority);
    checkCount(selection, selectionPath, priority);
    checkAction(rule, path, priority);
  }

  private void checkTagLists(Selection selection, String path, int priority) {
    boolean hasPatterns = !selection.tagPatternList().isEmpty();
    boolean hasPrefixes = !selection.tagPrefixList().isEmpty();
    switch (selection.tagStatus()) {
      case TAGGED -> {
        if (!hasPatterns && !hasPrefixes) {
          add(
              path + ".tagStatus",
              priority,
              "A rule with tagStatus \"tagged\" needs a tagPatternList or a tagPrefixList.",
              "Add \"tagPatternList\": [\"*\"] to select every tagged image, or list the tags to"
                  + " select.",
              TAGGED_WITHOUT_LIST_MESSAGE);
        }
        if (hasPatterns && hasPrefixes) {
          add(
              path,
              priority,
              "A rule may have a tagPatternList or a tagPrefixList, not both.",
              "Keep one list; a prefix \"p\" is the same as the pattern \"p*\", so move the"
                  + " prefixes into tagPatternList as patterns.",
              null);
        }
      }
      case UNTAGGED, ANY -> {
        if (hasPatterns || hasPrefixes) {
          String list = hasPatterns ? "tagPatternList" : "tagPrefixList";
          add(
              path + "." + list,
              priority,
              list
                  + " is only allowed when tagStatus is \"tagged\", but it is \""
                  + selection.tagStatus().json()
                  + "\".",
              "Remove " + list + ", or set tagStatus to \"tagged\".",
              null);
        }
      }
    }
    checkEmptyEntries(selection.tagPatternList(), path + ".tagPatternList", priority);
    checkEmptyEntries(selection.tagPrefixList(), path + ".tagPrefixList", priority);

    List<String> patterns = selection.tagPatternList();
    for (int i = 0; i < patterns.size(); i++) {
      long wildcards = patterns.get(i).chars().filter(c -> c == '*').count();
      if (wildcards > MAX_WILDCARDS) {
        add(
            path + ".tagPatternList[" + i + "]",
            priority,
            "The pattern \""
                + patterns.get(i)
                + "\" has "
                + wildcards
                + " wildcards; ECR allows at most "
                + MAX_WILDCARDS
                + " per pattern.",
            "Rewrite the pattern with at most "
                + MAX_WILDCARDS
                + " wildcards, for example by dropping the middle ones.",
            null);
      }
    }
  }

  private void checkEmptyEntries(List<String> entries, String path, int priority) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).isEmpty()) {
        add(
            path + "[" + i + "]",
            priority,
            "A tag list entry is the empty string.",
            "Remove the entry; to match every tag use tagPatternList [\"*\"].",
            null);
      }
    }
  }

  private void checkCount(Selection selection, String path, int priority) {
    CountType countType = selection.countType();
    if (selection.countNumber() < 1) {
      add(
          path + ".countNumber",
          priority,
          "countNumber is " + selection.countNumber() + "; ECR requires 1 or more.",
          countType == CountType.IMAGE_COUNT_MORE_THAN
              ? "Keep at least 1 image; to delete every selected image, use sinceImagePushed with 1"
                  + " day."
              : "Use an age of at least 1 day.",
          null);
    }

    if (countType == CountType.IMAGE_COUNT_MORE_THAN) {
      if (selection.countUnit() != null) {
        add(
            path + ".countUnit",
            priority,
            "countUnit must be absent when countType is \"imageCountMoreThan\"; the count is a number"
                + " of images.",
            "Remove \"countUnit\".",
            null);
      }
    } else if (selection.countUnit() == null) {
      add(
          path + ".countUnit",
          priority,
          "countType \"" + countType.json() + "\" needs countUnit \"days\".",
          "Add \"countUnit\": \"days\".",
          null);
    }

    StorageClass storageClass = selection.effectiveStorageClass();
    if (countType == CountType.SINCE_IMAGE_TRANSITIONED) {
      if (storageClass != StorageClass.ARCHIVE) {
        add(
            path + ".storageClass",
            priority,
            "countType \"sinceImageTransitioned\" selects archived images and needs storageClass"
                + " \"archive\".",
            "Add \"storageClass\": \"archive\".",
            null);
      }
      if (selection.countNumber() >= 1 && selection.countNumber() < MIN_DAYS_IN_ARCHIVE) {
        add(
            path + ".countNumber",
            priority,
            "Archived images must stay archived for at least "
                + MIN_DAYS_IN_ARCHIVE
                + " days before a lifecycle rule can expire them, but countNumber is "
                + selection.countNumber()
                + ".",
            "Set countNumber to " + MIN_DAYS_IN_ARCHIVE + " or more.",
            null);
      }
    } else if (storageClass != StorageClass.STANDARD) {
      add(
          path + ".storageClass",
          priority,
          "storageClass \"archive\" is only allowed with countType \"sinceImageTransitioned\", but"
              + " countType is \""
              + countType.json()
              + "\".",
          "Remove \"storageClass\", or use countType \"sinceImageTransitioned\" to expire archived"
              + " images.",
          null);
    }
  }

  private void checkAction(LifecycleRule rule, String path, int priority) {
    RuleAction action = rule.action();
    String actionPath = path + ".action";
    CountType countType = rule.selection().countType();
    switch (action.type()) {
      case EXPIRE -> {
        if (action.targetStorageClass() != null) {
          add(
              actionPath + ".targetStorageClass",
              priority,
              "targetStorageClass is only allowed on a transition action.",
              "Remove \"targetStorageClass\" from the expire action.",
              LifecyclePolicyParser.ACTION_SCHEMA_MESSAGE);
        }
        if (countType == CountType.SINCE_IMAGE_PULLED) {
          add(
              actionPath + ".type",
              priority,
              "countType \"sinceImagePulled\" can only archive images (action \"transition\"), not"
                  + " expire them.",
              "Use {\"type\": \"transition\", \"targetStorageClass\": \"archive\"}, and add a second"
                  + " rule with storageClass \"archive\", countType \"sinceImageTransitioned\" and"
                  + " at least "
                  + MIN_DAYS_IN_ARCHIVE
                  + " days to delete them later.",
              null);
        }
      }
      case TRANSITION -> {
        if (action.targetStorageClass() != StorageClass.ARCHIVE) {
          add(
              actionPath + ".targetStorageClass",
              priority,
              action.targetStorageClass() == null
                  ? "A transition action needs targetStorageClass \"archive\"."
                  : "targetStorageClass must be \"archive\", the only class images can move to.",
              "Set \"targetStorageClass\": \"archive\".",
              LifecyclePolicyParser.ACTION_SCHEMA_MESSAGE);
        }
        if (countType == CountType.SINCE_IMAGE_TRANSITIONED) {
          add(
              actionPath + ".type",
              priority,
              "countType \"sinceImageTransitioned\" selects images that are already archived, so"
                  + " its action must be \"expire\".",
              "Use {\"type\": \"expire\"}.",
              null);
        }
      }
    }
  }

  private void checkAcrossRules(List<LifecycleRule> rules, List<String> paths) {
    Map<Integer, Integer> firstIndexByPriority = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      int priority = rules.get(i).rulePriority();
      Integer first = firstIndexByPriority.putIfAbsent(priority, i);
      if (first != null) {
        add(
            paths.get(i) + ".rulePriority",
            priority,
            "rulePriority "
                + priority
                + " is used by more than one rule (also at "
                + paths.get(first)
                + "); priorities must be unique.",
            "Give each rule its own rulePriority; the numbers need not be consecutive.",
            null);
      }
    }

    Map<StorageClass, Integer> untaggedIndex = new EnumMap<>(StorageClass.class);
    Map<StorageClass, Integer> highestPriorityNumber = new EnumMap<>(StorageClass.class);
    for (LifecycleRule rule : rules) {
      highestPriorityNumber.merge(
          rule.selection().effectiveStorageClass(), rule.rulePriority(), Math::max);
    }

    Map<StorageClass, Map<Set<String>, Integer>> tagListOwners = new EnumMap<>(StorageClass.class);
    for (int i = 0; i < rules.size(); i++) {
      LifecycleRule rule = rules.get(i);
      Selection selection = rule.selection();
      StorageClass storageClass = selection.effectiveStorageClass();
      String selectionPath = paths.get(i) + ".selection";

      if (selection.tagStatus() == TagStatus.UNTAGGED) {
        Integer other = untaggedIndex.putIfAbsent(storageClass, i);
        if (other != null) {
          add(
              selectionPath + ".tagStatus",
              rule.rulePriority(),
              "Only one rule per storage class may select untagged images; rule "
                  + rules.get(other).rulePriority()
                  + " already selects untagged images in storage class \""
                  + storageClass.json()
                  + "\".",
              "Merge the two untagged rules into one, or select these images with a tagStatus"
                  + " \"any\" rule of the lowest priority.",
              UNTAGGED_TWICE_MESSAGE);
        }
      }

      Integer highest = highestPriorityNumber.get(storageClass);
      if (selection.tagStatus() == TagStatus.ANY
          && highest != null
          && rule.rulePriority() != highest) {
        add(
            paths.get(i) + ".rulePriority",
            rule.rulePriority(),
            "A tagStatus \"any\" rule must have the highest rulePriority number among the rules of"
                + " storage class \""
                + storageClass.json()
                + "\", but rule "
                + highest
                + " comes after it.",
            "Give this rule a rulePriority greater than " + highest + ".",
            ANY_NOT_LAST_MESSAGE);
      }

      // NOTE: ECR documents that the rules of one storage class must have "a unique set of
      // prefixes" without saying more. This check reads it as no two tagged rules with equal lists.
      if (selection.tagStatus() == TagStatus.TAGGED && !selection.tagList().isEmpty()) {
        Set<String> key = new HashSet<>(selection.tagList());
        key.add(selection.tagPatternList().isEmpty() ? "\0prefix" : "\0pattern");
        Integer owner =
            tagListOwners
                .computeIfAbsent(storageClass, unused -> new HashMap<>())
                .putIfAbsent(key, i);
        if (owner != null) {
          add(
              selectionPath,
              rule.rulePriority(),
              "Rule "
                  + rules.get(owner).rulePriority()
                  + " already selects the same tag list in storage class \""
                  + storageClass.json()
                  + "\"; ECR requires each rule of a storage class to have a unique set of tags.",
              "Merge the two rules, or change one of the tag lists.",
              null);
        }
      }
    }
  }

  private void add(
      String path,
      @Nullable Integer priority,
      String message,
      String fix,
      @Nullable String ecrMessage) {
    violations.add(new PolicyViolation(path, priority, message, fix, ecrMessage));
  }
}
