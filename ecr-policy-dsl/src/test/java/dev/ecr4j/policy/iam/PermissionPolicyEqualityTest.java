package dev.ecr4j.policy.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.PolicyViolation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Semantic equality, which ignores what IAM ignores, and a seeded random round trip through both
 * the canonical JSON and a rewritten form of it.
 */
class PermissionPolicyEqualityTest {

  private static final String CANONICAL =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Pull\",\"Effect\":\"Allow\",\"Principal\":"
          + "{\"AWS\":[\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::444455556666:role/ci\"]},"
          + "\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"]},{\"Sid\":\"Deny\","
          + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:DeleteRepository\"}]}";

  @Test
  void statementAndListOrderIgnored() {
    String reordered =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Deny\",\"Effect\":\"Deny\",\"Principal\":"
            + "\"*\",\"Action\":\"ecr:DeleteRepository\"},{\"Sid\":\"Pull\",\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":[\"arn:aws:iam::444455556666:role/ci\",\"arn:aws:iam::111122223333:root\"]},"
            + "\"Action\":[\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\"]}]}";

    assertThat(RepositoryPolicy.parse(reordered)).isEqualTo(RepositoryPolicy.parse(CANONICAL));
    assertThat(RepositoryPolicy.parse(reordered).hashCode())
        .isEqualTo(RepositoryPolicy.parse(CANONICAL).hashCode());
  }

  @Test
  void stringAndOneElementListEqual() {
    String listed =
        CANONICAL.replace(
            "\"Action\":\"ecr:DeleteRepository\"", "\"Action\":[\"ecr:DeleteRepository\"]");

    assertThat(RepositoryPolicy.parse(listed)).isEqualTo(RepositoryPolicy.parse(CANONICAL));
  }

  @Test
  void whitespaceIgnored() {
    String spaced =
        "\r\n " + RepositoryPolicy.parse(CANONICAL).toPrettyJson().replace("\n", "\n\t \r\n");

    assertThat(RepositoryPolicy.parse(spaced)).isEqualTo(RepositoryPolicy.parse(CANONICAL));
  }

  @Test
  void accountIdEqualsRootArn() {
    String bareId = CANONICAL.replace("arn:aws:iam::111122223333:root", "111122223333");

    assertThat(RepositoryPolicy.parse(bareId)).isEqualTo(RepositoryPolicy.parse(CANONICAL));
    assertThat(Principal.account("111122223333"))
        .isEqualTo(Principal.aws("arn:aws:iam::111122223333:root"))
        .hasSameHashCodeAs(Principal.aws("arn:aws:iam::111122223333:root"));
    assertThat(Principal.account("111122223333"))
        .isNotEqualTo(Principal.aws("arn:aws:iam::111122223333:role/root"));
  }

  @Test
  void actionCaseAndConditionKeyCaseIgnored() {
    PolicyStatement written =
        PolicyStatement.allow()
            .principal(Principal.service("lambda.amazonaws.com"))
            .action("ecr:BatchGetImage")
            .condition(Condition.stringLike("aws:sourceArn", "arn:aws:lambda:*"))
            .build();
    PolicyStatement other =
        PolicyStatement.allow()
            .principal(Principal.service("lambda.amazonaws.com"))
            .action("ECR:batchgetimage")
            .condition(Condition.stringLike("aws:SourceArn", "arn:aws:lambda:*"))
            .build();

    assertThat(written).isEqualTo(other).hasSameHashCodeAs(other);
  }

  @Test
  void sidVersionAndIdMatter() {
    RepositoryPolicy policy = RepositoryPolicy.parse(CANONICAL);

    assertThat(RepositoryPolicy.parse(CANONICAL.replace("\"Sid\":\"Pull\"", "\"Sid\":\"Pull2\"")))
        .isNotEqualTo(policy);
    assertThat(RepositoryPolicy.parse(CANONICAL.replace("2012-10-17", "2008-10-17")))
        .isNotEqualTo(policy);
    assertThat(policy.toBuilder().id("x").build()).isNotEqualTo(policy);
  }

  @Test
  void conditionValueOrderIgnoredButValuesMatter() {
    assertThat(Condition.stringEquals("aws:PrincipalOrgID", "o-aaaaaaaaaa", "o-bbbbbbbbbb"))
        .isEqualTo(Condition.stringEquals("aws:PrincipalOrgID", "o-bbbbbbbbbb", "o-aaaaaaaaaa"));
    assertThat(Condition.stringEquals("aws:PrincipalOrgID", "o-aaaaaaaaaa"))
        .isNotEqualTo(Condition.stringLike("aws:PrincipalOrgID", "o-aaaaaaaaaa"));
  }

  @Test
  void repeatedEntriesMatter() {
    String repeated =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "[\"111122223333\",\"111122223333\"]},\"Action\":[\"ecr:BatchGetImage\","
            + "\"ECR:batchgetimage\",\"ecr:PutImage\"]}]}";
    String reordered =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "[\"arn:aws:iam::111122223333:root\",\"111122223333\"]},\"Action\":[\"ecr:PutImage\","
            + "\"ecr:batchGetImage\",\"ecr:BatchGetImage\"]}]}";
    String once =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"111122223333\"},\"Action\":[\"ecr:BatchGetImage\",\"ecr:PutImage\"]}]}";

    assertThat(RepositoryPolicy.parse(repeated))
        .isEqualTo(RepositoryPolicy.parse(reordered))
        .hasSameHashCodeAs(RepositoryPolicy.parse(reordered))
        .isNotEqualTo(RepositoryPolicy.parse(once));
    assertThat(RepositoryPolicy.parse(repeated).hashCode())
        .isNotEqualTo(RepositoryPolicy.parse(once).hashCode());
  }

  @Test
  void repeatedStatementMatters() {
    PolicyStatement pull = PolicyPresets.crossAccountPull("111122223333");
    RepositoryPolicy once = RepositoryPolicy.of(pull);
    RepositoryPolicy twice = RepositoryPolicy.of(pull, pull);

    assertThat(twice).isNotEqualTo(once);
    assertThat(once.violations()).isEmpty();
    assertThat(twice.violations())
        .extracting(PolicyViolation::path)
        .containsExactly("$.Statement[1].Sid");
  }

  @Test
  void repeatedConditionMatters() {
    Condition orgId = Condition.stringEquals("aws:PrincipalOrgID", "o-aaaaaaaaaa");
    PolicyStatement.Builder pull = PolicyStatement.allow().principal(Principal.everyone());

    PolicyStatement once = pull.condition(orgId).build();
    PolicyStatement twice =
        new PolicyStatement(
            null,
            Effect.ALLOW,
            once.principals(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(orgId, orgId));

    assertThat(twice).isNotEqualTo(once);
  }

  @Test
  void repeatedConditionValueIgnored() {
    Condition twice = Condition.stringEquals("aws:PrincipalOrgID", "o-aaaaaaaaaa", "o-aaaaaaaaaa");
    Condition once = Condition.stringEquals("aws:PrincipalOrgID", "o-aaaaaaaaaa");

    assertThat(twice).isEqualTo(once).hasSameHashCodeAs(once);
    assertThat(PolicyStatement.allow().condition(twice).build().toJson())
        .isEqualTo(PolicyStatement.allow().condition(once).build().toJson());
  }

  @Test
  void builderSkipsRepeatedEntries() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .principal(Principal.account("111122223333"))
            .actions(EcrActions.PULL)
            .actions(EcrActions.PUSH)
            .build();

    assertThat(statement.actions())
        .containsExactly(
            "ecr:BatchGetImage",
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchCheckLayerAvailability",
            "ecr:InitiateLayerUpload",
            "ecr:UploadLayerPart",
            "ecr:CompleteLayerUpload",
            "ecr:PutImage");
  }

  @Test
  void partialBuilderReusable() {
    PolicyStatement.Builder base =
        PolicyStatement.allow().principal(Principal.account("111122223333"));

    PolicyStatement pull = base.sid("Pull").actions(EcrActions.PULL).build();
    PolicyStatement push = base.sid("Push").actions(EcrActions.PUSH).build();

    assertThat(pull.actions()).hasSize(3);
    assertThat(push.actions()).hasSize(5);
    assertThat(base.build().actions()).isEmpty();
  }

  /** Renders random policies, parses them back in canonical and rewritten forms, and compares. */
  @Test
  void randomPoliciesRoundTrip() {
    Random random = new Random(20261205L);
    for (int iteration = 0; iteration < 1_000; iteration++) {
      RegistryPolicy policy = RegistryPolicy.of(randomStatements(random));

      RegistryPolicy parsed = RegistryPolicy.parse(policy.toJson());
      assertThat(parsed).isEqualTo(policy);
      assertThat(parsed.toJson()).isEqualTo(policy.toJson());
      assertThat(parsed.statements()).containsExactlyElementsOf(policy.statements());
      assertThat(RegistryPolicy.parse(policy.toPrettyJson()).toJson()).isEqualTo(policy.toJson());

      String rewritten = rewrite(policy, random);
      assertThat(RegistryPolicy.parse(rewritten)).as(rewritten).isEqualTo(policy);
      assertThat(RegistryPolicy.parse(rewritten).hashCode()).isEqualTo(policy.hashCode());
    }
  }

  private static final List<String> ACCOUNTS = List.of("111122223333", "444455556666");
  private static final List<String> ROLES =
      List.of("arn:aws:iam::123456789012:role/ci", "arn:aws:iam::123456789012:role/team/dev");
  private static final List<String> SERVICES =
      List.of("lambda.amazonaws.com", "codebuild.amazonaws.com");
  private static final List<String> ACTIONS =
      List.of(
          "ecr:BatchGetImage",
          "ecr:PutImage",
          "ecr:Describe*",
          "ecr:*",
          "ecr:ReplicateImage",
          "ecr:CreateRepository");
  private static final List<String> OPERATORS =
      List.of("StringEquals", "StringLike", "ArnLike", "ForAnyValue:StringLike", "BoolIfExists");

  static List<PolicyStatement> randomStatements(Random random) {
    List<PolicyStatement> statements = new ArrayList<>();
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      PolicyStatement.Builder builder =
          PolicyStatement.builder(random.nextBoolean() ? Effect.ALLOW : Effect.DENY);
      if (random.nextBoolean()) {
        builder = builder.sid("S" + i + "x" + random.nextInt(100));
      }
      if (random.nextInt(5) == 0) {
        builder = builder.principal(Principal.everyone());
      } else {
        for (int p = 0; p <= random.nextInt(3); p++) {
          builder = builder.principal(randomPrincipal(random));
        }
      }
      List<String> actions = new ArrayList<>();
      for (int a = 0; a <= random.nextInt(3); a++) {
        actions.add(ACTIONS.get(random.nextInt(ACTIONS.size())));
      }
      builder = random.nextInt(6) == 0 ? builder.notActions(actions) : builder.actions(actions);
      builder =
          builder.resource(
              "arn:aws:ecr:us-east-1:123456789012:repository/" + "p" + random.nextInt(9) + "*");
      for (int c = 0; c < random.nextInt(3); c++) {
        String operator = OPERATORS.get(random.nextInt(OPERATORS.size()));
        builder =
            builder.condition(
                Condition.of(
                    operator,
                    "aws:Key" + c,
                    randomValue(random),
                    random.nextBoolean() ? new String[] {randomValue(random)} : new String[0]));
      }
      statements.add(builder.build());
    }
    return statements;
  }

  private static Principal randomPrincipal(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> Principal.account(ACCOUNTS.get(random.nextInt(ACCOUNTS.size())));
      case 1 -> Principal.aws(ROLES.get(random.nextInt(ROLES.size())));
      default -> Principal.service(SERVICES.get(random.nextInt(SERVICES.size())));
    };
  }

  private static String randomValue(Random random) {
    String alphabet = "ab:/*?-\"\\\u00e9 ${}";
    StringBuilder value = new StringBuilder();
    for (int i = 0; i <= random.nextInt(10); i++) {
      value.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return value.toString();
  }

  /**
   * Writes {@code policy} in another form IAM accepts: statements and entries shuffled, every
   * element as an array, account IDs as root ARNs and {@code "*"} as {@code {"AWS": "*"}}, with
   * extra whitespace.
   */
  private static String rewrite(RegistryPolicy policy, Random random) {
    List<PolicyStatement> statements = new ArrayList<>(policy.statements());
    Collections.shuffle(statements, random);
    List<String> rendered = new ArrayList<>();
    for (PolicyStatement statement : statements) {
      List<String> parts = new ArrayList<>();
      if (statement.sid() != null) {
        parts.add(quote("Sid") + " : " + quote(statement.sid()));
      }
      parts.add(quote("Effect") + ":" + quote(statement.effect().json()));
      List<String> aws = new ArrayList<>();
      List<String> services = new ArrayList<>();
      for (Principal principal : statement.principals()) {
        if (principal.type() == Principal.Type.SERVICE) {
          services.add(principal.value());
        } else if (principal.value().matches("\\d{12}")) {
          aws.add("arn:aws:iam::" + principal.value() + ":root");
        } else {
          aws.add(principal.value());
        }
      }
      List<String> principalParts = new ArrayList<>();
      if (!services.isEmpty()) {
        principalParts.add(quote("Service") + ":" + array(services, random));
      }
      if (!aws.isEmpty()) {
        principalParts.add(quote("AWS") + ":" + array(aws, random));
      }
      parts.add(quote("Principal") + ": {" + String.join(" , ", principalParts) + "}");
      if (!statement.actions().isEmpty()) {
        parts.add(quote("Action") + ":" + array(statement.actions(), random));
      }
      if (!statement.notActions().isEmpty()) {
        parts.add(quote("NotAction") + ":" + array(statement.notActions(), random));
      }
      parts.add(quote("Resource") + ":" + array(statement.resources(), random));
      if (!statement.conditions().isEmpty()) {
        parts.add(quote("Condition") + ":" + conditions(statement.conditions()));
      }
      Collections.shuffle(parts, random);
      rendered.add("{\n  " + String.join(",\n  ", parts) + "\n}");
    }
    return "{ \"Statement\" : [" + String.join(", ", rendered) + "], \"Version\": \"2012-10-17\" }";
  }

  private static String conditions(List<Condition> conditions) {
    StringBuilder json = new StringBuilder("{");
    List<String> operators = new ArrayList<>();
    for (Condition condition : conditions) {
      if (!operators.contains(condition.operator())) {
        operators.add(condition.operator());
      }
    }
    for (int o = 0; o < operators.size(); o++) {
      String operator = operators.get(o);
      json.append(o == 0 ? "" : ",").append(quote(operator)).append(":{");
      boolean first = true;
      for (Condition condition : conditions) {
        if (condition.operator().equals(operator)) {
          List<String> values = new ArrayList<>(condition.values());
          Collections.reverse(values);
          json.append(first ? "" : ",")
              .append(quote(condition.key().toUpperCase(java.util.Locale.ROOT)))
              .append(":")
              .append(array(values, new Random(values.size())));
          first = false;
        }
      }
      json.append("}");
    }
    return json.append("}").toString();
  }

  private static String array(List<String> values, Random random) {
    List<String> shuffled = new ArrayList<>(values);
    Collections.shuffle(shuffled, random);
    List<String> quoted = new ArrayList<>();
    for (String value : shuffled) {
      quoted.add(quote(value));
    }
    return "[ " + String.join(" ,", quoted) + " ]";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
