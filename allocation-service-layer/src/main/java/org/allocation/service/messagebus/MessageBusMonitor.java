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

    /** A monitor that ignores everything: for a bus that nobody watches. */
    MessageBusMonitor NONE = new MessageBusMonitor() {
        @Override
        public void handled(Class<?> messageType, Duration took, Outcome outcome) {
        }

        @Override
        public void retried(Class<?> messageType) {
        }
    };

    /**
     * One message was handled: a command, or one handler of an event.
     *
     * @param messageType the command's or event's class
     * @param took        from the first attempt to the end of the last, retries included
     * @param outcome     how it ended
     */
    void handled(Class<?> messageType, Duration took, Outcome outcome);

    /**
     * A handler of this message type lost a race and is run again.
     *
     * @param messageType the command's or event's class
     */
    void retried(Class<?> messageType);
}
