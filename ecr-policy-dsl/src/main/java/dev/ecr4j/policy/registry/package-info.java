/**
 * Amazon ECR registry and repository settings as values: the registry scanning configuration,
 * repository creation templates, pull through cache rules, account settings, and the settings of
 * one repository (tag mutability, encryption, tags).
 *
 * <p>Each value renders the JSON of the ECR request that sets it, parses that JSON strictly,
 * reports every reason ECR would reject it with a JSON path and a fix, and compares by meaning: the
 * order of set-like lists and an omitted default do not matter.
 */
@NullMarked
package dev.ecr4j.policy.registry;

import org.jspecify.annotations.NullMarked;
