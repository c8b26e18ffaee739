package dev.ecr4j.policy.iam;

/** The {@code Effect} of a policy statement. */
public enum Effect {
  ALLOW("Allow"),
  DENY("Deny");

  private final String json;

  Effect(String json) {
    this.json = json;
  }

  /** Returns the value as written in policy JSON. */
  public String json() {
    return json;
  }
}
