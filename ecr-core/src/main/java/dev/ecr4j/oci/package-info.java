/**
 * The OCI image model and image stores: digests, media types, descriptors, manifests, indexes and
 * configs, and the OCI image layout directory, {@code docker save} and OCI archives, and an image
 * builder. This package does no network I/O; {@code dev.ecr4j.registry} moves images to and from
 * registries.
 */
@NullMarked
package dev.ecr4j.oci;

import org.jspecify.annotations.NullMarked;
