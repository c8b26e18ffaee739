package dev.ecr4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.lifecycle.ImageDecision;
import dev.ecr4j.policy.lifecycle.ImageStatus;
import dev.ecr4j.policy.lifecycle.LifecycleImage;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePreview;
import dev.ecr4j.policy.lifecycle.LifecycleRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks that the benchmark workload stays legal for ECR and as mixed as its Javadoc states, so
 * that a change to the validator or the generator cannot quietly turn it into a trivial one.
 */
class LifecycleWorkloadTest {

  private static final int IMAGE_COUNT = 20_000;

  private static final LifecyclePolicy POLICY = LifecycleWorkload.policy();
  private static final List<LifecycleImage> IMAGES = LifecycleWorkload.images(IMAGE_COUNT);

  @Test
  void policyIsValidWithFiftyRules() {
    assertThat(POLICY.violations()).isEmpty();
    assertThat(POLICY.rules()).hasSize(LifecycleWorkload.RULE_COUNT);
  }

  @Test
  void imagesAreDeterministic() {
    assertThat(LifecycleWorkload.images(IMAGE_COUNT)).isEqualTo(IMAGES);
  }

  @Test
  void imagesHaveUniqueDigestsAndTags() {
    Set<String> digests = new HashSet<>();
    Set<String> tags = new HashSet<>();
    int tagCount = 0;
    for (LifecycleImage image : IMAGES) {
      digests.add(image.digest());
      tags.addAll(image.tags());
      tagCount += image.tags().size();
      assertThat(image.digest()).matches("sha256:[0-9a-f]{64}");
      assertThat(image.tags()).hasSizeLessThanOrEqualTo(3);
    }
    assertThat(IMAGES).hasSize(IMAGE_COUNT);
    assertThat(digests).hasSize(IMAGE_COUNT);
    assertThat(tags).hasSize(tagCount);
  }

  @Test
  void imageMixMatchesDocumentation() {
    assertThat(fraction(IMAGES.stream().filter(LifecycleImage::isUntagged).count()))
        .isBetween(0.17, 0.23);
    assertThat(fraction(IMAGES.stream().filter(i -> i.status() == ImageStatus.ARCHIVED).count()))
        .isBetween(0.03, 0.07);
    assertThat(fraction(IMAGES.stream().filter(i -> i.lastRecordedPullTime() != null).count()))
        .isBetween(0.5, 0.7);
    assertThat(IMAGES.stream().filter(i -> i.lastActivatedAt() != null).count()).isPositive();
    assertThat(IMAGES.stream().filter(i -> !i.manifestListDigests().isEmpty()).count())
        .isPositive();
    assertThat(IMAGES.stream().filter(i -> i.subjectDigest() != null).count()).isPositive();
  }

  @Test
  void previewExpiresArchivesAndKeeps() {
    LifecyclePreview preview = POLICY.preview(IMAGES, LifecycleWorkload.NOW);

    assertThat(preview.expiringImageCount()).isPositive();
    assertThat(preview.transitioningImageCount()).isPositive();
    assertThat(preview.expiringImageCount() + preview.transitioningImageCount())
        .isLessThan(IMAGE_COUNT);
  }

  @Test
  void everyRuleDecidesSomeImage() {
    Set<LifecycleRule> deciding = new HashSet<>();
    for (ImageDecision decision : POLICY.preview(IMAGES, LifecycleWorkload.NOW).decisions()) {
      decision.decidingRule().ifPresent(deciding::add);
    }

    assertThat(POLICY.rules()).allSatisfy(rule -> assertThat(deciding).contains(rule));
  }

  private static double fraction(long count) {
    return (double) count / IMAGE_COUNT;
  }
}
