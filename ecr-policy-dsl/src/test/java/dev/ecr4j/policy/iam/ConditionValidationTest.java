package dev.ecr4j.policy.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionValidationTest {

  private static RepositoryPolicy policyWith(Condition... conditions) {
    return RepositoryPolicy.of(
        PolicyStatement.allow()
            .principal(Principal.account("111122223333"))
            .actions(EcrActions.PULL)
            .conditions(List.of(conditions))
            .build());
  }

  private static List<PolicyViolation> violations(Condition... conditions) {
    return policyWith(conditions).violations();
  }

  private static List<PolicyWarning> warnings(Condition... conditions) {
    return policyWith(conditions).warnings();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "StringEquals",
        "StringNotEqualsIgnoreCase",
        "StringLike",
        "ArnLike",
        "ArnEquals",
        "ArnNotLikeIfExists",
        "ForAnyValue:StringLike",
        "ForAllValues:StringEquals",
        "ForAnyValue:StringLikeIfExists",
        "DateGreaterThan",
        "BinaryEquals"
      })
  void knownOperatorsAccepted(String operator) {
    assertThat(violations(Condition.of(operator, "aws:PrincipalArn", "x"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "StringEqual | Write \"StringEquals\".",
        "stringequals | Write \"StringEquals\".",
        "ForAnyValue:StringLik | Write \"ForAnyValue:StringLike\".",
        "ArnLikeIfExist | Write \"ArnLikeIfExists\".",
        "Matches | Use an IAM condition operator such as StringEquals, StringLike, ArnLike,"
            + " IpAddress or Bool."
      })
  void unknownOperatorRejectedWithFix(String operator, String fix) {
    assertThat(violations(Condition.of(operator, "aws:PrincipalArn", "x")))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path())
                  .isEqualTo("$.Statement[0].Condition['" + operator + "']['aws:PrincipalArn']");
              assertThat(v.message())
                  .isEqualTo("\"" + operator + "\" is not an IAM condition operator.");
              assertThat(v.fix()).isEqualTo(fix);
            });
  }

  @Test
  void nullIfExistsRejected() {
    assertThat(violations(Condition.of("NullIfExists", "aws:SourceVpce", "true")))
        .singleElement()
        .satisfies(v -> assertThat(v.fix()).isEqualTo("Write \"Null\"."));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"10.0.0.0/8", "203.0.113.7", "2001:db8::/32", "::1", "::ffff:192.0.2.1/128"})
  void validIpRangesAccepted(String range) {
    assertThat(violations(Condition.ipAddress("aws:SourceIp", range))).isEmpty();
    assertThat(violations(Condition.notIpAddress("aws:SourceIp", range))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/33",
        "300.1.1.1",
        "10.0.0",
        "office",
        "2001:db8::/129",
        "1:2:3",
        "1::2::3",
        "10.0.0.0/"
      })
  void invalidIpRangesRejected(String range) {
    assertThat(violations(Condition.ipAddress("aws:SourceIp", range)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.message())
                  .isEqualTo("\"" + range + "\" is not an IP address or a CIDR range.");
              assertThat(v.fix())
                  .isEqualTo(
                      "Write an IPv4 or IPv6 range in CIDR notation, such as 203.0.113.0/24.");
            });
  }

  @Test
  void booleanAndNumericValuesChecked() {
    List<PolicyViolation> found =
        violations(
            Condition.of("Bool", "aws:SecureTransport", "yes"),
            Condition.of("NumericLessThan", "aws:MultiFactorAuthAge", "an hour"),
            Condition.of("Bool", "aws:ViaAWSService", "FALSE"),
            Condition.of("NumericLessThan", "aws:EpochTime", "1767225600"));

    assertThat(found)
        .extracting(PolicyViolation::message)
        .containsExactly(
            "\"yes\" is not a boolean; Bool compares with true or false.",
            "\"an hour\" is not a number; NumericLessThan compares numbers.");
  }

  @Test
  void keyWithoutServicePrefixRejected() {
    assertThat(violations(Condition.stringEquals("SourceAccount", "111122223333")))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .isEqualTo(
                        "\"SourceAccount\" is not a condition key; keys are written"
                            + " service:Name."));
  }

  @Test
  void repeatedOperatorAndKeyRejected() {
    List<PolicyViolation> found =
        violations(
            Condition.stringEquals("aws:PrincipalOrgID", "o-aaaaaaaaaa"),
            Condition.stringEquals("aws:principalorgid", "o-bbbbbbbbbb"));

    assertThat(found)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.message())
                  .isEqualTo(
                      "The key \"aws:principalorgid\" appears twice under \"StringEquals\"; a JSON"
                          + " object can hold it once.");
              assertThat(v.fix())
                  .isEqualTo(
                      "Merge the values into one list, which matches any of them, or use a second"
                          + " operator such as StringLike.");
            });
  }

  @Test
  void multivaluedKeyWithoutSetOperatorWarned() {
    List<PolicyWarning> found =
        warnings(Condition.stringLike("aws:PrincipalOrgPaths", "o-a1b2c3d4e5/r-ab12/ou-ab12-*"));

    assertThat(found)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.message())
                  .isEqualTo(
                      "\"aws:PrincipalOrgPaths\" can have several values in one request, and a"
                          + " condition without ForAnyValue: or ForAllValues: compares them as one"
                          + " string.");
              assertThat(w.hint()).isEqualTo("Write \"ForAnyValue:StringLike\".");
            });
    assertThat(
            warnings(Condition.stringLike("aws:PrincipalOrgPaths", "o-a1b2c3d4e5/*").forAnyValue()))
        .isEmpty();
  }

  @Test
  void setOperatorOnSingleValuedKeyWarned() {
    assertThat(warnings(Condition.stringEquals("aws:SourceAccount", "111122223333").forAllValues()))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.message())
                  .isEqualTo(
                      "\"aws:SourceAccount\" has one value per request, and IAM advises against"
                          + " set operators on single-valued keys. ForAllValues: also matches"
                          + " requests that lack the key.");
              assertThat(w.hint()).isEqualTo("Write \"StringEquals\".");
            });
  }

  @Test
  void unknownGlobalKeyWarnedWithSuggestion() {
    assertThat(warnings(Condition.arnLike("aws:SourceArns", "arn:aws:lambda:*")))
        .singleElement()
        .satisfies(w -> assertThat(w.hint()).isEqualTo("Did you mean \"aws:SourceArn\"?"));
    assertThat(warnings(Condition.stringLike("aws:sourceARN", "arn:aws:lambda:*"))).isEmpty();
    assertThat(warnings(Condition.stringEquals("ecr:ResourceTag/team", "a"))).isEmpty();
    assertThat(warnings(Condition.stringEquals("lambda:FunctionArn", "a"))).isEmpty();
  }

  @Test
  void malformedOrganizationAndAccountValuesWarned() {
    List<PolicyWarning> found =
        warnings(
            Condition.stringEquals("aws:PrincipalOrgID", "my-org"),
            Condition.stringEquals("aws:SourceAccount", "1111-2222-3333"));

    assertThat(found)
        .extracting(PolicyWarning::message)
        .containsExactly(
            "\"my-org\" is not an organization ID, which looks like o-a1b2c3d4e5.",
            "\"1111-2222-3333\" is not a 12-digit account ID.");
  }

  @Test
  void policyVariableIn2008VersionWarned() {
    RepositoryPolicy policy =
        policyWith(Condition.stringLike("aws:PrincipalArn", "arn:aws:iam::*:user/${aws:username}"))
            .toBuilder()
            .version(PolicyVersion.V2008_10_17)
            .build();

    assertThat(policy.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.hint()).isEqualTo("Set \"Version\": \"2012-10-17\"."));
  }
}
