package dev.ecr4j.policy.iam;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import com.google.errorprone.annotations.CheckReturnValue;
import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.Lists;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An Amazon ECR registry policy: the resource policy of a private registry in one region, put with
 * {@code PutRegistryPolicy}. A registry has one such policy per region, so grants of different
 * teams must be merged into it ({@link #merge(RegistryPolicy)}).
 *
 * <h2>Building</h2>
 *
 * <pre>{@code
 * RegistryPolicy policy = RegistryPolicy.builder()
 *     .statement(PolicyPresets.crossAccountReplication(
 *         "111122223333", Partition.AWS, "us-west-2", "444455556666", "prod-"))
 *     .build();
 * }</pre>
 *
 * <h2>ECR's rules</h2>
 *
 * <p>Each statement names the repositories it applies to with {@code Resource}, as {@code
 * arn:<partition>:ecr:<region>:<account>:repository/<name>} or {@code .../<prefix>*}. Which actions
 * are allowed depends on the account setting {@code REGISTRY_POLICY_SCOPE}: under {@link
 * RegistryPolicyScope#V1} only {@code ecr:ReplicateImage}, {@code ecr:BatchImportUpstreamImage} and
 * {@code ecr:CreateRepository}, under {@link RegistryPolicyScope#V2} every ECR action. The methods
 * without a scope parameter check for V2; pass {@code RegistryPolicyScope.V1} for accounts still on
 * the original scope.
 *
 * <h2>JSON and equality</h2>
 *
 * <p>As for {@link RepositoryPolicy}: minified JSON in a fixed key order, a parser that reads every
 * form IAM accepts, and semantic equality.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RegistryPolicy {

  private static final IamPolicyValidator.Kind KIND = IamPolicyValidator.Kind.REGISTRY;

  private final IamDocument document;

  private RegistryPolicy(IamDocument document) {
    this.document = document;
  }

  /** Starts a policy of version 2012-10-17. */
  @CheckReturnValue
  public static Builder builder() {
    return new Builder(IamDocument.EMPTY);
  }

  /**
   * Creates a policy of version 2012-10-17 from statements, without validating it. Call {@link
   * #validate()} before relying on it, or use {@link #builder()}.
   */
  public static RegistryPolicy of(List<PolicyStatement> statements) {
    return new RegistryPolicy(IamDocument.EMPTY.plus(Lists.copyOf(statements, "statements")));
  }

  /** Creates a policy of version 2012-10-17 from statements, without validating it. */
  public static RegistryPolicy of(PolicyStatement... statements) {
    return of(Arrays.asList(Objects.requireNonNull(statements, "statements")));
  }

  /**
   * Parses registry policy JSON, as written by a person or as returned by {@code
   * GetRegistryPolicy}. Parsing checks the structure only; {@link #violations()} lists the rest.
   *
   * @throws InvalidPolicyException listing every structural problem, each with its JSON path
   * @throws NullPointerException if {@code json} is null
   */
  public static RegistryPolicy parse(String json) {
    Objects.requireNonNull(json, "json");
    return new RegistryPolicy(IamDocument.parse(json, KIND));
  }

  /**
   * Checks registry policy JSON completely for an account with scope V2, without throwing.
   *
   * @throws NullPointerException if {@code json} is null
   */
  public static PolicyCheck<RegistryPolicy> check(String json) {
    return check(json, RegistryPolicyScope.V2);
  }

  /**
   * Checks registry policy JSON completely for an account with the given scope, without throwing.
   *
   * @throws NullPointerException if {@code json} or {@code scope} is null
   */
  public static PolicyCheck<RegistryPolicy> check(String json, RegistryPolicyScope scope) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(scope, "scope");
    return IamDocument.check(json, KIND, scope, document -> new RegistryPolicy(document));
  }

  /** Returns the policy language version. */
  public PolicyVersion version() {
    return document.version();
  }

  /** Returns the policy's {@code Id} element, if it has one. */
  public Optional<String> id() {
    return Optional.ofNullable(document.id());
  }

  /** Returns the statements, in the order they are written. */
  public List<PolicyStatement> statements() {
    return document.statements();
  }

  /** Returns the first statement with the given {@code Sid}, if there is one. */
  public Optional<PolicyStatement> statement(String sid) {
    Objects.requireNonNull(sid, "sid");
    return document.statement(sid);
  }

  /** Returns a builder that starts with this policy's version, Id and statements. */
  @CheckReturnValue
  public Builder toBuilder() {
    return new Builder(document);
  }

  /**
   * Returns a policy with the statements of both. A registry has one policy per region, so two
   * owners must merge their statements instead of each putting its own policy, which would
   * overwrite the other's. Statements equal to one of this policy are skipped.
   *
   * @throws InvalidPolicyException when both policies have a statement with the same Sid but
   *     different content
   */
  public RegistryPolicy merge(RegistryPolicy other) {
    Objects.requireNonNull(other, "other");
    return new RegistryPolicy(document.merge(other.document, KIND));
  }

  /** Lists every reason ECR would reject this policy in an account with scope V2. */
  public List<PolicyViolation> violations() {
    return violations(RegistryPolicyScope.V2);
  }

  /**
   * Lists every reason ECR would reject this policy in an account with the given {@code
   * REGISTRY_POLICY_SCOPE}, in statement order. The list is empty for a valid policy.
   */
  public List<PolicyViolation> violations(RegistryPolicyScope scope) {
    return document.violations(KIND, Objects.requireNonNull(scope, "scope"));
  }

  /**
   * Checks this policy against ECR's rules for an account with scope V2.
   *
   * @return this policy, for chaining
   * @throws InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public RegistryPolicy validate() {
    return validate(RegistryPolicyScope.V2);
  }

  /**
   * Checks this policy against ECR's rules for an account with the given scope.
   *
   * @return this policy, for chaining
   * @throws InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public RegistryPolicy validate(RegistryPolicyScope scope) {
    document.validate(KIND, Objects.requireNonNull(scope, "scope"));
    return this;
  }

  /**
   * Lists what ECR accepts but is almost surely a mistake: {@code "*"} without a condition,
   * assumed-role session principals, {@code NotPrincipal}, and condition keys that do not exist or
   * need a set operator.
   */
  public List<PolicyWarning> warnings() {
    return document.warnings(KIND);
  }

  /** Renders the policy minified, as it is sent to ECR. */
  public String toJson() {
    return document.toJson();
  }

  /** Renders the policy indented, for files and reviews. It parses back to an equal policy. */
  public String toPrettyJson() {
    return document.toPrettyJson();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RegistryPolicy that && document.isEquivalentTo(that.document);
  }

  @Override
  public int hashCode() {
    return document.equivalenceHash();
  }

  /** Returns the policy's minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  /**
   * An immutable registry policy being written. Every method returns a new builder, so a partial
   * policy can be kept and extended twice.
   */
  @CheckReturnValue
  public static final class Builder {

    private final IamDocument draft;

    private Builder(IamDocument draft) {
      this.draft = draft;
    }

    /** Sets the policy language version. The default is 2012-10-17. */
    public Builder version(PolicyVersion version) {
      return new Builder(draft.withVersion(Objects.requireNonNull(version, "version")));
    }

    /** Sets the policy's optional {@code Id} element. */
    public Builder id(@Nullable String id) {
      return new Builder(draft.withId(id));
    }

    /** Adds statements. */
    public Builder statement(PolicyStatement statement, PolicyStatement... more) {
      return new Builder(draft.plus(Lists.of(statement, "statement", "more", more)));
    }

    /** Adds statements. */
    public Builder statements(Collection<PolicyStatement> statements) {
      return new Builder(draft.plus(Lists.copyOf(statements, "statements")));
    }

    /**
     * Validates the policy for an account with scope V2 and returns it. For an account still on
     * scope V1, use {@link #build(RegistryPolicyScope)}.
     *
     * @throws InvalidPolicyException listing every violation
     */
    public RegistryPolicy build() {
      return build(RegistryPolicyScope.V2);
    }

    /**
     * Validates the policy for an account with the given scope and returns it.
     *
     * @throws InvalidPolicyException listing every violation
     */
    public RegistryPolicy build(RegistryPolicyScope scope) {
      return new RegistryPolicy(draft).validate(scope);
    }
  }
}
