package dev.ecr4j.state;

/** How a specification treats one setting of the live registry. */
public enum Ownership {
  /** The specification gives the value; a plan changes the live value to match it. */
  MANAGED,
  /** The specification says nothing; a plan never reads or changes the setting. */
  UNMANAGED,
  /** The setting must not exist; a plan deletes it when it does. */
  ABSENT
}
