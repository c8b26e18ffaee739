/**
 * Settings and events of the client's resilience layers: the AWS SDK's retries for single calls,
 * rate limiters per account, region and API, a circuit breaker per endpoint, and one deadline per
 * call.
 */
@NullMarked
package dev.ecr4j.core.retry;

import org.jspecify.annotations.NullMarked;
