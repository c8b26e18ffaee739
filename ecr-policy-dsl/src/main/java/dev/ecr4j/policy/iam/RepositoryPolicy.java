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
 * An Amazon ECR repository policy: the resource policy of one repository, set with {@code
 * SetRepositoryPolicy}.
 *
 * <h2>Building</h2>
 *
 * <pre>{@code
 * RepositoryPolicy policy = RepositoryPolicy.builder()
 *     .statement(PolicyPresets.crossAccountPull("111122223333", "444455556666"))
 *     .statement(PolicyPresets.ciPush("arn:aws:iam::123456789012:role/ci"))
 *     .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} validates the policy; {@link #of(List)} does not, so that policies
 * assembled at run time can be reported in full by {@link #violations()}.
 *
 * <h2>ECR's rules</h2>
 *
 * <p>A repository policy applies to its repository, so its statements have no {@code Resource}
 * element. Each statement needs a principal, and the text may be at most 10,240 characters. See
 * {@link #violations()}.
 *
 * <h2>JSON</h2>
 *
 * <p>{@link #toJson()} renders minified JSON in a fixed key order: {@code Version}, {@code Id},
 * {@code Statement}, and in each statement {@code Sid}, {@code Effect}, {@code Principal}, {@code
 * Action}, {@code Condition}. {@link #parse(String)} reads every form IAM accepts: a single
 * statement object instead of an array, a string instead of a one-element list, and {@code
 * "Principal": "*"}.
 *
 * <h2>Equality</h2>
 *
 * <p>Equality is semantic, as in IAM: the order of the statements and of their entries, a string
 * versus a one-element list, whitespace, the case of action names and condition keys, and an
 * account ID versus its root ARN do not matter. The version, the {@code Id} and each {@code Sid}
 * do.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RepositoryPolicy {

  private static final IamPolicyValidator.Kind KIND = IamPolicyValidator.Kind.REPOSITORY;

  private final IamDocument document;

  private RepositoryPolicy(IamDocument document) {
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
  public static RepositoryPolicy of(List<PolicyStatement> statements) {
    return new RepositoryPolicy(IamDocument.EMPTY.plus(Lists.copyOf(statements, "statements")));
  }

  /** Creates a policy of version 2012-10-17 from statements, without validating it. */
  public static RepositoryPolicy of(PolicyStatement... statements) {
    return of(Arrays.asList(Objects.requireNonNull(statements, "statements")));
  }

  /**
   * Parses repository policy JSON, as written by a person or as returned by {@code
   * GetRepositoryPolicy}.
   *
   * <p>Parsing checks the structure only: well-formed JSON, known elements with IAM's spelling and
   * case, and the JSON types of their values. Statements that are well formed but break ECR's rules
   * are returned as they are; {@link #violations()} lists those.
   *
   * @throws InvalidPolicyException listing every structural problem, each with its JSON path
   * @throws NullPointerException if {@code json} is null
   */
  public static RepositoryPolicy parse(String json) {
    Objects.requireNonNull(json, "json");
    return new RepositoryPolicy(IamDocument.parse(json, KIND));
  }

  /**
   * Checks repository policy JSON completely, without throwing: structural problems, ECR's rules
   * for every statement that could be read, and warnings for legal policies that look like
   * mistakes.
   *
   * @throws NullPointerException if {@code json} is null
   */
  public static PolicyCheck<RepositoryPolicy> check(String json) {
    Objects.requireNonNull(json, "json");
    return IamDocument.check(
        json, KIND, RegistryPolicyScope.V2, document -> new RepositoryPolicy(document));
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
   * Returns a policy with the statements of both, for example to combine the grants of two teams
   * into the one policy a repository can have. Statements equal to one of this policy are skipped.
   *
   * @throws InvalidPolicyException when both policies have a statement with the same Sid but
   *     different content
   */
  public RepositoryPolicy merge(RepositoryPolicy other) {
    Objects.requireNonNull(other, "other");
    return new RepositoryPolicy(document.merge(other.document, KIND));
  }

  /**
   * Lists every reason ECR would reject this policy, in statement order. The list is empty for a
   * valid policy. Whether the principals exist is checked only by ECR, which rejects a role or user
   * that does not exist yet with {@code 'Principal not found'}.
   */
  public List<PolicyViolation> violations() {
    return document.violations(KIND, RegistryPolicyScope.V2);
  }

  /**
   * Checks this policy against ECR's rules.
   *
   * @return this policy, for chaining
   * @throws InvalidPolicyException listing every violation
   */
  @CanIgnoreReturnValue
  public RepositoryPolicy validate() {
    document.validate(KIND, RegistryPolicyScope.V2);
    return this;
  }

  /**
   * Lists what ECR accepts but is almost surely a mistake: {@code "*"} without a condition,
   * assumed-role session principals, {@code NotPrincipal}, {@code ecr:GetAuthorizationToken} (which
   * a repository policy cannot grant), denying {@code ecr:SetRepositoryPolicy}, and condition keys
   * that do not exist or need a set operator.
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
    return other instanceof RepositoryPolicy that && document.isEquivalentTo(that.document);
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
   * An immutable repository policy being written. Every method returns a new builder, so a partial
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

    /** Adds statements, such as those of {@link PolicyPresets#lambdaPullCrossAccount}. */
    public Builder statements(Collection<PolicyStatement> statements) {
      return new Builder(draft.plus(Lists.copyOf(statements, "statements")));
    }

    /**
     * Validates the policy and returns it.
     *
     * @throws InvalidPolicyException listing every violation
     */
    public RepositoryPolicy build() {
      return new RepositoryPolicy(draft).validate();
    }
  }
}
