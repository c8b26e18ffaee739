/**
 * Registry authorization: parsing of ECR registry hosts in every partition, and the provider of the
 * registry's Basic credentials from {@code GetAuthorizationToken}, cached and refreshed ahead of
 * expiry.
 */
@NullMarked
package dev.ecr4j.core.auth;

import org.jspecify.annotations.NullMarked;
