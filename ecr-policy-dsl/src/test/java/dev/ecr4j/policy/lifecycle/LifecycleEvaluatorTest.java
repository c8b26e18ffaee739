package dev.ecr4j.policy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecr4j.policy.InvalidPolicyException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LifecycleEvaluatorTest {

  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  private static Instant daysAgo(double days) {
    return NOW.minus(Duration.ofMillis(Math.round(days * 86_400_000L)));
  }

  private static String digest(int n) {
    return String.format("sha256:%064x", n);
  }

  @Test
  void ageLimitIsStrict() {
    LifecyclePolicy policy = LifecyclePolicy.builder().untagged().expireAfterDays(14).build();
    LifecycleImage exactly = LifecycleImage.of(digest(1), NOW.minus(Duration.ofDays(14)));
    LifecycleImage justOver =
        LifecycleImage.of(digest(2), NOW.minus(Duration.ofDays(14)).minusMillis(1));

    LifecyclePreview preview = policy.preview(List.of(exactly, justOver), NOW);

    assertThat(preview.expiredDigests()).containsExactly(digest(2));
  }

  @Test
  void equalPushTimesRankLaterInputAsNewer() {
    LifecyclePolicy policy = LifecyclePolicy.builder().anyImage().keepNewest(1).build();
    Instant same = daysAgo(1);
    List<LifecycleImage> images =
        List.of(LifecycleImage.of(digest(1), same, "a"), LifecycleImage.of(digest(2), same, "b"));

    assertThat(policy.preview(images, NOW).expiredDigests()).containsExactly(digest(1));
    assertThat(policy.preview(List.of(images.get(1), images.get(0)), NOW).expiredDigests())
        .containsExactly(digest(2));
  }

  @Test
  void wholeTagWildcardMatching() {
    LifecyclePolicy policy = LifecyclePolicy.builder().tagged("prod*").expireAfterDays(1).build();
    List<LifecycleImage> images =
        List.of(
            LifecycleImage.of(digest(1), daysAgo(5), "prod"),
            LifecycleImage.of(digest(2), daysAgo(5), "production-team1"),
            LifecycleImage.of(digest(3), daysAgo(5), "xprod"),
            LifecycleImage.of(digest(4), daysAgo(5), "PROD-1"));

    assertThat(policy.preview(images, NOW).expiredDigests()).containsExactly(digest(1), digest(2));
  }

  @Test
  void protectedImagesStillCountForLowerRules() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .taggedWithPrefix("prod")
            .keepNewest(9_999)
            .anyImage()
            .keepNewest(2)
            .build();
    List<LifecycleImage> images =
        List.of(
            LifecycleImage.of(digest(1), daysAgo(1), "prod-3"),
            LifecycleImage.of(digest(2), daysAgo(2), "prod-2"),
            LifecycleImage.of(digest(3), daysAgo(3), "dev-1"),
            LifecycleImage.of(digest(4), daysAgo(4), "prod-1"));

    LifecyclePreview preview = policy.preview(images, NOW);

    assertThat(preview.expiredDigests()).containsExactly(digest(3));
    assertThat(preview.decisions().get(3).reason())
        .isEqualTo(
            "kept: rule 1 selects it (number 3 by push time, newest first, and the rule keeps"
                + " 9999), which protects it from rule 2");
  }

  @Test
  void archivedListReleasesActiveChildren() {
    LifecyclePolicy policy = LifecyclePolicy.builder().untagged().expireAfterDays(1).build();
    LifecycleImage activeList = LifecycleImage.of(digest(10), daysAgo(30), "multi");
    LifecycleImage archivedList =
        LifecycleImage.of(digest(11), daysAgo(30), "old").archivedAt(daysAgo(5));
    LifecycleImage childOfActive =
        LifecycleImage.of(digest(1), daysAgo(30)).referencedBy(digest(10));
    LifecycleImage childOfArchived =
        LifecycleImage.of(digest(2), daysAgo(30)).referencedBy(digest(11));
    LifecycleImage childOfDeleted =
        LifecycleImage.of(digest(3), daysAgo(30)).referencedBy(digest(12));

    LifecyclePreview preview =
        policy.preview(
            List.of(activeList, archivedList, childOfActive, childOfArchived, childOfDeleted), NOW);

    assertThat(preview.expiredDigests()).containsExactly(digest(2), digest(3));
    assertThat(preview.decisions().get(2).reason())
        .startsWith("referenced by manifest list sha256:000000000000");
  }

  @Test
  void childrenOfExpiringListKeptThisRun() {
    LifecyclePolicy policy = LifecyclePolicy.builder().anyImage().expireAfterDays(1).build();
    LifecycleImage list = LifecycleImage.of(digest(10), daysAgo(30), "multi");
    LifecycleImage child = LifecycleImage.of(digest(1), daysAgo(30)).referencedBy(digest(10));

    assertThat(policy.preview(List.of(list, child), NOW).expiredDigests())
        .containsExactly(digest(10));
  }

  @Test
  void referrerChainFollowsSubject() {
    LifecyclePolicy policy = LifecyclePolicy.builder().anyImage().archiveAfterDays(10).build();
    LifecycleImage subject = LifecycleImage.of(digest(1), daysAgo(30), "v1");
    LifecycleImage signature = LifecycleImage.of(digest(2), daysAgo(29)).withSubject(digest(1));
    LifecycleImage signatureOfSignature =
        LifecycleImage.of(digest(3), daysAgo(29)).withSubject(digest(2));
    LifecycleImage archivedReferrer =
        LifecycleImage.of(digest(4), daysAgo(29)).withSubject(digest(1)).archivedAt(daysAgo(1));

    LifecyclePreview preview =
        policy.preview(List.of(subject, signature, signatureOfSignature, archivedReferrer), NOW);

    assertThat(preview.transitionedDigests()).containsExactly(digest(1), digest(2), digest(3));
    assertThat(preview.decisions().get(1).reason()).startsWith("referrer of sha256:");
    assertThat(preview.decisions().get(1).rule()).isEqualTo(policy.rules().get(0));
  }

  @Test
  void referrerCycleDoesNotLoop() {
    LifecyclePolicy policy = LifecyclePolicy.builder().anyImage().expireAfterDays(1).build();
    LifecycleImage first = LifecycleImage.of(digest(1), daysAgo(30)).withSubject(digest(2));
    LifecycleImage second = LifecycleImage.of(digest(2), daysAgo(30)).withSubject(digest(1));

    LifecyclePreview preview = policy.preview(List.of(first, second), NOW);

    assertThat(preview.expiredDigests()).isEmpty();
    assertThat(preview.decisions()).hasSize(2);
  }

  @Test
  void archivedImageWithoutArchiveTimeNeverExpires() {
    LifecyclePolicy policy = LifecyclePolicy.builder().archived().expireAfterDays(90).build();
    LifecycleImage unknown =
        LifecycleImage.of(digest(1), daysAgo(900)).withStatus(ImageStatus.ARCHIVED);
    LifecycleImage old = LifecycleImage.of(digest(2), daysAgo(900)).archivedAt(daysAgo(100));

    LifecyclePreview preview = policy.preview(List.of(unknown, old), NOW);

    assertThat(preview.expiredDigests()).containsExactly(digest(2));
    assertThat(preview.decisions().get(0).reason()).contains("unknown time");
  }

  @Test
  void duplicateDigestRejected() {
    LifecyclePolicy policy = LifecyclePolicy.builder().untagged().expireAfterDays(1).build();
    List<LifecycleImage> images =
        List.of(LifecycleImage.of(digest(1), daysAgo(3)), LifecycleImage.of(digest(1), daysAgo(2)));

    assertThatThrownBy(() -> policy.preview(images, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "images 0 and 1 have the same digest "
                + digest(1)
                + "; a repository contains each image once, so pass each digest once");
  }

  @Test
  void earliestRepeatedDigestReported() {
    LifecyclePolicy policy = LifecyclePolicy.builder().untagged().expireAfterDays(1).build();
    List<LifecycleImage> images = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      images.add(LifecycleImage.of(digest(i), daysAgo(3)));
    }
    images.set(9, LifecycleImage.of(digest(5), daysAgo(3)));
    images.set(7, LifecycleImage.of(digest(2), daysAgo(3)));
    images.set(8, LifecycleImage.of(digest(2), daysAgo(3)));

    assertThatThrownBy(() -> policy.preview(images, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("images 2 and 7 have the same digest " + digest(2));
  }

  @Test
  void equalHashCodesAreNotDuplicates() {
    // "Aa" and "BB" have the same String hash code, so these digests collide in every table.
    String first = "sha256:" + "0".repeat(62) + "Aa";
    String second = "sha256:" + "0".repeat(62) + "BB";
    LifecyclePolicy policy = LifecyclePolicy.builder().untagged().expireAfterDays(1).build();
    List<LifecycleImage> images =
        List.of(LifecycleImage.of(first, daysAgo(3)), LifecycleImage.of(second, daysAgo(3)));

    assertThat(first.hashCode()).isEqualTo(second.hashCode());
    assertThat(policy.preview(images, NOW).expiredDigests()).containsExactly(first, second);
  }

  @Test
  void extremeTimestampsDoNotOverflow() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder().untagged().expireAfterDays(Integer.MAX_VALUE).build();
    List<LifecycleImage> images =
        List.of(
            LifecycleImage.of(digest(1), Instant.MIN),
            LifecycleImage.of(digest(2), Instant.MAX),
            LifecycleImage.of(digest(3), NOW).withLastRecordedPullTime(Instant.MAX));

    LifecyclePreview maxNow = policy.preview(images, Instant.MAX);
    LifecyclePreview minNow = policy.preview(images, Instant.MIN);

    assertThat(maxNow.expiredDigests()).containsExactly(digest(1), digest(3));
    assertThat(minNow.expiredDigests()).isEmpty();
    assertThat(maxNow.decisions()).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
    assertThat(minNow.decisions()).allSatisfy(d -> assertThat(d.reason()).isNotBlank());
  }

  @Test
  void restoredImageRankedByRestoreTime() {
    LifecyclePolicy policy = LifecyclePolicy.builder().anyImage().keepNewest(1).build();
    LifecycleImage pushedLater = LifecycleImage.of(digest(1), daysAgo(10), "a");
    LifecycleImage restored =
        LifecycleImage.of(digest(2), daysAgo(300), "b").restoredAt(daysAgo(5));

    LifecyclePreview preview = policy.preview(List.of(pushedLater, restored), NOW);

    assertThat(preview.expiredDigests()).containsExactly(digest(1));
    assertThat(preview.decisions().get(1).reason())
        .isEqualTo("kept by rule 1: number 1 by restore time, newest first, and the rule keeps 1");
  }

  @Test
  void childReasonNamesWhatHappensToList() {
    LifecyclePolicy policy = LifecyclePolicy.builder().tagged("old*").expireAfterDays(1).build();
    LifecycleImage expiringList = LifecycleImage.of(digest(10), daysAgo(30), "old-1");
    LifecycleImage child = LifecycleImage.of(digest(1), daysAgo(30)).referencedBy(digest(10));
    LifecycleImage keptList = LifecycleImage.of(digest(11), daysAgo(30), "new-1");
    LifecycleImage archivedChild =
        LifecycleImage.of(digest(2), daysAgo(30)).referencedBy(digest(11)).archivedAt(daysAgo(3));

    LifecyclePreview preview =
        policy.preview(List.of(expiringList, child, keptList, archivedChild), NOW);

    assertThat(preview.decisions().get(1).reason())
        .endsWith("which this run expires; the image is eligible from the next run on");
    assertThat(preview.decisions().get(3).reason())
        .endsWith("which remains; eligible once the list is deleted");
  }

  @Test
  void invalidPolicyNotEvaluated() {
    LifecyclePolicy invalid =
        LifecyclePolicy.of(
            LifecycleRule.of(
                1,
                Selection.of(
                    TagStatus.TAGGED, List.of(), List.of(), CountType.IMAGE_COUNT_MORE_THAN, 1),
                RuleAction.EXPIRE));

    assertThatThrownBy(() -> invalid.preview(List.of(), NOW))
        .isInstanceOf(InvalidPolicyException.class);
  }

  @Test
  void previewJsonHasEcrShape() {
    LifecyclePolicy policy =
        LifecyclePolicy.builder()
            .untagged()
            .expireAfterDays(1)
            .tagged("v*")
            .archiveAfterDays(5)
            .build();
    List<LifecycleImage> images =
        List.of(
            LifecycleImage.of(digest(1), Instant.parse("2026-05-01T10:00:00Z")),
            LifecycleImage.of(digest(2), Instant.parse("2026-05-02T10:00:00Z"), "v1", "latest"),
            LifecycleImage.of(digest(3), NOW, "v2"));

    String json = policy.preview(images, NOW).toJson();

    assertThat(json)
        .isEqualTo(
            """
            {
              "lifecyclePolicyText" : "%s",
              "status" : "COMPLETE",
              "previewResults" : [ {
                "imageDigest" : "%s",
                "imagePushedAt" : "2026-05-01T10:00:00+00:00",
                "action" : {
                  "type" : "EXPIRE"
                },
                "appliedRulePriority" : 1,
                "storageClass" : "STANDARD"
              }, {
                "imageTags" : [ "v1", "latest" ],
                "imageDigest" : "%s",
                "imagePushedAt" : "2026-05-02T10:00:00+00:00",
                "action" : {
                  "type" : "TRANSITION",
                  "targetStorageClass" : "ARCHIVE"
                },
                "appliedRulePriority" : 2,
                "storageClass" : "STANDARD"
              } ],
              "summary" : {
                "expiringImageTotalCount" : 1,
                "transitioningImageTotalCounts" : [ {
                  "targetStorageClass" : "ARCHIVE",
                  "imageTotalCount" : 1
                } ]
              }
            }"""
                .formatted(policy.toJson().replace("\"", "\\\""), digest(1), digest(2)));
  }

  @Test
  void writeJsonPutsRegistryAndRepositoryFirst() {
    LifecyclePolicy policy = LifecyclePolicy.builder().untagged().expireAfterDays(1).build();
    LifecyclePreview preview =
        policy.preview(
            List.of(LifecycleImage.of(digest(1), Instant.parse("2026-05-01T10:00:00Z"))), NOW);
    StringWriter out = new StringWriter();

    preview.writeJson(out, "123456789012", "team/app");

    assertThat(out.toString())
        .startsWith(
            "{\n  \"registryId\" : \"123456789012\",\n  \"repositoryName\" : \"team/app\",\n"
                + "  \"lifecyclePolicyText\" : ")
        .endsWith(
            preview.toJson().substring(preview.toJson().indexOf("\"lifecyclePolicyText\"") + 22));
  }

  /**
   * Compares the evaluator with a direct, slow transcription of ECR's documented algorithm on
   * random repositories and policies.
   */
  @Test
  void matchesReferenceImplementation() {
    Random random = new Random(42);
    for (int iteration = 0; iteration < 500; iteration++) {
      List<LifecycleImage> images = new ArrayList<>();
      int count = random.nextInt(40);
      for (int i = 0; i < count; i++) {
        String[] tags = new String[random.nextInt(3)];
        for (int t = 0; t < tags.length; t++) {
          tags[t] = (random.nextBoolean() ? "release-" : "dev-") + random.nextInt(5);
        }
        int pushedDaysAgo = random.nextInt(60);
        LifecycleImage image = LifecycleImage.of(digest(i), daysAgo(pushedDaysAgo), tags);
        if (random.nextInt(3) == 0) {
          // An image is pulled after it is pushed.
          image = image.withLastRecordedPullTime(daysAgo(random.nextInt(pushedDaysAgo + 1)));
        }
        images.add(image);
      }
      LifecyclePolicy policy =
          LifecyclePolicy.builder()
              .tagged("release-" + random.nextInt(5) + "*")
              .keepNewest(1 + random.nextInt(3))
              .taggedWithPrefix("dev")
              .expireAfterDays(1 + random.nextInt(30))
              .untagged()
              .archiveWhenNotPulledForDays(1 + random.nextInt(30))
              .anyImage()
              .keepNewest(1 + random.nextInt(10))
              .build();

      LifecyclePreview preview = policy.preview(images, NOW);

      assertThat(preview.expiredDigests()).isEqualTo(reference(policy, images, ActionType.EXPIRE));
      assertThat(preview.transitionedDigests())
          .isEqualTo(reference(policy, images, ActionType.TRANSITION));
    }
  }

  /** Standard-class images only, no lists or referrers: every rule scans every image. */
  private static List<String> reference(
      LifecyclePolicy policy, List<LifecycleImage> images, ActionType wanted) {
    List<LifecycleImage> sorted = new ArrayList<>(images);
    // newest first; for equal times the later input counts as newer
    sorted.sort(
        (a, b) -> {
          int byTime = b.pushedAt().compareTo(a.pushedAt());
          return byTime != 0 ? byTime : Integer.compare(images.indexOf(b), images.indexOf(a));
        });
    java.util.Map<String, LifecycleRule> claimedBy = new java.util.HashMap<>();
    java.util.Map<String, ActionType> acted = new java.util.HashMap<>();
    for (LifecycleRule rule : policy.rules()) {
      int rank = 0;
      for (LifecycleImage image : sorted) {
        Selection selection = rule.selection();
        boolean selected =
            switch (selection.tagStatus()) {
              case ANY -> true;
              case UNTAGGED -> image.tags().isEmpty();
              case TAGGED ->
                  !image.tags().isEmpty()
                      && selection.tagPatternList().stream()
                          .allMatch(
                              p ->
                                  image.tags().stream()
                                      .anyMatch(t -> TagMatcher.matchesPattern(p, t)))
                      && selection.tagPrefixList().stream()
                          .allMatch(p -> image.tags().stream().anyMatch(t -> t.startsWith(p)));
            };
        if (!selected) {
          continue;
        }
        rank++;
        Instant cutoff = NOW.minus(Duration.ofDays(selection.countNumber()));
        Instant pulled =
            image.lastRecordedPullTime() == null ? image.pushedAt() : image.lastRecordedPullTime();
        boolean candidate =
            switch (selection.countType()) {
              case IMAGE_COUNT_MORE_THAN -> rank > selection.countNumber();
              case SINCE_IMAGE_PUSHED -> image.pushedAt().isBefore(cutoff);
              case SINCE_IMAGE_PULLED -> pulled.isBefore(cutoff);
              case SINCE_IMAGE_TRANSITIONED -> false;
            };
        if (!claimedBy.containsKey(image.digest())) {
          claimedBy.put(image.digest(), rule);
          if (candidate) {
            acted.put(image.digest(), rule.action().type());
          }
        }
      }
    }
    return images.stream().map(LifecycleImage::digest).filter(d -> acted.get(d) == wanted).toList();
  }
}
