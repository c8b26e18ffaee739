package dev.ecr4j.policy.iam;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import dev.ecr4j.policy.internal.Lists;
import dev.ecr4j.policy.internal.PolicyJson;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The content shared by repository and registry policies: the version, the optional {@code Id} and
 * the statements, with the JSON, validation and equality that both kinds use.
 */
record IamDocument(PolicyVersion version, @Nullable String id, List<PolicyStatement> statements) {

  static final IamDocument EMPTY = new IamDocument(PolicyVersion.V2012_10_17, null, List.of());

  IamDocument {
    Objects.requireNonNull(version, "version");
    statements = Lists.copyOf(statements, "statements");
  }

  IamDocument withVersion(PolicyVersion newVersion) {
    return new IamDocument(newVersion, id, statements);
  }

  IamDocument withId(@Nullable String newId) {
    return new IamDocument(version, newId, statements);
  }

  /**
   * Returns this document with {@code added} appended. Callers check the statements for null first,
   * so that the message names their own parameter.
   */
  IamDocument plus(List<PolicyStatement> added) {
    List<PolicyStatement> all = new ArrayList<>(statements);
    all.addAll(added);
    return new IamDocument(version, id, all);
  }

  Optional<PolicyStatement> statement(String sid) {
    return statements.stream().filter(statement -> sid.equals(statement.sid())).findFirst();
  }

  List<String> paths() {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < statements.size(); i++) {
      paths.add("$.Statement[" + i + "]");
    }
    return paths;
  }

  ObjectNode toJsonTree() {
    return IamPolicyJson.document(version, id, statements);
  }

  String toJson() {
    return PolicyJson.minified(toJsonTree());
  }

  String toPrettyJson() {
    return PolicyJson.pretty(toJsonTree());
  }

  List<PolicyViolation> violations(IamPolicyValidator.Kind kind, RegistryPolicyScope scope) {
    return IamPolicyValidator.validate(
        kind, scope, statements, paths(), statements.size(), toJson().length());
  }

  List<PolicyWarning> warnings(IamPolicyValidator.Kind kind) {
    return IamPolicyLinter.warnings(kind, version, statements, paths());
  }

  void validate(IamPolicyValidator.Kind kind, RegistryPolicyScope scope) {
    List<PolicyViolation> violations = violations(kind, scope);
    if (!violations.isEmpty()) {
      throw new InvalidPolicyException(kind.title, violations);
    }
  }

  static IamDocument parse(String json, IamPolicyValidator.Kind kind) {
    IamPolicyParser.Result result = IamPolicyParser.parse(json, kind.subject);
    if (!result.violations().isEmpty()) {
      throw new InvalidPolicyException(kind.title, result.violations());
    }
    return new IamDocument(result.version(), result.id(), result.statements());
  }

  /** Parses and validates {@code json} completely, without throwing. */
  static <T> PolicyCheck<T> check(
      String json,
      IamPolicyValidator.Kind kind,
      RegistryPolicyScope scope,
      Function<IamDocument, T> wrap) {
    IamPolicyParser.Result parsed = IamPolicyParser.parse(json, kind.subject);
    boolean readable = parsed.violations().isEmpty();
    IamDocument document =
        readable ? new IamDocument(parsed.version(), parsed.id(), parsed.statements()) : null;

    List<PolicyViolation> violations = new ArrayList<>(parsed.violations());
    int minifiedLength = document == null ? -1 : document.toJson().length();
    violations.addAll(
        IamPolicyValidator.validate(
            kind,
            scope,
            parsed.statements(),
            parsed.statementPaths(),
            parsed.statementCount(),
            minifiedLength));

    if (document == null) {
      return new PolicyCheck<>(null, violations, List.of());
    }
    List<PolicyWarning> warnings = new ArrayList<>(parsed.warnings());
    warnings.addAll(
        IamPolicyLinter.warnings(
            kind, document.version, parsed.statements(), parsed.statementPaths()));
    return new PolicyCheck<>(wrap.apply(document), violations, warnings);
  }

  /**
   * Merges {@code other} into this document: its statements are added, except those equal to one
   * already here. The newer version of the two is kept, and this document's Id when it has one.
   *
   * @throws InvalidPolicyException when both define a statement with the same Sid but different
   *     content
   */
  IamDocument merge(IamDocument other, IamPolicyValidator.Kind kind) {
    List<PolicyStatement> merged = new ArrayList<>(statements);
    List<PolicyViolation> conflicts = new ArrayList<>();
    for (int i = 0; i < other.statements.size(); i++) {
      PolicyStatement statement = other.statements.get(i);
      if (new HashSet<>(merged).contains(statement)) {
        continue;
      }
      String sid = statement.sid();
      Optional<PolicyStatement> clash = sid == null ? Optional.empty() : statement(sid);
      if (clash.isPresent()) {
        conflicts.add(
            new PolicyViolation(
                "$.Statement[" + i + "].Sid",
                null,
                "Both policies have a statement with the Sid \""
                    + sid
                    + "\", with different content: "
                    + clash.get().toJson()
                    + " and "
                    + statement.toJson()
                    + ".",
                "Rename one of the statements, or decide which one to keep before merging.",
                null));
        continue;
      }
      merged.add(statement);
    }
    if (!conflicts.isEmpty()) {
      throw new InvalidPolicyException("Merged " + kind.subject, conflicts);
    }
    PolicyVersion newer =
        version == PolicyVersion.V2012_10_17 || other.version == PolicyVersion.V2012_10_17
            ? PolicyVersion.V2012_10_17
            : PolicyVersion.V2008_10_17;
    return new IamDocument(newer, id != null ? id : other.id, merged);
  }

  /**
   * Compares as IAM does: the order of statements does not matter. A repeated statement does,
   * because it lengthens the policy text, which ECR limits, and with a Sid it is invalid.
   */
  boolean isEquivalentTo(IamDocument other) {
    return version == other.version
        && Objects.equals(id, other.id)
        && Lists.equalIgnoringOrder(statements, other.statements);
  }

  int equivalenceHash() {
    return Objects.hash(version, id, Lists.hashIgnoringOrder(statements));
  }
}
