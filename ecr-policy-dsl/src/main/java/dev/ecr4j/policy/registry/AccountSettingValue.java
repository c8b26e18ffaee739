package dev.ecr4j.policy.registry;

/** A value of one ECR account setting; each setting has its own enum of values. */
public sealed interface AccountSettingValue
    permits RegistryPolicyScope, BasicScanTypeVersion, BlobMounting {

  /** Returns the setting this value belongs to. */
  AccountSettingName settingName();

  /** Returns the value as ECR's API spells it. */
  String name();
}
