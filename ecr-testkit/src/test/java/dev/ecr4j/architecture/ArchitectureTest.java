package dev.ecr4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the dependency direction between ecr4j's modules and packages. The policy DSL depends on
 * Jackson only, and the core never reaches into the testkit or the command line. Implementation
 * packages stay inside their module, and each module descriptor exports only API packages.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ecr4j");
    assertThat(classes.containPackage("dev.ecr4j.policy.lifecycle")).isTrue();
    assertThat(classes.containPackage("dev.ecr4j.policy.replication")).isTrue();
    assertThat(classes.containPackage("dev.ecr4j.core")).isTrue();
    assertThat(classes.containPackage("dev.ecr4j.state")).isTrue();
  }

  @Test
  void policyDslDependsOnJacksonOnly() {
    classes()
        .that()
        .resideInAPackage("dev.ecr4j.policy..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.ecr4j.policy..",
            "java..",
            "tools.jackson..",
            "org.jspecify.annotations..",
            "com.google.errorprone.annotations..")
        .because("the DSL must be usable from build tools and tests without the AWS SDK")
        .check(classes);
  }

  @Test
  void coreDoesNotDependOnLaterModules() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.ecr4j.core..", "dev.ecr4j.oci..", "dev.ecr4j.registry..", "dev.ecr4j.state..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.ecr4j.testkit..", "dev.ecr4j.cli..", "dev.ecr4j.examples..")
        .check(classes);
  }

  @Test
  void stateDependsOnCoreAndPolicyOnly() {
    classes()
        .that()
        .resideInAPackage("dev.ecr4j.state..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.ecr4j.state..",
            "dev.ecr4j.core..",
            "dev.ecr4j.policy..",
            "java..",
            "javax.annotation..",
            "tools.jackson..",
            "org.slf4j..",
            "org.jspecify.annotations..",
            "software.amazon.awssdk..")
        .because("policy-as-code is built on the client and the DSL, not on the registry client")
        .check(classes);
  }

  @Test
  void coreDoesNotDependOnState() {
    noClasses()
        .that()
        .resideInAPackage("dev.ecr4j.core..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ecr4j.state..")
        .because("the client must stay usable without policy-as-code")
        .check(classes);
  }

  @Test
  void testkitDoesNotDependOnCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("dev.ecr4j.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.ecr4j.cli..", "dev.ecr4j.examples..")
        .check(classes);
  }

  @Test
  void testcontainersOnlyInLocalStackPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ecr4j.testkit.localstack..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.testcontainers..")
        .because("Testcontainers is optional, so only the LocalStack backend may load it")
        .check(classes);
  }

  @Test
  void assertjOnlyInAssertionsPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ecr4j.testkit.assertj..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.assertj..")
        .because("AssertJ is optional, so only the assertions may load it")
        .check(classes);
  }

  @Test
  void junitOnlyInExtensionPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ecr4j.testkit.junit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.junit..")
        .because("applications such as the command line use the emulator without JUnit")
        .check(classes);
  }

  @Test
  void policyInternalsStayInTheDsl() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ecr4j.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ecr4j.policy.internal..")
        .check(classes);
  }

  @Test
  void ociIndependentOfRegistryClient() {
    noClasses()
        .that()
        .resideInAPackage("dev.ecr4j.oci..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.ecr4j.registry..", "dev.ecr4j.core..", "okhttp3..")
        .because("the image model and local image stores work without a network client")
        .check(classes);
  }

  @Test
  void policyPackagesAreFreeOfCycles() {
    slices().matching("dev.ecr4j.policy.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void moduleDescriptorsExportOnlyApiPackages() throws IOException {
    Map<String, Set<String>> exports = new HashMap<>();
    Enumeration<URL> descriptors =
        ArchitectureTest.class.getClassLoader().getResources("module-info.class");
    while (descriptors.hasMoreElements()) {
      try (InputStream in = descriptors.nextElement().openStream()) {
        ModuleDescriptor descriptor = ModuleDescriptor.read(in);
        if (descriptor.name().startsWith("dev.ecr4j")) {
          Set<String> packages = new TreeSet<>();
          descriptor.exports().forEach(export -> packages.add(export.source()));
          exports.put(descriptor.name(), packages);
        }
      }
    }

    assertThat(exports)
        .containsEntry(
            "dev.ecr4j.policy",
            Set.of(
                "dev.ecr4j.policy",
                "dev.ecr4j.policy.lifecycle",
                "dev.ecr4j.policy.replication",
                "dev.ecr4j.policy.iam",
                "dev.ecr4j.policy.registry"))
        .containsEntry(
            "dev.ecr4j.core",
            Set.of(
                "dev.ecr4j.core",
                "dev.ecr4j.core.auth",
                "dev.ecr4j.core.retry",
                "dev.ecr4j.oci",
                "dev.ecr4j.registry",
                "dev.ecr4j.state"))
        .containsEntry(
            "dev.ecr4j.testkit",
            Set.of(
                "dev.ecr4j.testkit",
                "dev.ecr4j.testkit.emulator",
                "dev.ecr4j.testkit.junit",
                "dev.ecr4j.testkit.localstack",
                "dev.ecr4j.testkit.assertj"));
    assertThat(exports.values())
        .allSatisfy(packages -> assertThat(packages).noneMatch(name -> name.contains(".internal")));
  }
}
