package dev.ecr4j.policy.iam;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.ecr4j.policy.internal.Lists;
import dev.ecr4j.policy.internal.PolicyJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One statement of a permission policy: who ({@code Principal}) may or may not ({@code Effect}) do
 * what ({@code Action}), on which resources ({@code Resource}, in registry policies only), and
 * under which {@code Condition}.
 *
 * <pre>{@code
 * PolicyStatement pull = PolicyStatement.allow()
 *     .sid("CrossAccountPull")
 *     .principal(Principal.account("111122223333"))
 *     .actions(EcrActions.PULL)
 *     .build();
 * }</pre>
 *
 * <p>A statement may contain any combination of elements, valid or not, so that a policy read from
 * JSON can be reported in full. The policy that contains it checks it ({@link
 * RepositoryPolicy#violations()}, {@link RegistryPolicy#violations()}). An empty list means that
 * the element is absent.
 *
 * <p>Equality is semantic, as IAM evaluates a statement: the order of the entries of each element
 * does not matter, action names and condition keys are compared without regard to case, and an
 * account ID equals its root ARN. The {@code Sid} is compared exactly. A repeated entry makes a
 * difference, because it is written to the JSON and counts towards ECR's limit on the policy's
 * length, and a repeated condition is invalid.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PolicyStatement {

  private final @Nullable String sid;
  private final Effect effect;
  private final List<Principal> principals;
  private final List<Principal> notPrincipals;
  private final List<String> actions;
  private final List<String> notActions;
  private final List<String> resources;
  private final List<String> notResources;
  private final List<Condition> conditions;

  PolicyStatement(
      @Nullable String sid,
      Effect effect,
      List<Principal> principals,
      List<Principal> notPrincipals,
      List<String> actions,
      List<String> notActions,
      List<String> resources,
      List<String> notResources,
      List<Condition> conditions) {
    this.sid = sid;
    this.effect = Objects.requireNonNull(effect, "effect");
    this.principals = List.copyOf(principals);
    this.notPrincipals = List.copyOf(notPrincipals);
    this.actions = List.copyOf(actions);
    this.notActions = List.copyOf(notActions);
    this.resources = List.copyOf(resources);
    this.notResources = List.copyOf(notResources);
    this.conditions = List.copyOf(conditions);
  }

  /** Starts a statement that allows. */
  @CheckReturnValue
  public static Builder allow() {
    return builder(Effect.ALLOW);
  }

  /** Starts a statement that denies. A deny overrides every allow. */
  @CheckReturnValue
  public static Builder deny() {
    return builder(Effect.DENY);
  }

  /** Starts a statement with the given effect. */
  @CheckReturnValue
  public static Builder builder(Effect effect) {
    return new Builder(
        new PolicyStatement(
            null, effect, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of()));
  }

  /** Returns a builder that starts with this statement's elements. */
  @CheckReturnValue
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Returns the statement ID, or {@code null} when the statement has none. */
  public @Nullable String sid() {
    return sid;
  }

  /** Returns whether the statement allows or denies. */
  public Effect effect() {
    return effect;
  }

  /** Returns the entries of the {@code Principal} element, empty when it is absent. */
  public List<Principal> principals() {
    return principals;
  }

  /** Returns the entries of the {@code NotPrincipal} element, empty when it is absent. */
  public List<Principal> notPrincipals() {
    return notPrincipals;
  }

  /** Returns the entries of the {@code Action} element, empty when it is absent. */
  public List<String> actions() {
    return actions;
  }

  /** Returns the entries of the {@code NotAction} element, empty when it is absent. */
  public List<String> notActions() {
    return notActions;
  }

  /** Returns the entries of the {@code Resource} element, empty when it is absent. */
  public List<String> resources() {
    return resources;
  }

  /** Returns the entries of the {@code NotResource} element, empty when it is absent. */
  public List<String> notResources() {
    return notResources;
  }

  /** Returns the conditions, all of which must hold for the statement to apply. */
  public List<Condition> conditions() {
    return conditions;
  }

  /** Renders the statement as minified JSON, the form it takes inside a policy. */
  public String toJson() {
    return PolicyJson.minified(IamPolicyJson.statement(this));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof PolicyStatement that
        && Objects.equals(sid, that.sid)
        && effect == that.effect
        && Lists.equalIgnoringOrder(principals, that.principals)
        && Lists.equalIgnoringOrder(notPrincipals, that.notPrincipals)
        && Lists.equalIgnoringOrder(actions, that.actions, PolicyStatement::lowerCase)
        && Lists.equalIgnoringOrder(notActions, that.notActions, PolicyStatement::lowerCase)
        && Lists.equalIgnoringOrder(resources, that.resources)
        && Lists.equalIgnoringOrder(notResources, that.notResources)
        && Lists.equalIgnoringOrder(conditions, that.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        sid,
        effect,
        Lists.hashIgnoringOrder(principals),
        Lists.hashIgnoringOrder(notPrincipals),
        Lists.hashIgnoringOrder(actions, PolicyStatement::lowerCase),
        Lists.hashIgnoringOrder(notActions, PolicyStatement::lowerCase),
        Lists.hashIgnoringOrder(resources),
        Lists.hashIgnoringOrder(notResources),
        Lists.hashIgnoringOrder(conditions));
  }

  /** Returns the statement's minified JSON. */
  @Override
  public String toString() {
    return toJson();
  }

  private static String lowerCase(String action) {
    return action.toLowerCase(Locale.ROOT);
  }

  /**
   * An immutable statement being written. Every method returns a new builder, so a partial
   * statement can be kept and extended twice. Methods that add entries skip entries already
   * present.
   */
  @CheckReturnValue
  public static final class Builder {

    private final PolicyStatement draft;

    private Builder(PolicyStatement draft) {
      this.draft = draft;
    }

    /**
     * Sets the statement ID. IAM allows only ASCII letters and digits, and the IDs of one policy
     * must be unique.
     */
    public Builder sid(@Nullable String sid) {
      return with(
          sid,
          draft.principals,
          draft.notPrincipals,
          draft.actions,
          draft.notActions,
          draft.resources,
          draft.notResources,
          draft.conditions);
    }

    /** Adds principals to the {@code Principal} element. */
    public Builder principal(Principal principal, Principal... more) {
      return principals(Lists.of(principal, "principal", "more", more));
    }

    /** Adds principals to the {@code Principal} element. */
    public Builder principals(Collection<Principal> principals) {
      return with(
          draft.sid,
          plus(draft.principals, principals, "principals"),
          draft.notPrincipals,
          draft.actions,
          draft.notActions,
          draft.resources,
          draft.notResources,
          draft.conditions);
    }

    /**
     * Adds principals to the {@code NotPrincipal} element, which applies the statement to everyone
     * except them. IAM advises against it: prefer a {@code Deny} for {@link Principal#everyone()}
     * with an {@code ArnNotEquals} condition on {@code aws:PrincipalArn}.
     */
    public Builder notPrincipals(Collection<Principal> principals) {
      return with(
          draft.sid,
          draft.principals,
          plus(draft.notPrincipals, principals, "principals"),
          draft.actions,
          draft.notActions,
          draft.resources,
          draft.notResources,
          draft.conditions);
    }

    /** Adds actions, such as {@code ecr:BatchGetImage} or {@code ecr:Describe*}. */
    public Builder action(String action, String... more) {
      return actions(Lists.of(action, "action", "more", more));
    }

    /** Adds actions, for example a group such as {@link EcrActions#PULL}. */
    public Builder actions(Collection<String> actions) {
      return with(
          draft.sid,
          draft.principals,
          draft.notPrincipals,
          plusActions(draft.actions, actions),
          draft.notActions,
          draft.resources,
          draft.notResources,
          draft.conditions);
    }

    /** Adds actions to the {@code NotAction} element: the statement covers every other action. */
    public Builder notAction(String action, String... more) {
      return notActions(Lists.of(action, "action", "more", more));
    }

    /** Adds actions to the {@code NotAction} element. */
    public Builder notActions(Collection<String> actions) {
      return with(
          draft.sid,
          draft.principals,
          draft.notPrincipals,
          draft.actions,
          plusActions(draft.notActions, actions),
          draft.resources,
          draft.notResources,
          draft.conditions);
    }

    /**
     * Adds resource ARNs. Only registry policies have a {@code Resource} element, and ECR rejects a
     * repository policy that has one.
     */
    public Builder resource(String arn, String... more) {
      return resources(Lists.of(arn, "arn", "more", more));
    }

    /** Adds resource ARNs. */
    public Builder resources(Collection<String> arns) {
      return with(
          draft.sid,
          draft.principals,
          draft.notPrincipals,
          draft.actions,
          draft.notActions,
          plus(draft.resources, arns, "arns"),
          draft.notResources,
          draft.conditions);
    }

    /** Adds resource ARNs to the {@code NotResource} element. */
    public Builder notResources(Collection<String> arns) {
      return with(
          draft.sid,
          draft.principals,
          draft.notPrincipals,
          draft.actions,
          draft.notActions,
          draft.resources,
          plus(draft.notResources, arns, "arns"),
          draft.conditions);
    }

    /** Adds conditions. The statement applies only when all of them are true. */
    public Builder condition(Condition condition, Condition... more) {
      return conditions(Lists.of(condition, "condition", "more", more));
    }

    /** Adds conditions. */
    public Builder conditions(Collection<Condition> conditions) {
      return with(
          draft.sid,
          draft.principals,
          draft.notPrincipals,
          draft.actions,
          draft.notActions,
          draft.resources,
          draft.notResources,
          plus(draft.conditions, conditions, "conditions"));
    }

    /**
     * Returns the statement. It is checked as part of the policy that contains it, since what is
     * valid depends on the kind of policy.
     */
    public PolicyStatement build() {
      return draft;
    }

    private Builder with(
        @Nullable String sid,
        List<Principal> principals,
        List<Principal> notPrincipals,
        List<String> actions,
        List<String> notActions,
        List<String> resources,
        List<String> notResources,
        List<Condition> conditions) {
      return new Builder(
          new PolicyStatement(
              sid,
              draft.effect,
              principals,
              notPrincipals,
              actions,
              notActions,
              resources,
              notResources,
              conditions));
    }

    /**
     * Returns {@code existing} with the entries of {@code added} that it does not contain yet.
     *
     * @param name the parameter that {@code added} was passed as, for the message of the exception
     */
    private static <T> List<T> plus(List<T> existing, Collection<T> added, String name) {
      List<T> values = new ArrayList<>(existing);
      for (T value : Lists.copyOf(added, name)) {
        if (!values.contains(value)) {
          values.add(value);
        }
      }
      return values;
    }

    private static List<String> plusActions(List<String> existing, Collection<String> added) {
      List<String> values = new ArrayList<>(existing);
      for (String value : Lists.copyOf(added, "actions")) {
        boolean present = values.stream().anyMatch(action -> action.equalsIgnoreCase(value));
        if (!present) {
          values.add(value);
        }
      }
      return values;
    }
  }
}
