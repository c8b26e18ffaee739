package dev.ecr4j.state;

import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.EncryptionConfiguration;
import dev.ecr4j.policy.registry.ImageTagMutabilityExclusionFilter;
import dev.ecr4j.policy.registry.TagMutability;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a {@link RegistrySpec} as a Java class that builds it with the DSL: factory methods for
 * settings, and {@code parse} of text blocks for documents such as policies. Repositories are split
 * over methods of 100, because a Java method's bytecode is limited to 64 KiB.
 */
final class JavaSpecWriter {

  private static final int REPOSITORIES_PER_METHOD = 100;
  private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Pattern PACKAGE =
      Pattern.compile("([a-z_][a-z0-9_]*)(\\.[a-z_][a-z0-9_]*)*");

  private JavaSpecWriter() {}

  /**
   * Writes the class {@code className} in {@code packageName}. An empty package name writes no
   * package declaration.
   *
   * @throws IllegalArgumentException when a name is not a Java identifier or package name
   */
  static String write(RegistrySpec spec, String packageName, String className) {
    if (!JAVA_NAME.matcher(className).matches()) {
      throw new IllegalArgumentException(
          "className must be a Java identifier such as RegistrySpecification, but was '"
              + className
              + "'");
    }
    if (!packageName.isEmpty() && !PACKAGE.matcher(packageName).matches()) {
      throw new IllegalArgumentException(
          "packageName must be a Java package name such as com.example.ecr, but was '"
              + packageName
              + "'");
    }

    StringBuilder out = new StringBuilder();
    if (!packageName.isEmpty()) {
      out.append("package ").append(packageName).append(";\n\n");
    }
    for (String type :
        List.of(
            "dev.ecr4j.policy.iam.RegistryPolicy",
            "dev.ecr4j.policy.iam.RepositoryPolicy",
            "dev.ecr4j.policy.lifecycle.LifecyclePolicy",
            "dev.ecr4j.policy.registry.AccountSetting",
            "dev.ecr4j.policy.registry.BasicScanTypeVersion",
            "dev.ecr4j.policy.registry.BlobMounting",
            "dev.ecr4j.policy.registry.EncryptionConfiguration",
            "dev.ecr4j.policy.registry.PullThroughCacheRule",
            "dev.ecr4j.policy.registry.RegistryPolicyScope",
            "dev.ecr4j.policy.registry.RepositoryCreationTemplate",
            "dev.ecr4j.policy.registry.ScanningConfiguration",
            "dev.ecr4j.policy.registry.TagMutability",
            "dev.ecr4j.policy.replication.ReplicationConfiguration",
            "dev.ecr4j.state.Ownership",
            "dev.ecr4j.state.RegistrySpec")) {
      out.append("import ").append(type).append(";\n");
    }
    out.append("\n/** The specification of an ECR registry, written by ecr4j import. */\n");
    out.append("public final class ").append(className).append(" {\n\n");
    out.append("  private ").append(className).append("() {}\n\n");
    out.append("  /** Returns the specification. */\n");
    out.append("  public static RegistrySpec spec() {\n");
    out.append("    RegistrySpec.Builder spec = RegistrySpec.builder();\n");
    registry(spec, out);

    List<RepositorySpec> repositories = new ArrayList<>(spec.repositories().values());
    int methods = (repositories.size() + REPOSITORIES_PER_METHOD - 1) / REPOSITORIES_PER_METHOD;
    for (int i = 0; i < methods; i++) {
      out.append("    repositories").append(i).append("(spec);\n");
    }
    for (String name : spec.absentRepositories()) {
      out.append("    spec.noRepository(").append(literal(name)).append(");\n");
    }
    out.append("    return spec.build();\n  }\n");

    for (int i = 0; i < methods; i++) {
      out.append("\n  private static void repositories").append(i);
      out.append("(RegistrySpec.Builder spec) {\n");
      int end = Math.min(repositories.size(), (i + 1) * REPOSITORIES_PER_METHOD);
      for (RepositorySpec repository : repositories.subList(i * REPOSITORIES_PER_METHOD, end)) {
        repository(repository, out);
      }
      out.append("  }\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private static void registry(RegistrySpec spec, StringBuilder out) {
    spec.region().ifPresent(region -> statement(out, "spec.region(" + literal(region) + ")"));
    spec.accountId()
        .ifPresent(account -> statement(out, "spec.accountId(" + literal(account) + ")"));
    for (AccountSetting setting : spec.accountSettings().values()) {
      statement(
          out,
          "spec.accountSetting(AccountSetting.of("
              + setting.value().getClass().getSimpleName()
              + "."
              + setting.value().name()
              + "))");
    }
    desired(
        out,
        "spec",
        "registryPolicy",
        "noRegistryPolicy",
        spec.registryPolicy()
            .map(policy -> parse("RegistryPolicy", policy.toPrettyJson(), "      ")));
    desired(
        out,
        "spec",
        "replication",
        "noReplication",
        spec.replication()
            .map(
                configuration ->
                    parse("ReplicationConfiguration", configuration.toPrettyJson(), "      ")));
    spec.scanning()
        .value()
        .ifPresent(
            scanning ->
                statement(
                    out,
                    "spec.scanning("
                        + parse("ScanningConfiguration", scanning.toPrettyJson(), "      ")
                        + ")"));
    spec.creationTemplates()
        .values()
        .forEach(
            template ->
                statement(
                    out,
                    "spec.creationTemplate("
                        + parse("RepositoryCreationTemplate", template.toPrettyJson(), "      ")
                        + ")"));
    spec.absentCreationTemplates()
        .forEach(prefix -> statement(out, "spec.noCreationTemplate(" + literal(prefix) + ")"));
    spec.pullThroughCacheRules()
        .values()
        .forEach(
            rule ->
                statement(
                    out,
                    "spec.pullThroughCacheRule("
                        + parse("PullThroughCacheRule", rule.toPrettyJson(), "      ")
                        + ")"));
    spec.absentPullThroughCacheRules()
        .forEach(prefix -> statement(out, "spec.noPullThroughCacheRule(" + literal(prefix) + ")"));
    unlisted(out, "unlistedRepositories", spec.unlistedRepositories());
    unlisted(out, "unlistedCreationTemplates", spec.unlistedCreationTemplates());
    unlisted(out, "unlistedPullThroughCacheRules", spec.unlistedPullThroughCacheRules());
  }

  private static void repository(RepositorySpec repository, StringBuilder out) {
    StringBuilder chain = new StringBuilder();
    repository
        .tagMutability()
        .value()
        .ifPresent(mutability -> call(chain, "tagMutability", tagMutability(mutability)));
    repository.scanOnPush().value().ifPresent(scan -> call(chain, "scanOnPush", scan.toString()));
    repository
        .encryption()
        .value()
        .ifPresent(encryption -> call(chain, "encryption", encryption(encryption)));
    repository
        .tags()
        .value()
        .ifPresent(
            tags -> {
              if (tags.isEmpty()) {
                call(chain, "tags", "dev.ecr4j.policy.registry.ResourceTags.empty()");
              }
              tags.asMap()
                  .forEach(
                      (key, value) -> call(chain, "tag", literal(key) + ", " + literal(value)));
            });
    desired(
        chain,
        "lifecyclePolicy",
        "noLifecyclePolicy",
        repository
            .lifecyclePolicy()
            .map(policy -> parse("LifecyclePolicy", policy.toPrettyJson(), "            ")));
    desired(
        chain,
        "repositoryPolicy",
        "noRepositoryPolicy",
        repository
            .repositoryPolicy()
            .map(policy -> parse("RepositoryPolicy", policy.toPrettyJson(), "            ")));
    out.append("    spec.repository(")
        .append(literal(repository.name()))
        .append(", repository -> repository");
    out.append(chain).append(");\n");
  }

  private static void desired(
      StringBuilder out, String target, String setter, String absent, Desired<String> value) {
    switch (value.ownership()) {
      case MANAGED -> statement(out, target + "." + setter + "(" + value.get() + ")");
      case ABSENT -> statement(out, target + "." + absent + "()");
      case UNMANAGED -> {
        // Nothing: unmanaged is the default.
      }
    }
  }

  private static void desired(
      StringBuilder chain, String setter, String absent, Desired<String> value) {
    switch (value.ownership()) {
      case MANAGED -> call(chain, setter, value.get());
      case ABSENT -> call(chain, absent, "");
      case UNMANAGED -> {
        // Nothing: unmanaged is the default.
      }
    }
  }

  private static void unlisted(StringBuilder out, String setter, Ownership ownership) {
    if (ownership == Ownership.ABSENT) {
      statement(out, "spec." + setter + "(Ownership.ABSENT)");
    }
  }

  private static void statement(StringBuilder out, String code) {
    out.append("    ").append(code).append(";\n");
  }

  private static void call(StringBuilder chain, String method, String arguments) {
    chain.append("\n        .").append(method).append('(').append(arguments).append(')');
  }

  private static String tagMutability(TagMutability mutability) {
    List<String> filters = new ArrayList<>();
    for (ImageTagMutabilityExclusionFilter filter : mutability.exclusionFilters()) {
      filters.add(literal(filter.filter()));
    }
    return switch (mutability.mode()) {
      case MUTABLE -> "TagMutability.mutable()";
      case IMMUTABLE -> "TagMutability.immutable()";
      case IMMUTABLE_WITH_EXCLUSION ->
          "TagMutability.immutableExcept(" + String.join(", ", filters) + ")";
      case MUTABLE_WITH_EXCLUSION ->
          "TagMutability.mutableExcept(" + String.join(", ", filters) + ")";
    };
  }

  private static String encryption(EncryptionConfiguration encryption) {
    String key = encryption.kmsKey();
    return switch (encryption.encryptionType()) {
      case AES256 -> "EncryptionConfiguration.aes256()";
      case KMS -> "EncryptionConfiguration.kms(" + (key == null ? "" : literal(key)) + ")";
      case KMS_DSSE -> "EncryptionConfiguration.kmsDsse(" + (key == null ? "" : literal(key)) + ")";
    };
  }

  /**
   * Returns {@code Type.parse("""...""")} with the JSON in a text block indented by {@code indent}.
   */
  private static String parse(String type, String json, String indent) {
    StringBuilder block =
        new StringBuilder(type).append(".parse(\n").append(indent).append("\"\"\"\n");
    for (String line : json.split("\n", -1)) {
      // In a text block a backslash starts an escape, and three quotes end the block.
      String escaped = line.replace("\\", "\\\\").replace("\"\"\"", "\"\"\\\"");
      block.append(indent).append(escaped).append('\n');
    }
    block.append(indent).append("\"\"\")");
    return block.toString();
  }

  /** Returns {@code text} as a Java string literal. */
  static String literal(String text) {
    StringBuilder literal = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> literal.append("\\\"");
        case '\\' -> literal.append("\\\\");
        case '\n' -> literal.append("\\n");
        case '\r' -> literal.append("\\r");
        case '\t' -> literal.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            literal.append(String.format("\\u%04x", (int) c));
          } else {
            literal.append(c);
          }
        }
      }
    }
    return literal.append('"').toString();
  }
}
