package dev.ecr4j.policy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.InvalidPolicyException;
import dev.ecr4j.policy.PolicyViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecyclePolicyBuilderTest {

  @Test
  void readsLikeTheIntent() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .tagged("release-*")
            .keepNewest(10)
            .untagged()
            .expireAfterDays(14)
            .anyImage()
            .archiveWhenNotPulledForDays(90)
            .thenExpireAfterDays(180)
            .build();

    assertThat(policy.rules()).hasSize(4);
    assertThat(policy.rules().get(0).selection())
        .isEqualTo(
            new Selection(
                TagStatus.TAGGED,
                List.of("release-*"),
                List.of(),
                null,
                CountType.IMAGE_COUNT_MORE_THAN,
                null,
                10));
    assertThat(policy.rules().get(2).action()).isEqualTo(RuleAction.TRANSITION_TO_ARCHIVE);
    assertThat(policy.rules().get(2).selection().countType())
        .isEqualTo(CountType.SINCE_IMAGE_PULLED);
    LifecycleRule expire = policy.rules().get(3);
    assertThat(expire.rulePriority()).isEqualTo(4);
    assertThat(expire.selection().storageClass()).isEqualTo(StorageClass.ARCHIVE);
    assertThat(expire.selection().countType()).isEqualTo(CountType.SINCE_IMAGE_TRANSITIONED);
    assertThat(expire.selection().countNumber()).isEqualTo(180);
    assertThat(expire.action()).isEqualTo(RuleAction.EXPIRE);
    assertThat(policy.violations()).isEmpty();
  }

  @Test
  void automaticPrioritiesSkipExplicitOnes() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .tagged("a*")
            .keepNewest(1)
            .tagged("b*")
            .priority(2)
            .keepNewest(1)
            .taggedWithPrefix("c")
            .keepNewest(1)
            .anyImage()
            .priority(10)
            .keepNewest(50)
            .build();

    assertThat(policy.rules()).extracting(LifecycleRule::rulePriority).containsExactly(1, 2, 3, 10);
  }

  @Test
  void partialChainsCanBeReused() {
    LifecyclePolicy.Builder base = LifecyclePolicy.builder().tagged("release-*").keepNewest(10);

    LifecyclePolicy withUntagged = base.untagged().expireAfterDays(1).build();
    LifecyclePolicy alone = base.build();

    assertThat(withUntagged.rules()).hasSize(2);
    assertThat(alone.rules()).hasSize(1);
  }

  @Test
  void buildReportsAllCrossRuleViolations() {
    LifecyclePolicy.Builder builder =
        LifecyclePolicy.builder()
            .anyImage()
            .keepNewest(5)
            .untagged()
            .keepNewest(2)
            .untagged()
            .expireAfterDays(3);

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.violations())
                    .extracting(PolicyViolation::rulePriority)
                    .containsExactlyInAnyOrder(1, 3));
  }

  @Test
  void eagerArgumentChecksNameTheValue() {
    assertThatThrownBy(() -> LifecyclePolicy.builder().untagged().keepNewest(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "count must be 1 or more, but was 0, because ECR rejects a countNumber below 1");
    assertThatThrownBy(() -> LifecyclePolicy.builder().archived().expireAfterDays(30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("days must be 90 or more, but was 30");
    assertThatThrownBy(
            () -> LifecyclePolicy.builder().anyImage().archiveAfterDays(10).thenExpireAfterDays(89))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("days must be 90 or more, but was 89");
    assertThatThrownBy(() -> LifecyclePolicy.builder().untagged().priority(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rulePriority must be 1 or more, but was 0");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void emptyOrNullTagsRejectedEagerly() {
    assertThatThrownBy(() -> LifecyclePolicy.builder().tagged(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tag patterns and prefixes must not be empty");
    assertThatThrownBy(() -> LifecyclePolicy.builder().taggedWithPrefix("a", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LifecyclePolicy.builder().tagged("x", (String[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("the array of further tag patterns or prefixes is null");
    assertThatThrownBy(() -> LifecyclePolicy.builder().tagged("x", "y", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("tag patterns and prefixes must not be null");
  }

  @Test
  void automaticPriorityOverflowReported() {
    LifecyclePolicy.Builder builder =
        LifecyclePolicy.builder()
            .untagged()
            .priority(Integer.MAX_VALUE)
            .keepNewest(1)
            .tagged("a*")
            .keepNewest(2);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no rulePriority is left for rule 2 after rulePriority 2147483647, the largest"
                + " possible; give the rules before it lower priorities");
  }

  @Test
  void toBuilderKeepsRulesAndAddsMore() {
    LifecyclePolicy policy = LifecyclePolicy.builder().tagged("v*").keepNewest(3).build();

    LifecyclePolicy extended = policy.toBuilder().untagged().expireAfterDays(7).build();

    assertThat(extended.rules()).hasSize(2);
    assertThat(extended.rules().get(0)).isEqualTo(policy.rules().get(0));
    assertThat(extended.rules().get(1).rulePriority()).isEqualTo(2);
  }

  @Test
  void plainValuesBuildSamePolicy() {
    LifecyclePolicy fluent = LifecyclePolicy.builder().untagged().expireAfterDays(14).build();
    LifecyclePolicy plain =
        LifecyclePolicy.of(
            LifecycleRule.of(
                1,
                Selection.of(
                    TagStatus.UNTAGGED, List.of(), List.of(), CountType.SINCE_IMAGE_PUSHED, 14),
                RuleAction.EXPIRE));

    assertThat(plain).isEqualTo(fluent);
    assertThat(plain.toJson()).isEqualTo(fluent.toJson());
  }

  @Test
  void archivedRulesWriteStorageClass() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .archivedTaggedWithPrefix("tmp-")
            .description("Drop archived temporary builds")
            .expireAfterDays(90)
            .archivedUntagged()
            .expireAfterDays(120)
            .archived()
            .expireAfterDays(365)
            .build();

    assertThat(policy.toJson())
        .contains(
            "{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"tmp-\"],\"storageClass\":\"archive\","
                + "\"countType\":\"sinceImageTransitioned\",\"countUnit\":\"days\",\"countNumber\":90}");
    assertThat(policy.violations()).isEmpty();
  }

  @Test
  void followUpCarriesDescription() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .taggedWithPrefix("feature-")
            .description("Archive old feature builds")
            .archiveAllButNewest(20)
            .thenExpireAfterDays(90)
            .build();

    assertThat(policy.rules())
        .extracting(LifecycleRule::description)
        .containsExactly("Archive old feature builds", "Archive old feature builds (expire)");
    assertThat(policy.rules().get(1).selection().tagPrefixList()).containsExactly("feature-");
  }
}
