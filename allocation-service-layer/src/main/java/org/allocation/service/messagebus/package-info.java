/**
 * The message bus: one handler per command, any number per event, each in a fresh unit of work, retried when
 * it loses an optimistic-concurrency race ({@link org.allocation.service.messagebus.RetryPolicy}).
 */
package org.allocation.service.messagebus;
