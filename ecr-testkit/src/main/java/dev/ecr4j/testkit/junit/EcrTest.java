package dev.ecr4j.testkit.junit;

import dev.ecr4j.testkit.localstack.LocalStackBackend;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against an ECR backend: the embedded emulator by default, or LocalStack. One
 * backend serves the whole class, including its {@code @Nested} classes, and is reset before each
 * test unless {@link #isolation()} is {@link Isolation#SHARED}. Test methods, lifecycle methods and
 * constructors receive parameters of these types:
 *
 * <ul>
 *   <li>{@code software.amazon.awssdk.services.ecr.EcrClient}: the AWS SDK's client;
 *   <li>{@code dev.ecr4j.core.Ecr4jClient}: ecr4j's client, over the same SDK client;
 *   <li>{@link dev.ecr4j.testkit.EcrEndpoint}: the endpoint, region and credentials, to build other
 *       clients;
 *   <li>{@link dev.ecr4j.testkit.EcrControls}: reset, clock, and the emulator itself;
 *   <li>{@link dev.ecr4j.testkit.TestBackend}: the backend, for repository URIs.
 * </ul>
 *
 * <pre>{@code
 * @EcrTest
 * class ImageCleanupTest {
 *   @Test
 *   void deletesOldImages(Ecr4jClient ecr, EcrClient sdk) {
 *     ecr.repositories().create("app", RepositorySettings.defaults());
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>For options that an annotation cannot carry, or for a backend per test, register {@link
 * EcrTestExtension#builder()} in a field instead. When a {@code @Nested} class carries its own
 * {@code @EcrTest}, the outer class's backend and settings still apply.
 *
 * @since 0.1.0
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EcrTestExtension.class)
public @interface EcrTest {

  /** The backend to start. Default: the embedded emulator. */
  Backend backend() default Backend.EMBEDDED;

  /** Whether tests share the backend's state. Default: a fresh registry per test. */
  Isolation isolation() default Isolation.PER_TEST;

  /** The region of the injected clients and endpoint. Default: {@code us-east-1}. */
  String region() default "us-east-1";

  /**
   * The LocalStack image, with a tag, for {@link Backend#LOCALSTACK}. Default: {@value
   * LocalStackBackend#DEFAULT_IMAGE}.
   */
  String localStackImage() default LocalStackBackend.DEFAULT_IMAGE;
}
