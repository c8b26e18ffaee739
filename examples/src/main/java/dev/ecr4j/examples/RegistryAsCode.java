package dev.ecr4j.examples;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.core.retry.RateLimitSettings;
import dev.ecr4j.policy.iam.PolicyPresets;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.RegistryPolicyScope;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.registry.TagMutability;
import dev.ecr4j.state.ApplyOptions;
import dev.ecr4j.state.Plan;
import dev.ecr4j.state.RegistrySpec;
import dev.ecr4j.state.SpecFiles;
import dev.ecr4j.state.SpecFormat;
import dev.ecr4j.state.StateEngine;
import dev.ecr4j.testkit.emulator.EcrEmulator;
import java.io.PrintStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Manages a registry as code: declares it in Java, plans it against the live registry, applies the
 * plan, and plans again to show that nothing is left. {@link #main} runs it against an embedded
 * emulator, so it needs no AWS account.
 */
public final class RegistryAsCode {

  private RegistryAsCode() {}

  /** Returns the desired state: scanning on push everywhere and one governed repository. */
  public static RegistrySpec specification() {
    return RegistrySpec.builder()
        .region("us-east-1")
        .accountSetting(AccountSetting.of(RegistryPolicyScope.V2))
        .scanning(ScanningConfiguration.basic().scanOnPush("*"))
        .repository(
            "team-a/web",
            repository ->
                repository
                    .tagMutability(TagMutability.immutableExcept("latest"))
                    .lifecyclePolicy(
                        LifecyclePolicy.builder()
                            .tagged("release-*")
                            .keepNewest(10)
                            .untagged()
                            .expireAfterDays(14)
                            .build())
                    .repositoryPolicy(
                        RepositoryPolicy.builder()
                            .statement(PolicyPresets.crossAccountPull("111122223333"))
                            .build())
                    .tag("team", "a"))
        .build();
  }

  /**
   * Plans {@link #specification()} against the registry of {@code ecr}, prints the plan, applies
   * it, and returns the plan made after the apply, which is empty.
   */
  public static Plan planAndApply(Ecr4jClient ecr, PrintStream out) {
    StateEngine engine = StateEngine.of(ecr);
    Plan plan = engine.plan(specification());
    out.print(plan.render());

    engine.apply(
        plan, ApplyOptions.builder().listener(change -> out.println("applied: " + change)).build());

    Plan after = engine.detectDrift(specification());
    out.print(after.render());
    return after;
  }

  /** Runs the example against an embedded emulator and prints the specification as YAML. */
  public static void main(String[] args) {
    try (EcrEmulator emulator = EcrEmulator.start();
        Ecr4jClient ecr =
            Ecr4jClient.builder()
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .region(Region.US_EAST_1)
                .endpointOverride(emulator.endpoint())
                .rateLimitSettings(RateLimitSettings.unlimited())
                .build()) {
      planAndApply(ecr, System.out);
      System.out.println();
      System.out.print(SpecFiles.write(specification(), SpecFormat.YAML));
    }
  }
}
