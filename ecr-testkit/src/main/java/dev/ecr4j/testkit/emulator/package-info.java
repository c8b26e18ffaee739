/**
 * An in-process Amazon ECR emulator for integration tests: {@link
 * dev.ecr4j.testkit.emulator.EcrEmulator} serves ECR's and ECR Public's control planes and ECR's
 * registry API on 127.0.0.1, checks SigV4 signatures against configured credentials, and keeps
 * several accounts and regions apart. Tests move its clock to run lifecycle policies and inject
 * {@link dev.ecr4j.testkit.emulator.Fault}s.
 */
@NullMarked
package dev.ecr4j.testkit.emulator;

import org.jspecify.annotations.NullMarked;
