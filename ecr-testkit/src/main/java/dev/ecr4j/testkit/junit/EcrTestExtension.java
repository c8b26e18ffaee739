package dev.ecr4j.testkit.junit;

import dev.ecr4j.core.Ecr4jClient;
import dev.ecr4j.testkit.EcrControls;
import dev.ecr4j.testkit.EcrEndpoint;
import dev.ecr4j.testkit.TestBackend;
import dev.ecr4j.testkit.emulator.EmulatorCredentials;
import dev.ecr4j.testkit.localstack.LocalStackBackend;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Starts an ECR backend for JUnit Jupiter tests and injects clients, the endpoint and the controls
 * into them. {@link EcrTest} registers it declaratively; {@link #builder()} creates one for
 * {@code @RegisterExtension}:
 *
 * <pre>{@code
 * // One backend for the class, reset before each test.
 * @RegisterExtension
 * static final EcrTestExtension ECR = EcrTestExtension.builder().region("eu-west-1").build();
 *
 * // One backend per test.
 * @RegisterExtension
 * final EcrTestExtension ecr = EcrTestExtension.builder().build();
 * }</pre>
 *
 * <p>Lifecycle: registered in a static field or by {@link EcrTest}, the extension starts the
 * backend before the class's first {@code @BeforeAll} method and stops it after the last
 * {@code @AfterAll}; registered in an instance field, it starts one before each test and stops it
 * after that test. With {@link Isolation#PER_TEST}, the default, a backend shared by several tests
 * is reset before each test, unless nothing has used it since it started. Injectable parameters:
 * {@link EcrClient}, {@link Ecr4jClient}, {@link EcrEndpoint}, {@link EcrControls} and {@link
 * TestBackend}. The clients have no rate limits and are closed with the backend.
 *
 * <p>With parallel execution, tests of one class that run concurrently on a class-wide backend need
 * {@link Isolation#SHARED}; with {@link Isolation#PER_TEST} they fail with an {@link
 * ExtensionConfigurationException}, because a reset would remove what the other tests created.
 *
 * <p>LocalStack tests are skipped, with the reason in the test report and in a warning, when
 * Docker, Testcontainers or {@code LOCALSTACK_AUTH_TOKEN} is missing.
 *
 * <p>Compatibility: the extension calls only Jupiter and Platform APIs that JUnit 5.10 has. The
 * build runs its tests on JUnit 5.14 and 6.1; earlier 5.x releases are not run.
 *
 * @since 0.1.0
 */
public final class EcrTestExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver, ExecutionCondition {

  private static final System.Logger LOG = System.getLogger(EcrTestExtension.class.getName());

  /** Skip reasons already logged, so that a suite of many classes warns once per reason. */
  private static final Set<String> LOGGED_REASONS = ConcurrentHashMap.newKeySet();

  private static final Set<Class<?>> PARAMETER_TYPES =
      Set.of(
          EcrClient.class,
          Ecr4jClient.class,
          EcrEndpoint.class,
          EcrControls.class,
          TestBackend.class);

  private static final String SESSION = "session";

  /** Settings of a programmatic extension; null when {@link EcrTest} supplies them. */
  private final @Nullable ExtensionSettings settings;

  private final Namespace namespace;

  /** The backend of a programmatic extension, for the accessors; null outside a test. */
  private volatile @Nullable BackendSession current;

  /** Creates the extension that {@link EcrTest} registers, which reads its settings from there. */
  public EcrTestExtension() {
    this(null);
  }

  private EcrTestExtension(@Nullable ExtensionSettings settings) {
    this.settings = settings;
    // Each registration keeps its own backend, so two programmatic extensions in one class do not
    // share one.
    this.namespace = Namespace.create(EcrTestExtension.class, this);
  }

  /**
   * Returns a builder for {@code @RegisterExtension}, with the same defaults as {@link EcrTest}.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<ExtensionSettings> found = findSettings(context);
    if (found.isEmpty() || found.get().backend() != Backend.LOCALSTACK) {
      return ConditionEvaluationResult.enabled("the backend needs nothing outside this JVM");
    }
    Optional<String> reason = LocalStackBackend.unavailableReason();
    if (reason.isEmpty()) {
      return ConditionEvaluationResult.enabled("LocalStack can run: Docker and a token are set");
    }
    String message = "LocalStack backend unavailable, test skipped: " + reason.get();
    if (LOGGED_REASONS.add(message)) {
      LOG.log(Level.WARNING, message);
    }
    return ConditionEvaluationResult.disabled(message);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // A @Nested class reuses the backend of its enclosing class.
    if (findSession(context) == null) {
      startSession(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    BackendSession session = findSession(context);
    if (session == null) {
      // Registered in an instance field: this test gets its own backend.
      session = startSession(context);
    } else if (session.isolation() == Isolation.PER_TEST && runsConcurrently(context)) {
      // A reset for one test would wipe what the tests running beside it created.
      throw new ExtensionConfigurationException(
          "Tests of "
              + context.getRequiredTestClass().getName()
              + " run concurrently on one ECR backend with Isolation.PER_TEST, so resetting it for"
              + " one test would remove what the others created. Register EcrTestExtension in an"
              + " instance field for a backend per test, use Isolation.SHARED, or run the class's"
              + " tests in the same thread.");
    }
    session.beforeTest();
  }

  /**
   * Returns true when the test may run beside others: its execution mode is concurrent, which
   * counts only when parallel execution is enabled.
   */
  private static boolean runsConcurrently(ExtensionContext context) {
    boolean parallel =
        context
            .getConfigurationParameter("junit.jupiter.execution.parallel.enabled")
            .map(Boolean::parseBoolean)
            .orElse(false);
    return parallel && context.getExecutionMode() == ExecutionMode.CONCURRENT;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return PARAMETER_TYPES.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    BackendSession session = findSession(context);
    if (session == null) {
      // Only the constructor of a class with @TestInstance(PER_CLASS) runs before beforeAll, and
      // the backend it gets here is the one that beforeAll then finds.
      session = startSession(context);
    }
    if (type == EcrClient.class) {
      return session.client().sdkClient();
    }
    if (type == Ecr4jClient.class) {
      return session.client();
    }
    session.markUsed();
    if (type == EcrEndpoint.class) {
      return session.backend().endpoint();
    }
    if (type == EcrControls.class) {
      return session.backend().controls();
    }
    return session.backend();
  }

  /**
   * Returns the running backend of this extension.
   *
   * @throws IllegalStateException when no test of this extension is running, or when the extension
   *     was registered by {@link EcrTest}, which has no field to call this on
   */
  public TestBackend backend() {
    return requireCurrent().backend();
  }

  /** Returns the running backend's endpoint, region and credentials. */
  public EcrEndpoint endpoint() {
    return requireCurrent().backend().endpoint();
  }

  /** Returns the running backend's controls. */
  public EcrControls controls() {
    return requireCurrent().backend().controls();
  }

  /** Returns the ecr4j client of the running backend; the extension closes it. */
  public Ecr4jClient ecr4jClient() {
    return requireCurrent().client();
  }

  /** Returns the SDK client of the running backend; the extension closes it. */
  public EcrClient ecrClient() {
    return requireCurrent().client().sdkClient();
  }

  private BackendSession requireCurrent() {
    BackendSession session = current;
    if (session == null) {
      throw new IllegalStateException(
          "No ECR backend is running: the extension's accessors work only while a test, or a"
              + " lifecycle method, of the class that registers it runs.");
    }
    return session;
  }

  private BackendSession startSession(ExtensionContext context) {
    ExtensionSettings effective =
        findSettings(context)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "EcrTestExtension found no @EcrTest on "
                            + context.getRequiredTestClass().getName()
                            + " or its enclosing classes. Annotate the class with @EcrTest, or"
                            + " register EcrTestExtension.builder().build() with"
                            + " @RegisterExtension."));
    BackendSession session = new BackendSession(effective.start(), effective.isolation());
    context.getStore(namespace).put(SESSION, new StoredSession(session, this));
    if (settings != null) {
      current = session;
    }
    return session;
  }

  private @Nullable BackendSession findSession(ExtensionContext context) {
    StoredSession stored = context.getStore(namespace).get(SESSION, StoredSession.class);
    return stored == null ? null : stored.session();
  }

  private Optional<ExtensionSettings> findSettings(ExtensionContext context) {
    if (settings != null) {
      return Optional.of(settings);
    }
    // The outermost annotated class wins, so that @Nested classes share their parent's backend.
    Optional<EcrTest> outermost = Optional.empty();
    for (Optional<ExtensionContext> level = Optional.of(context);
        level.isPresent();
        level = level.get().getParent()) {
      Optional<Class<?>> testClass = level.get().getTestClass();
      if (testClass.isPresent()) {
        Optional<EcrTest> annotation =
            AnnotationSupport.findAnnotation(testClass.get(), EcrTest.class);
        if (annotation.isPresent()) {
          outermost = annotation;
        }
      }
    }
    return outermost.map(ExtensionSettings::from);
  }

  /**
   * The store's entry: closing it closes the session and clears the programmatic accessors. Like
   * {@link BackendSession}, it implements both of JUnit's closing interfaces.
   */
  @SuppressWarnings("deprecation") // CloseableResource, for JUnit 5.10 to 5.12
  private record StoredSession(BackendSession session, EcrTestExtension owner)
      implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      if (owner.current == session) {
        owner.current = null;
      }
      session.close();
    }
  }

  /** Options of a programmatic extension. Each setter checks its value at once. */
  public static final class Builder {
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{2,25}");

    private Backend backend = Backend.EMBEDDED;
    private Isolation isolation = Isolation.PER_TEST;
    private String region = "us-east-1";
    private EmulatorCredentials credentials = EmulatorCredentials.DEFAULT;
    private @Nullable Instant startTime;
    private String localStackImage = LocalStackBackend.DEFAULT_IMAGE;

    private Builder() {}

    /** Sets the backend. Default: {@link Backend#EMBEDDED}. */
    public Builder backend(Backend backend) {
      this.backend = Objects.requireNonNull(backend, "backend");
      return this;
    }

    /** Sets whether tests share state. Default: {@link Isolation#PER_TEST}. */
    public Builder isolation(Isolation isolation) {
      this.isolation = Objects.requireNonNull(isolation, "isolation");
      return this;
    }

    /**
     * Sets the region of the clients and the endpoint. Default: {@code us-east-1}.
     *
     * @throws IllegalArgumentException when {@code region} is not a region name
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      if (!REGION.matcher(region).matches()) {
        throw new IllegalArgumentException(
            "Invalid region '" + region + "': expected a region name such as us-east-1.");
      }
      this.region = region;
      return this;
    }

    /**
     * Sets the credentials and account of the embedded emulator. Default: {@link
     * EmulatorCredentials#DEFAULT}. LocalStack always uses its own, {@code test}/{@code test} in
     * account 000000000000.
     */
    public Builder credentials(EmulatorCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * Starts the embedded emulator's clock at {@code startTime}, and again at each reset. Default:
     * the system time. LocalStack ignores it.
     */
    public Builder startTime(Instant startTime) {
      this.startTime = Objects.requireNonNull(startTime, "startTime");
      return this;
    }

    /**
     * Sets the LocalStack image. Default: {@value LocalStackBackend#DEFAULT_IMAGE}.
     *
     * @throws IllegalArgumentException when the image has no tag
     */
    public Builder localStackImage(String image) {
      // The backend's builder checks the value; a throwaway one reports a bad image here.
      LocalStackBackend.builder().image(image);
      this.localStackImage = image;
      return this;
    }

    /** Creates the extension; it starts nothing until JUnit runs a test. */
    public EcrTestExtension build() {
      return new EcrTestExtension(
          new ExtensionSettings(
              backend, isolation, region, credentials, startTime, localStackImage));
    }
  }
}
