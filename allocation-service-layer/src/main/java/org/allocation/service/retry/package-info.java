/**
 * Retrying: one {@link org.allocation.service.retry.Backoff} value (first pause, cap, jitter) per kind of failure
 * waited out, and the {@link org.allocation.service.retry.Sleeper} that waits. The loops that use them are
 * {@link org.allocation.service.messagebus.RetryPolicy} (a lost race, in the bus) and, in the processes, the
 * consumer's storage retry, its rounds of the bus's retries, its stream reader and the outbox relay.
 */
package org.allocation.service.retry;
