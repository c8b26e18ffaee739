/**
 * An in-process Amazon ECR emulator for integration tests: {@link
 * dev.ecr4j.testkit.emulator.EcrEmulator} serves ECR's and ECR Public's control planes on
 * 127.0.0.1, checks SigV4 signatures against configured credentials, and keeps several accounts and
 * regions apart.
 */
@NullMarked
package dev.ecr4j.testkit.emulator;

import org.jspecify.annotations.NullMarked;
