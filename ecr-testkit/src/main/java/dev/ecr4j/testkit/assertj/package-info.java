/**
 * AssertJ assertions on repositories and images, read through the SDK's {@code EcrClient}
 * (DescribeRepositories, DescribeImages, DescribeImageReplicationStatus), so they hold against any
 * backend and whatever changed the registry: a lifecycle run, replication, or the code under test.
 * AssertJ is an optional dependency of the testkit. Start at {@link
 * dev.ecr4j.testkit.assertj.EcrAssertions}.
 */
@NullMarked
package dev.ecr4j.testkit.assertj;

import org.jspecify.annotations.NullMarked;
