package dev.ecr4j.policy.lifecycle;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.PolicyJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Amazon ECR lifecycle policy: an immutable list of rules, ordered by {@code rulePriority}.
 *
 * <h2>Building</h2>
 *
 * <pre>{@code
 * LifecyclePolicy policy = LifecyclePolicy.builder()
 *     .tagged("release-*").keepNewest(10)
 *     .untagged().expireAfterDays(14)
 *     .anyImage().archiveWhenNotPulledForDays(90).thenExpireAfterDays(180)
 *     .build();
 * }</pre>
 *
 * <p>Each step of the builder offers only the actions ECR allows for that selection, and {@link
 * Builder#build()} checks the rest (unique priorities, one untagged rule per storage class, the
 * {@code any} rule last). Rules without an explicit {@link StandardRuleStep#priority(int) priority}
 * are numbered in the order they are written. Policies built at run time can be assembled from
 * plain values with {@link #of(List)} and checked with {@link #validate()}.
 *
 * <h2>JSON</h2>
 *
 * <p>{@link #toJson()} renders exactly what ECR accepts and returns: minified, rules sorted by
 * priority, keys in a fixed order, no nulls and no empty lists. {@link #parse(String)} reads that
 * text back without loss, and rejects keys that ECR's schema does not define.
 *
 * <h2>Equality</h2>
 *
 * <p>Two policies are equal when they have the same rules, whatever the order of the rules and of
 * the entries of their tag lists, and whether or not they spell out the default storage class.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LifecyclePolicy {

  private static final Comparator<LifecycleRule> BY_PRIORITY =
      Comparator.comparingInt(LifecycleRule::rulePriority);

  private final List<LifecycleRule> rules;

  private LifecyclePolicy(List<LifecycleRule> rules) {
    List<LifecycleRule> sorted = new ArrayList<>(rules);
    sorted.sort(BY_PRIORITY); // stable: rules with equal priorities keep their order
    this.rules = List.copyOf(sorted);
  }

  /** Starts a fluent policy definition. */
  @CheckReturnValue
  public static Builder builder() {
    return PolicyDraft.EMPTY;
  }

  /**
   * Creates a policy from plain values, without validating it. Call {@link #validate()} before
   * relying on it, or use {@link #builder()}.
   */
  public static LifecyclePolicy of(List<LifecycleRule> rules) {
    return new LifecyclePolicy(requireElements(rules, "rules"));
  }

  /** Creates a policy from plain values, without validating it. */
  public static LifecyclePolicy of(LifecycleRule... rules) {
    Objects.requireNonNull(rules, "rules");
    return of(Arrays.asList(rules));
  }

  /** Copies {@code list}, rejecting a null list or element with a message naming it. */
  static <T> List<T> requireElements(List<T> list, String name) {
    Objects.requireNonNull(list, name);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new NullPointerException(name + "[" + i + "] is null");
      }
    }
    return List.copyOf(list);
  }

  /**
   * Parses lifecycle policy JSON, as written by a person or as returned by ECR.
   *
   * <p>Parsing checks the structure only: well-formed JSON, known keys, the JSON types and the
   * allowed values of each key. Rules that are well formed but break ECR's other constraints are
   * returned as they are; {@link #violations()} lists those.
   *
   * @throws InvalidPolicyException listing every structural problem, each with its JSON path
   */
  public static LifecyclePolicy parse(String json) {
    Objects.requireNonNull(json, "json");
    LifecyclePolicyParser.Result result = LifecyclePolicyParser.parse(json);
    if (!result.violations().isEmpty()) {
      throw new InvalidPolicyException("Lifecycle policy", result.violations());
    }
    return new LifecyclePolicy(result.rules());
  }

  /**
   * Checks lifecycle policy JSON completely, without throwing for any text: structural problems,
   * ECR's rules for every rule that could be read, and warnings for legal policies that look like
   * mistakes.
   *
   * @throws NullPointerException if {@code json} is null
   */
  public static LifecyclePolicyCheck check(String json) {
    Objects.requireNonNull(json, "json");
    LifecyclePolicyParser.Result parsed = LifecyclePolicyParser.parse(json);
    List<PolicyViolation> violations = new ArrayList<>(parsed.violations());
    int minifiedLength = parsed.violations().isEmpty() ? of(parsed.rules()).toJson().length() : -1;
    violations.addAll(
        LifecyclePolicyValidator.validate(
            parsed.rules(), parsed.rulePaths(), parsed.ruleCount(), minifiedLength));

    violations.sort(
        Comparator.comparingInt(violation -> LifecyclePolicyValidator.ruleIndex(violation.path())));

    LifecyclePolicy policy = parsed.violations().isEmpty() ? of(parsed.rules()) : null;
    List<PolicyWarning> warnings =
        policy == null
            ? List.of()
            : LifecyclePolicyLinter.warnings(parsed.rules(), parsed.rulePaths());
    return new LifecyclePolicyCheck(policy, violations, warnings);
  }

  /** Returns the rules, sorted by {@code rulePriority}. */
  public List<LifecycleRule> rules() {
    return rules;
  }

  /** Returns the rule with the given priority, if there is one. */
  public Optional<LifecycleRule> rule(int rulePriority) {
    return rules.stream().filter(rule -> rule.rulePriority() == rulePriority).findFirst();
  }

  /** Returns a builder that starts with this policy's rules, with their priorities. */
  @CheckReturnValue
  public Builder toBuilder() {
    Builder builder = builder();
    for (LifecycleRule rule : rules) {
      builder = builder.rule(rule);
    }
    return builder;
  }

  /**
   * Lists every reason ECR would reject this policy, in the order of {@link #toJson()}. Paths refer
   * to that rendering, where rules are sorted by priority. The list is empty for a valid policy.
   */
  public List<PolicyViolation> violations() {
    return LifecyclePolicyValidator.validate(
        rules, renderedPaths(), rules.size(), toJson().length());
  }

  /**
   * Returns the JSON path of each rule in {@link #toJson()}, where rules are sorted by priority.
   */
  private List<String> renderedPaths() {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      paths.add("$.rules[" + i + "]");
    }
    return paths;
  }

  /**
   * Checks this policy against ECR's rules.
   *
   * @return this policy, for chaining
   * @throws InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public LifecyclePolicy validate() {
    List<PolicyViolation> violations = violations();
    if (!violations.isEmpty()) {
      throw new InvalidPolicyException("Lifecycle policy", violations);
    }
    return this;
  }

  /**
   * Lists what ECR accepts but is almost surely a mistake: tag lists written as if they meant OR,
   * rules that a higher-priority rule shadows completely, keep rules that protect nothing.
   */
  public List<PolicyWarning> warnings() {
    return LifecyclePolicyLinter.warnings(rules, renderedPaths());
  }

  /**
   * Evaluates this policy locally and returns what ECR would do to {@code images} at {@code now}.
   *
   * @param images every image of one repository, in the order ECR lists them
   * @param now the evaluation time
   * @throws InvalidPolicyException when the policy is invalid, since ECR would not run it
   * @throws IllegalArgumentException when two images have the same digest
   */
  public LifecyclePreview preview(Collection<LifecycleImage> images, Instant now) {
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(now, "now");
    validate();
    return LifecycleEvaluator.evaluate(
        rules, requireElements(new ArrayList<>(images), "images"), now);
  }

  /** Renders the policy minified, as ECR accepts and returns it. */
  public String toJson() {
    return PolicyJson.minified(toJsonTree());
  }

  /** Renders the policy indented, for files and reviews. It parses back to an equal policy. */
  public String toPrettyJson() {
    return PolicyJson.pretty(toJsonTree());
  }

  private ObjectNode toJsonTree() {
    ObjectNode root = PolicyJson.object();
    ArrayNode array = root.putArray("rules");
    for (LifecycleRule rule : rules) {
      ObjectNode node = array.addObject();
      node.put("rulePriority", rule.rulePriority());
      if (rule.description() != null) {
        node.put("description", rule.description());
      }

      Selection selection = rule.selection();
      ObjectNode selectionNode = node.putObject("selection");
      selectionNode.put("tagStatus", selection.tagStatus().json());
      putList(selectionNode, "tagPatternList", selection.tagPatternList());
      putList(selectionNode, "tagPrefixList", selection.tagPrefixList());
      if (selection.storageClass() != null) {
        selectionNode.put("storageClass", selection.storageClass().json());
      }
      selectionNode.put("countType", selection.countType().json());
      if (selection.countUnit() != null) {
        selectionNode.put("countUnit", selection.countUnit().json());
      }
      selectionNode.put("countNumber", selection.countNumber());

      ObjectNode actionNode = node.putObject("action");
      actionNode.put("type", rule.action().type().json());
      if (rule.action().targetStorageClass() != null) {
        actionNode.put("targetStorageClass", rule.action().targetStorageClass().json());
      }
    }
    return root;
  }

  private static void putList(ObjectNode parent, String key, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    ArrayNode array = parent.putArray(key);
    values.forEach(array::add);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof LifecyclePolicy that && rules.equals(that.rules);
  }

  @Override
  public int hashCode() {
    return rules.hashCode();
  }

  /** Returns the policy's minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  /**
   * The start of a rule, or the end of the policy. Each method that starts a rule returns the step
   * that offers the actions ECR allows for that selection.
   */
  @CheckReturnValue
  public sealed interface Builder permits PolicyDraft, ArchiveFollowUpStep {

    /**
     * Selects tagged images that have, for every pattern, a tag matching it. A {@code *} matches
     * any run of characters, and a pattern must match a whole tag. Several patterns are combined
     * with AND; write one rule per pattern for OR.
     */
    StandardRuleStep tagged(String pattern, String... morePatterns);

    /**
     * Selects tagged images that have, for every prefix, a tag starting with it. Several prefixes
     * are combined with AND.
     */
    StandardRuleStep taggedWithPrefix(String prefix, String... morePrefixes);

    /** Selects images without tags. */
    StandardRuleStep untagged();

    /** Selects every image; ECR requires such a rule to come last in its storage class. */
    StandardRuleStep anyImage();

    /** Selects every archived image. */
    ArchiveRuleStep archived();

    /** Selects archived images with tags matching every pattern. */
    ArchiveRuleStep archivedTagged(String pattern, String... morePatterns);

    /** Selects archived images with tags starting with every prefix. */
    ArchiveRuleStep archivedTaggedWithPrefix(String prefix, String... morePrefixes);

    /** Selects archived images without tags. */
    ArchiveRuleStep archivedUntagged();

    /** Adds a rule built from plain values, with its own priority. */
    Builder rule(LifecycleRule rule);

    /**
     * Numbers the rules that have no explicit priority in the order they were written, and
     * validates the policy.
     *
     * @throws InvalidPolicyException listing every violation
     */
    LifecyclePolicy build();
  }

  /** The actions ECR allows on images in the standard storage class. */
  @CheckReturnValue
  public sealed interface StandardRuleStep permits SelectionDraft {

    /** Sets this rule's {@code rulePriority} instead of numbering it automatically. */
    StandardRuleStep priority(int rulePriority);

    /** Sets the rule's description. */
    StandardRuleStep description(String description);

    /** Keeps the {@code count} most recently pushed selected images and expires the rest. */
    Builder keepNewest(int count);

    /** Expires selected images pushed more than {@code days} days ago. */
    Builder expireAfterDays(int days);

    /** Keeps the {@code count} most recently pushed selected images and archives the rest. */
    ArchiveFollowUpStep archiveAllButNewest(int count);

    /** Archives selected images pushed more than {@code days} days ago. */
    ArchiveFollowUpStep archiveAfterDays(int days);

    /**
     * Archives selected images last pulled more than {@code days} days ago, or pushed that long ago
     * if they were never pulled. ECR does not allow expiring on pull time directly; chain {@link
     * ArchiveFollowUpStep#thenExpireAfterDays(int)} to delete them later.
     */
    ArchiveFollowUpStep archiveWhenNotPulledForDays(int days);
  }

  /** The action ECR allows on archived images: expiring them some days after they were archived. */
  @CheckReturnValue
  public sealed interface ArchiveRuleStep permits SelectionDraft {

    /** Sets this rule's {@code rulePriority} instead of numbering it automatically. */
    ArchiveRuleStep priority(int rulePriority);

    /** Sets the rule's description. */
    ArchiveRuleStep description(String description);

    /**
     * Expires selected archived images archived more than {@code days} days ago. ECR requires at
     * least 90 days.
     */
    Builder expireAfterDays(int days);
  }

  /** A rule that archives images, to which a rule that later deletes them can be chained. */
  @CheckReturnValue
  public sealed interface ArchiveFollowUpStep extends Builder permits PolicyDraft.FollowUp {

    /**
     * Adds a rule that expires the same images once they have been archived for more than {@code
     * days} days (at least 90).
     */
    Builder thenExpireAfterDays(int days);
  }
}
