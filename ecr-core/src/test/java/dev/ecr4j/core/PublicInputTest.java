package dev.ecr4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyViolation;
import dev.ecr4j.policy.iam.PolicyStatement;
import dev.ecr4j.policy.iam.Principal;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Checks the local validation of ECR Public input: catalog data and repository policies. */
class PublicInputTest {

  @Nested
  class CatalogData {

    @Test
    void limits_are_accepted_at_their_maximum() {
      PublicCatalogDataInput input =
          PublicCatalogDataInput.builder()
              .description("d".repeat(1024))
              .aboutText("a".repeat(25_600))
              .usageText("u".repeat(25_600))
              .architectures(Collections.nCopies(50, "x".repeat(50)))
              .operatingSystems(Collections.nCopies(50, "Linux"))
              .logoImage(new byte[512_000])
              .build();

      assertThat(input.description()).hasValueSatisfying(d -> assertThat(d).hasSize(1024));
      assertThat(input.architectures()).hasValueSatisfying(a -> assertThat(a).hasSize(50));
      assertThat(input.logoImage()).hasValueSatisfying(l -> assertThat(l).hasSize(512_000));
    }

    @Test
    void description_over_limit_is_rejected() {
      assertThatThrownBy(() -> PublicCatalogDataInput.builder().description("d".repeat(1025)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Invalid description: it has 1025 characters, but ECR Public allows at most 1024;"
                  + " shorten it");
    }

    @Test
    void about_and_usage_over_limit_are_rejected() {
      assertThatThrownBy(() -> PublicCatalogDataInput.builder().aboutText("a".repeat(25_601)))
          .hasMessageStartingWith("Invalid aboutText: it has 25601 characters");
      assertThatThrownBy(() -> PublicCatalogDataInput.builder().usageText("u".repeat(25_601)))
          .hasMessageStartingWith("Invalid usageText: it has 25601 characters");
    }

    @Test
    void too_many_architectures_are_rejected() {
      assertThatThrownBy(
              () -> PublicCatalogDataInput.builder().architectures(Collections.nCopies(51, "x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Invalid architectures: it has 51 entries, but ECR Public allows at most 50; keep"
                  + " the ones the images support");
    }

    @Test
    void empty_or_long_entries_are_rejected() {
      assertThatThrownBy(() -> PublicCatalogDataInput.builder().operatingSystems("Linux", ""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Invalid operatingSystems[1] '': it has 0 characters, but ECR Public allows 1 to"
                  + " 50; use a name such as 'Linux'");
      assertThatThrownBy(() -> PublicCatalogDataInput.builder().architectures("x".repeat(51)))
          .hasMessageContaining("it has 51 characters, but ECR Public allows 1 to 50");
    }

    @Test
    void logo_over_limit_is_rejected() {
      assertThatThrownBy(() -> PublicCatalogDataInput.builder().logoImage(new byte[512_001]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Invalid logoImage: it has 512001 bytes, but ECR Public accepts at most 512000"
                  + " bytes; scale the image down or compress it");
    }

    @Test
    void logo_bytes_are_copied_and_hidden() {
      byte[] logo = {1, 2, 3};
      PublicCatalogDataInput input = PublicCatalogDataInput.builder().logoImage(logo).build();
      logo[0] = 9;

      assertThat(input.logoImage()).hasValueSatisfying(l -> assertThat(l).startsWith(1));
      assertThat(input.toString()).contains("logoImage=3 bytes");
    }
  }

  @Nested
  class Policies {

    private final PolicyStatement push =
        statement(
            "ecr-public:InitiateLayerUpload",
            "ecr-public:UploadLayerPart",
            "ecr-public:CompleteLayerUpload",
            "ecr-public:PutImage",
            "ecr-public:BatchCheckLayerAvailability");

    private static PolicyStatement statement(String... actions) {
      return PolicyStatement.allow()
          .principal(Principal.aws("arn:aws:iam::123456789012:role/ci"))
          .actions(List.of(actions))
          .build();
    }

    @Test
    void ecr_public_actions_are_accepted() {
      RepositoryPolicy policy = RepositoryPolicy.of(push);

      assertThat(PublicPolicyRules.violations(policy)).isEmpty();
      assertThat(PublicPolicyRules.validate(policy)).isEqualTo(policy.toJson());
    }

    @Test
    void wildcards_matching_public_actions_are_accepted() {
      RepositoryPolicy policy = RepositoryPolicy.of(statement("ecr-public:Describe*"));

      assertThat(PublicPolicyRules.violations(policy)).isEmpty();
    }

    @Test
    void private_actions_are_rejected_with_fix() {
      RepositoryPolicy policy = RepositoryPolicy.of(statement("ecr:PutImage"));

      List<PolicyViolation> violations = PublicPolicyRules.violations(policy);

      assertThat(violations).hasSize(1);
      assertThat(violations.get(0).path()).isEqualTo("$.Statement[0].Action");
      assertThat(violations.get(0).message())
          .isEqualTo(
              "\"ecr:PutImage\" is not an ECR Public action; an ECR Public repository policy"
                  + " controls ecr-public: actions only.");
      assertThat(violations.get(0).fix()).isEqualTo("Write it as \"ecr-public:PutImage\".");
    }

    @Test
    void unknown_actions_and_empty_wildcards_are_rejected() {
      RepositoryPolicy policy =
          RepositoryPolicy.of(statement("ecr-public:BatchGetImage", "ecr-public:Nothing*"));

      assertThat(PublicPolicyRules.violations(policy))
          .extracting(PolicyViolation::message)
          .containsExactly(
              "\"ecr-public:BatchGetImage\" is not an ECR Public action.",
              "The wildcard \"ecr-public:Nothing*\" matches no ECR Public action.");
    }

    @Test
    void dsl_rules_other_than_actions_still_apply() {
      PolicyStatement noPrincipal = PolicyStatement.allow().action("ecr-public:PutImage").build();

      assertThatThrownBy(() -> PublicPolicyRules.validate(RepositoryPolicy.of(noPrincipal)))
          .isInstanceOfSatisfying(
              InvalidPolicyException.class,
              e ->
                  assertThat(e.violations())
                      .extracting(PolicyViolation::path)
                      .containsExactly("$.Statement[0].Principal"))
          .hasMessageStartingWith("ECR Public repository policy is invalid (1 violation):");
    }
  }
}
