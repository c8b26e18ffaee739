/**
 * The implementation of the client's resilience layers and of the mapping of AWS SDK exceptions.
 * Not an API: the module descriptor does not export this package.
 */
@NullMarked
package dev.ecr4j.core.internal;

import org.jspecify.annotations.NullMarked;
