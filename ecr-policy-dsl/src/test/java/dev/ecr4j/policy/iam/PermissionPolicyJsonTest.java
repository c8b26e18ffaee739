package dev.ecr4j.policy.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyCheck;
import dev.ecr4j.policy.PolicyViolation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionPolicyJsonTest {

  private static final String PULL_POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"CrossAccountPull\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":[\"ecr:BatchGetImage\","
          + "\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchCheckLayerAvailability\"]}]}";

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void nullArgumentsNamed() {
    Principal account = Principal.account("111122223333");

    assertThatThrownBy(() -> RepositoryPolicy.check(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("json");
    assertThatThrownBy(() -> RegistryPolicy.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("json");
    assertThatThrownBy(() -> RepositoryPolicy.of((PolicyStatement[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("statements");
    assertThatThrownBy(() -> RepositoryPolicy.builder().statements(Arrays.asList(null, null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("statements must not contain null");
    assertThatThrownBy(() -> PolicyStatement.allow().principal(account, (Principal[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("more");
    assertThatThrownBy(() -> PolicyStatement.allow().principal(account, (Principal) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("more must not contain null");
    assertThatThrownBy(() -> Condition.stringLike("aws:SourceArn", "arn:*", (String[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("morePatterns");
    assertThatThrownBy(() -> PolicyPresets.crossAccountPull("111122223333", "x", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("moreAccountIds must not contain null");
  }

  @Test
  void toJsonMatchesCanonicalTextExactly() {
    assertThat(RepositoryPolicy.parse(PULL_POLICY).toJson()).isEqualTo(PULL_POLICY);
  }

  @Test
  void builderRendersFixedKeyOrder() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .condition(Condition.stringEquals("aws:SourceAccount", "123456789012"))
            .resource("arn:aws:ecr:us-east-1:123456789012:repository/*")
            .action("ecr:ReplicateImage")
            .principal(Principal.account("111122223333"))
            .sid("Replication")
            .build();

    RegistryPolicy policy = RegistryPolicy.builder().id("registry").statement(statement).build();

    assertThat(policy.toJson())
        .isEqualTo(
            "{\"Version\":\"2012-10-17\",\"Id\":\"registry\",\"Statement\":[{\"Sid\":\"Replication\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"ecr:ReplicateImage\","
                + "\"Resource\":\"arn:aws:ecr:us-east-1:123456789012:repository/*\",\"Condition\":"
                + "{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}}]}");
  }

  @Test
  void principalTypesRenderAwsThenService() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .principal(Principal.service("lambda.amazonaws.com"))
            .principal(Principal.aws("arn:aws:iam::123456789012:role/a"))
            .principal(Principal.aws("arn:aws:iam::123456789012:role/b"))
            .action("ecr:BatchGetImage")
            .build();

    assertThat(statement.toJson())
        .isEqualTo(
            "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::123456789012:role/a\","
                + "\"arn:aws:iam::123456789012:role/b\"],\"Service\":\"lambda.amazonaws.com\"},"
                + "\"Action\":\"ecr:BatchGetImage\"}");
  }

  @Test
  void everyoneRendersAsBareStar() {
    PolicyStatement statement =
        PolicyStatement.deny().principal(Principal.everyone()).action("ecr:*").build();

    assertThat(statement.toJson())
        .isEqualTo("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"ecr:*\"}");
  }

  @Test
  void conditionsGroupByOperator() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .principal(Principal.service("codebuild.amazonaws.com"))
            .action("ecr:BatchGetImage")
            .condition(
                Condition.arnLike(
                    "aws:SourceArn", "arn:aws:codebuild:us-east-1:123456789012:project/a"),
                Condition.stringEquals("aws:SourceAccount", "123456789012"),
                Condition.arnLike(
                    "aws:PrincipalArn",
                    "arn:aws:iam::123456789012:role/x",
                    "arn:aws:iam::*:role/y"))
            .build();

    assertThat(statement.toJson())
        .endsWith(
            "\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:codebuild:us-east-1:123456789012:project/a\","
                + "\"aws:PrincipalArn\":[\"arn:aws:iam::123456789012:role/x\",\"arn:aws:iam::*:role/y\"]},"
                + "\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}}");
  }

  @Test
  void parseAcceptsEveryFormEcrReturns() {
    String loose =
        "{\"Version\":\"2008-10-17\",\"Statement\":{\"Sid\":\"Pull\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":[\"111122223333\"],\"Service\":\"lambda.amazonaws.com\"},"
            + "\"Action\":\"ecr:BatchGetImage\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":true},"
            + "\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":3600}}}}";

    RepositoryPolicy policy = RepositoryPolicy.parse(loose);

    assertThat(policy.version()).isEqualTo(PolicyVersion.V2008_10_17);
    PolicyStatement statement = policy.statements().get(0);
    assertThat(statement.principals())
        .containsExactly(Principal.aws("111122223333"), Principal.service("lambda.amazonaws.com"));
    assertThat(statement.actions()).containsExactly("ecr:BatchGetImage");
    assertThat(statement.conditions())
        .containsExactly(
            Condition.bool("aws:SecureTransport", true),
            Condition.of("NumericLessThan", "aws:MultiFactorAuthAge", "3600"));
    assertThat(policy.violations()).isEmpty();
  }

  @Test
  void bareStarAndAwsStarParseAlike() {
    String bare =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
            + "\"Action\":\"ecr:*\"}]}";
    String keyed = bare.replace("\"Principal\":\"*\"", "\"Principal\":{\"AWS\":\"*\"}");

    assertThat(RepositoryPolicy.parse(keyed)).isEqualTo(RepositoryPolicy.parse(bare));
    assertThat(RepositoryPolicy.parse(keyed).toJson()).isEqualTo(bare);
  }

  @Test
  void prettyJsonParsesBackToEqualPolicy() {
    RepositoryPolicy policy = RepositoryPolicy.parse(PULL_POLICY);

    assertThat(policy.toPrettyJson()).contains("\n  \"Statement\"");
    assertThat(RepositoryPolicy.parse(policy.toPrettyJson())).isEqualTo(policy);
    assertThat(RepositoryPolicy.parse(policy.toPrettyJson()).toJson()).isEqualTo(PULL_POLICY);
  }

  @Test
  void lowerCaseElementReportedAsCaseSensitive() {
    String text = PULL_POLICY.replace("\"Effect\"", "\"effect\"");

    assertThatThrownBy(() -> RepositoryPolicy.parse(text))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.violations())
                  .extracting(PolicyViolation::path)
                  .containsExactly("$.Statement[0].effect", "$.Statement[0].Effect");
              PolicyViolation unknown = e.violations().get(0);
              assertThat(unknown.message())
                  .isEqualTo(
                      "Unknown statement element \"effect\"; IAM element names are case-sensitive,"
                          + " so it is not \"Effect\".");
              assertThat(unknown.fix()).isEqualTo("Write \"Effect\".");
              assertThat(e.violations().get(1).message())
                  .isEqualTo("The required element \"Effect\" is missing.");
            });
  }

  @Test
  void misspelledElementGetsSuggestion() {
    String text = PULL_POLICY.replace("\"Principal\"", "\"Principle\"");

    PolicyCheck<RepositoryPolicy> check = RepositoryPolicy.check(text);

    assertThat(check.isValid()).isFalse();
    assertThat(check.violations())
        .filteredOn(v -> v.path().equals("$.Statement[0].Principle"))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.message())
                  .isEqualTo(
                      "Unknown statement element \"Principle\"; IAM rejects elements its policy"
                          + " grammar lacks.");
              assertThat(v.fix()).isEqualTo("Did you mean \"Principal\"? Rename the key.");
            });
  }

  @Test
  void parseReportsEveryStructuralProblem() {
    String text =
        "{\"Version\":\"2012-10-18\",\"Statment\":[],\"Statement\":[{\"Effect\":\"allow\","
            + "\"Principal\":{\"aws\":\"111122223333\",\"Federated\":\"cognito-identity.amazonaws.com\"},"
            + "\"Action\":[],\"Resource\":5,\"Condition\":{\"StringEquals\":{\"aws:SourceIp\":[null]}}},"
            + "\"text\",{\"Effect\":\"Deny\",\"Principal\":\"arn:aws:iam::111122223333:root\","
            + "\"Sid\":7}]}";

    InvalidPolicyException e = catchInvalid(text);

    assertThat(e.violations())
        .extracting(PolicyViolation::path)
        .containsExactly(
            "$.Statment",
            "$.Version",
            "$.Statement[0].Effect",
            "$.Statement[0].Principal.aws",
            "$.Statement[0].Principal.Federated",
            "$.Statement[0].Action",
            "$.Statement[0].Resource",
            "$.Statement[0].Condition['StringEquals']['aws:SourceIp'][0]",
            "$.Statement[1]",
            "$.Statement[2].Sid",
            "$.Statement[2].Principal");
    assertThat(e.getMessage()).startsWith("Repository policy is invalid (11 violations):");
    assertThat(e.violations().get(0).fix())
        .isEqualTo("Did you mean \"Statement\"? Rename the key.");
    assertThat(e.violations().get(2).fix()).isEqualTo("Write \"Allow\".");
    assertThat(e.violations().get(3).fix())
        .isEqualTo("Write \"AWS\"; principal types are case-sensitive.");
    assertThat(e.violations().get(4).message())
        .isEqualTo(
            "\"Federated\" principals are not supported in ECR policies, only AWS and Service.");
    assertThat(e.violations().get(10).fix())
        .isEqualTo("List it by type: {\"AWS\": \"arn:aws:iam::111122223333:root\"}.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "not json",
        "{\"Statement\":[",
        "[]",
        "\"policy\"",
        "{}",
        "{\"Statement\":\"x\"}",
        "{\"Statement\":[1]}",
        "{\"Statement\":[]}",
        "{\"Version\":\"2012-10-17\",\"Statement\":[]} trailing",
        "{\"Statement\":[],\"Statement\":[]}",
        "{\"Version\":2012,\"Statement\":[{}]}",
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Condition\":[]}]}",
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Condition\":{\"Bool\":true}}]}",
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{}}]}",
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":[\"*\"]}]}"
      })
  void malformedDocumentsRejectedWithoutCrash(String text) {
    for (PolicyCheck<?> check : List.of(RepositoryPolicy.check(text), RegistryPolicy.check(text))) {
      assertThat(check.isValid()).isFalse();
      assertThat(check.violations()).isNotEmpty();
      assertThat(check.violations())
          .allSatisfy(
              violation -> {
                assertThat(violation.message()).isNotBlank();
                assertThat(violation.fix()).isNotBlank();
              });
    }
  }

  @Test
  void missingVersionReadAs2008WithWarning() {
    String text =
        "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},"
            + "\"Action\":\"ecr:BatchGetImage\"}]}";

    PolicyCheck<RepositoryPolicy> check = RepositoryPolicy.check(text);

    assertThat(check.isValid()).isTrue();
    assertThat(check.parsed())
        .get()
        .extracting(RepositoryPolicy::version)
        .isEqualTo(PolicyVersion.V2008_10_17);
    assertThat(check.warnings())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("$.Version");
              assertThat(w.hint())
                  .isEqualTo("Add \"Version\": \"2012-10-17\" as the first element.");
            });
  }

  @Test
  void checkNeverThrowsAndKeepsValue() {
    String text = PULL_POLICY.replace("ecr:BatchGetImage", "ecr:BatchGetImages");

    PolicyCheck<RepositoryPolicy> check = RepositoryPolicy.check(text);

    assertThat(check.parsed()).isPresent();
    assertThat(check.isValid()).isFalse();
    assertThat(check.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.Statement[0].Action[0]");
              assertThat(v.message()).isEqualTo("\"ecr:BatchGetImages\" is not an ECR action.");
              assertThat(v.fix()).isEqualTo("Did you mean \"ecr:BatchGetImage\"?");
            });
  }

  @Test
  void singleStatementObjectKeepsItsPath() {
    String text =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"111122223333\"},\"Action\":\"ecr:Pull\"}}";

    assertThat(RepositoryPolicy.check(text).violations())
        .extracting(PolicyViolation::path)
        .containsExactly("$.Statement.Action");
  }

  private static InvalidPolicyException catchInvalid(String text) {
    try {
      RepositoryPolicy.parse(text);
    } catch (InvalidPolicyException e) {
      return e;
    }
    throw new AssertionError("expected an InvalidPolicyException");
  }
}
