package org.allocation.service.messagebus;

import java.time.Duration;

/**
 * What the bus tells whoever watches it (metrics, in production): how long each message took and how it
 * ended, and each retry after a lost optimistic-concurrency race. Called on the handling thread, so an
 * implementation must be quick and thread-safe; {@link #NONE} ignores everything.
 */
public interface MessageBusMonitor {

    /** How the handling of one message (a command, or one handler of an event) ended. */
    enum Outcome {
        /** Handled and committed. */
        SUCCESS,
        /** An identified message handled before: nothing was done ({@link MessageBus#handleOnce}). */
        DUPLICATE,
        /** Failed: the exception reached the caller (a command) or was logged (an event handler). */
        FAILURE
    }

    MessageBusMonitor NONE = new MessageBusMonitor() {
        @Override
        public void handled(Class<?> messageType, Duration took, Outcome outcome) {
        }

        @Override
        public void retried(Class<?> messageType) {
        }
    };

    /** @param took from the first attempt to the end of the last, retries included */
    void handled(Class<?> messageType, Duration took, Outcome outcome);

    /** A handler of this message type lost a race and is run again. */
    void retried(Class<?> messageType);
}
