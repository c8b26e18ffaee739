package dev.ecr4j.testkit.emulator.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One awsJson 1.1 service the emulator serves: its model, its SigV4 signing name, and the
 * operations it implements.
 */
final class ControlPlane {

  private final ServiceModel model;
  private final String signingName;
  private final Map<String, Operation> operations;
  private final boolean publicRegistry;

  private ControlPlane(
      ServiceModel model,
      String signingName,
      Map<String, Operation> operations,
      boolean publicRegistry) {
    this.model = model;
    this.signingName = signingName;
    this.operations = Map.copyOf(operations);
    this.publicRegistry = publicRegistry;
  }

  /** The parsed models, shared by every emulator of the JVM because they never change. */
  private static final Map<String, ServiceModel> MODELS = new HashMap<>();

  /** The target prefix of ECR's model, {@code metadata.targetPrefix}. */
  static final String ECR_TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921";

  /** The target prefix of ECR Public's model. */
  static final String ECR_PUBLIC_TARGET_PREFIX = "SpencerFrontendService";

  private static final String ECR_MODEL = "ecr-service-model.json";
  private static final String ECR_PUBLIC_MODEL = "ecr-public-service-model.json";

  /** Returns the model resource {@code name}, checking that its target prefix is {@code prefix}. */
  private static ServiceModel requirePrefix(String name, String prefix) {
    ServiceModel model = model(name);
    if (!model.targetPrefix().equals(prefix)) {
      throw new IllegalStateException(
          "The model "
              + name
              + " has the target prefix "
              + model.targetPrefix()
              + ", not "
              + prefix);
    }
    return model;
  }

  /** Returns the model resource {@code name}, parsing it on first use. */
  private static ServiceModel model(String name) {
    synchronized (MODELS) {
      ServiceModel model = MODELS.get(name);
      if (model == null) {
        model = ServiceModel.load(name);
        MODELS.put(name, model);
      }
      return model;
    }
  }

  /**
   * Returns ECR's private control plane. A control plane has no state of its own, so one instance
   * serves every emulator of the JVM. The holder class builds it once, on first use.
   */
  static ControlPlane ecr() {
    return EcrPlane.INSTANCE;
  }

  /** Returns ECR Public's control plane, shared like {@link #ecr()}. */
  static ControlPlane ecrPublic() {
    return EcrPublicPlane.INSTANCE;
  }

  // Each plane has its own holder, so that a request to one never waits for the other to be built.
  private static final class EcrPlane {
    static final ControlPlane INSTANCE = buildEcr();
  }

  private static final class EcrPublicPlane {
    static final ControlPlane INSTANCE = buildEcrPublic();
  }

  private static ControlPlane buildEcr() {
    Map<String, Operation> operations = new HashMap<>();
    RepositoryOperations.register(operations);
    ImageOperations.register(operations);
    LifecycleOperations.register(operations);
    RegistryOperations.register(operations);
    PullThroughCacheOperations.register(operations);
    CreationTemplateOperations.register(operations);
    ImageStatusOperations.register(operations);
    LayerOperations.register(operations);
    return new ControlPlane(requirePrefix(ECR_MODEL, ECR_TARGET_PREFIX), "ecr", operations, false);
  }

  private static ControlPlane buildEcrPublic() {
    Map<String, Operation> operations = new HashMap<>();
    PublicOperations.register(operations);
    return new ControlPlane(
        requirePrefix(ECR_PUBLIC_MODEL, ECR_PUBLIC_TARGET_PREFIX), "ecr-public", operations, true);
  }

  ServiceModel model() {
    return model;
  }

  String signingName() {
    return signingName;
  }

  /** Returns true for ECR Public, whose state is one public registry per account. */
  boolean isPublic() {
    return publicRegistry;
  }

  /** Returns the implementation of {@code operation}, if the emulator has one. */
  Optional<Operation> operation(String operation) {
    return Optional.ofNullable(operations.get(operation));
  }

  /** Returns the names of the operations the emulator implements. */
  Set<String> implemented() {
    return operations.keySet();
  }
}
