/**
 * Policy-as-code for one ECR registry (an account in a region): a {@link
 * dev.ecr4j.state.RegistrySpec} declares the desired repositories and registry settings, {@link
 * dev.ecr4j.state.StateEngine#plan(RegistrySpec)} compares it with the live registry, and {@link
 * dev.ecr4j.state.StateEngine#apply(Plan, ApplyOptions)} makes the changes in dependency order.
 * {@link dev.ecr4j.state.SpecFiles} reads and writes specifications as YAML, JSON or Java source.
 */
@NullMarked
package dev.ecr4j.state;

import org.jspecify.annotations.NullMarked;
