package dev.ecr4j.policy.registry;

/** The {@code BASIC_SCAN_TYPE_VERSION} account setting: the scanner behind basic scanning. */
public enum BasicScanTypeVersion implements AccountSettingValue {
  /** The AWS native scanning technology. */
  AWS_NATIVE,
  /** The earlier scanner, based on the open-source Clair project. */
  CLAIR;

  @Override
  public AccountSettingName settingName() {
    return AccountSettingName.BASIC_SCAN_TYPE_VERSION;
  }
}
