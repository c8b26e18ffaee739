package dev.ecr4j.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.registry.EncryptionConfiguration;
import dev.ecr4j.policy.registry.TagMutability;
import org.junit.jupiter.api.Test;

class PlanRendererTest {

  @Test
  void rendersEveryKindOfChange() {
    LiveRegistry live = LiveFixtures.live();
    live.add(LiveFixtures.repository("web")).lifecyclePolicy =
        LiveDocument.of(LifecyclePolicy.builder().untagged().expireAfterDays(14).build());
    live.add(LiveFixtures.repository("old"));
    RegistrySpec spec =
        RegistrySpec.builder()
            .repository("new", repository -> repository.tagMutability(TagMutability.immutable()))
            .repository(
                "web",
                repository ->
                    repository
                        .tagMutability(TagMutability.immutable())
                        .encryption(EncryptionConfiguration.kms())
                        .lifecyclePolicy(
                            LifecyclePolicy.builder().untagged().expireAfterDays(30).build()))
            .noRepository("old")
            .build();

    String text = Planner.plan(spec, live).render();

    assertThat(text)
        .isEqualTo(
            """
            Plan for registry 123456789012 in us-east-1: 1 to create, 2 to update, 1 to delete, 1 conflict.

            + repository new
                  imageTagMutability: IMMUTABLE

            ~ repository web
                  imageTagMutability: MUTABLE -> IMMUTABLE

            ~ lifecycle policy of web
                  rules[0].selection.countNumber: 14 -> 30

            - repository old   <-- DESTRUCTIVE: deletes the repository and every image in it

            Conflicts that apply cannot resolve:

            ! repository web
                  The encryption is {"encryptionType":"AES256"} but the specification asks for {"encryptionType":"KMS"}, and ECR sets a repository's encryption only when it creates it.
                  Fix: Change the specification to the live encryption, or move the images to a new repository with the desired encryption and delete this one.

            1 change is destructive and will be applied only when destructive changes are allowed.
            """);
  }

  @Test
  void closingLineFollowsDestructiveAllowed() {
    LiveRegistry live = LiveFixtures.live();
    live.add(LiveFixtures.repository("old"));
    Plan plan = Planner.plan(RegistrySpec.builder().noRepository("old").build(), live);

    assertThat(plan.render(true))
        .endsWith(
            "1 change is destructive and will be applied, because destructive changes are"
                + " allowed.\n");
    assertThat(plan.render(false)).isEqualTo(plan.render());
  }

  @Test
  void rendersEmptyPlan() {
    assertThat(Planner.plan(RegistrySpec.builder().build(), LiveFixtures.live()).render())
        .isEqualTo("No changes: registry 123456789012 in us-east-1 matches the specification.\n");
  }
}
