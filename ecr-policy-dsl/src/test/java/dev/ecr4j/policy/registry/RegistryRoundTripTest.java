package dev.ecr4j.policy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Generates random values of every registry kind, valid or not, and checks that rendering and
 * parsing agree: the parsed value equals the original and renders the same text.
 */
class RegistryRoundTripTest {

  private static final String KEY_ARN =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String SECRET =
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/x-AbCdEf";
  private static final String ROLE = "arn:aws:iam::111122223333:role/ecr";
  private static final String NAME_CHARACTERS = "ab9-_./";

  @Test
  void randomTemplatesRoundTrip() {
    Random random = new Random(20261207L);
    for (int iteration = 0; iteration < 500; iteration++) {
      List<RepositoryCreationScenario> scenarios = new ArrayList<>();
      for (RepositoryCreationScenario scenario : RepositoryCreationScenario.values()) {
        if (random.nextBoolean()) {
          scenarios.add(scenario);
        }
      }
      RepositoryCreationTemplate template =
          new RepositoryCreationTemplate(
              random.nextInt(5) == 0 ? "ROOT" : RandomText.word(random, NAME_CHARACTERS),
              maybe(random, RandomText.text(random)),
              random.nextBoolean() ? null : randomEncryption(random),
              randomTags(random),
              random.nextBoolean() ? null : randomMutability(random),
              maybe(random, "{\"Version\":\"2012-10-17\",\"Statement\":[]}"),
              random.nextBoolean()
                  ? null
                  : LifecyclePolicy.builder()
                      .untagged()
                      .expireAfterDays(1 + random.nextInt(99))
                      .build(),
              scenarios,
              maybe(random, ROLE));

      RepositoryCreationTemplate parsed = RepositoryCreationTemplate.parse(template.toJson());

      assertThat(parsed).isEqualTo(template);
      assertThat(parsed.toJson()).isEqualTo(template.toJson());
      assertThat(parsed.violations()).isEqualTo(template.violations());
    }
  }

  @Test
  void randomPullThroughCacheRulesRoundTrip() {
    Random random = new Random(20261208L);
    for (int iteration = 0; iteration < 500; iteration++) {
      UpstreamRegistry registry = RandomText.pick(random, UpstreamRegistry.values());
      PullThroughCacheRule rule =
          new PullThroughCacheRule(
              RandomText.word(random, NAME_CHARACTERS),
              registry.url().orElse(RandomText.word(random, "abc.:/")),
              random.nextBoolean() ? registry : null,
              maybe(random, SECRET),
              maybe(random, ROLE),
              maybe(random, RandomText.word(random, NAME_CHARACTERS)));

      PullThroughCacheRule parsed = PullThroughCacheRule.parse(rule.toJson());

      assertThat(parsed).isEqualTo(rule);
      assertThat(parsed.toJson()).isEqualTo(rule.toJson());
      assertThat(parsed.violations()).isEqualTo(rule.violations());
    }
  }

  @Test
  void randomRepositorySettingsRoundTrip() {
    Random random = new Random(20261209L);
    for (int iteration = 0; iteration < 500; iteration++) {
      RepositorySettings settings =
          RepositorySettings.of(
              RandomText.word(random, NAME_CHARACTERS),
              random.nextBoolean() ? null : randomMutability(random),
              random.nextBoolean() ? null : random.nextBoolean(),
              random.nextBoolean() ? null : randomEncryption(random),
              randomTags(random));

      RepositorySettings parsed = RepositorySettings.parse(settings.toJson());

      assertThat(parsed).isEqualTo(settings);
      assertThat(parsed.toJson()).isEqualTo(settings.toJson());
      assertThat(RepositorySettings.parse(settings.toPrettyJson()).toJson())
          .isEqualTo(settings.toJson());
    }
  }

  private static @Nullable String maybe(Random random, String value) {
    return random.nextBoolean() ? value : null;
  }

  private static EncryptionConfiguration randomEncryption(Random random) {
    EncryptionType type = RandomText.pick(random, EncryptionType.values());
    return new EncryptionConfiguration(type, random.nextBoolean() ? KEY_ARN : null);
  }

  private static TagMutability randomMutability(Random random) {
    List<ImageTagMutabilityExclusionFilter> filters = new ArrayList<>();
    for (int i = 0; i < random.nextInt(4); i++) {
      filters.add(ImageTagMutabilityExclusionFilter.wildcard(RandomText.word(random, "aZ9._*-")));
    }
    return new TagMutability(RandomText.pick(random, ImageTagMutability.values()), filters);
  }

  private static ResourceTags randomTags(Random random) {
    List<ResourceTag> tags = new ArrayList<>();
    for (int i = 0; i < random.nextInt(4); i++) {
      tags.add(
          ResourceTag.of(
              RandomText.text(random), random.nextBoolean() ? "" : RandomText.text(random)));
    }
    return ResourceTags.of(tags);
  }
}
