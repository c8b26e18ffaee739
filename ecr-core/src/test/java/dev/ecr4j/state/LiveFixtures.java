package dev.ecr4j.state;

import dev.ecr4j.core.Encryption;
import dev.ecr4j.core.Repository;
import dev.ecr4j.core.TagMutability;
import java.time.Instant;
import java.util.List;

/** Builds live registry snapshots by hand, for planner tests without a server. */
final class LiveFixtures {

  static final String ACCOUNT = "123456789012";

  private LiveFixtures() {}

  /** Returns a repository as DescribeRepositories would: mutable, no scan on push, AES256. */
  static Repository repository(String name) {
    return repository(name, TagMutability.MUTABLE, Encryption.AES256);
  }

  static Repository repository(String name, TagMutability mutability, Encryption encryption) {
    return new Repository(
        name,
        "arn:aws:ecr:us-east-1:" + ACCOUNT + ":repository/" + name,
        ACCOUNT,
        ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/" + name,
        Instant.parse("2026-01-01T00:00:00Z"),
        mutability,
        List.of(),
        false,
        encryption);
  }

  /** Returns an empty snapshot of the test registry. */
  static LiveRegistry live() {
    return new LiveRegistry("us-east-1", ACCOUNT);
  }
}
