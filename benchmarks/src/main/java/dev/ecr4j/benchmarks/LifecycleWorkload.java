package dev.ecr4j.benchmarks;

import dev.ecr4j.policy.lifecycle.ImageStatus;
import dev.ecr4j.policy.lifecycle.LifecycleImage;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The lifecycle workload shared by the benchmarks and their test: a valid 50-rule policy and a
 * deterministic repository of images whose tags come from families that the rules do and do not
 * select.
 *
 * <p>Image mix, by construction: about 20% untagged (plain untagged images, manifest-list children
 * and referrers), 55% with one tag, 17% with two and 8% with three. Push times are uniform over the
 * two years before {@link #NOW}, 60% of the images have a pull time, about 5% are archived, 0.5%
 * were restored from the archive, about 1% are manifest lists with two untagged children, and about
 * 1% are referrers of an earlier image. Every tag is unique in the repository, as ECR requires.
 */
public final class LifecycleWorkload {

  /** The evaluation time, fixed so that every run computes the same image ages. */
  public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  /** The seed of the image generator. */
  public static final long SEED = 20_260_101L;

  /** The number of rules in {@link #policy()}, which is ECR's maximum per policy. */
  public static final int RULE_COUNT = 50;

  private LifecycleWorkload() {}

  /**
   * Builds a 50-rule policy shaped like the ones teams write for a busy repository. It has count
   * and age limits per tag family, one untagged rule, archiving of nightly builds that are not
   * pulled, expiry of archived images, and a last rule for any image. The builder validates it.
   */
  public static LifecyclePolicy policy() {
    return LifecyclePolicy.builder()
        .tagged("release-*", "prod-*")
        .keepNewest(200)
        .tagged("*-rc*")
        .expireAfterDays(30)
        .tagged("release-9*")
        .keepNewest(100)
        .tagged("release-8*")
        .keepNewest(60)
        .tagged("release-7*")
        .keepNewest(40)
        .tagged("release-6*")
        .keepNewest(30)
        .tagged("release-5*")
        .keepNewest(20)
        .tagged("release-4*")
        .keepNewest(10)
        .tagged("release-3*")
        .keepNewest(5)
        .tagged("release-2*")
        .expireAfterDays(365)
        .tagged("release-1*")
        .expireAfterDays(180)
        .taggedWithPrefix("prod-")
        .keepNewest(50)
        .taggedWithPrefix("staging-")
        .keepNewest(20)
        .taggedWithPrefix("hotfix-")
        .keepNewest(20)
        .tagged("main-*", "nightly-*")
        .keepNewest(14)
        .tagged("nightly-*")
        .archiveWhenNotPulledForDays(30)
        .thenExpireAfterDays(90)
        .tagged("main-*")
        .keepNewest(500)
        .tagged("feature-login-*")
        .keepNewest(10)
        .tagged("feature-payments-*")
        .keepNewest(10)
        .tagged("feature-search-*")
        .keepNewest(10)
        .tagged("feature-*-build*")
        .expireAfterDays(14)
        .tagged("feature-*")
        .expireAfterDays(30)
        .taggedWithPrefix("pr-")
        .expireAfterDays(7)
        .taggedWithPrefix("dev-alice-")
        .expireAfterDays(3)
        .taggedWithPrefix("dev-bob-")
        .expireAfterDays(3)
        .taggedWithPrefix("dev-carol-")
        .expireAfterDays(5)
        .taggedWithPrefix("dev-dave-")
        .expireAfterDays(5)
        .taggedWithPrefix("dev-erin-")
        .expireAfterDays(7)
        .taggedWithPrefix("dev-frank-")
        .expireAfterDays(7)
        .taggedWithPrefix("dev-grace-")
        .expireAfterDays(10)
        .taggedWithPrefix("dev-heidi-")
        .expireAfterDays(10)
        .tagged("v*-beta*")
        .expireAfterDays(60)
        .tagged("v1.*")
        .keepNewest(5)
        .tagged("v2.*")
        .keepNewest(10)
        .tagged("v3.*")
        .keepNewest(20)
        .tagged("*-debug")
        .expireAfterDays(10)
        .tagged("*-amd64")
        .keepNewest(100)
        .tagged("*-arm64")
        .keepNewest(100)
        .tagged("canary-*")
        .expireAfterDays(2)
        .taggedWithPrefix("ci-")
        .expireAfterDays(1)
        .tagged("renovate-*-*")
        .expireAfterDays(14)
        .tagged("*-snapshot-*")
        .expireAfterDays(21)
        .taggedWithPrefix("perf-")
        .keepNewest(3)
        .tagged("qa-*-*-*-run*")
        .keepNewest(5)
        .taggedWithPrefix("demo-")
        .expireAfterDays(45)
        .tagged("docs-*")
        .expireAfterDays(90)
        .untagged()
        .expireAfterDays(7)
        .anyImage()
        .expireAfterDays(365)
        .archived()
        .expireAfterDays(180)
        .build();
  }

  /**
   * Generates {@code count} images from {@link #SEED}. The same count always gives the same images
   * in the same order.
   */
  public static List<LifecycleImage> images(int count) {
    return new ImageGenerator(count).generate();
  }

  /** The families of tags in the repository, with their relative frequencies as weights. */
  private enum Family {
    RELEASE(120),
    RELEASE_CANDIDATE(40),
    MAIN(150),
    NIGHTLY(50),
    FEATURE_BUILD(110),
    FEATURE_BRANCH(20),
    PULL_REQUEST(100),
    DEVELOPER(80),
    HOTFIX(20),
    SEMVER(50),
    SEMVER_BETA(10),
    CANARY(20),
    CI(30),
    RENOVATE(20),
    SNAPSHOT(10),
    PERF(5),
    QA(10),
    DEMO(10),
    DOCS(10),
    DEBUG(10),
    PLATFORM(20),
    // No rule but the last one selects these.
    SANDBOX(30),
    CACHE(30),
    EXPERIMENT(15),
    // Second and third tags only.
    PROD(0),
    STAGING(0);

    final int weight;

    Family(int weight) {
      this.weight = weight;
    }
  }

  private static final class ImageGenerator {

    private static final long NOW_MILLIS = NOW.toEpochMilli();
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    private static final long PUSH_WINDOW_MILLIS = Duration.ofDays(730).toMillis();
    private static final long MIN_AGE_BEFORE_ARCHIVE_MILLIS = Duration.ofDays(30).toMillis();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final Family[] FAMILIES = Family.values();
    private static final Family[] SECONDARY = {
      Family.PROD, Family.PROD, Family.STAGING, Family.STAGING, Family.MAIN, Family.NIGHTLY
    };
    private static final String[] FEATURES = {
      "login", "payments", "search", "checkout", "profile", "billing", "onboarding", "reports"
    };
    // The last two developers have no rule of their own.
    private static final String[] DEVELOPERS = {
      "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"
    };
    private static final String[] DEPENDENCIES = {"jackson", "netty", "guava", "slf4j", "junit"};
    private static final String[] REGIONS = {"eu-west-1", "us-east-1", "us-west-2", "ap-south-1"};

    private final int count;
    private final SplittableRandom random = new SplittableRandom(SEED);
    private final List<LifecycleImage> images;
    private final int[] counters = new int[FAMILIES.length];
    private final int totalWeight;

    ImageGenerator(int count) {
      this.count = count;
      this.images = new ArrayList<>(count);
      int weights = 0;
      for (Family family : FAMILIES) {
        weights += family.weight;
      }
      this.totalWeight = weights;
    }

    List<LifecycleImage> generate() {
      while (images.size() < count) {
        double kind = random.nextDouble();
        if (kind < 0.01 && images.size() + 3 <= count) {
          addManifestList();
        } else if (kind < 0.02 && !images.isEmpty()) {
          addReferrer();
        } else {
          long pushed = NOW_MILLIS - random.nextLong(PUSH_WINDOW_MILLIS);
          images.add(withStorageHistory(withPull(regularImage(pushed, tags(pushed)))));
        }
      }
      return images;
    }

    private LifecycleImage regularImage(long pushed, String[] tags) {
      return LifecycleImage.of(digest(), Instant.ofEpochMilli(pushed), tags);
    }

    private LifecycleImage withPull(LifecycleImage image) {
      if (random.nextDouble() >= 0.6) {
        return image;
      }
      return image.withLastRecordedPullTime(between(image.pushedAt().toEpochMilli(), NOW_MILLIS));
    }

    /** Archives about 5% of the images and restores 0.5%, only those older than 30 days. */
    private LifecycleImage withStorageHistory(LifecycleImage image) {
      long pushed = image.pushedAt().toEpochMilli();
      double roll = random.nextDouble();
      if (roll >= 0.055 || NOW_MILLIS - pushed <= MIN_AGE_BEFORE_ARCHIVE_MILLIS) {
        return image;
      }
      Instant archived = between(pushed + MIN_AGE_BEFORE_ARCHIVE_MILLIS, NOW_MILLIS);
      if (roll < 0.05) {
        return image.archivedAt(archived);
      }
      return image.archivedAt(archived).restoredAt(between(archived.toEpochMilli(), NOW_MILLIS));
    }

    /** Adds a tagged manifest list and the two untagged platform images it references. */
    private void addManifestList() {
      long pushed = NOW_MILLIS - random.nextLong(PUSH_WINDOW_MILLIS);
      LifecycleImage list = withPull(regularImage(pushed, tags(pushed, 1 + random.nextInt(3))));
      images.add(list);
      for (int child = 1; child <= 2; child++) {
        // Clients push the platform images a moment before the list that references them.
        images.add(
            regularImage(pushed - child * 1_000L, new String[0]).referencedBy(list.digest()));
      }
    }

    /** Adds an untagged referrer, such as a signature, of an earlier image, pushed after it. */
    private void addReferrer() {
      LifecycleImage subject = images.get(random.nextInt(images.size()));
      long subjectPushed = subject.pushedAt().toEpochMilli();
      long pushed = Math.min(NOW_MILLIS, subjectPushed + random.nextLong(DAY_MILLIS));
      LifecycleImage referrer = regularImage(pushed, new String[0]).withSubject(subject.digest());
      // The evaluator archives a referrer together with its subject, so a referrer of an archived
      // image is archived at the same time.
      if (subject.status() == ImageStatus.ARCHIVED && subject.lastArchivedAt() != null) {
        referrer = referrer.archivedAt(subject.lastArchivedAt());
      }
      images.add(referrer);
    }

    private String[] tags(long pushed) {
      double roll = random.nextDouble();
      if (roll < 0.17) {
        return new String[0];
      }
      if (roll < 0.72) {
        return tags(pushed, 1);
      }
      if (roll < 0.90) {
        return tags(pushed, 2);
      }
      return tags(pushed, 3);
    }

    private String[] tags(long pushed, int tagCount) {
      String[] tags = new String[tagCount];
      tags[0] = uniqueTag(primaryFamily(), pushed);
      for (int i = 1; i < tagCount; i++) {
        tags[i] = uniqueTag(SECONDARY[random.nextInt(SECONDARY.length)], pushed);
      }
      return tags;
    }

    private Family primaryFamily() {
      int pick = random.nextInt(totalWeight);
      for (Family family : FAMILIES) {
        pick -= family.weight;
        if (pick < 0) {
          return family;
        }
      }
      throw new AssertionError("the weights add up to " + totalWeight);
    }

    /**
     * Returns the next tag of {@code family}. Every tag embeds the family's counter, directly or
     * through {@link #uniqueHex}, so no two images share a tag, as ECR requires. Checking a set of
     * the tags in use is avoided on purpose: the collector could copy the tag strings in the set's
     * order, away from their images, and the measured time then depended on when it ran.
     */
    private String uniqueTag(Family family, long pushed) {
      return tag(family, counters[family.ordinal()]++, pushed);
    }

    private String tag(Family family, int n, long pushed) {
      return switch (family) {
        case RELEASE -> "release-" + version(n);
        case RELEASE_CANDIDATE -> "release-" + version(n) + "-rc" + (1 + random.nextInt(5));
        case MAIN -> "main-" + uniqueHex(n, 12);
        case NIGHTLY -> "nightly-" + date(pushed) + "." + n;
        case FEATURE_BUILD -> "feature-" + pick(FEATURES) + "-build" + n;
        case FEATURE_BRANCH -> "feature-" + pick(FEATURES) + "-" + uniqueHex(n, 7);
        case PULL_REQUEST -> "pr-" + n;
        case DEVELOPER -> "dev-" + pick(DEVELOPERS) + "-" + n;
        case HOTFIX -> "hotfix-" + n;
        case SEMVER -> "v" + (1 + n % 4) + "." + (n / 4 % 30) + "." + (n / 120);
        case SEMVER_BETA ->
            "v" + (1 + n % 4) + "." + (n / 4 % 30) + "." + (n / 120) + "-beta." + random.nextInt(9);
        case CANARY -> "canary-" + n;
        case CI -> "ci-" + n + "-" + hex(7);
        case RENOVATE -> "renovate-" + pick(DEPENDENCIES) + "-" + n;
        case SNAPSHOT -> "app-2.0-snapshot-" + n;
        case PERF -> "perf-" + n;
        case QA -> "qa-" + pick(REGIONS) + "-run" + n;
        case DEMO -> "demo-" + n;
        case DOCS -> "docs-" + n;
        case DEBUG -> "build" + n + "-debug";
        case PLATFORM -> "build" + n + (random.nextBoolean() ? "-amd64" : "-arm64");
        case SANDBOX -> "sandbox-" + uniqueHex(n, 8);
        case CACHE -> "cache-" + uniqueHex(n, 12);
        case EXPERIMENT -> "exp" + n;
        case PROD -> "prod-" + n;
        case STAGING -> "staging-" + n;
      };
    }

    /** Spreads counter values over majors 1 to 9 and 40 minors, so each major has many tags. */
    private static String version(int n) {
      return (1 + n % 9) + "." + (n / 9 % 40) + "." + (n / 360);
    }

    private static String date(long millis) {
      return LocalDate.ofEpochDay(Math.floorDiv(millis, DAY_MILLIS))
          .format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private String pick(String[] values) {
      return values[random.nextInt(values.length)];
    }

    private Instant between(long fromMillis, long toMillis) {
      return Instant.ofEpochMilli(
          fromMillis >= toMillis ? toMillis : random.nextLong(fromMillis, toMillis));
    }

    /**
     * Returns {@code n} scrambled into {@code digits} hex digits, like a commit hash. Multiplying
     * by an odd number and xor-ing with a right shift are both bijections on {@code 4 * digits}
     * bits, so distinct counters below {@code 16^digits} give distinct strings.
     */
    private static String uniqueHex(int n, int digits) {
      int bits = 4 * digits;
      long mask = (1L << bits) - 1;
      long value = n & mask;
      value = (value * 0x9E3779B97F4A7C15L) & mask;
      value ^= value >>> (bits / 2);
      value = (value * 0xBF58476D1CE4E5B9L) & mask;
      value ^= value >>> (bits / 2);
      char[] chars = new char[digits];
      for (int i = digits - 1; i >= 0; i--) {
        chars[i] = HEX[(int) (value & 0xF)];
        value >>>= 4;
      }
      return new String(chars);
    }

    private String digest() {
      return "sha256:" + hex(64);
    }

    private String hex(int length) {
      char[] chars = new char[length];
      for (int i = 0; i < length; i++) {
        chars[i] = HEX[random.nextInt(16)];
      }
      return new String(chars);
    }
  }
}
