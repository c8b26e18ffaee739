package dev.ecr4j.state;

/** Mode in which a specification manages one setting of the live registry. */
public enum Ownership {
  /** The specification sets the value, and a plan changes the live value to match it. */
  MANAGED,
  /** The specification omits the setting, so a plan never reads or changes it. */
  UNMANAGED,
  /** The setting must not exist, so a plan deletes it when it does. */
  ABSENT
}
