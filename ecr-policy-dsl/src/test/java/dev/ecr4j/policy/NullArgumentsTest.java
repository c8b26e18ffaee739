package dev.ecr4j.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.policy.iam.Condition;
import dev.ecr4j.policy.iam.PolicyStatement;
import dev.ecr4j.policy.iam.Principal;
import dev.ecr4j.policy.iam.RegistryPolicy;
import dev.ecr4j.policy.iam.RepositoryPolicy;
import dev.ecr4j.policy.lifecycle.LifecyclePolicy;
import dev.ecr4j.policy.registry.AccountSetting;
import dev.ecr4j.policy.registry.AccountSettingValue;
import dev.ecr4j.policy.registry.BlobMounting;
import dev.ecr4j.policy.registry.EncryptionConfiguration;
import dev.ecr4j.policy.registry.ImageTagMutabilityExclusionFilter;
import dev.ecr4j.policy.registry.PullThroughCacheRule;
import dev.ecr4j.policy.registry.RepositoryCreationScenario;
import dev.ecr4j.policy.registry.RepositoryCreationTemplate;
import dev.ecr4j.policy.registry.RepositorySettings;
import dev.ecr4j.policy.registry.ResourceTag;
import dev.ecr4j.policy.registry.ResourceTags;
import dev.ecr4j.policy.registry.ScanFrequency;
import dev.ecr4j.policy.registry.ScanningConfiguration;
import dev.ecr4j.policy.registry.ScanningRepositoryFilter;
import dev.ecr4j.policy.registry.ScanningRule;
import dev.ecr4j.policy.registry.TagMutability;
import dev.ecr4j.policy.replication.ReplicationConfiguration;
import dev.ecr4j.policy.replication.ReplicationDestination;
import dev.ecr4j.policy.replication.ReplicationRule;
import dev.ecr4j.policy.replication.ReplicationTarget;
import dev.ecr4j.policy.replication.RepositoryFilter;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calls every public constructor and method of the replication, IAM and registry packages with null
 * for one parameter that is not {@code @Nullable}, and with a null element in a varargs array or
 * list. Each call must throw a NullPointerException whose message has the form of a parameter name,
 * not one without a message or with the JDK's description of the failed dereference. Parameter
 * names are not compiled into the classes, so the tests of each package check the exact names for a
 * sample of methods.
 */
class NullArgumentsTest {

  private static final List<String> PACKAGES =
      List.of("dev.ecr4j.policy.replication", "dev.ecr4j.policy.iam", "dev.ecr4j.policy.registry");

  /** A parameter name, optionally followed by the text for a null element. */
  private static final Pattern NAMED =
      Pattern.compile("[a-z][A-Za-z0-9]*( must not contain null)?");

  /** Receivers for instance methods and values for parameters, by type. */
  private static final Map<Class<?>, Object> SAMPLES = samples();

  private static Map<Class<?>, Object> samples() {
    Map<Class<?>, Object> samples = new HashMap<>();
    ReplicationConfiguration.Builder builder = ReplicationConfiguration.builder();
    samples.put(ReplicationConfiguration.Builder.class, builder);
    samples.put(ReplicationConfiguration.RuleStep.class, builder.allRepositories());
    samples.put(
        ReplicationConfiguration.DestinationStep.class,
        builder.allRepositories().to("us-west-2", "111122223333"));
    samples.put(
        ReplicationConfiguration.class,
        builder.allRepositories().to("us-west-2", "111122223333").build());
    ReplicationDestination destination = ReplicationDestination.of("us-west-2", "111122223333");
    samples.put(ReplicationDestination.class, destination);
    samples.put(RepositoryFilter.class, RepositoryFilter.prefix("prod"));
    samples.put(ReplicationRule.class, ReplicationRule.of(List.of(destination), List.of()));
    samples.put(ReplicationTarget.class, new ReplicationTarget(destination, false));

    Principal principal = Principal.account("111122223333");
    PolicyStatement statement =
        PolicyStatement.allow().principal(principal).action("ecr:BatchGetImage").build();
    samples.put(Principal.class, principal);
    samples.put(Condition.class, Condition.stringEquals("aws:PrincipalOrgID", "o-a1b2c3d4e5"));
    samples.put(PolicyStatement.class, statement);
    samples.put(PolicyStatement.Builder.class, PolicyStatement.allow());
    samples.put(RepositoryPolicy.class, RepositoryPolicy.of(statement));
    samples.put(RepositoryPolicy.Builder.class, RepositoryPolicy.builder());
    samples.put(RegistryPolicy.class, RegistryPolicy.of(statement));
    samples.put(RegistryPolicy.Builder.class, RegistryPolicy.builder());

    samples.put(AccountSettingValue.class, BlobMounting.values()[0]);
    samples.put(AccountSetting.class, AccountSetting.of(BlobMounting.values()[0]));
    samples.put(EncryptionConfiguration.class, EncryptionConfiguration.aes256());
    samples.put(
        ImageTagMutabilityExclusionFilter.class, ImageTagMutabilityExclusionFilter.wildcard("v*"));
    samples.put(PullThroughCacheRule.Builder.class, PullThroughCacheRule.ecrPublic("ecr-public"));
    samples.put(PullThroughCacheRule.class, PullThroughCacheRule.ecrPublic("ecr-public").build());
    samples.put(
        RepositoryCreationTemplate.Builder.class, RepositoryCreationTemplate.builder("web"));
    samples.put(
        RepositoryCreationTemplate.class,
        RepositoryCreationTemplate.builder("web")
            .appliedFor(RepositoryCreationScenario.values()[0])
            .build());
    samples.put(RepositorySettings.Builder.class, RepositorySettings.builder("web"));
    samples.put(RepositorySettings.class, RepositorySettings.ecrDefaults("web"));
    samples.put(ResourceTag.class, ResourceTag.of("team", "web"));
    samples.put(ResourceTags.class, ResourceTags.of("team", "web"));
    samples.put(ScanningConfiguration.class, ScanningConfiguration.basic());
    samples.put(ScanningRepositoryFilter.class, ScanningRepositoryFilter.wildcard("*"));
    samples.put(ScanningRule.class, ScanningRule.of(ScanFrequency.values()[0], "*"));
    samples.put(TagMutability.class, TagMutability.mutable());
    samples.put(
        LifecyclePolicy.class, LifecyclePolicy.builder().untagged().expireAfterDays(14).build());
    return samples;
  }

  static Stream<Class<?>> publicTypes() throws IOException, URISyntaxException {
    Path classes =
        Path.of(
            ReplicationConfiguration.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    List<Class<?>> types = new ArrayList<>();
    for (String packageName : PACKAGES) {
      try (Stream<Path> files = Files.list(classes.resolve(packageName.replace('.', '/')))) {
        for (Path file : files.sorted().toList()) {
          String fileName = file.getFileName().toString();
          if (!fileName.endsWith(".class") || fileName.equals("package-info.class")) {
            continue;
          }
          String className = packageName + "." + fileName.substring(0, fileName.length() - 6);
          Class<?> type = load(className);
          if (isPublicApi(type)) {
            types.add(type);
          }
        }
      }
    }
    return types.stream();
  }

  private static Class<?> load(String className) {
    try {
      return Class.forName(className, false, NullArgumentsTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isPublicApi(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  @ParameterizedTest
  @MethodSource("publicTypes")
  void nullArgumentsNamed(Class<?> type) {
    List<String> failures = new ArrayList<>();
    for (Constructor<?> constructor : type.getConstructors()) {
      check(constructor, null, failures);
    }
    for (Method method : type.getDeclaredMethods()) {
      if (!Modifier.isPublic(method.getModifiers())
          || method.isSynthetic()
          || method.isBridge()
          || isExempt(type, method)) {
        continue;
      }
      boolean isStatic = Modifier.isStatic(method.getModifiers());
      Object receiver = isStatic ? null : receiver(type);
      if (!isStatic && receiver == null) {
        if (hasCheckedParameter(method)) {
          failures.add("no sample instance of " + type.getName() + " to call " + method);
        }
        continue;
      }
      check(method, receiver, failures);
    }

    assertThat(failures).isEmpty();
  }

  /** Returns true for {@code equals}, which accepts null, and the generated methods of enums. */
  private static boolean isExempt(Class<?> type, Method method) {
    String name = method.getName();
    if (name.equals("equals") && method.getParameterCount() == 1) {
      return true;
    }
    return type.isEnum() && (name.equals("valueOf") || name.equals("values"));
  }

  private static @Nullable Object receiver(Class<?> type) {
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    return SAMPLES.get(type);
  }

  private static boolean hasCheckedParameter(Executable executable) {
    for (Parameter parameter : executable.getParameters()) {
      if (isChecked(parameter)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isChecked(Parameter parameter) {
    return !parameter.getType().isPrimitive()
        && !parameter.getAnnotatedType().isAnnotationPresent(Nullable.class);
  }

  private static void check(Executable executable, @Nullable Object receiver, List<String> out) {
    Parameter[] parameters = executable.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      if (!isChecked(parameters[i])) {
        continue;
      }
      Object[] arguments = defaults(parameters);
      arguments[i] = null;
      expectNamedNullPointer(executable, receiver, arguments, "null for parameter " + i, out);

      Class<?> type = parameters[i].getType();
      if (type.isArray() && !type.getComponentType().isPrimitive()) {
        arguments[i] = Array.newInstance(type.getComponentType(), 1);
        expectNamedNullPointer(
            executable, receiver, arguments, "null element in parameter " + i, out);
      } else if (type == List.class || type == Collection.class) {
        arguments[i] = Arrays.asList((Object) null);
        expectNamedNullPointer(
            executable, receiver, arguments, "null element in parameter " + i, out);
      }
    }
  }

  private static void expectNamedNullPointer(
      Executable executable,
      @Nullable Object receiver,
      Object[] arguments,
      String what,
      List<String> out) {
    Throwable thrown = null;
    try {
      if (executable instanceof Method method) {
        method.invoke(receiver, arguments);
      } else {
        ((Constructor<?>) executable).newInstance(arguments);
      }
    } catch (InvocationTargetException e) {
      thrown = e.getCause();
    } catch (ReflectiveOperationException e) {
      out.add(executable + " could not be called: " + e);
      return;
    }
    if (!(thrown instanceof NullPointerException)) {
      out.add(executable + " with " + what + ": expected a NullPointerException, got " + thrown);
      return;
    }
    String message = thrown.getMessage();
    if (message == null || !NAMED.matcher(message).matches()) {
      out.add(executable + " with " + what + ": the message does not name it: " + message);
    }
  }

  private static Object[] defaults(Parameter[] parameters) {
    Object[] values = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      values[i] = sampleValue(parameters[i].getType());
    }
    return values;
  }

  private static @Nullable Object sampleValue(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == Boolean.class) {
      return Boolean.FALSE;
    }
    if (type == String.class) {
      return "x";
    }
    if (type == List.class || type == Collection.class) {
      return List.of();
    }
    if (type == Set.class) {
      return Set.of();
    }
    if (type == Map.class) {
      return Map.of();
    }
    if (type.isArray()) {
      return Array.newInstance(type.getComponentType(), 0);
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    Object sample = SAMPLES.get(type);
    if (sample == null) {
      throw new IllegalStateException("no sample value of " + type.getName());
    }
    return sample;
  }
}
