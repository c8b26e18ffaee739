package dev.ecr4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ecr4j.testkit.localstack.LocalStackBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import software.amazon.awssdk.services.ecr.EcrClient;

/** Runs test classes in a nested JUnit launcher to check how the extension skips and fails. */
class ExtensionLauncherTest {

  @Test
  void localStackSkippedWithReason() {
    assumeTrue(
        LocalStackBackend.unavailableReason().isPresent(), "LocalStack can run on this machine");

    Outcome outcome = run(LocalStackBackendContractTest.class);

    assertThat(outcome.skipped()).hasSize(1);
    assertThat(outcome.skipped().values())
        .singleElement()
        .asString()
        .startsWith("LocalStack backend unavailable, test skipped: ")
        .endsWith(LocalStackBackend.unavailableReason().orElseThrow());
    assertThat(outcome.failures()).isEmpty();
  }

  @Test
  void missingAnnotationFailsWithFix() {
    Outcome outcome = run(WithoutAnnotation.class);

    assertThat(outcome.failures())
        .singleElement()
        .asString()
        .contains("EcrTestExtension found no @EcrTest on")
        .contains("Annotate the class with @EcrTest");
  }

  @Test
  void concurrentResetsRejected() {
    Outcome outcome = run(ConcurrentTests.class);

    assertThat(outcome.failures())
        .hasSize(2)
        .allSatisfy(
            failure ->
                assertThat(failure)
                    .contains("run concurrently on one ECR backend with Isolation.PER_TEST"));
  }

  /** Runs its two tests in parallel threads on one backend that resets per test. */
  @EcrTest
  @Execution(ExecutionMode.CONCURRENT)
  static class ConcurrentTests {
    @Test
    void first(EcrClient ecr) {
      ecr.describeRepositories();
    }

    @Test
    void second(EcrClient ecr) {
      ecr.describeRepositories();
    }
  }

  /** Registers the extension without @EcrTest, which leaves it without settings. */
  @ExtendWith(EcrTestExtension.class)
  static class WithoutAnnotation {
    @Test
    void needsBackend(EcrClient ecr) {
      ecr.describeRepositories();
    }
  }

  private record Outcome(Map<String, String> skipped, List<String> failures) {}

  private static Outcome run(Class<?> testClass) {
    Map<String, String> skipped = new ConcurrentHashMap<>();
    List<String> failures = new ArrayList<>();
    TestExecutionListener listener =
        new TestExecutionListener() {
          @Override
          public void executionSkipped(TestIdentifier identifier, String reason) {
            skipped.put(identifier.getDisplayName(), reason);
          }

          @Override
          public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            result.getThrowable().ifPresent(failure -> failures.add(String.valueOf(failure)));
          }
        };
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(testClass))
            // Execution modes count only when parallel execution is on.
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
            .build();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, listener);
    return new Outcome(skipped, failures);
  }
}
