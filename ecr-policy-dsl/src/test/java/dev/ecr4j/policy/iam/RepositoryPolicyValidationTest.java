package dev.ecr4j.policy.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.PolicyWarning;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ECR's rules for repository policies, including the rejections reported against real ECR with
 * their exact messages: a Resource element and malformed principals.
 */
class RepositoryPolicyValidationTest {

  private static final String INVALID_REPOSITORY_POLICY =
      "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy"
          + " provided'";

  private static PolicyStatement.Builder pull(Principal principal) {
    return PolicyStatement.allow().principal(principal).actions(EcrActions.PULL);
  }

  private static List<PolicyViolation> violations(PolicyStatement... statements) {
    return RepositoryPolicy.of(statements).violations();
  }

  private static List<PolicyWarning> warnings(PolicyStatement... statements) {
    return RepositoryPolicy.of(statements).warnings();
  }

  @Test
  void resourceRejectedWithEcrText() {
    String text =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Pull\",\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"ecr:BatchGetImage\","
            + "\"Resource\":\"*\"}]}";

    assertThat(RepositoryPolicy.check(text).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.Statement[0].Resource");
              assertThat(v.message())
                  .isEqualTo(
                      "A repository policy applies to its repository, so its statements have no"
                          + " Resource element.");
              assertThat(v.fix()).isEqualTo("Remove \"Resource\".");
              assertThat(v.ecrMessage()).isEqualTo(INVALID_REPOSITORY_POLICY);
              assertThat(v.rulePriority()).isNull();
            });
  }

  @Test
  void notResourceRejectedToo() {
    PolicyStatement statement =
        pull(Principal.account("111122223333")).notResources(List.of("arn:aws:s3:::x")).build();

    assertThat(violations(statement))
        .singleElement()
        .satisfies(v -> assertThat(v.path()).isEqualTo("$.Statement[0].NotResource"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "*",
        "111122223333",
        "arn:aws:iam::111122223333:root",
        "arn:aws-cn:iam::111122223333:root",
        "arn:aws:iam::111122223333:role/ci",
        "arn:aws:iam::111122223333:role/team/dev/ci-runner",
        "arn:aws:iam::111122223333:user/alice@example.com",
        "arn:aws-us-gov:sts::111122223333:assumed-role/deploy/session-1",
        "arn:aws:sts::111122223333:federated-user/bob"
      })
  void wellFormedAwsPrincipalsAccepted(String value) {
    assertThat(violations(pull(Principal.aws(value)).build())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lambda.amazonaws.com",
        "codebuild.amazonaws.com",
        "pullthroughcache.ecr.amazonaws.com",
        "ec2.amazonaws.com.cn"
      })
  void wellFormedServicePrincipalsAccepted(String value) {
    assertThat(violations(pull(Principal.service(value)).build())).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "arn:aws:iam::111122223333:* | \"arn:aws:iam::111122223333:*\" uses a wildcard for the IAM"
            + " resource; IAM accepts no wildcards in principal ARNs. | Write"
            + " arn:aws:iam::111122223333:root to grant the whole account.",
        "11112222333 | \"11112222333\" has 11 digits, but an account ID has 12. | Write the account"
            + " ID with all 12 digits, including leading zeros.",
        "arn:aws:iam::111122223333:group/devs | \"arn:aws:iam::111122223333:group/devs\" is an IAM"
            + " group, and groups cannot be principals. | Name the roles or users, or grant the"
            + " group through an identity policy.",
        "arn:aws:iam::111122223333:role/ci-* | \"arn:aws:iam::111122223333:role/ci-*\" contains a"
            + " wildcard; IAM allows a wildcard only as the whole principal \"*\". | Use the"
            + " principal \"*\" with the condition {\"ArnLike\": {\"aws:PrincipalArn\":"
            + " \"arn:aws:iam::111122223333:role/ci-*\"}}.",
        "alice | \"alice\" is neither an account ID, an IAM or STS ARN, nor \"*\". | Use a 12-digit"
            + " account ID, or an ARN such as arn:aws:iam::123456789012:root,"
            + " arn:aws:iam::123456789012:role/name or arn:aws:iam::123456789012:user/name.",
        "AROAEXAMPLEROLEID1234 | \"AROAEXAMPLEROLEID1234\" is the unique ID IAM shows for a role or"
            + " user that was deleted; ECR rejects it as a principal. | Replace it with the ARN of"
            + " an existing role or user. Recreating a role of the same name does not restore its"
            + " old grants.",
        "arn:aws:iam:us-east-1:111122223333:role/ci | \"arn:aws:iam:us-east-1:111122223333:role/ci\""
            + " has the region \"us-east-1\", but IAM and STS ARNs have none. | Leave the region"
            + " empty: arn:aws:iam::111122223333:...",
        "arn:aws:s3:::bucket | \"arn:aws:s3:::bucket\" is an ARN of the service \"s3\", not an IAM"
            + " principal. | Name the IAM role that the resource uses, or the service principal"
            + " under \"Service\".",
        "arn:aws-iso:iam::111122223333:root | \"arn:aws-iso:iam::111122223333:root\" has the"
            + " partition \"aws-iso\". | Use aws, aws-cn or aws-us-gov.",
        "arn:aws:iam::11112222333:root | \"arn:aws:iam::11112222333:root\" has the account"
            + " \"11112222333\", which is not 12 digits. | Write the 12-digit account ID.",
        "arn:aws:iam::111122223333:role/ | \"arn:aws:iam::111122223333:role/\" has the role name"
            + " \"\"; IAM names are 1 to 64 letters, digits and +=,.@_- characters. | Correct the"
            + " role name.",
        "arn:aws:iam::111122223333:user/a b | \"arn:aws:iam::111122223333:user/a b\" has the user"
            + " name \"a b\"; IAM names are 1 to 64 letters, digits and +=,.@_- characters. |"
            + " Correct the user name.",
        "arn:aws:sts::111122223333:assumed-role/ci | \"arn:aws:sts::111122223333:assumed-role/ci\""
            + " is not a valid assumed-role ARN. | Write"
            + " arn:aws:sts::123456789012:assumed-role/role-name/session-name, or better the role's"
            + " own ARN.",
        "arn:aws:iam::111122223333 | \"arn:aws:iam::111122223333\" is not a complete ARN; it needs"
            + " six colon-separated parts. | Use a 12-digit account ID, or an ARN such as"
            + " arn:aws:iam::123456789012:root, arn:aws:iam::123456789012:role/name or"
            + " arn:aws:iam::123456789012:user/name.",
        "lambda.amazonaws.com | \"lambda.amazonaws.com\" is neither an account ID, an IAM or STS"
            + " ARN, nor \"*\". | List service principals under \"Service\", not \"AWS\"."
      })
  void malformedAwsPrincipalRejected(String value, String message, String fix) {
    assertThat(violations(pull(Principal.aws(value)).build()))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.Statement[0].Principal.AWS");
              assertThat(v.message()).isEqualTo(message);
              assertThat(v.fix()).isEqualTo(fix);
              assertThat(v.ecrMessage()).isEqualTo(INVALID_REPOSITORY_POLICY);
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Lambda.amazonaws.com | The service principal \"Lambda.amazonaws.com\" has upper-case"
            + " letters. | Write it in lower case: \"lambda.amazonaws.com\".",
        "111122223333 | \"111122223333\" is an account or ARN, not a service principal. | List it"
            + " under \"AWS\".",
        "lambda | \"lambda\" is not a service principal name. | Use the service's principal name,"
            + " such as lambda.amazonaws.com or codebuild.amazonaws.com.",
        "* | \"*\" is not a service principal name. | Use the service's principal name, such as"
            + " lambda.amazonaws.com or codebuild.amazonaws.com."
      })
  void malformedServicePrincipalRejected(String value, String message, String fix) {
    assertThat(violations(pull(Principal.service(value)).build()))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.Statement[0].Principal.Service");
              assertThat(v.message()).isEqualTo(message);
              assertThat(v.fix()).isEqualTo(fix);
            });
  }

  @Test
  void principalPathIndexedWhenSeveral() {
    PolicyStatement statement =
        pull(Principal.account("111122223333")).principal(Principal.aws("bob")).build();

    assertThat(violations(statement))
        .extracting(PolicyViolation::path)
        .containsExactly("$.Statement[0].Principal.AWS[1]");
  }

  @Test
  void wellFormedPrincipalNotCheckedForExistence() {
    // ECR rejects a role created moments ago with 'Principal not found' until IAM has propagated
    // it, so the shape is all that can be checked before the call.
    RepositoryPolicy policy =
        RepositoryPolicy.of(
            pull(Principal.aws("arn:aws:iam::111122223333:role/created-a-second-ago")).build());

    assertThat(policy.violations()).isEmpty();
    assertThat(policy.warnings()).isEmpty();
  }

  @Test
  void accountWithPrincipalTagValid() {
    // Trusting the account and narrowing by tag avoids naming a role that does not exist yet.
    PolicyStatement statement =
        pull(Principal.account("111122223333"))
            .sid("TaggedPull")
            .condition(Condition.stringEquals("aws:PrincipalTag/team", "builds"))
            .build();

    assertThat(violations(statement)).isEmpty();
    assertThat(warnings(statement)).isEmpty();
  }

  @Test
  void assumedRoleWarned() {
    PolicyStatement statement =
        pull(Principal.aws("arn:aws-us-gov:sts::111122223333:assumed-role/deploy/session-1"))
            .build();

    assertThat(violations(statement)).isEmpty();
    assertThat(warnings(statement))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("$.Statement[0].Principal");
              assertThat(w.message())
                  .isEqualTo(
                      "\"arn:aws-us-gov:sts::111122223333:assumed-role/deploy/session-1\" is an"
                          + " assumed-role session. ECR may rewrite session principals when it"
                          + " stores the policy, so the stored policy can differ from this one on"
                          + " every comparison, and the grant covers only sessions of that name.");
              assertThat(w.hint())
                  .isEqualTo(
                      "Grant the role instead: arn:aws-us-gov:iam::111122223333:role/deploy (add"
                          + " the role's path if it has one).");
            });
  }

  @Test
  void everyoneWithoutConditionWarned() {
    PolicyStatement open = pull(Principal.everyone()).build();

    assertThat(violations(open)).isEmpty();
    assertThat(warnings(open))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.message())
                  .isEqualTo(
                      "The statement allows \"*\", every AWS identity in every account, without a"
                          + " condition.");
              assertThat(w.hint())
                  .isEqualTo(
                      "Narrow it with a condition such as {\"StringEquals\":"
                          + " {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}, or name the accounts"
                          + " instead.");
            });
    assertThat(
            warnings(
                pull(Principal.everyone())
                    .condition(Condition.stringEquals("aws:PrincipalOrgID", "o-a1b2c3d4e5"))
                    .build()))
        .isEmpty();
  }

  @Test
  void authorizationTokenWarned() {
    PolicyStatement statement =
        pull(Principal.account("111122223333")).action("ecr:GetAuthorizationToken").build();

    assertThat(violations(statement)).isEmpty();
    assertThat(warnings(statement))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("$.Statement[0].Action[3]");
              assertThat(w.message())
                  .isEqualTo(
                      "ecr:GetAuthorizationToken is authorized for the registry, not for a"
                          + " repository, so a repository policy cannot grant it.");
            });
    assertThat(RegistryPolicy.of(statement).warnings()).isEmpty();
  }

  @Test
  void denyingSetRepositoryPolicyWarned() {
    PolicyStatement denyByIp =
        PolicyStatement.deny()
            .sid("DenyOutsideOffice")
            .principal(Principal.everyone())
            .action("ecr:*")
            .condition(Condition.notIpAddress("aws:SourceIp", "203.0.113.0/24"))
            .build();

    assertThat(violations(denyByIp)).isEmpty();
    assertThat(warnings(denyByIp))
        .singleElement()
        .satisfies(
            w ->
                assertThat(w.message())
                    .isEqualTo(
                        "The statement denies ecr:SetRepositoryPolicy. If it applies to the"
                            + " caller, SetRepositoryPolicy rejects the policy unless called with"
                            + " force=true, and afterwards that caller cannot change or fix the"
                            + " repository policy."));
    PolicyStatement denyDelete =
        PolicyStatement.deny().principal(Principal.everyone()).action("ecr:Delete*").build();
    assertThat(warnings(denyDelete)).isEmpty();
    PolicyStatement denyAllButPull =
        PolicyStatement.deny().principal(Principal.everyone()).notActions(EcrActions.PULL).build();
    assertThat(warnings(denyAllButPull)).hasSize(1);
  }

  @Test
  void notPrincipalWarned() {
    PolicyStatement statement =
        PolicyStatement.allow()
            .notPrincipals(List.of(Principal.account("111122223333")))
            .actions(EcrActions.PULL)
            .build();

    assertThat(violations(statement)).isEmpty();
    assertThat(warnings(statement))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.path()).isEqualTo("$.Statement[0].NotPrincipal");
              assertThat(w.message())
                  .isEqualTo(
                      "NotPrincipal with Allow grants the actions to every identity in every"
                          + " account except the ones listed.");
            });
  }

  @Test
  void missingPrincipalAndActionRejected() {
    PolicyStatement empty = PolicyStatement.allow().sid("Empty").build();

    assertThat(violations(empty))
        .extracting(PolicyViolation::path, PolicyViolation::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "$.Statement[0].Principal",
                "The statement has no Principal; a repository policy is a resource policy, so each"
                    + " statement must name who it applies to."),
            org.assertj.core.groups.Tuple.tuple(
                "$.Statement[0].Action", "The statement has no Action."));
  }

  @Test
  void principalAndNotPrincipalExclusive() {
    PolicyStatement both =
        pull(Principal.account("111122223333"))
            .notPrincipals(List.of(Principal.account("444455556666")))
            .notAction("ecr:DeleteRepository")
            .build();

    assertThat(violations(both))
        .extracting(PolicyViolation::message)
        .containsExactly(
            "A statement may have Principal or NotPrincipal, not both.",
            "A statement may have Action or NotAction, not both.");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ecr:BatchGetImages | \"ecr:BatchGetImages\" is not an ECR action. | Did you mean"
            + " \"ecr:BatchGetImage\"?",
        "ecr:PullImage | \"ecr:PullImage\" is not an ECR action. | ECR has no single pull"
            + " action; grant ecr:BatchGetImage, ecr:GetDownloadUrlForLayer and"
            + " ecr:BatchCheckLayerAvailability (EcrActions.PULL).",
        "ecr:push | \"ecr:push\" is not an ECR action. | ECR has no single push action; grant"
            + " ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:PutImage"
            + " and ecr:BatchCheckLayerAvailability (EcrActions.PUSH).",
        "ecr:DoEverything | \"ecr:DoEverything\" is not an ECR action. | Use an action of the ECR"
            + " API, such as ecr:BatchGetImage; EcrActions.known() lists them.",
        "BatchGetImage | \"BatchGetImage\" is not an action name; IAM actions are written"
            + " service:Action. | Did you mean \"ecr:BatchGetImage\"?",
        "ecr:Descibe* | The wildcard \"ecr:Descibe*\" matches no ECR action. | Correct the"
            + " pattern; known actions include ecr:Describe*, ecr:Get* and ecr:List*.",
        "s3:GetObject | \"s3:GetObject\" is an action of the service \"s3\"; an ECR repository"
            + " policy controls ecr: actions only. | Grant it in an identity policy or in the other"
            + " service's resource policy.",
        "ecr-public:BatchGetImage | \"ecr-public:BatchGetImage\" is an action of the service"
            + " \"ecr-public\"; an ECR repository policy controls ecr: actions only. | ECR Public"
            + " repositories have their own policies; use ecr: actions here."
      })
  void invalidActionRejected(String action, String message, String fix) {
    PolicyStatement statement =
        PolicyStatement.allow().principal(Principal.account("111122223333")).action(action).build();

    assertThat(violations(statement))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.Statement[0].Action");
              assertThat(v.message()).isEqualTo(message);
              assertThat(v.fix()).isEqualTo(fix);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"*", "ecr:*", "ecr:Describe*", "ECR:BATCHGETIMAGE", "ecr:Get?ownloadUrlForLayer"})
  void validActionAccepted(String action) {
    PolicyStatement statement =
        PolicyStatement.allow().principal(Principal.account("111122223333")).action(action).build();

    assertThat(violations(statement)).isEmpty();
  }

  @Test
  void sidCharsetAndUniquenessChecked() {
    PolicyStatement dashed = pull(Principal.account("111122223333")).sid("Cross-Account").build();
    PolicyStatement first = pull(Principal.account("111122223333")).sid("Pull").build();
    PolicyStatement second = pull(Principal.account("444455556666")).sid("Pull").build();

    assertThat(violations(dashed, first, second))
        .extracting(PolicyViolation::path, PolicyViolation::message, PolicyViolation::fix)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "$.Statement[0].Sid",
                "The Sid \"Cross-Account\" has characters other than ASCII letters and digits, or"
                    + " is empty.",
                "Write the Sid with letters and digits only, such as \"CrossAccount\"."),
            org.assertj.core.groups.Tuple.tuple(
                "$.Statement[2].Sid",
                "The Sid \"Pull\" is used by more than one statement (also at $.Statement[1]).",
                "Give each statement its own Sid, or merge the two statements."));
  }

  @Test
  void sizeLimitIsTenThousandTwoHundredForty() {
    List<Principal> principals = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      principals.add(Principal.account(String.format("%012d", 100_000_000_000L + i)));
    }
    RepositoryPolicy large =
        RepositoryPolicy.of(
            PolicyStatement.allow().principals(principals).actions(EcrActions.PULL).build());
    int length = large.toJson().length();

    assertThat(length).isGreaterThan(10_240);
    assertThat(large.violations())
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .isEqualTo(
                        "The policy is "
                            + length
                            + " characters long even when minified; ECR allows at most 10240."));
    RepositoryPolicy fits =
        RepositoryPolicy.of(
            PolicyStatement.allow()
                .principals(principals.subList(0, 500))
                .actions(EcrActions.PULL)
                .build());
    assertThat(fits.toJson().length()).isLessThanOrEqualTo(10_240);
    assertThat(fits.violations()).isEmpty();
  }

  @Test
  void emptyStatementListRejected() {
    assertThat(RepositoryPolicy.of(List.of()).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("$.Statement");
              assertThat(v.fix())
                  .isEqualTo(
                      "Add a statement, or delete the repository policy instead of setting an"
                          + " empty one.");
            });
  }

  @Test
  void buildThrowsWithEveryViolation() {
    RepositoryPolicy.Builder builder =
        RepositoryPolicy.builder()
            .statement(
                pull(Principal.aws("bob")).resource("*").build(),
                PolicyStatement.allow().principal(Principal.account("111122223333")).build());

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.violations()).hasSize(3);
              assertThat(e.getMessage()).startsWith("Repository policy is invalid (3 violations):");
            });
  }
}
