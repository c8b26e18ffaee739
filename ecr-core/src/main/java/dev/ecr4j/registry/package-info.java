/**
 * The registry client: push, pull and copy images over the OCI Distribution API, against ECR, ECR
 * Public, or any OCI registry with Basic or Bearer token authentication. It reads and writes images
 * through {@code dev.ecr4j.oci}'s sources and sinks.
 */
@NullMarked
package dev.ecr4j.registry;

import org.jspecify.annotations.NullMarked;
