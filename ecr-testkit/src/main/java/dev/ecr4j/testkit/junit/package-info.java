/**
 * JUnit Jupiter support: {@link dev.ecr4j.testkit.junit.EcrTest} for the declarative case and
 * {@link dev.ecr4j.testkit.junit.EcrTestExtension#builder()} for {@code @RegisterExtension}. The
 * extension starts a test backend, resets it between tests unless configured to share state, and
 * injects the SDK's {@code EcrClient}, the {@code Ecr4jClient}, the {@link
 * dev.ecr4j.testkit.EcrEndpoint} and the {@link dev.ecr4j.testkit.EcrControls} into test methods,
 * lifecycle methods and constructors. It calls only JUnit APIs that 5.10 has, and the build runs
 * its tests on JUnit 5.14 and 6.1.
 */
@NullMarked
package dev.ecr4j.testkit.junit;

import org.jspecify.annotations.NullMarked;
